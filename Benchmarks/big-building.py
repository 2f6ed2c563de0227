#!/usr/bin/env python3
"""Writes one building with N corridor places in a chain (paths between them),
a stair shortcut from the street to the far end, a lift from the middle to an
upper landing, and 20 flats along the chain: a stress test of the route
analysis. Usage: Benchmarks/big-building.py [N] > big.xml (default 10000)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
out.write('<portfolio xmlns="urn:barrierfree:portfolio:1">\n<building id="big">\n')
out.write('<place id="street" kind="publicWay"/>\n')
for i in range(n):
    out.write(f'<place id="c{i}" kind="corridor" width="1500"/>\n')
out.write('<place id="top" kind="landing" level="1"/>\n')
for i in range(n):
    start = "street" if i == 0 else f"c{i - 1}"
    out.write(f'<path id="p{i}" from="{start}" to="c{i}" width="1500" length="5000" '
              'slope="1" crossSlope="1"/>\n')
out.write(f'<steps id="shortcut" from="street" to="c{n - 1}" count="3"/>\n')
out.write('<lift id="lift" cabinWidth="1100" cabinDepth="1400" doorClearWidth="900" '
          f'controlHeight="1000"><stop place="c{n // 2}"/><stop place="top"/></lift>\n')
for k in range(20):
    target = "top" if k % 2 else f"c{(k * 499) % n}"
    out.write(f'<flat id="f{k}" entrance="{target}"><room id="f{k}-hall" kind="hallway"/>'
              f'<door from="{target}" to="f{k}-hall" clearWidth="900"/></flat>\n')
out.write('</building>\n</portfolio>\n')
