#!/usr/bin/env bash
# match against check -q on the same generated portfolio, in turns, on every core:
# wall and user time and peak RSS (GNU time).
#
#   Benchmarks/match-vs-check.sh [BUILDINGS] [HOUSEHOLDS] [ROUNDS] [QUARTERS]
#
# BUILDINGS (default 1000; the issue's figure is 20000, a 606 MB file), HOUSEHOLDS (default 1000,
# written by Benchmarks/households.py), QUARTERS the share of buildings in quarters (default 0).
# Each round runs check -q, match --no-upgrades and match (with the upgrade planner).
set -eu  # no pipefail: check exits 1 when something fails
cd "$(dirname "$0")/.."
buildings=${1:-1000}
households=${2:-1000}
rounds=${3:-1}
quarters=${4:-0}
swift build -c release --product barrierfree >/dev/null
tool=.build/release/barrierfree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/portfolio.xml"
"$tool" generate --buildings "$buildings" --seed 1 --quarters "$quarters" --output "$file"
python3 Benchmarks/households.py "$households" > "$work/households.xml"
cat "$file" >/dev/null
for _ in $(seq "$rounds"); do
  /usr/bin/time -f "check -q: %e s, %U s user, %M KB" \
    "$tool" check -q "$file" 2>&1 >/dev/null | tail -1
  /usr/bin/time -f "match --no-upgrades: %e s, %U s user, %M KB" \
    "$tool" match "$file" --needs "$work/households.xml" --no-upgrades -o "$work/m.txt" 2>&1 | tail -1
  /usr/bin/time -f "match: %e s, %U s user, %M KB" \
    "$tool" match "$file" --needs "$work/households.xml" -o "$work/m.txt" 2>&1 | tail -1
done
