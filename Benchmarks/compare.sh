#!/usr/bin/env bash
# Measures BarrierFree against the limit: libxml2's xmlTextReader visiting
# every element and attribute (Benchmarks/c/reader-baseline.c, -O2), on the
# same generated file in the same run. Prints MB/s, flats/s and peak RSS for
# each stage, and each stage's speed as a share of the C program's.
#
#   Benchmarks/compare.sh [BUILDINGS] [RUNS]
#
# BUILDINGS (default 3000, about 91 MB: a generated building is about
# 30 KB) sets the file; each figure is the median of RUNS rounds (default
# 3), each of which runs every stage once, in turn, because this machine is
# shared and noisy: a slow minute slows one round of every stage. A stage that fails (an exit code other than 0, or 1 for a check
# that found fails) stops the script with its error output.
# Needs gcc, pkg-config, libxml2-dev and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
buildings=${1:-3000}
runs=${2:-3}
if ! [[ "$buildings" =~ ^[1-9][0-9]*$ && "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: Benchmarks/compare.sh [BUILDINGS >= 1] [RUNS >= 1]" >&2
  exit 2
fi
echo "building the release binary (swift build -c release)..." >&2
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
flats=$("$tool" validate "$file" | sed -E 's/.* ([0-9]+) flats?,.*/\1/')
cat "$file" > /dev/null # warm the page cache: the figures are parsing, not the disk
cores=$(nproc)

# The stages, in the order printed: name, then the command.
names=(
  "C xmlTextReader, every element and attribute"
  "read into the model, validated, 1 parser"
  "read into the model, validated, $cores parsers"
  "read + assess, 1 job (check -q)"
  "read + assess, $cores jobs"
  "check --format json, 1 job"
  "check --format json, $cores jobs"
  "check --format json --findings open, $cores jobs"
  "check --format json --json-version 1, $cores jobs"
  "check --format jsonl, $cores jobs"
  "check --format csv --csv findings, $cores jobs"
  "check --format html, $cores jobs"
  "check --format xlsx, $cores jobs"
  "check --format xlsx --findings open, $cores jobs"
)
commands=(
  "$work/reader-baseline $file"
  "$tool validate --jobs 1 $file"
  "$tool validate --jobs $cores $file"
  "$tool check -q --jobs 1 $file"
  "$tool check -q --jobs $cores $file"
  "$tool check --format json --jobs 1 -o /dev/null $file"
  "$tool check --format json --jobs $cores -o /dev/null $file"
  "$tool check --format json --findings open --jobs $cores -o /dev/null $file"
  "$tool check --format json --json-version 1 --jobs $cores -o /dev/null $file"
  "$tool check --format jsonl --jobs $cores -o /dev/null $file"
  "$tool check --format csv --csv findings --jobs $cores -o /dev/null $file"
  "$tool check --format html --jobs $cores -o /dev/null $file"
  "$tool check --format xlsx --jobs $cores -o /dev/null $file"
  "$tool check --format xlsx --findings open --jobs $cores -o /dev/null $file"
)

# Rounds that run every stage in turn, keeping each stage's seconds and
# peak RSS (KB) of every round; the figures are the medians.
declare -A times
declare -A peaks
for round in $(seq "$runs"); do
  for index in "${!commands[@]}"; do
    # shellcheck disable=SC2086
    status=0
    /usr/bin/time -f '%e %M' -o "$work/time" ${commands[$index]} > /dev/null 2> "$work/err" \
      || status=$?
    if [ "$status" -gt 1 ]; then
      echo "'${commands[$index]}' failed with exit code $status:" >&2
      cat "$work/err" >&2
      exit 1
    fi
    read -r seconds kb < <(tail -n 1 "$work/time")
    times[$index,$round]=$seconds
    peaks[$index,$round]=$kb
  done
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best=()
rss=()
for index in "${!commands[@]}"; do
  best[$index]=$(for round in $(seq "$runs"); do echo "${times[$index,$round]}"; done | median)
  rss[$index]=$(for round in $(seq "$runs"); do echo "${peaks[$index,$round]}"; done | median)
done

printf 'file: %d buildings, %d flats, %.1f MB; %d cores; medians of %d rounds\n' \
  "$buildings" "$flats" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$cores" "$runs"
printf '%-50s %8s %8s %10s %8s %7s\n' stage seconds "MB/s" "flats/s" "RSS MB" "% of C"
for index in "${!names[@]}"; do
  awk -v n="${names[$index]}" -v s="${best[$index]}" -v r="${rss[$index]}" -v b="$bytes" \
    -v f="$flats" -v c="${best[0]}" \
    'BEGIN {
      # GNU time counts hundredths: a stage under 0.01 s has no speed.
      if (s > 0 && c > 0) printf "%-50s %8.2f %8.1f %10.0f %8.1f %6.0f%%\n", n, s, b/1e6/s, f/s, r/1024, 100*c/s
      else printf "%-50s %8.2f %8s %10s %8.1f %7s\n", n, s, "-", "-", r/1024, "-"
    }'
done
if awk -v c="${best[0]}" 'BEGIN { exit !(c == 0) }'; then
  echo "the C program took under 0.01 s: give more buildings for ratios" >&2
fi
awk -v a="${best[5]}" -v b="${best[6]}" -v c="$cores" \
  'BEGIN { if (b > 0) printf "speed-up of check --format json on %d cores over 1: %.2fx\n", c, a/b }'
