#!/usr/bin/env python3
"""Benchmark of barrierfree-ifc.

(a) converting FZK-Haus (target <= 5 s), in process and through the CLI;
(b) a generated IFC4 model with 10,000 doors (1,000 flats of a hall and 9 rooms, space boundaries,
    lining data): converting it vs. ifctester validating it against the bridge's IDS
    (target: conversion <= 3 x ifctester). Both times include opening the file.

Usage: python3 IFCBridge/bench/bench.py [--doors N] [--repeat R] [--fzk PATH]
Prints one line per figure; the generated model is cached in IFCBridge/bench/out/.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BRIDGE = HERE.parent
sys.path.insert(0, str(BRIDGE))
sys.path.insert(0, str(BRIDGE / "tests"))

import ifcopenshell  # noqa: E402

from barrierfree_ifc.convert import Options, convert_model, open_ifc  # noqa: E402

IDS = BRIDGE / "ids" / "barrierfree-din18040-2.ids"


def best(repeat, fn):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), sorted(times)[len(times) // 2], result


def convert(path):
    data, warnings = convert_model(open_ifc(path), Options())
    return data, warnings


def ifctester_validate(path):
    from ifctester import ids
    specs = ids.open(str(IDS))
    model = ifcopenshell.open(str(path))
    specs.validate(model)
    return [(s.name, s.status) for s in specs.specifications]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--doors", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fzk", default=os.environ.get("BARRIERFREE_FZK_IFC", "/work/shared/data/ifc/AC20-FZK-Haus.ifc"))
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"ifcopenshell {ifcopenshell.version}")

    fzk = Path(args.fzk)
    if fzk.is_file():
        low, mid, (data, _) = best(args.repeat, lambda: convert(fzk))
        print(f"(a) FZK-Haus convert in process: best {low:.2f} s, median {mid:.2f} s "
              f"({len(data)} bytes of XML; target <= 5 s: {'ok' if low <= 5 else 'MISSED'})")
        env = dict(os.environ, PYTHONPATH=str(BRIDGE))
        low, mid, _ = best(args.repeat, lambda: subprocess.run(
            [sys.executable, "-m", "barrierfree_ifc", "convert", str(fzk), "-q", "-o", os.devnull],
            env=env, check=True))
        print(f"(a) FZK-Haus convert, CLI with interpreter start: best {low:.2f} s, median {mid:.2f} s")
    else:
        print(f"(a) skipped: {fzk} absent")

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    model_path = out / f"doors-{args.doors}.ifc"
    if not model_path.is_file():
        import modelgen
        start = time.perf_counter()
        modelgen.many_doors_model(args.doors).write(str(model_path))
        print(f"(b) generated {model_path.name} ({model_path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - start:.1f} s")
    low_c, mid_c, (data, warnings) = best(args.repeat, lambda: convert(model_path))
    doors = data.count(b"<door ")
    estimates = data.count(b"bf:estimate clearWidth=")
    print(f"(b) convert {args.doors} doors: best {low_c:.2f} s, median {mid_c:.2f} s "
          f"({doors} doors written, {estimates} estimated, {len(warnings)} warnings)")
    low_t, mid_t, statuses = best(args.repeat, lambda: ifctester_validate(model_path))
    print(f"(b) ifctester, same file, bridge IDS: best {low_t:.2f} s, median {mid_t:.2f} s "
          f"({sum(1 for _, s in statuses if s)}/{len(statuses)} specifications pass)")
    ratio = low_c / low_t if low_t else float("inf")
    print(f"(b) ratio convert / ifctester (best times): {ratio:.2f} "
          f"(target <= 3: {'ok' if ratio <= 3 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
