#!/usr/bin/env bash
# The inventory at scale: check --format sqlite (every flat, its fails and
# unknowns) and inventory add, against check --format json --findings open on
# the same generated portfolio, in turns; then a query by class over all the
# flats of the database. Wall and user time and peak RSS (GNU time).
#
#   Benchmarks/sqlite-vs-json.sh [BUILDINGS] [ROUNDS] [FILE]
#
# BUILDINGS (default 1000; the issue's figure is 20000), or an existing
# portfolio FILE (then BUILDINGS is only its label). The query figure needs
# 500,000 flats: Benchmarks/sqlite-vs-json.sh 20000 1 adds the file's 111,292
# flats five times over (five surveys) before it asks.
set -eu  # no pipefail: check exits 1 when something fails
cd "$(dirname "$0")/.."
buildings=${1:-1000}
rounds=${2:-1}
swift build -c release --product barrierfree >/dev/null
tool=.build/release/barrierfree
work=$(mktemp -d "${TMPDIR:-/tmp}/bf-sqlite.XXXXXX")
trap 'rm -rf "$work"' EXIT
file=${3:-}
if [ -z "$file" ]; then
  file="$work/portfolio.xml"
  "$tool" generate --buildings "$buildings" --seed 1 --output "$file"
fi
cat "$file" >/dev/null
for _ in $(seq "$rounds"); do
  /usr/bin/time -f "check --format json --findings open: %e s, %U s user, %M KB" \
    "$tool" check "$file" --format json --findings open -o "$work/r.json" 2>&1 | tail -1
  rm -f "$work/r.sqlite"
  /usr/bin/time -f "check --format sqlite: %e s, %U s user, %M KB" \
    "$tool" check "$file" --format sqlite -o "$work/r.sqlite" 2>&1 | tail -1
  rm -f "$work/inv.sqlite"*
  /usr/bin/time -f "inventory add: %e s, %U s user, %M KB" \
    "$tool" inventory add "$file" --db "$work/inv.sqlite" 2>&1 | tail -1
done
ls -l "$work/r.json" "$work/r.sqlite" "$work/inv.sqlite" | awk '{print $5, $9}'
for _ in 2 3 4 5; do "$tool" inventory add "$file" --db "$work/inv.sqlite" >/dev/null; done
sqlite3 "$work/inv.sqlite" 'select count(*) || " flats in " || count(distinct survey_id) || " surveys" from flats'
for survey in 1 5; do
  /usr/bin/time -f "query --survey $survey --class wheelchair --count: %e s, %M KB" \
    "$tool" query --db "$work/inv.sqlite" --survey "$survey" --class wheelchair --count 2>&1 | tail -2
  /usr/bin/time -f "query --survey $survey --class barrierFree (listed): %e s, %M KB" \
    "$tool" query --db "$work/inv.sqlite" --survey "$survey" --class barrierFree -o "$work/q.txt" 2>&1 | tail -1
done
/usr/bin/time -f "flats_per_class over every survey (sqlite3): %e s, %M KB" \
  sqlite3 "$work/inv.sqlite" 'select * from flats_per_class' 2>&1 | tail -1
