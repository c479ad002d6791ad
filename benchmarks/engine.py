#!/usr/bin/env python3
"""Notebook-engine benchmarks: whole-process runs of `cahier check`, side by side
with Python's doctest doing the same job (parse a text file, run its examples,
compare their outputs).

Workloads:
  arithmetic  a notebook of 1,000 arithmetic commands, each with its expected output;
  prose       a 5 MB Markdown notebook of prose (math, code spans, emphasis, é 叶 😀)
              with one command block every 100 kB.

Then the course itself (no peer does this job): `cahier check` on each course
notebook alone (target: 50 ms or less each) and on the whole course (target:
0.5 s or less).

Usage: python3 benchmarks/engine.py [--runs N]   (from the repository root; builds release first,
with the Swift standard library linked statically, as scripts/course builds it)
Cahier and doctest run in turn, round by round. Prints one row per workload: the median wall time of
Cahier, of doctest, and their ratio.
"""
import glob
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAHIER = os.path.join(ROOT, ".build", "release", "cahier")


def arithmetic(n=1000):
    """The same 1,000 commands for both tools; expected values computed here, independently."""
    md, doc = ["# 1,000 commands\n\n```cahier\n"], ["1,000 commands\n\n"]
    for i in range(n):
        a, b = i % 97 + 1, i % 13 + 1
        md.append(f"> {a} * {b} + {i}\n{a * b + i}\n")
        doc.append(f">>> {a} * {b} + {i}\n{a * b + i}\n")
    md.append("```\n")
    return "".join(md), "".join(doc)


def prose(size=5_000_000):
    para = "Prose with é, 叶 and 😀, $x_1$ math, `code` and *emphasis*.  \n"
    md, doc, total, block = ["# Large\n\n"], ["Large\n\n"], 0, 0
    while total < size:
        md.append(para)
        doc.append(para)
        total += len(para.encode())
        if total // 100_000 > block:
            block += 1
            md.append(f"\n```cahier\n> {block} * 2\n{block * 2}\n```\n\n")
            doc.append(f"\n>>> {block} * 2\n{block * 2}\n\n")
    return "".join(md), "".join(doc)


def seconds(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {result.stderr.decode()}")
    return elapsed


def median_seconds(command, runs):
    return statistics.median(seconds(command) for _ in range(runs))


def interleaved_medians(commands, runs):
    """Runs the commands in turn, round by round, so a busy moment hurts each alike; the median of each."""
    times = [[] for _ in commands]
    for _ in range(runs):
        for k, command in enumerate(commands):
            times[k].append(seconds(command))
    return [statistics.median(t) for t in times]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "cahier"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{'workload':<12} {'cahier':>10} {'doctest':>10} {'doctest/cahier':>15}  target")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (md, doc), target in [("arithmetic", arithmetic(), "< 50 ms"), ("prose", prose(), "< 200 ms")]:
            md_path, doc_path = os.path.join(tmp, name + ".md"), os.path.join(tmp, name + ".txt")
            with open(md_path, "w", encoding="utf-8") as f:
                f.write(md)
            with open(doc_path, "w", encoding="utf-8") as f:
                f.write(doc)
            ours, theirs = interleaved_medians([[CAHIER, "check", md_path], [sys.executable, "-m", "doctest", doc_path]], args.runs)
            print(f"{name:<12} {ours * 1000:>8.1f}ms {theirs * 1000:>8.1f}ms {theirs / ours:>14.1f}×  {target}")
    print(f"\n{'course notebook':<40} {'cahier check':>12}  target 50 ms")
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.md"))):
        seconds = median_seconds([CAHIER, "check", path], args.runs)
        print(f"{os.path.basename(path):<40} {seconds * 1000:>10.1f}ms  {'met' if seconds <= 0.05 else 'NOT met'}")
    seconds = median_seconds([CAHIER, "check", os.path.join(ROOT, "notebooks")], args.runs)
    print(f"{'the whole course (notebooks/)':<40} {seconds * 1000:>10.1f}ms  target 500 ms: {'met' if seconds <= 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
