#!/usr/bin/env bash
# Builds one DocC archive for the whole package: every library module's
# reference pages and the articles of Sources/BarrierFree/BarrierFree.docc,
# under one landing page. Fails when DocC warns (a broken symbol link, an
# undocumented parameter), so that the archive stays clean.
#
#   Scripts/docs.sh                # the archive, in .build/plugins/Swift-DocC/outputs/BarrierFree.doccarchive
#   Scripts/docs.sh --coverage     # and a table of documented symbols per module
#
# Why combined documentation: the facade's own symbol graph holds only its own
# declarations, not those of the modules it re-exports with @_exported, so
# `--target BarrierFree` alone documents the articles and a handful of types.
# swift-docc-plugin's --enable-experimental-combined-documentation builds each
# target's archive in dependency order and merges them (measured with Swift
# 6.3 and swift-docc-plugin 1.5: about a minute on two cores after a build).
# Links between modules' symbols do not resolve in this mode, so a comment
# names a type of another module in code voice (`Portfolio`), not as a link.
set -euo pipefail
cd "$(dirname "$0")/.."

coverage=()
if [ "${1:-}" = "--coverage" ]; then
  coverage=(--experimental-documentation-coverage --coverage-summary-level brief)
fi

# Every library target (not the CLI, the tests or the C system libraries), so
# that a module added to Package.swift is documented without editing this.
targets=()
while IFS= read -r name; do targets+=(--target "$name"); done < <(
  swift package dump-package | python3 -c '
import json, sys
for target in json.load(sys.stdin)["targets"]:
    if target["type"] == "regular":
        print(target["name"])')

log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package generate-documentation --enable-experimental-combined-documentation \
  "${targets[@]}" "${coverage[@]}" 2>&1 | tee "$log"

if grep -q "warning:" "$log"; then
  echo "docs: DocC warned $(grep -c "warning:" "$log") times; fix them (see above)" >&2
  exit 1
fi
