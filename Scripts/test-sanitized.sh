#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (with LeakSanitizer). Leaks that
# Foundation's Process and the XCTest runner leave at exit are suppressed;
# any other report fails the run. Slow (a separate build): not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
suppressions=$(mktemp)
trap 'rm -f "$suppressions"' EXIT
printf 'leak:libFoundation.so\nleak:libXCTest.so\n' > "$suppressions"
LSAN_OPTIONS="suppressions=$suppressions" \
  swift test --scratch-path .build-asan -Xswiftc -sanitize=address "$@"
