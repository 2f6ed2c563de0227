#!/usr/bin/env bash
# Measures the streaming reader on generated portfolios of two sizes: read
# throughput (MB/s of XML validated into the typed model) and peak RSS. The
# point of two sizes: peak RSS must not grow with the file.
#
#   Benchmarks/measure-reader.sh [BUILDINGS_SMALL] [BUILDINGS_LARGE]
#
# Defaults: 5,800 buildings (about 32,000 flats, 175 MB) and 23,200 (about
# 130,000 flats, 700 MB). Uses a release build; files go to a temporary
# folder that is removed afterwards. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
small=${1:-5800}
large=${2:-23200}
echo "building the release binary (swift build -c release)..." >&2
swift build -c release --product barrierfree >/dev/null
tool=.build/release/barrierfree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-10s %-9s %-9s %-8s %-9s %-8s %s\n' buildings flats MB seconds "MB/s" "RSS MB" "held at once"
for buildings in "$small" "$large"; do
  file="$work/p$buildings.xml"
  "$tool" generate --buildings "$buildings" --seed 1 --output "$file"
  bytes=$(stat -c %s "$file")
  # Warm the page cache so that the figure is parsing, not the disk.
  cat "$file" > /dev/null
  /usr/bin/time -f '%e %M' -o "$work/time" "$tool" validate --statistics "$file" \
    > "$work/out" 2> "$work/err"
  read -r seconds rss_kb < "$work/time"
  flats=$(sed -E 's/.* ([0-9]+) flats?,.*/\1/' "$work/out")
  held=$(sed -nE 's/.*at most ([0-9]+) buildings held.*/\1/p' "$work/err")
  awk -v b="$buildings" -v f="$flats" -v bytes="$bytes" -v s="$seconds" -v r="$rss_kb" -v h="$held" \
    'BEGIN { printf "%-10d %-9d %-9.1f %-8.2f %-9.1f %-8.1f %s\n", b, f, bytes/1e6, s, bytes/1e6/s, r/1024, h }'
done

# The billion-laughs sample must be refused at once.
/usr/bin/time -f '%e' -o "$work/time" "$tool" validate Samples/invalid/billion-laughs.xml \
  > /dev/null 2>&1 || true
echo "billion laughs refused in $(tail -n 1 "$work/time") s"
