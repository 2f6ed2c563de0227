#!/usr/bin/env python3
"""Runs one command with several binaries in turns and compares their CPU time.

    Benchmarks/cpu-turns.py ROUNDS "ARGS" BINARY...

Each round runs every binary once with ARGS (split on spaces), in turns, so
that a noisy neighbour on the shared machine slows them alike. For each
binary it prints the best and the median user + system CPU time of its
child process and their ratios to the first binary's. CPU time moves less
than wall time when the machine is shared; instruction counts (callgrind)
move least and come first in Benchmarks/README.md.
"""

import os
import statistics
import subprocess
import sys


def main() -> int:
    if len(sys.argv) < 4 or not sys.argv[1].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    rounds, args, binaries = int(sys.argv[1]), sys.argv[2].split(), sys.argv[3:]
    times: dict[str, list[float]] = {binary: [] for binary in binaries}
    for _ in range(rounds):
        for binary in binaries:
            child = subprocess.Popen(
                [binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _, status, usage = os.wait4(child.pid, 0)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                print(f"{binary} {' '.join(args)} failed", file=sys.stderr)
                return 1
            times[binary].append(usage.ru_utime + usage.ru_stime)
    first = times[binaries[0]]
    for binary in binaries:
        best, median = min(times[binary]), statistics.median(times[binary])
        print(
            f"{binary}: best {best:.3f} s ({best / min(first):.3f}), "
            f"median {median:.3f} s ({median / statistics.median(first):.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
