#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer (with LeakSanitizer), then under
# UndefinedBehaviorSanitizer, each in a build folder of its own.
# Usage: Scripts/test-sanitized.sh [address|undefined|all] [swift test options]
# Leaks that Foundation's Process and the XCTest runner leave at exit are
# suppressed, and the false reports on the rules' example elements (below);
# any other report fails the run. Slow (two separate builds): not part of CI.
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
mode=${1:-all}
case "$mode" in
  address | undefined | all) shift $(( $# > 0 ? 1 : 0 )) ;;
  *) mode=all ;;
esac
if [ "$mode" = address ] || [ "$mode" = all ]; then
  echo "sanitized: address"
  LSAN_OPTIONS="suppressions=$suppressions" \
    swift test --scratch-path .build-asan -Xswiftc -sanitize=address "$@"
fi
if [ "$mode" = undefined ] || [ "$mode" = all ]; then
  echo "sanitized: undefined"
  probe=$(mktemp -d)
  echo 'let x = 1' > "$probe/probe.swift"
  if swiftc -sanitize=undefined -typecheck "$probe/probe.swift" 2>/dev/null; then
    # UBSan reports go to stderr and do not stop the process by default:
    # halt_on_error turns the first one into a failing run.
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
      swift test --scratch-path .build-ubsan -Xswiftc -sanitize=undefined "$@"
  else
    # Swift 6.3 on Linux refuses the option for Swift code ("unsupported
    # option '-sanitize=undefined'"). Swift checks overflow, bounds and
    # unwrapping itself in every build; the only C is libxml2 and zlib, used
    # as the system builds them.
    echo "skipped: this toolchain does not support -sanitize=undefined for Swift targets"
  fi
  rm -rf "$probe"
fi
