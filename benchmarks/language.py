#!/usr/bin/env python3
"""W6 and W7: loops written in Cahier's language, side by side with the same
loops in CPython, CPython with NumPy, and PyTorch eager (float64 and float32).

Usage (repository root):  PYTHON benchmarks/language.py [--rounds N]
PYTHON is a Python with the packages of requirements.txt (a venv of current
PyPI packages; torch is optional: without it the PyTorch rows are left out).
Builds cahier-bench (release), then runs the implementations interleaved,
round by round; each round times each implementation 5 times in a row and
keeps the fastest, so a busy moment hurts every side alike. Prints the CPU,
each implementation's best and median round, the paired ratio peer / Cahier,
and the cost of one small operation (a + a on a 2-vector).
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Each BLAS picks its own kernel for this CPU (an inherited OPENBLAS_CORETYPE would hold NumPy back;
# Cahier chooses its own and `cahier doctor` says which).
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

try:
    import torch

    torch.set_num_threads(1)
except ImportError:  # the PyTorch rows are left out
    torch = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
from cahier_sampling import uniform, xoshiro  # noqa: E402

BENCH = os.path.join(ROOT, ".build", "release", "cahier-bench")
GATES = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "nand": [1, 1, 1, 0], "xor": [0, 1, 1, 0]}
XS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]


def best_of(function, repeat=5):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


# W6: the online perceptron rule, w = 0, rate 1, at most 100 epochs, on AND, OR, NAND, XOR.
def w6_python():
    out = []
    for labels in GATES.values():
        w = [0.0, 0.0, 0.0]
        for _ in range(100):
            mistakes = 0
            for x, y in zip(XS, labels):
                z = w[0] + w[1] * x[0] + w[2] * x[1]
                y_hat = 1.0 if z >= 0 else 0.0
                if y_hat != y:
                    d = y - y_hat
                    w = [w[0] + d, w[1] + d * x[0], w[2] + d * x[1]]
                    mistakes += 1
            if mistakes == 0:
                break
        out.append(w)
    return out


def w6_numpy():
    x_all = np.array(XS)
    out = []
    for labels in GATES.values():
        y_all = np.array(labels, dtype=float)
        w = np.zeros(3)
        for _ in range(100):
            mistakes = 0
            for i in range(4):
                x = np.concatenate(([1.0], x_all[i]))
                y_hat = 1.0 if w @ x >= 0 else 0.0
                if y_hat != y_all[i]:
                    w += (y_all[i] - y_hat) * x
                    mistakes += 1
            if mistakes == 0:
                break
        out.append(w.tolist())
    return out


# W7: the 2-4-1 tanh/sigmoid network on XOR, 5,000 full-batch steps at rate 0.5, backward written out.
def cahier_init():
    """Cahier's MLP(sizes: [2, 4, 1]) from seed 0: PyTorch's U(±1/√inputs), weight then bias, layer by layer."""
    gen = xoshiro(0)

    def draw(count, inputs):
        bound = 1 / inputs ** 0.5
        return [(2 * uniform(gen) - 1) * bound for _ in range(count)]

    w1, b1 = draw(8, 2), draw(4, 2)
    w2, b2 = draw(4, 4), draw(1, 4)
    return (np.array(w1).reshape(4, 2), np.array(b1), np.array(w2).reshape(1, 4), np.array(b2))


EPS = 9.999999960041972e-13


def w7_numpy():
    w1, b1, w2, b2 = (a.copy() for a in cahier_init())
    x, y = np.array(XS), np.array([[0.0], [1.0], [1.0], [0.0]])
    for _ in range(5000):
        h = np.tanh(x @ w1.T + b1)
        out = 1 / (1 + np.exp(-(h @ w2.T + b2)))
        g_out = (out - y) / np.maximum((1 - out) * out, EPS) / 4
        g2 = g_out * (out * (1 - out))
        g1 = (g2 @ w2) * (1 - h * h)
        w2 -= 0.5 * (g2.T @ h)
        b2 -= 0.5 * g2.sum(axis=0)
        w1 -= 0.5 * (g1.T @ x)
        b1 -= 0.5 * g1.sum(axis=0)
    return np.round(1 / (1 + np.exp(-(np.tanh(x @ w1.T + b1) @ w2.T + b2)))).ravel().tolist()


def w7_torch(dtype):
    def run():
        w1, b1, w2, b2 = (torch.tensor(a, dtype=dtype) for a in cahier_init())
        x = torch.tensor(XS, dtype=dtype)
        y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=dtype)
        for _ in range(5000):
            h = torch.tanh(x @ w1.T + b1)
            out = torch.sigmoid(h @ w2.T + b2)
            g_out = (out - y) / torch.clamp((1 - out) * out, min=EPS) / 4
            g2 = g_out * (out * (1 - out))
            g1 = (g2 @ w2) * (1 - h * h)
            w2 -= 0.5 * (g2.T @ h)
            b2 -= 0.5 * g2.sum(dim=0)
            w1 -= 0.5 * (g1.T @ x)
            b1 -= 0.5 * g1.sum(dim=0)
        return torch.round(torch.sigmoid(torch.tanh(x @ w1.T + b1) @ w2.T + b2)).flatten().tolist()
    return run


# The cost of one small operation: a + a on a 2-vector, less the empty loop.
OPS = 200_000


def op_numpy():
    a = np.array([1.0, 2.0])
    start = time.perf_counter()
    for _ in range(OPS):
        pass
    empty = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(OPS):
        a + a
    return (time.perf_counter() - start - empty) / OPS


def op_torch():
    a = torch.tensor([1.0, 2.0], dtype=torch.float64)
    start = time.perf_counter()
    for _ in range(OPS):
        pass
    empty = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(OPS):
        a + a
    return (time.perf_counter() - start - empty) / OPS


def cahier(notebook, repeat=5):
    out = subprocess.run([BENCH, "--notebook", notebook, "--repeat", str(repeat)], check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    if result["failed"]:
        sys.exit(f"{notebook}: {result['failed']} commands did not give the expected output")
    return result["min"]


def op_notebooks(folder):
    paths = {}
    for name, body in [("empty", ""), ("add", "let b = a + a")]:
        path = os.path.join(folder, f"op-{name}.md")
        with open(path, "w") as f:
            f.write(f"```cahier\n> let a = [1, 2]\n> for i in 0..<{OPS} {{ {body} }}\n```\n")
        paths[name] = path
    return paths


def cpu():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "cahier-bench"], cwd=ROOT, check=True, capture_output=True)
    w6_notebook = os.path.join(ROOT, "benchmarks", "language", "W6-perceptron.md")
    w7_notebook = os.path.join(ROOT, "benchmarks", "language", "W7-xor-loop.md")
    # The peers agree with each other and with the notebooks' expected outputs (which cahier-bench checks).
    assert w6_python() == w6_numpy(), "CPython and NumPy disagree on W6"
    expected = w7_numpy()
    if torch is not None:
        assert w7_torch(torch.float64)() == expected, "PyTorch float64 disagrees with NumPy on W7"
    implementations = {
        "W6 Cahier": lambda: cahier(w6_notebook, 20),
        "W6 CPython": lambda: best_of(w6_python, 20)[0],
        "W6 CPython+NumPy": lambda: best_of(w6_numpy, 20)[0],
        "W7 Cahier": lambda: cahier(w7_notebook),
        "W7 NumPy": lambda: best_of(w7_numpy)[0],
    }
    if torch is not None:
        implementations["W7 PyTorch float64"] = lambda: best_of(w7_torch(torch.float64), 3)[0]
        implementations["W7 PyTorch float32"] = lambda: best_of(w7_torch(torch.float32), 3)[0]
    with tempfile.TemporaryDirectory() as folder:
        ops = op_notebooks(folder)
        implementations["op Cahier"] = lambda: (cahier(ops["add"], 3) - cahier(ops["empty"], 3)) / OPS
        implementations["op NumPy"] = op_numpy
        if torch is not None:
            implementations["op PyTorch"] = op_torch
        rounds = {name: [] for name in implementations}
        for r in range(args.rounds):
            for name, run in implementations.items():
                rounds[name].append(run())
            print(f"round {r + 1} of {args.rounds}", file=sys.stderr)
    print(f"CPU: {cpu()}; numpy {np.__version__}" + (f", torch {torch.__version__}" if torch else ""))
    for name, times in rounds.items():
        unit, scale = ("µs", 1e6) if name.startswith("op") else ("ms", 1e3)
        print(f"{name:22s} best {min(times) * scale:9.3f} {unit}   median {statistics.median(times) * scale:9.3f} {unit}")
    for workload, peers in [("W6", ["CPython", "CPython+NumPy"]), ("W7", ["NumPy", "PyTorch float64", "PyTorch float32"])]:
        ours = rounds[f"{workload} Cahier"]
        for peer in peers:
            if f"{workload} {peer}" not in rounds:
                continue
            ratios = [p / c for p, c in zip(rounds[f"{workload} {peer}"], ours)]
            print(f"{workload}: {peer} / Cahier = {statistics.median(ratios):.2f}× (paired median of {len(ratios)} rounds)")


if __name__ == "__main__":
    main()
