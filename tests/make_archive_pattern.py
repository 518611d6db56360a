#!/usr/bin/python3
"""make_archive_pattern.py: writes N bytes of a known pattern (a test boot archive).

Byte i is (i * 7 + i // 4096) mod 256: every page differs from its neighbours, so a
page copied to the wrong place shows. tests/kernel/archive.c checks the same formula.
"""
import sys

path, size = sys.argv[1], int(sys.argv[2])
with open(path, "wb") as out:
    out.write(bytes((i * 7 + i // 4096) % 256 for i in range(size)))
