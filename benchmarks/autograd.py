#!/usr/bin/env python3
"""W8: training loops written with autograd in Cahier's language, side by side
with the same loops in PyTorch eager (float64 and float32).

W8a: the 2-4-1 tanh/sigmoid network on XOR, 5,000 full-batch steps of SGD at
rate 0.5 on the binary cross-entropy (benchmarks/autograd/W8a-xor-autograd.md).
W8b: the 64-128-10 ReLU network on the standardised digits, 10 epochs of
mini-batch SGD (batches of 32, rate 0.05) on the cross-entropy
(benchmarks/autograd/W8b-digits-autograd.md).

Both sides start from the same weights and, for W8b, the same split and batch
order: Cahier's generator replayed by tools/reference/cahier_sampling.py.
The expected outputs written in the notebooks are PyTorch's (float64); this
script checks that they still are before timing anything.

Usage (repository root):  PYTHON benchmarks/autograd.py [--rounds N]
PYTHON is a Python with the packages of requirements.txt. Builds cahier-bench
(release), then runs the implementations interleaved, round by round; each
round keeps the fastest of a few runs. Prints the CPU, each implementation's
best and median round, the paired ratio PyTorch / Cahier, and the most numbers
Cahier's autograd tape held at once.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Each BLAS picks its own kernel for this CPU (an inherited OPENBLAS_CORETYPE would hold NumPy back;
# Cahier chooses its own and `cahier doctor` says which).
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
from cahier_sampling import linear_init, permutation, split, xoshiro  # noqa: E402
from language import BENCH, XS, best_of, cahier_init, cpu  # noqa: E402

NOTEBOOKS = os.path.join(HERE, "autograd")


def shown(x):
    """A number as Cahier shows it with 6 significant digits (docs/language.md, "How values are shown")."""
    if x == round(x) and abs(x) < 1e16:
        return str(int(x))
    text = "%.6g" % x
    return text if ("." in text or "e" in text) else "%#.6g" % x


# W8a
def w8a_torch(dtype):
    def run():
        w1, b1, w2, b2 = (torch.tensor(a, dtype=dtype, requires_grad=True) for a in cahier_init())
        x = torch.tensor(XS, dtype=dtype)
        y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=dtype)
        optimizer = torch.optim.SGD([w1, b1, w2, b2], lr=0.5)
        for _ in range(5000):
            out = torch.sigmoid(torch.tanh(x @ w1.T + b1) @ w2.T + b2)
            loss = F.binary_cross_entropy(out, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            out = torch.sigmoid(torch.tanh(x @ w1.T + b1) @ w2.T + b2)
            return F.binary_cross_entropy(out, y).item(), torch.round(out).flatten().tolist()
    return run


# W8b
def digits_setup():
    raw = np.loadtxt(os.path.join(ROOT, "notebooks", "data", "digits.csv"), delimiter=",", skiprows=1)
    x, y = raw[:, :64], raw[:, 64]
    gen = xoshiro(42)
    train, test = split(gen, y)
    mean = x[train].mean(0)
    std = np.sqrt(((x[train] - mean) ** 2).mean(0))
    std[std == 0] = 1
    w1, b1 = linear_init(gen, 64, 128)
    w2, b2 = linear_init(gen, 128, 10)
    orders = [permutation(gen, len(train)) for _ in range(10)]
    return ((x[train] - mean) / std, y[train], (x[test] - mean) / std, y[test], (w1, b1, w2, b2), orders)


DIGITS = None


def w8b_torch(dtype):
    def run():
        x, y, xt, yt, weights, orders = DIGITS
        x, xt = torch.tensor(x, dtype=dtype), torch.tensor(xt, dtype=dtype)
        y = torch.tensor(y).long()
        w1, b1, w2, b2 = (torch.tensor(a, dtype=dtype, requires_grad=True) for a in weights)
        optimizer = torch.optim.SGD([w1, b1, w2, b2], lr=0.05)
        for order in orders:
            order = torch.tensor(order)
            for start in range(0, len(order), 32):
                batch = order[start:start + 32]
                scores = torch.relu(x[batch] @ w1.T + b1) @ w2.T + b2
                loss = F.cross_entropy(scores, y[batch])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        with torch.no_grad():
            predicted = (torch.relu(xt @ w1.T + b1) @ w2.T + b2).argmax(1).numpy()
        return float(np.mean(predicted == yt))
    return run


def cahier(notebook, repeat):
    out = subprocess.run([BENCH, "--notebook", notebook, "--repeat", str(repeat)], check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    if result["failed"]:
        sys.exit(f"{notebook}: {result['failed']} commands did not give the expected output")
    return result


def expect_in_notebook(path, command, value):
    """The notebook's expected output for `command` is `value`, as Cahier shows it."""
    with open(path) as f:
        text = f.read()
    needle = f"> {command}\n{value}\n"
    if needle not in text:
        sys.exit(f"{os.path.basename(path)}: expected `{command}` to be written with PyTorch's value {value}")


def main():
    global DIGITS
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "cahier-bench"], cwd=ROOT, check=True, capture_output=True)
    DIGITS = digits_setup()
    w8a = os.path.join(NOTEBOOKS, "W8a-xor-autograd.md")
    loss, predictions = w8a_torch(torch.float64)()
    assert predictions == [0.0, 1.0, 1.0, 0.0], predictions
    expect_in_notebook(w8a, "bce(sigmoid(tanh(X @ W1.T + b1) @ W2.T + b2), Y)", shown(loss))
    accuracy64 = w8b_torch(torch.float64)()
    accuracy32 = w8b_torch(torch.float32)()
    with tempfile.TemporaryDirectory() as folder:
        os.mkdir(os.path.join(folder, "data"))
        shutil.copy(os.path.join(ROOT, "notebooks", "data", "digits.csv"), os.path.join(folder, "data"))
        w8b = os.path.join(folder, "W8b-digits-autograd.md")
        shutil.copy(os.path.join(NOTEBOOKS, "W8b-digits-autograd.md"), w8b)
        expect_in_notebook(w8b, "accuracy(argmax(relu(testX @ W1.T + b1) @ W2.T + b2, axis: 1), parts.test.y)", shown(accuracy64))
        tape = {"W8a": cahier(w8a, 1)["tapePeakNumbers"], "W8b": cahier(w8b, 1)["tapePeakNumbers"]}
        implementations = {
            "W8a Cahier": lambda: cahier(w8a, 3)["min"],
            "W8a PyTorch float64": lambda: best_of(w8a_torch(torch.float64), 3)[0],
            "W8a PyTorch float32": lambda: best_of(w8a_torch(torch.float32), 3)[0],
            "W8b Cahier": lambda: cahier(w8b, 3)["min"],
            "W8b PyTorch float64": lambda: best_of(w8b_torch(torch.float64), 3)[0],
            "W8b PyTorch float32": lambda: best_of(w8b_torch(torch.float32), 3)[0],
        }
        rounds = {name: [] for name in implementations}
        for r in range(args.rounds):
            for name, run in implementations.items():
                rounds[name].append(run())
            print(f"round {r + 1} of {args.rounds}", file=sys.stderr)
    print(f"CPU: {cpu()}; numpy {np.__version__}, torch {torch.__version__}")
    print(f"W8a final loss (PyTorch float64, as the notebook expects): {shown(loss)}")
    print(f"W8b test accuracy: PyTorch float64 {accuracy64:.6f} (the notebook's), float32 {accuracy32:.6f}")
    for workload, numbers in tape.items():
        print(f"{workload}: Cahier's tape held at most {numbers} numbers ({numbers * 8 / 1e6:.3f} MB)")
    for name, times in rounds.items():
        print(f"{name:22s} best {min(times) * 1e3:9.3f} ms   median {statistics.median(times) * 1e3:9.3f} ms")
    for workload in ("W8a", "W8b"):
        ours = rounds[f"{workload} Cahier"]
        for peer in ("PyTorch float64", "PyTorch float32"):
            ratios = [p / c for p, c in zip(rounds[f"{workload} {peer}"], ours)]
            print(f"{workload}: {peer} / Cahier = {statistics.median(ratios):.2f}× (paired median of {len(ratios)} rounds)")


if __name__ == "__main__":
    main()
