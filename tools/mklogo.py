#!/usr/bin/env python3
# mklogo.py: writes data/logo-example.png, the example brand's logo, with
# the standard library only (zlib, struct).  It is deliberately a 16-bit
# RGBA PNG with soft (partly transparent) edges, the two things libharu
# 2.3.0 mishandles, so that image.c's flattening onto white is exercised
# whenever the example brand is used.  The mark: an accent-coloured ring
# round a filled dot, on a transparent square.  Deterministic output.
import math, struct, sys, zlib

SIZE = 96
ACCENT = (0x1F, 0x6F, 0xB2)          # the example brand's accent, #1F6FB2
DOT = (0x0F, 0x17, 0x2A)             # near-black


def coverage(d, r0, r1):
    """Anti-aliased coverage of the annulus r0 <= d <= r1 (1px ramps)."""
    a = min(max(d - r0 + 0.5, 0.0), 1.0)
    b = min(max(r1 - d + 0.5, 0.0), 1.0)
    return min(a, b)


def pixel(x, y):
    c = (SIZE - 1) / 2.0
    d = math.hypot(x - c, y - c)
    ring = coverage(d, 30.0, 44.0)
    dot = coverage(d, -1.0, 16.0)
    if dot > 0:
        rgb, a = DOT, dot
    else:
        rgb, a = ACCENT, ring
    a16 = int(round(a * 65535))
    return [v * 257 for v in rgb] + [a16]


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def main(out):
    raw = bytearray()
    for y in range(SIZE):
        raw.append(0)                          # filter: none
        for x in range(SIZE):
            raw += struct.pack(">4H", *pixel(x, y))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 16, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    with open(out, "wb") as f:
        f.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/logo-example.png")
