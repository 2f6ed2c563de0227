#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (with LeakSanitizer). Leaks that
# Foundation's Process and the XCTest runner leave at exit are suppressed, and
# the false reports on the rules' example elements (below); any other report
# fails the run. Slow (a separate build): not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
suppressions=$(mktemp)
trap 'rm -f "$suppressions"' EXIT
# The rules' example elements (Sample.fixture) are reported as leaked,
# although a test global holds them until exit: 110 arrays of 160 bytes,
# each inside an `Element` enum. The likely cause is that Swift keeps a
# multi-payload enum's case in spare bits of a pointer in its payload, which
# LeakSanitizer then does not recognise (a small standalone program did not
# reproduce it). Nothing else of ours is reported.
printf 'leak:libFoundation.so\nleak:libXCTest.so\nleak:BarrierFreeRules6SampleO\n' > "$suppressions"
LSAN_OPTIONS="suppressions=$suppressions" \
  swift test --scratch-path .build-asan -Xswiftc -sanitize=address "$@"
