#!/usr/bin/env bash
# Measures BarrierFree against the limit: libxml2's xmlTextReader visiting
# every element and attribute (Benchmarks/c/reader-baseline.c, -O2), on the
# same generated file in the same run. Prints MB/s, flats/s and peak RSS for
# each stage, and each stage's speed as a share of the C program's.
#
#   Benchmarks/compare.sh [BUILDINGS] [RUNS]
#
# BUILDINGS (default 3000, about 46 MB) sets the file; each figure is the
# best of RUNS runs (default 3), because this machine is shared and noisy.
# Needs gcc, pkg-config, libxml2-dev and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
buildings=${1:-3000}
runs=${2:-3}
swift build -c release --product barrierfree >/dev/null
tool=.build/release/barrierfree
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046
gcc -O2 -o "$work/reader-baseline" Benchmarks/c/reader-baseline.c \
  $(pkg-config --cflags --libs libxml-2.0)
file="$work/portfolio.xml"
"$tool" generate --buildings "$buildings" --seed 1 --output "$file"
bytes=$(stat -c %s "$file")
flats=$("$tool" validate "$file" | sed -E 's/.* ([0-9]+) flats.*/\1/')
cat "$file" > /dev/null # warm the page cache: the figures are parsing, not the disk
cores=$(nproc)

# best SECONDS and its peak RSS (KB) of RUNS runs of a command
measure() {
  local best="" rss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/err" || true
    read -r seconds kb < <(tail -n 1 "$work/time")
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
      rss=$kb
    fi
  done
  echo "$best $rss"
}

printf 'file: %d buildings, %d flats, %.1f MB; %d cores; best of %d runs\n' \
  "$buildings" "$flats" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$cores" "$runs"
printf '%-44s %8s %8s %10s %8s %7s\n' stage seconds "MB/s" "flats/s" "RSS MB" "% of C"
read -r c_seconds c_rss < <(measure "$work/reader-baseline" "$file")
row() {
  local name=$1 seconds=$2 rss=$3
  awk -v n="$name" -v s="$seconds" -v r="$rss" -v b="$bytes" -v f="$flats" -v c="$c_seconds" \
    'BEGIN { printf "%-44s %8.2f %8.1f %10.0f %8.1f %6.0f%%\n", n, s, b/1e6/s, f/s, r/1024, 100*c/s }'
}
row "C xmlTextReader, every element and attribute" "$c_seconds" "$c_rss"
read -r s r < <(measure "$tool" validate --jobs 1 "$file"); row "read into the model, validated, 1 parser" "$s" "$r"
read -r s r < <(measure "$tool" validate --jobs "$cores" "$file")
row "read into the model, validated, $cores parsers" "$s" "$r"
read -r s r < <(measure "$tool" check -q --jobs 1 "$file"); row "read + assess, 1 job (check -q)" "$s" "$r"
read -r s1 r < <(measure "$tool" check -q --jobs "$cores" "$file")
row "read + assess, $cores jobs" "$s1" "$r"
read -r j1 r < <(measure "$tool" check --format json --jobs 1 -o /dev/null "$file")
row "check --format json, 1 job" "$j1" "$r"
read -r jn r < <(measure "$tool" check --format json --jobs "$cores" -o /dev/null "$file")
row "check --format json, $cores jobs" "$jn" "$r"
awk -v a="$j1" -v b="$jn" -v c="$cores" \
  'BEGIN { printf "speed-up of check --format json on %d cores over 1: %.2fx\n", c, a/b }'
