#!/usr/bin/env python3
"""Grading benchmark: 500 generated hand-ins of exercise sheet 1, graded as a
whole process on all cores (`cahier grade`, release build). Target: under 15 s.

Usage (repository root): python3 benchmarks/grading.py [--count 500]
The hand-ins cycle through the sample hand-ins of Tests/HandIns/01-perceptrons
(full, partial, wrong, empty, malicious) with varied weights, so every grading
path runs. Prints the wall time, the hand-ins per second, and checks that every
hand-in got its three reports.
"""
import argparse
import os
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "Tests", "HandIns", "01-perceptrons")
SHEET = os.path.join(ROOT, "notebooks", "exercises", "01-perceptrons.md")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "cahier"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    cahier = os.path.join(ROOT, ".build", "release", "cahier")
    samples = sorted(os.listdir(SAMPLES))
    texts = {name: open(os.path.join(SAMPLES, name), encoding="utf-8").read() for name in samples}
    with tempfile.TemporaryDirectory() as tmp:
        handins = os.path.join(tmp, "handins")
        os.mkdir(handins)
        for i in range(args.count):
            name = samples[i % len(samples)]
            text = texts[name].replace("[3, -2, -2]", f"[{3 + i % 7}, -{2 + i % 5}, -{2 + i % 5}]")
            with open(os.path.join(handins, f"student{i:04d}.md"), "w", encoding="utf-8") as f:
                f.write(text)
        out = os.path.join(tmp, "out")
        start = time.perf_counter()
        result = subprocess.run([cahier, "grade", "--sheet", SHEET, handins, "-o", out], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        complete = sum(all(os.path.exists(os.path.join(out, f"student{i:04d}", r)) for r in ("results.json", "junit.xml", "feedback.md"))
                       for i in range(args.count))
        print(f"graded {args.count} hand-ins in {seconds:.2f} s on {os.cpu_count()} cores "
              f"({args.count / seconds:.0f} per second); reports complete for {complete}; target < 15 s")
        print(result.stdout.strip().splitlines()[-1])
        shutil.rmtree(out)


if __name__ == "__main__":
    main()
