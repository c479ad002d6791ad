#!/usr/bin/env python3
"""The learning workloads, in NumPy by hand, SciPy sparse, PyTorch and scikit-learn,
timed in-process side by side with the Swift versions (benchmarks/Swift/main.swift).

Usage (repository root):  /work/bench-venv/bin/python benchmarks/learning.py [--rounds 5] [--repeat 3]
                          [--widths 128,256,512,1024] [--bench PATH]
--widths runs only 5b's MLP at each hidden width (64-width-10, batch 32, 30 epochs) against NumPy
written operation for operation like 5b's, with the GFLOP/s each side's products reach and Cahier's
share of the peak; --bench times that cahier-bench binary instead of building one.
Runs with OPENBLAS_NUM_THREADS=1 like the Swift side. Needs the packages of
requirements.txt (Debian: python3-numpy python3-scipy python3-sklearn python3-torch).
Runs Cahier and the peers interleaved, round by round; prints the CPU, each
side's BLAS kernel and the GFLOP/s of a 1000×1000 product measured on the
spot, then per workload each implementation's median and minimum time and
result, the paired ratio best peer / Cahier, and for 5a and 5b the GFLOP/s
their products reached and the share of the measured peak.
"""
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Each BLAS picks its own kernel for this CPU (an inherited OPENBLAS_CORETYPE would hold NumPy back;
# Cahier chooses its own and `cahier doctor` says which).
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import math
import re
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
import scipy.sparse as sp
try:
    import torch
except ImportError:  # its wheel is 5 GiB: without it, PyTorch's columns are left out and said so
    torch = None
if torch is not None:
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "notebooks", "data")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


sys.path.insert(0, os.path.join(ROOT, "tools", "reference"))
# The published xoshiro256** and Cahier's documented sampling, written in Python (not derived from the Swift code).
from cahier_sampling import normal, split as cahier_split, xoshiro  # noqa: E402


def split(labels, seed=42):
    """The same stratified split as TrainTestSplit with Xoshiro256(seed: 42), so both sides test on the same examples."""
    return cahier_split(xoshiro(seed), labels)


# 1. Spam: tokenize, vocabulary, multi-hot CSR, 200 full-batch steps of logistic regression.
def spam_scipy():
    with open(os.path.join(DATA, "spam.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t", 1) for line in f][1:]
    y = np.array([1.0 if label == "spam" else 0.0 for label, _ in rows])
    docs = [WORD.findall(text.lower()) for _, text in rows]
    train, test = split(y)
    vocab = sorted({w for i in train for w in docs[i]})
    index = {w: i for i, w in enumerate(vocab)}
    indptr, indices = [0], []
    for d in docs:
        cols = sorted({index[w] for w in d if w in index})
        indices += cols
        indptr.append(len(indices))
    x = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(docs), len(vocab)))
    xtr, ytr = x[train], y[train]
    w, b = np.zeros(len(vocab)), 0.0
    n = len(train)
    for _ in range(200):
        p = 1 / (1 + np.exp(-(xtr @ w + b)))
        g = (p - ytr) / n
        w -= 0.5 * (xtr.T @ g)
        b -= 0.5 * g.sum()
    acc = float(np.mean(((x[test] @ w + b) >= 0) == (y[test] == 1)))
    return {"accuracy": acc, "vocabulary": len(vocab)}


# 2. Perceptron on five gates, online rule, w = 0, rate 1, up to 100 epochs.
def perceptron_numpy():
    gates = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "nand": [1, 1, 1, 0], "xor": [0, 1, 1, 0]}
    out = {}
    for name, labels in list(gates.items()) + [("not", None)]:
        x = np.array([[0.0], [1.0]]) if labels is None else np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]])
        y = np.array([1.0, 0.0]) if labels is None else np.array(labels, dtype=float)
        x = np.hstack([np.ones((len(x), 1)), x])
        w = np.zeros(x.shape[1])
        for epoch in range(1, 101):
            mistakes = 0
            for xi, yi in zip(x, y):
                y_hat = 1.0 if w @ xi >= 0 else 0.0
                if y_hat != yi:
                    mistakes += 1
                    w += (yi - y_hat) * xi
            if mistakes == 0:
                break
        out[name] = epoch
    return out


def randn_data():
    """randn(100, 10) from Xoshiro256(seed: 0) with the documented Box–Muller draw: the Swift side's very numbers."""
    gen = xoshiro(0)
    x = np.array([normal(gen) for _ in range(1000)]).reshape(100, 10)
    y = (x @ (np.arange(10) % 3 - 1.0) > 0).astype(float)
    return x, y


# 3. Logistic regression on randn(100, 10), 1,000 full-batch steps, rate 0.1.
def logistic_numpy():
    x, y = randn_data()
    w, b = np.zeros(10), 0.0
    for _ in range(1000):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) / len(y)
        w -= 0.1 * (x.T @ g)
        b -= 0.1 * g.sum()
    return {"accuracy": float(np.mean((x @ w + b >= 0) == (y == 1)))}


def logistic_torch():
    x, y = randn_data()
    x, y = torch.tensor(x), torch.tensor(y).reshape(-1, 1)
    model = torch.nn.Linear(10, 1)
    torch.nn.init.zeros_(model.weight); torch.nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for _ in range(1000):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return {"accuracy": float(((model(x) >= 0).double() == y).double().mean())}


XOR_X = np.array([[0.0, 0], [0, 1], [1, 0], [1, 1]])
XOR_Y = np.array([[0.0], [1], [1], [0]])


# 4. MLP 2-4-1 (tanh, sigmoid) on XOR, BCE, 5,000 full-batch steps, rate 0.5.
def xor_numpy():
    rng = np.random.default_rng(1)
    w1, b1 = rng.uniform(-1 / np.sqrt(2), 1 / np.sqrt(2), (4, 2)), rng.uniform(-1 / np.sqrt(2), 1 / np.sqrt(2), 4)
    w2, b2 = rng.uniform(-0.5, 0.5, (1, 4)), rng.uniform(-0.5, 0.5, 1)
    x, y = XOR_X, XOR_Y
    for _ in range(5000):
        h = np.tanh(x @ w1.T + b1)
        p = 1 / (1 + np.exp(-(h @ w2.T + b2)))
        g2 = (p - y) / len(y)
        gh = (g2 @ w2) * (1 - h * h)
        w2 -= 0.5 * g2.T @ h; b2 -= 0.5 * g2.sum(0)
        w1 -= 0.5 * gh.T @ x; b1 -= 0.5 * gh.sum(0)
    p = 1 / (1 + np.exp(-(np.tanh(x @ w1.T + b1) @ w2.T + b2)))
    return {"accuracy": float(np.mean((p >= 0.5) == (y == 1)))}


def xor_torch():
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y = torch.tensor(XOR_X), torch.tensor(XOR_Y)
    loss_fn = torch.nn.BCELoss()
    for _ in range(5000):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    return {"accuracy": float(((model(x) >= 0.5).double() == y).double().mean())}


def digits():
    raw = np.loadtxt(os.path.join(DATA, "digits.csv"), delimiter=",", skiprows=1)
    x, y = raw[:, :64], raw[:, 64]
    train, test = split(y)
    mean, std = x[train].mean(0), x[train].std(0)
    std[std == 0] = 1
    return (x[train] - mean) / std, y[train].astype(int), (x[test] - mean) / std, y[test].astype(int)


DIGITS = None


def softmax_rows(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


# 5a. Softmax regression on standardised digits, 500 full-batch steps, rate 0.5.
def softmax_numpy():
    x, y, xt, yt = DIGITS
    w, b = np.zeros((10, 64)), np.zeros(10)
    onehot = np.eye(10)[y]
    for _ in range(500):
        g = (softmax_rows(x @ w.T + b) - onehot) / len(y)
        w -= 0.5 * g.T @ x
        b -= 0.5 * g.sum(0)
    return {"accuracy": float(np.mean(np.argmax(xt @ w.T + b, 1) == yt))}


def softmax_torch():
    x, y, xt, yt = (torch.tensor(a) for a in DIGITS)
    model = torch.nn.Linear(64, 10)
    torch.nn.init.zeros_(model.weight); torch.nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(500):
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
    return {"accuracy": float((model(xt).argmax(1) == yt).double().mean())}


# 5b. MLP 64-128-10, ReLU, SGD rate 0.05, batch 32, 30 epochs (and the same at other hidden widths).
def mlp_numpy(width=128):
    x, y, xt, yt = DIGITS
    rng = np.random.default_rng(42)
    w1, b1 = rng.uniform(-1 / 8, 1 / 8, (width, 64)), rng.uniform(-1 / 8, 1 / 8, width)
    bound = 1 / np.sqrt(width)
    w2, b2 = rng.uniform(-bound, bound, (10, width)), rng.uniform(-bound, bound, 10)
    onehot = np.eye(10)[y]
    for _ in range(30):
        order = rng.permutation(len(y))
        for start in range(0, len(y), 32):
            idx = order[start:start + 32]
            xb, yb = x[idx], onehot[idx]
            a = xb @ w1.T + b1
            h = np.maximum(a, 0)
            g2 = (softmax_rows(h @ w2.T + b2) - yb) / len(idx)
            gh = (g2 @ w2) * (a > 0)
            w2 -= 0.05 * g2.T @ h; b2 -= 0.05 * g2.sum(0)
            w1 -= 0.05 * gh.T @ xb; b1 -= 0.05 * gh.sum(0)
    out = np.maximum(xt @ w1.T + b1, 0) @ w2.T + b2
    return {"accuracy": float(np.mean(out.argmax(1) == yt))}


def mlp_torch():
    torch.manual_seed(42)
    x, y, xt, yt = (torch.tensor(a) for a in DIGITS)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(30):
        order = torch.randperm(len(y))
        for start in range(0, len(y), 32):
            idx = order[start:start + 32]
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
    return {"accuracy": float((model(xt).argmax(1) == yt).double().mean())}


def mlp_sklearn():
    from sklearn.neural_network import MLPClassifier
    import warnings
    x, y, xt, yt = DIGITS
    model = MLPClassifier(hidden_layer_sizes=(128,), activation="relu", solver="sgd", learning_rate_init=0.05,
                          momentum=0, alpha=0, batch_size=32, max_iter=30, shuffle=True, random_state=42,
                          n_iter_no_change=1000, tol=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y)
    return {"accuracy": float(model.score(xt, yt))}


WORKLOADS = [
    ("1-spam-logistic", {"scipy.sparse": spam_scipy}),
    ("2-perceptron-gates", {"numpy": perceptron_numpy}),
    ("3-logistic-randn", {"numpy": logistic_numpy, "torch": logistic_torch}),
    ("4-xor-mlp", {"numpy": xor_numpy, "torch": xor_torch}),
    ("5a-digits-softmax", {"numpy": softmax_numpy, "torch": softmax_torch}),
    ("5b-digits-mlp", {"numpy": mlp_numpy, "torch": mlp_torch, "sklearn": mlp_sklearn}),
]
if torch is None:
    WORKLOADS = [(name, {peer: fn for peer, fn in peers.items() if peer != "torch"}) for name, peers in WORKLOADS]


def median_time(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# The floating-point operations of the matrix products of 5a and 5b (the
# physical floor of their time), from the workloads' sizes: 1,437 training
# examples of 64 features. 5a: 500 full-batch steps of softmax regression to
# 10 classes, a forward product X·Wᵀ and a gradient product, 2·n·64·10 each.
# 5b: a 64-128-10 MLP, 30 epochs: per example a forward pass (2·(64·128 +
# 128·10)), the weight gradients (the same again) and the input gradient of
# the second layer (2·128·10); the first layer's input gradient is skipped.
TRAIN = 1437
def mlp_flops(width):
    """The products' floating-point operations of 5b's MLP with `width` hidden units."""
    return 30 * TRAIN * (2 * 2 * (64 * width + width * 10) + 2 * width * 10)


PRODUCT_FLOPS = {
    "5a-digits-softmax": 500 * 2 * (2 * TRAIN * 64 * 10),
    "5b-digits-mlp": mlp_flops(128),
}


def numpy_gemm_gflops(repeat=5):
    """NumPy's 1000×1000 product, the fastest of `repeat`, in GFLOP/s."""
    rng = np.random.default_rng(1)
    a, b = rng.random((1000, 1000)), rng.random((1000, 1000))
    best = min(timed(lambda: a @ b) for _ in range(repeat))
    return 2e9 / best / 1e9


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def numpy_blas():
    try:
        from threadpoolctl import threadpool_info
        info = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        return ", ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} ({i.get('num_threads')} thread)" for i in info) or "?"
    except ImportError:
        return "? (threadpoolctl not installed)"


def main():
    global DIGITS
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="rounds, each running Cahier and then every peer once")
    parser.add_argument("--repeat", type=int, default=3, help="runs per implementation in a round (the median counts)")
    parser.add_argument("--widths", help="comma-separated hidden widths: only the MLP width sweep, against NumPy")
    parser.add_argument("--bench", help="the cahier-bench binary to time (default: build the release one)")
    args = parser.parse_args()
    if args.bench:
        bench = args.bench
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "cahier-bench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        bench = os.path.join(ROOT, ".build", "release", "cahier-bench")
    gemm = json.loads(subprocess.run([bench, "--gemm", "--repeat", "5"], check=True, capture_output=True, text=True).stdout)
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"CPU: {cpu}; one thread each side")
    if torch is None:
        print("PyTorch is not installed: its columns are left out (pip install -r benchmarks/requirements.txt)")
    print(f"Cahier's BLAS kernel: {gemm['kernel']}, 1000×1000 product {gemm['gflops']:.1f} GFLOP/s (the peak measured now)")
    print(f"NumPy's BLAS: {numpy_blas()}, 1000×1000 product {numpy_gemm_gflops():.1f} GFLOP/s")
    if args.widths:
        DIGITS = digits()
        width_sweep(bench, [int(w) for w in args.widths.split(",")], args.rounds, args.repeat)
        return
    spam_memory = subprocess.run(["/usr/bin/time", "-f", "%M", bench, DATA, "--repeat", "1", "--only", "1-spam-logistic"],
                                 check=True, capture_output=True, text=True).stderr.strip().splitlines()[-1]
    DIGITS = digits()
    ours = {name: [] for name, _ in WORKLOADS}
    theirs = {name: {peer: [] for peer in peers} for name, peers in WORKLOADS}
    results = {}
    # Interleaved: each round runs Cahier's workloads, then every peer's, so that a
    # machine that slows down or speeds up does so for both sides of a ratio.
    for _ in range(args.rounds):
        for line in subprocess.run([bench, DATA, "--repeat", str(args.repeat)], check=True, capture_output=True, text=True).stdout.splitlines():
            row = json.loads(line)
            ours[row["name"]].append(row["seconds"])
            results[row["name"]] = row
        for name, peers in WORKLOADS:
            for peer, fn in peers.items():
                seconds, result = median_time(fn, args.repeat)
                theirs[name][peer].append(seconds)
                results[(name, peer)] = result
    print(f"{args.rounds} rounds of {args.repeat} runs each; times are the median over rounds (min in brackets); "
          "the ratio is the median of the rounds' best peer / Cahier")
    print(f"{'workload':<20} {'Cahier':>18} {'peer':<14} {'peer time':>18}  accuracy (Cahier / peer)")
    for name, peers in WORKLOADS:
        mine = ours[name]
        row = results[name]
        for peer in peers:
            times = theirs[name][peer]
            acc = results[(name, peer)].get("accuracy")
            acc_text = f"{row.get('accuracy', float('nan')):.4f} / {acc:.4f}" if acc is not None else json.dumps(results[(name, peer)])
            print(f"{name:<20} {statistics.median(mine) * 1000:>8.2f}ms ({min(mine) * 1000:.2f}) {peer:<14} "
                  f"{statistics.median(times) * 1000:>8.2f}ms ({min(times) * 1000:.2f})  {acc_text}")
        paired = [min(theirs[name][peer][r] for peer in peers) / mine[r] for r in range(args.rounds)]
        line = f"{'':<20} best peer / Cahier, paired: {statistics.median(paired):.2f}×"
        if name in PRODUCT_FLOPS:
            gflops = PRODUCT_FLOPS[name] / min(mine) / 1e9
            line += (f"; its products are {PRODUCT_FLOPS[name] / 1e9:.2f} GFLOP, {PRODUCT_FLOPS[name] / gemm['gflops'] / 1e6:.1f} ms at the peak: "
                     f"{gflops:.1f} GFLOP/s reached, {100 * gflops / gemm['gflops']:.0f} % of it")
        print(line)
    print(f"peak memory of workload 1 (whole cahier-bench process): {int(spam_memory) / 1024:.1f} MB")


def width_sweep(bench, widths, rounds, repeat):
    """5b's MLP at each hidden width, Cahier and NumPy interleaved round by round; paired ratios, GFLOP/s."""
    ours = {w: [] for w in widths}
    theirs = {w: [] for w in widths}
    accuracy = {}
    gemm_cahier, gemm_numpy = [], []
    for _ in range(rounds):
        gemm_cahier.append(json.loads(subprocess.run([bench, "--gemm", "--repeat", "3"], check=True, capture_output=True,
                                                     text=True).stdout)["gflops"])
        gemm_numpy.append(numpy_gemm_gflops(3))
        out = subprocess.run([bench, DATA, "--repeat", str(repeat), "--widths", ",".join(map(str, widths))],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            row = json.loads(line)
            width = int(row["name"].rsplit("-", 1)[1])
            ours[width].append(row["seconds"])
            accuracy[(width, "cahier")] = row["accuracy"]
        for w in widths:
            seconds, result = median_time(lambda: mlp_numpy(w), repeat)
            theirs[w].append(seconds)
            accuracy[(w, "numpy")] = result["accuracy"]
    print(f"{rounds} rounds of {repeat} runs each; the peak (1000×1000 product, median over rounds of the best of 3): "
          f"Cahier {statistics.median(gemm_cahier):.1f}, NumPy {statistics.median(gemm_numpy):.1f} GFLOP/s; "
          "the share of the peak is the median of each round's GFLOP/s over that round's peak")
    print(f"{'width':>6} {'Cahier':>10} {'NumPy':>10} {'NumPy/Cahier':>13} {'Cahier GFLOP/s':>15} {'NumPy GFLOP/s':>14} "
          f"{'share of peak':>14}  accuracy (Cahier / NumPy)")
    for w in widths:
        mine, peer = statistics.median(ours[w]), statistics.median(theirs[w])
        paired = statistics.median(theirs[w][r] / ours[w][r] for r in range(rounds))
        flops = mlp_flops(w)
        share = statistics.median(flops / ours[w][r] / 1e9 / gemm_cahier[r] for r in range(rounds))
        print(f"{w:>6} {mine * 1000:>8.2f}ms {peer * 1000:>8.2f}ms {paired:>12.2f}× {flops / mine / 1e9:>15.1f} "
              f"{flops / peer / 1e9:>14.1f} {100 * share:>13.0f}%  "
              f"{accuracy[(w, 'cahier')]:.4f} / {accuracy[(w, 'numpy')]:.4f}")


if __name__ == "__main__":
    main()
