#!/usr/bin/env python3
"""Writes python-repr.txt: Python's repr(float) of doubles given by their IEEE-754 bits, for PyFloatTest.
Run from the repository root: python3 src/test/resources/pyfloat/make-python-repr.py"""
import random, struct, sys

random.seed(20261202)
vals = []
for _ in range(800):  # any double: random bit patterns
    x = struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0]
    if x == x and abs(x) != float('inf'):
        vals.append(x)
for _ in range(800):  # forecasts, MAEs
    vals.append(random.uniform(0, 20) * random.choice([1, -1]))
for _ in range(300):  # rolling means
    vals.append(sum(random.randint(0, 30) for _ in range(random.randint(1, 30))) / random.randint(1, 30))
for _ in range(300):  # two significant digits, where one digit may also read back
    vals.append(random.randint(1, 99) * 10.0 ** random.randint(-330, 306))
for _ in range(200):  # subnormals
    vals.append(struct.unpack('<d', struct.pack('<Q', random.randint(1, 2 ** 52)))[0])
vals += [5e-324 * k for k in range(1, 40)]
for e in range(-20, 25):
    vals += [10.0 ** e, 9.5 * 10.0 ** e, 0.5 * 10.0 ** e]
with open('src/test/resources/pyfloat/python-repr.txt', 'w') as f:
    f.write('# Python %s: repr(float) of doubles given by their IEEE-754 bits (hex); made by make-python-repr.py\n'
            % sys.version.split()[0])
    for x in vals:
        f.write('%016x %s\n' % (struct.unpack('<Q', struct.pack('<d', x))[0], repr(x)))
