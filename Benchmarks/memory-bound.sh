#!/usr/bin/env bash
# Checks that memory does not grow with the portfolio: peak RSS of
# `check --format json` on a ~10 MB and a ~1 GB generated file (100x larger),
# and the piped run `generate --buildings 20000 | check - --format json`.
#
#   Benchmarks/memory-bound.sh [SMALL_BUILDINGS] [LARGE_BUILDINGS] [JOBS]
#
# Defaults: 340 and 34000 buildings (about 10 MB and 1 GB; a generated
# building is about 30 KB), jobs = cores. Needs about 1 GB of free disk in
# $TMPDIR and GNU time. The large run takes minutes: JSON reports list every
# finding, about ten times the input's size (written to /dev/null). A run
# that fails (an exit code other than 0, or 1 for a check that found fails)
# stops the script with its error output.
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-340}
large=${2:-34000}
jobs=${3:-$(nproc)}
echo "building the release binary (swift build -c release)..." >&2
swift build -c release --product barrierfree >/dev/null
tool=.build/release/barrierfree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # label, then the command; prints seconds and peak RSS
  local label=$1
  shift
  local status=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" 2> "$work/err" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "'$label' failed with exit code $status:" >&2
    cat "$work/err" >&2
    exit 1
  fi
  read -r seconds kb < <(tail -n 1 "$work/time")
  printf '%-52s %9.1f s %9.1f MB\n' "$label" "$seconds" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
  echo "$kb" > "$work/last-rss"
}

for n in "$small" "$large"; do
  "$tool" generate --buildings "$n" --seed 1 --output "$work/p$n.xml"
done
small_mb=$(awk -v b="$(stat -c %s "$work/p$small.xml")" 'BEGIN { printf "%.1f", b / 1e6 }')
large_mb=$(awk -v b="$(stat -c %s "$work/p$large.xml")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "jobs: $jobs"
run "check --format json, $small buildings ($small_mb MB)" \
  "$tool" check "$work/p$small.xml" --format json --jobs "$jobs" -o /dev/null
small_rss=$(cat "$work/last-rss")
run "check --format json, $large buildings ($large_mb MB)" \
  "$tool" check "$work/p$large.xml" --format json --jobs "$jobs" -o /dev/null
large_rss=$(cat "$work/last-rss")
awk -v s="$small_rss" -v l="$large_rss" -v a="$small_mb" -v b="$large_mb" \
  'BEGIN { printf "file %.0fx larger; peak RSS ratio %.2f (bound: under 200 MB and within 1.2x)\n", b / a, l / s }'
rm -f "$work/p$large.xml"
run "generate --buildings 20000 | check - --format json" \
  bash -c "set -o pipefail; '$tool' generate --buildings 20000 --seed 1 | '$tool' check - --format json --jobs $jobs > /dev/null"
