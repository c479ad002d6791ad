#!/usr/bin/env python3
"""Writes the small data files that docs/data.md loads and the tests read,
with the tools that define their formats, and what each must read as:

- tables (.csv, .tsv) written byte by byte here (a BOM, CRLF, quoted
  fields with commas and quotes);
- NumPy's .npy and .npz written by NumPy itself (np.save, np.savez,
  np.savez_compressed), and arrays NumPy refuses to make plain (Fortran
  order, big-endian, objects) for the errors;
- PNG images written by libpng itself: a small C program using libpng's
  simplified write API is compiled and run (cc, libpng-dev); pixels are
  chosen here, so what a reader must return is known;
- notebooks/data/colour-digits.png, the course's colour image: the first
  three UCI digits enlarged 4 times, one per channel (red, green, blue).

Run from the repository root with the packages of requirements.txt:
    python tools/reference/data_files.py
It rewrites docs/data/, Tests/DataFiles/ and tools/reference/data_files.json.
"""
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(ROOT, "docs", "data")
TESTS = os.path.join(ROOT, "Tests", "DataFiles")

WRITER = r"""
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
/* writer OUT WIDTH HEIGHT FORMAT BITS < samples: FORMAT is g, ga, rgb or rgba; BITS 8 or 16.
   Samples are read from standard input as numbers, row after row. */
int main(int argc, char **argv) {
    png_image image = {0};
    image.version = PNG_IMAGE_VERSION;
    image.width = atoi(argv[2]);
    image.height = atoi(argv[3]);
    const char *f = argv[4];
    int linear = atoi(argv[5]) == 16;
    image.format = (f[0] == 'r' ? PNG_FORMAT_FLAG_COLOR : 0) | ((f[1] == 'a' || f[3] == 'a') ? PNG_FORMAT_FLAG_ALPHA : 0) | (linear ? PNG_FORMAT_FLAG_LINEAR : 0);
    int channels = PNG_IMAGE_SAMPLE_CHANNELS(image.format);
    size_t count = (size_t)image.width * image.height * channels;
    void *buffer = malloc(count * (linear ? 2 : 1));
    for (size_t i = 0; i < count; i++) {
        unsigned v;
        if (scanf("%u", &v) != 1) return 2;
        if (linear) ((png_uint_16 *)buffer)[i] = v; else ((png_byte *)buffer)[i] = v;
    }
    if (!png_image_write_to_file(&image, argv[1], 0, buffer, 0, NULL)) { fprintf(stderr, "%s\n", image.message); return 1; }
    return 0;
}
"""


def compile_writer(folder):
    source = os.path.join(folder, "writer.c")
    with open(source, "w") as f:
        f.write(WRITER)
    binary = os.path.join(folder, "writer")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libpng"], check=True, capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", source, "-o", binary] + flags, check=True)
    return binary


def write_png(writer, path, samples, fmt, bits=8):
    """samples: an array [H, W, C] of integers; writes it with libpng."""
    samples = np.asarray(samples)
    height, width = samples.shape[:2]
    text = " ".join(str(int(v)) for v in samples.reshape(-1))
    subprocess.run([writer, path, str(width), str(height), fmt, str(bits)], input=text, text=True, check=True)
    # linear 16-bit output with alpha is premultiplied by libpng's simplified API: avoid alpha with 16 bits.
    scale = 65535 if bits == 16 else 255
    return {"shape": [int(height), int(width), int(samples.shape[2])], "values": (samples.reshape(-1) / scale).tolist()}


def main():
    for folder in (DOCS, TESTS):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    expected = {}

    # Tables, byte by byte.
    fruits = ("\ufeffname,weight,diameter,kind\r\n"
              "\"Granny Smith, green\",182,7.5,apple\r\n"
              "Navel,210,8.2,orange\r\n"
              "\"Conference \"\"long\"\"\",178,6.1,pear\r\n"
              "Gala,150,7.0,apple\r\n"
              "Valencia,190,7.9,orange\r\n")
    with open(os.path.join(DOCS, "fruits.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(fruits)
    expected["fruits.csv"] = {"columns": ["weight", "diameter"], "x": [[182, 7.5], [210, 8.2], [178, 6.1], [150, 7.0], [190, 7.9]],
                              "classes": ["apple", "orange", "pear"], "y": [0, 1, 2, 0, 1],
                              "names": ["Granny Smith, green", "Navel", "Conference \"long\"", "Gala", "Valencia"]}
    reviews = ("sentiment\treview\n"
               "positive\tA \"gripping\" read, start to finish.\n"
               "negative\tDull; I gave up halfway.\n"
               "positive\tWarm, funny and wise.\n")
    with open(os.path.join(DOCS, "reviews.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write(reviews)
    expected["reviews.tsv"] = {"classes": ["negative", "positive"], "y": [1, 0, 1],
                               "texts": ["A \"gripping\" read, start to finish.", "Dull; I gave up halfway.", "Warm, funny and wise."]}

    # NumPy, by NumPy.
    measurements = np.array([[1.5, -2.0, 0.25], [3.0, 4.5, -1.0], [0.1, 0.2, 0.3], [1e-3, 2e5, -7.25]])
    np.save(os.path.join(DOCS, "measurements.npy"), measurements)
    expected["measurements.npy"] = {"shape": [4, 3], "values": measurements.reshape(-1).tolist()}
    weights = np.array([[0.5, -1.25], [2.0, 0.125]], dtype=np.float32)
    counts = np.array([3, -7, 11], dtype=np.int64)
    mask = np.array([True, False, True, True])
    np.savez(os.path.join(DOCS, "arrays.npz"), weights=weights, counts=counts, mask=mask)
    expected["arrays.npz"] = {"weights": {"shape": [2, 2], "values": weights.astype(np.float64).reshape(-1).tolist()},
                              "counts": {"shape": [3], "values": counts.astype(np.float64).tolist()},
                              "mask": {"shape": [4], "values": mask.astype(np.float64).tolist()}}
    grid = np.arange(24, dtype=np.int16).reshape(2, 3, 4) - 5
    np.savez_compressed(os.path.join(DOCS, "compressed.npz"), grid=grid)
    expected["compressed.npz"] = {"grid": {"shape": [2, 3, 4], "values": grid.astype(np.float64).reshape(-1).tolist()}}
    # Kinds the tests read too, and the ones that are refused.
    for dtype in ["<f4", "<f2", "<i4", "<u2", "|u1", "|i1", "<u8"]:
        array = np.array([[1, 2, 3], [4, 5, 6]], dtype=dtype)
        np.save(os.path.join(TESTS, f"kind-{dtype.strip('<|')}.npy"), array)
    np.save(os.path.join(TESTS, "fortran.npy"), np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    np.save(os.path.join(TESTS, "big-endian.npy"), np.arange(4.0).astype(">f8"))
    np.save(os.path.join(TESTS, "objects.npy"), np.array([1, "two"], dtype=object), allow_pickle=True)
    np.save(os.path.join(TESTS, "strings.npy"), np.array(["a", "b"]))
    with open(os.path.join(TESTS, "truncated.npy"), "wb") as f:
        data = open(os.path.join(DOCS, "measurements.npy"), "rb").read()
        f.write(data[:-8])
    with open(os.path.join(TESTS, "not-a-png.png"), "w") as f:
        f.write("name,weight\nplum,30\n")
    with open(os.path.join(TESTS, "missing.csv"), "w") as f:
        f.write("a,b,label\n1,2,0\n3,,1\n")
    with open(os.path.join(TESTS, "tabs.csv"), "w") as f:
        f.write("a\tb\tlabel\n1\t2\t0\n")
    with open(os.path.join(TESTS, "ragged.csv"), "w") as f:
        f.write("a,b,label\n1,2,0\n3,4\n")
    with open(os.path.join(TESTS, "quote.csv"), "w") as f:
        f.write("a,label\n\"never closed,1\n")

    # PNG, by libpng.
    with tempfile.TemporaryDirectory() as build:
        writer = compile_writer(build)
        grey = np.array([[[0], [64], [128]], [[192], [255], [7]]])
        expected["grey.png"] = write_png(writer, os.path.join(DOCS, "grey.png"), grey, "g")
        rgb = np.array([[[255, 0, 0], [0, 255, 0]], [[0, 0, 255], [255, 255, 255]]])
        expected["rgb.png"] = write_png(writer, os.path.join(DOCS, "rgb.png"), rgb, "rgb")
        rgba = np.array([[[10, 20, 30, 255], [40, 50, 60, 128]], [[70, 80, 90, 0], [100, 110, 120, 255]]])
        expected["rgba.png"] = write_png(writer, os.path.join(TESTS, "rgba.png"), rgba, "rgba")
        grey16 = np.array([[[0], [1000]], [[40000], [65535]]])
        expected["grey16.png"] = write_png(writer, os.path.join(TESTS, "grey16.png"), grey16, "g", bits=16)
        ga = np.array([[[200, 255], [100, 255]]])
        expected["grey-alpha.png"] = write_png(writer, os.path.join(TESTS, "grey-alpha.png"), ga, "ga")
        # A folder of images, one folder per class: 8×8 RGB, a disc and a square of a colour each.
        yy, xx = np.mgrid[0:8, 0:8]
        folder = {}
        for cls, shape in [("disc", (xx - 3.5) ** 2 + (yy - 3.5) ** 2 <= 9), ("square", (abs(xx - 3.5) <= 2.5) & (abs(yy - 3.5) <= 2.5))]:
            os.makedirs(os.path.join(DOCS, "shapes", cls))
            for k, colour in enumerate([(220, 40, 40), (40, 90, 220)]):
                image = np.zeros((8, 8, 3), dtype=int) + 255
                image[shape] = colour
                name = f"{cls}/{k + 1}.png"
                write_png(writer, os.path.join(DOCS, "shapes", name), image, "rgb")
                folder[name] = (image.transpose(2, 0, 1).reshape(-1) / 255).tolist()
        expected["shapes"] = {"classes": ["disc", "square"], "y": [0, 0, 1, 1], "shape": [8, 8, 3],
                              "rows": [folder[n] for n in ["disc/1.png", "disc/2.png", "square/1.png", "square/2.png"]]}
        # The course's colour image: digits 0, 1 and 2 of the UCI set, each pixel a 4×4 block, one per channel.
        raw = np.loadtxt(os.path.join(ROOT, "notebooks", "data", "digits.csv"), delimiter=",", skiprows=1)
        channels = [np.kron(raw[k, :64].reshape(8, 8), np.ones((4, 4))) for k in range(3)]
        colour = np.stack(channels, axis=2) / 16
        samples = np.rint(colour * 255).astype(int)
        expected["colour-digits.png"] = write_png(writer, os.path.join(ROOT, "notebooks", "data", "colour-digits.png"), samples, "rgb")
    with open(os.path.join(ROOT, "tools", "reference", "data_files.json"), "w") as f:
        json.dump({"numpy": np.__version__, "files": expected}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
