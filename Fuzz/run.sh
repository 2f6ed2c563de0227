#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer and runs it on a corpus
# seeded from the repository's files.
# Usage: Fuzz/run.sh [SECONDS] [reader|segmented|profile]   (default 600, reader)
#   reader:  the portfolio reader (FuzzReader), seeded from Samples/
#   segmented: one reader against parallel readers of the file's segments
#            (FuzzSegmented): the same buildings and problems, seeded from
#            Samples/ with LF, CR LF and CR-only line ends
#   profile: the profile reader and the assessment (FuzzProfile), seeded from
#            Profiles/ and Samples/profiles/
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
target=${2:-reader}
case "$target" in
  reader) product=FuzzReader; seeds=(../Samples/*.xml ../Samples/invalid/*.xml); max_len=65536 ;;
  segmented) product=FuzzSegmented; seeds=(../Samples/*.xml ../Samples/invalid/*.xml); max_len=65536 ;;
  profile) product=FuzzProfile; seeds=(../Profiles/*.xml ../Samples/profiles/*.xml); max_len=16384 ;;
  *) echo "unknown target '$target': reader, segmented or profile" >&2; exit 2 ;;
esac
swift build -c release --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$product"
corpus=corpus/$target
mkdir -p "$corpus" findings
cp -n "${seeds[@]}" "$corpus"/ 2>/dev/null || true
if [ "$target" = segmented ]; then
  # The samples also with old-Mac (CR) and Windows (CR LF) line ends: libxml2
  # counts lines by LF, the cutting by every line end.
  for seed in "${seeds[@]}"; do
    name=$(basename "$seed")
    [ -e "$corpus/cr-$name" ] || tr '\n' '\r' <"$seed" >"$corpus/cr-$name"
    [ -e "$corpus/crlf-$name" ] || awk '{ printf "%s\r\n", $0 }' "$seed" >"$corpus/crlf-$name"
  done
fi
".build-fuzz/release/$product" "$corpus" -artifact_prefix="findings/$target-" \
  -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
