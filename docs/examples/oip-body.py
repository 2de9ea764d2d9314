#!/usr/bin/env python3
"""Turns a 28 x 28 8-bit grayscale PNG into an Open Inference Protocol (/v2) infer request body.

Usage: python3 docs/examples/oip-body.py IMAGE.png [TIER] > body.json

The values are the image's pixels p, row by row, normalised as the cascade's preprocessing says
(GET /v2/models/{name} lists it under parameters.preprocessing): (p * scale - mean) / std, with the
demo cascade's scale 1/255, mean 0.286 and std 0.353. Only the Python standard library is used.
"""
import json
import struct
import sys
import zlib

SCALE, MEAN, STD = 1 / 255, 0.286, 0.353


def gray_pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if (depth, color, interlace) != (8, 0, 0):
        sys.exit(f"{path} must be an 8-bit grayscale, non-interlaced PNG")
    raw, rows, previous = zlib.decompress(idat), [], [0] * width
    for y in range(height):
        line = raw[y * (width + 1):(y + 1) * (width + 1)]
        kind, row = line[0], list(line[1:])
        for x in range(width):
            left = row[x - 1] if x > 0 else 0
            up, up_left = previous[x], previous[x - 1] if x > 0 else 0
            if kind == 1:
                row[x] = (row[x] + left) & 255
            elif kind == 2:
                row[x] = (row[x] + up) & 255
            elif kind == 3:
                row[x] = (row[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                row[x] = (row[x] + predictor) & 255
        rows.append(row)
        previous = row
    return width, height, [p for row in rows for p in row]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    width, height, pixels = gray_pixels(sys.argv[1])
    tier = sys.argv[2] if len(sys.argv) == 3 else "fast"
    values = [round((p * SCALE - MEAN) / STD, 6) for p in pixels]
    body = {
        "parameters": {"tier": tier},
        "inputs": [{"name": "input", "datatype": "FP32", "shape": [1, 1, height, width], "data": values}],
    }
    json.dump(body, sys.stdout, separators=(",", ":"))
    print()


if __name__ == "__main__":
    main()
