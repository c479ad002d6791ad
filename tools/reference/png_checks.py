#!/usr/bin/env python3
"""Writes the two PNG files of the PNG image-data checks (Tests/DataFiles/):

- interlaced.png: a 5 x 3 RGB image, 8 bits, Adam7-interlaced, written by
  pypng (PyPI `pypng`); its pixel (row r, column c) is (10 r + c, 100 + c, 200 + r),
  so what a reader must return is known;
- goes-on.png: a 2 x 2 grey image whose one zlib stream holds its rows
  (filter 0, values 0, 64, 128, 255) and then 10,000 more zero bytes: data
  that go on past the image, which a reader must refuse.

Run from the repository root: python3 tools/reference/png_checks.py
"""
import os
import struct
import zlib

import png

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TESTS = os.path.join(ROOT, "Tests", "DataFiles")

rows = [[v for c in range(5) for v in (10 * r + c, 100 + c, 200 + r)] for r in range(3)]
with open(os.path.join(TESTS, "interlaced.png"), "wb") as f:
    png.Writer(width=5, height=3, greyscale=False, bitdepth=8, interlace=True).write(f, rows)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


raw = bytes([0, 0, 64, 0, 128, 255]) + bytes(10000)
body = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
with open(os.path.join(TESTS, "goes-on.png"), "wb") as f:
    f.write(body)
