#!/usr/bin/env bash
# Builds the libFuzzer target with AddressSanitizer and runs it on a corpus
# seeded from Samples/. Usage: Fuzz/run.sh [SECONDS] (default 600).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
swift build -c release --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product FuzzReader
corpus=corpus/reader
mkdir -p "$corpus" findings
cp -n ../Samples/*.xml ../Samples/invalid/*.xml "$corpus"/ 2>/dev/null || true
.build-fuzz/release/FuzzReader "$corpus" -artifact_prefix=findings/ \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
