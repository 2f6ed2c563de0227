#!/usr/bin/env python3
"""Writes N households of mixed needs (Schemas/needs.xsd) for the match benchmark.

    python3 Benchmarks/households.py 1000 > /tmp/households-1000.xml

Deterministic for a given N and seed: the mix follows a register's applicants
roughly (a tenth wheelchair users, a fifth rollator users, the rest fewer needs).
"""
import random
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
print('<?xml version="1.0" encoding="UTF-8"?>')
print('<households xmlns="urn:barrierfree:needs:1" scheme="london">')
for n in range(1, count + 1):
    kind = rng.random()
    attrs = ''
    needs = []
    if kind < 0.05:
        attrs = ' profile="wheelchair-full-time"'
    elif kind < 0.10:
        attrs = ' category="A"'
    elif kind < 0.15:
        needs.append('<wheelchair use="outdoors"/>')
    elif kind < 0.35:
        needs += ['<walkingAid kind="rollator"/>', '<floorLevelShower/>']
    elif kind < 0.45:
        attrs = ' category="%s"' % rng.choice(['C', 'D', 'E', 'E+'])
    elif kind < 0.60:
        needs.append('<maxSteps count="%d"/>' % rng.choice([0, 3, 6]))
    elif kind < 0.70:
        needs.append('<highestStoreyWithoutLift storey="%d"/>' % rng.choice([0, 1, 2]))
    if rng.random() < 0.3:
        needs.append('<noBath/>')
    if rng.random() < 0.5:
        needs.append('<bedrooms count="%d"/>' % rng.choice([1, 1, 2, 3]))
    if rng.random() < 0.05 and 'walkingAid' not in ''.join(needs):
        needs.append('<carerRoom/>')
    if rng.random() < 0.1:
        needs.append('<near facility="%s" within="%d"/>' % (rng.choice(['cafe', 'careBase']), rng.choice([200, 300, 500])))
    print('  <household id="h%04d"%s>%s</household>' % (n, attrs, ''.join(needs)))
print('</households>')
