#!/usr/bin/env python3
"""Runs the Python code that ends each course notebook ("The same in NumPy /
PyTorch / scikit-learn") and checks it against the notebook:

- a ```python block is followed by an ```output block: the code, run in the
  notebook's folder, must print exactly that output;
- every number of the output that is not a whole number must appear, as
  Cahier shows it (6 significant digits), in the outputs of the notebook's
  command blocks: the Python code prints the notebook's own numbers.

Run with the packages of requirements.txt:
    python tools/reference/bridges.py [NOTEBOOK...]
Exits 1 when a block fails, printing what differs.
"""
import glob
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NUMBER = re.compile(r"-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?")


def fmt(x):
    """A number as Cahier shows it (docs/language.md, "How values are shown")."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    if x == round(x) and abs(x) < 1e16:
        return str(int(x))
    text = "%.6g" % x
    return text if ("." in text or "e" in text) else "%#.6g" % x


def blocks(text):
    """(info string, body) of each fenced code block, in order."""
    found, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        match = re.match(r"^(```+)\s*(\S*)", lines[i])
        if not match:
            i += 1
            continue
        fence, info, body = match.group(1), match.group(2), []
        i += 1
        while i < len(lines) and not lines[i].startswith(fence):
            body.append(lines[i])
            i += 1
        found.append((info, "\n".join(body)))
        i += 1
    return found


def transcript_numbers(found):
    """The numbers the notebook's commands print, as Cahier shows them."""
    numbers = set()
    for info, body in found:
        if info != "cahier":
            continue
        for line in body.split("\n"):
            if line.startswith(">") or line.startswith("|"):
                continue
            numbers.update(NUMBER.findall(line))
    return numbers


def check(path):
    text = open(path, encoding="utf-8").read()
    found = blocks(text)
    shown = transcript_numbers(found)
    failures, ran = [], 0
    for k, (info, body) in enumerate(found):
        if info != "python":
            continue
        if k + 1 >= len(found) or found[k + 1][0] != "output":
            failures.append("a python block is not followed by an output block")
            continue
        ran += 1
        expected = found[k + 1][1]
        result = subprocess.run([sys.executable, "-c", body], cwd=os.path.dirname(path), capture_output=True, text=True)
        actual = result.stdout.rstrip("\n")
        if result.returncode != 0:
            failures.append(f"python block {ran} failed:\n{result.stderr}")
        elif actual != expected:
            failures.append(f"python block {ran} printed\n{actual}\ninstead of\n{expected}")
        for number in NUMBER.findall(expected):
            value = float(number)
            if value != round(value) and fmt(value) not in shown:
                failures.append(f"python block {ran} prints {number}, which the notebook's commands never show")
    return ran, failures


def main():
    paths = sys.argv[1:] or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.md")))
    status = 0
    for path in paths:
        ran, failures = check(path)
        name = os.path.relpath(path, ROOT)
        for failure in failures:
            print(f"{name}: {failure}")
            status = 1
        if ran and not failures:
            print(f"{name}: {ran} python block(s) print the notebook's numbers")
    sys.exit(status)


if __name__ == "__main__":
    main()
