#!/usr/bin/env bash
# plan against check --format json on the same generated portfolio, in turns, one core each:
# wall and user time and peak RSS (GNU time).
#
#   Benchmarks/plan-vs-check.sh [BUILDINGS] [ROUNDS]
#
# BUILDINGS (default 2000; the issue's figure is 20000, a 605 MB file) with quarters (0.3);
# the plan asks for 30 % of the flats barrier-free under din18040-2, funding as of 2026-12-06.
set -eu  # no pipefail: check and plan exit 1 when something fails or the goal is not met
cd "$(dirname "$0")/.."
buildings=${1:-2000}
rounds=${2:-1}
swift build -c release --product barrierfree >/dev/null
tool=.build/release/barrierfree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/portfolio.xml"
"$tool" generate --buildings "$buildings" --seed 1 --quarters 0.3 --output "$file"
cat "$file" >/dev/null
for _ in $(seq "$rounds"); do
  /usr/bin/time -f "check --format json: %e s, %U s user, %M KB" \
    "$tool" check --format json --jobs 1 -o /dev/null "$file" 2>&1 >/dev/null | tail -1
  /usr/bin/time -f "plan: %e s, %U s user, %M KB" \
    "$tool" plan "$file" --target barrierFree --share 0.3 --profile din18040-2 \
    --as-of 2026-12-06 -o /dev/null 2>&1 >/dev/null | tail -1
done
