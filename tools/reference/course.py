#!/usr/bin/env python3
"""Independent values for the course notebooks (notebooks/01-…09-*.md).

Each section recomputes, with NumPy, PyTorch and scikit-learn, the numbers a
notebook shows, printing them in Cahier's display format (6 significant
digits, integers without .0). Where a notebook uses its seeded generator,
this script replays the same draws with its own implementation of the
published xoshiro256** (reference.py) and of the documented sampling methods.

Run with the packages of requirements.txt (PyPI; earlier runs with Debian's torch 1.13 gave the same numbers):
    python tools/reference/course.py > tools/reference/course.txt
"""
import math
import os
import sys
import unicodedata

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cahier_sampling import linear_init, normal, permutation, split, uniform, xoshiro  # noqa: E402

torch.set_default_dtype(torch.float64)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "notebooks", "data")


# ---------- Cahier's documented conventions, written again in Python ----------

def fmt(x):
    """A number as Cahier shows it: integers without .0, others to 6 significant digits."""
    x = float(x.detach()) if hasattr(x, "detach") else float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == 0:
        return "0"
    if x == round(x) and abs(x) < 1e16:
        return str(int(x))
    return "%.6g" % x


def vec(values):
    return "[" + ", ".join(fmt(v) for v in values) + "]"


def tokenize(text):
    """Lowercased runs of letters (Unicode Alphabetic, with the marks after them),
    decimal digits and inner apostrophes, as Tokenizer documents."""
    words, current, apostrophe = [], [], False
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isalpha() or cat == "Nd":
            if apostrophe:
                current.append("'")
            apostrophe = False
            current.append(ch.lower())
        elif ch == "'" and current and not apostrophe:
            apostrophe = True
        elif cat == "Mn" and current:
            current.append(ch)
        else:
            if current:
                words.append("".join(current))
            current, apostrophe = [], False
    if current:
        words.append("".join(current))
    return words


def load_spam():
    with open(os.path.join(DATA, "spam.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t", 1) for line in f][1:]
    return [t for _, t in rows], np.array([1.0 if label == "spam" else 0.0 for label, _ in rows])


def load_digits():
    raw = np.loadtxt(os.path.join(DATA, "digits.csv"), delimiter=",", skiprows=1)
    return raw[:, :64], raw[:, 64]


def section(title):
    print(f"\n## {title}")


def show(label, value):
    print(f"{label}: {value}")


# ---------- 0. Learning from data ----------

def notebook0():
    section("00c learning from data")
    x = np.array([0, 1, 2, 3, 4, 5], dtype=float)
    y = np.array([1.1, 2.9, 5.2, 7.1, 8.8, 11.0])
    slope, intercept = np.polyfit(x, y, 1)
    show("least squares slope", fmt(slope))
    show("least squares intercept", fmt(intercept))
    # Gradient descent as the notebook writes it, in NumPy: 2,000 steps at rate 0.05 from 0.
    w, b = 0.0, 0.0
    for _ in range(2000):
        g = 2 * (w * x + b - y) / 6
        w, b = w - 0.05 * (g @ x), b - 0.05 * g.sum()
    show("gradient descent slope", fmt(w))
    show("gradient descent intercept", fmt(b))


# ---------- 1. Observations, features and labels ----------

def notebook1():
    section("01 observations, features and labels")
    texts, y = load_spam()
    show("messages", len(texts))
    show("spam", fmt(y.sum()))
    show("share of spam", fmt(y.mean()))
    show("texts[2]", texts[2])
    corpus = [tokenize(t) for t in texts]
    vocabulary = sorted({w for d in corpus for w in d}, key=lambda w: w.encode("utf-8"))
    show("vocabulary size", len(vocabulary))
    import re
    ascii_words = {w for t in texts for w in re.findall(r"[a-z0-9]+", t.lower())}
    show("vocabulary size with [a-z0-9]+", len(ascii_words))
    nonzeros = sum(len(set(d)) for d in corpus)
    show("nonzeros", nonzeros)
    show("nonzeros / 5574", fmt(nonzeros / 5574))
    show("words of message 2", len(corpus[2]))
    show("distinct words of message 2", len(set(corpus[2])))
    show("repeated words of message 2", sorted(w for w in set(corpus[2]) if corpus[2].count(w) > 1))
    show("dense size in MB", fmt(5574 * len(vocabulary) * 8 / 1e6))


# ---------- 2. The perceptron ----------

def blobs(gen, centers, count, std):
    points, labels = [], []
    for c, (cx, cy) in enumerate(centers):
        for _ in range(count):
            x = cx + std * normal(gen)
            y = cy + std * normal(gen)
            points.append((x, y))
            labels.append(c)
    return np.array(points), np.array(labels, dtype=float)


def perceptron(x, y, epochs, rate=1.0, rule="online", w=None):
    """The perceptron rule in NumPy: step(z) = 1 for z >= 0, labels {0, 1}."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1]) if w is None else np.array(w, dtype=float)
    errors = []
    for _ in range(epochs):
        mistakes, total = 0, np.zeros_like(w)
        for xi, yi in zip(x1, y):
            y_hat = 1.0 if w @ xi >= 0 else 0.0
            if y_hat != yi:
                mistakes += 1
                if rule == "online":
                    w = w + rate * (yi - y_hat) * xi
                else:
                    total += rate * (yi - y_hat) * xi
        if rule == "batch":
            w = w + total
        errors.append(mistakes)
        if mistakes == 0:
            break
    return w, errors


def notebook2():
    section("02 the perceptron")
    gen = xoshiro(2)
    x, y = blobs(gen, [(-1, -1), (1.5, 1.5)], 20, 0.5)
    w, errors = perceptron(x, y, 50)
    show("online errors", vec(errors))
    show("online weights", vec(w))
    pred = (np.hstack([np.ones((40, 1)), x]) @ w >= 0).astype(float)
    show("online accuracy", fmt(np.mean(pred == y)))
    w, errors = perceptron(x, y, 50, rule="batch")
    show("batch errors", vec(errors))
    show("batch weights", vec(w))
    x2, y2 = blobs(gen, [(0, 0), (1, 1)], 30, 0.8)
    w, errors = perceptron(x2, y2, 30)
    show("overlap errors", vec(errors))
    z = np.hstack([np.ones((len(x2), 1)), x2]) @ w
    show("overlap Heaviside loss at the final weights", fmt(np.sum(-(2 * y2 - 1) * z > 0)))
    show("overlap converged", "true" if errors[-1] == 0 else "false")


# ---------- 3. Boolean functions ----------

def perceptron_trace(x, y, epochs, rate=1.0):
    """The online rule again, keeping the weights after every epoch."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    history = []
    for _ in range(epochs):
        mistakes = 0
        for xi, yi in zip(x1, y):
            y_hat = 1.0 if w @ xi >= 0 else 0.0
            if y_hat != yi:
                w = w + rate * (yi - y_hat) * xi
                mistakes += 1
        history.append(w)
        if mistakes == 0:
            break
    return history


def notebook3():
    section("03 boolean functions")
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    for name, labels in [("and", [0, 0, 0, 1]), ("xor", [0, 1, 1, 0])]:
        history = perceptron_trace(x, np.array(labels, dtype=float), 20)
        show(f"{name} weights after each epoch", "[" + ", ".join(vec(w) for w in history) + "]")


# ---------- 4. From the perceptron to the MLP ----------

def inside_convex(polygon, p):
    for i in range(len(polygon)):
        a, b = polygon[i], polygon[(i + 1) % len(polygon)]
        if (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < 0:
            return False
    return True


def polygons(gen, shapes, count):
    points, labels = [], []
    for _ in range(count):
        p = (2 * uniform(gen) - 1, 2 * uniform(gen) - 1)
        points.append(p)
        labels.append(1.0 if any(inside_convex(s, p) for s in shapes) else 0.0)
    return np.array(points), np.array(labels)


def logistic_gd(x, y, rate, steps, l2=0.0):
    """Full-batch gradient descent on BCE(σ(xw + b), y) + l2/2·|w|², from zero weights."""
    w, b, losses = np.zeros(x.shape[1]), 0.0, []
    for _ in range(steps):
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        loss = np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))) + 0.5 * l2 * (w @ w)
        g = (p - y) / len(y)
        w, b = w - rate * (x.T @ g + l2 * w), b - rate * g.sum()
        losses.append(loss)
    return w, b, losses


def notebook4():
    section("04 from the perceptron to the MLP")
    gen = xoshiro(4)
    a = [(-0.9, -0.9), (-0.1, -0.9), (-0.5, -0.1)]
    b = [(0.1, 0.1), (0.9, 0.1), (0.5, 0.9)]
    _, y1 = polygons(gen, [a], 300)
    show("points in the triangle", fmt(y1.sum()))
    _, y2 = polygons(gen, [a, b], 400)
    show("points in either triangle", fmt(y2.sum()))
    x, y = blobs(gen, [(-1, -1), (1, 1)], 20, 0.4)
    for l2 in (0.0, 0.1):
        w, bias, losses = logistic_gd(x, y, 0.5, 500, l2)
        p = 1 / (1 + np.exp(-(x @ w + bias)))
        show(f"l2 {l2}: |w|", fmt(np.sqrt(w @ w)))
        show(f"l2 {l2}: max probability", fmt(p.max()))
        show(f"l2 {l2}: accuracy", fmt(np.mean((p >= 0.5) == (y == 1))))


# ---------- 5. Multi-class linear classification ----------

def standardize(train, *others):
    mean, std = train.mean(0), train.std(0)
    std[std == 0] = 1
    return [(a - mean) / std for a in (train,) + others]


def softmax_gd(x, y, rate, steps, k=10):
    """Full-batch gradient descent on cross-entropy with PyTorch autograd, from zero weights."""
    xt, yt = torch.tensor(x), torch.tensor(y).long()
    w = torch.zeros(k, x.shape[1], requires_grad=True)
    b = torch.zeros(k, requires_grad=True)
    losses = []
    for _ in range(steps):
        loss = F.cross_entropy(xt @ w.T + b, yt)
        w.grad = None
        b.grad = None
        loss.backward()
        with torch.no_grad():
            w -= rate * w.grad
            b -= rate * b.grad
        losses.append(loss.item())
    return w.detach().numpy(), b.detach().numpy(), losses


def notebook5():
    section("05 multi-class linear classification")
    x, y = load_digits()
    gen = xoshiro(5)
    train, test = split(gen, y)
    show("train", len(train))
    show("test", len(test))
    xtr, xte = standardize(x[train], x[test])
    w, b, losses = softmax_gd(xtr, y[train], 0.5, 500)
    show("final loss", fmt(losses[-1]))
    show("train accuracy", fmt(np.mean(np.argmax(xtr @ w.T + b, 1) == y[train])))
    show("test accuracy", fmt(np.mean(np.argmax(xte @ w.T + b, 1) == y[test])))
    scores = w @ xte[0] + b
    show("scores of the first test image", vec(scores))
    show("its class and label", f"{int(np.argmax(scores))} {int(y[test][0])}")


# ---------- 6. Gradient descent and the choice of loss ----------

def notebook6():
    section("06 gradient descent and the choice of loss")
    show("tanh of [-1, 0.5, 3]", vec(np.tanh([-1.0, 0.5, 3.0])))
    gen = xoshiro(6)
    inputs = np.array([normal(gen) for _ in range(1000)]).reshape(100, 10)
    w, b = linear_init(gen, 10, 1)
    out = 1 / (1 + np.exp(-(inputs @ w.T + b)))
    show("logistic output shape", vec(out.shape))
    texts, y = load_spam()
    train, test = split(gen, y)
    train_words = [tokenize(texts[i]) for i in train]
    vocabulary = sorted({t for d in train_words for t in d}, key=lambda t: t.encode("utf-8"))
    index = {t: i for i, t in enumerate(vocabulary)}
    show("vocabulary", len(vocabulary))

    def encode(docs):
        x = np.zeros((len(docs), len(vocabulary)))
        for r, d in enumerate(docs):
            for t in d:
                if t in index:
                    x[r, index[t]] = 1
        return x

    xtr, xte = encode(train_words), encode([tokenize(texts[i]) for i in test])
    wv, bias, losses = logistic_gd(xtr, y[train], 0.5, 200)
    predicted = (xte @ wv + bias >= 0).astype(float)
    truth = y[test]
    tp = np.sum((predicted == 1) & (truth == 1))
    fp = np.sum((predicted == 1) & (truth == 0))
    fn = np.sum((predicted == 0) & (truth == 1))
    show("final loss", fmt(losses[-1]))
    show("test accuracy", fmt(np.mean(predicted == truth)))
    show("precision", fmt(tp / (tp + fp)))
    show("recall", fmt(tp / (tp + fn)))
    confusion = [[int(np.sum((truth == i) & (predicted == j))) for j in (0, 1)] for i in (0, 1)]
    show("confusion", confusion)


# ---------- 7. Activation functions ----------

def value_and_derivative(fn, points):
    x = torch.tensor(points, requires_grad=True)
    y = fn(x)
    y.sum().backward()
    return y.detach().tolist(), x.grad.tolist()


def notebook7():
    section("07 activation functions")
    x = [-2.0, -0.5, 0.0, 0.5, 2.0]
    functions = {
        "tanh": torch.tanh, "hardtanh": F.hardtanh, "sigmoid": torch.sigmoid, "softplus": F.softplus,
        "relu": F.relu, "leakyReLU": lambda t: F.leaky_relu(t, 0.01), "gelu": F.gelu,
    }
    for name, fn in functions.items():
        values, derivatives = value_and_derivative(fn, x)
        show(f"{name}(x)", vec(values))
        show(f"derivative {name}(x)", vec(derivatives))
    show("derivative hardtanh at [-1, -0.5, 0.5, 1]", vec(value_and_derivative(F.hardtanh, [-1.0, -0.5, 0.5, 1.0])[1]))
    show("derivative sigmoid at [0, 5, 10]", vec(value_and_derivative(torch.sigmoid, [0.0, 5.0, 10.0])[1]))
    show("derivative relu at [0.1, 5, 10]", vec(value_and_derivative(F.relu, [0.1, 5.0, 10.0])[1]))
    show("0.25 ** 5", fmt(0.25 ** 5))


# ---------- 8. Softmax and cross-entropy ----------

def notebook8():
    section("08 softmax and cross-entropy")
    scores = torch.tensor([2.0, 1.0, 0.1])
    show("softmax(scores)", vec(F.softmax(scores, 0).tolist()))
    show("sum", fmt(F.softmax(scores, 0).sum()))
    show("softmax(scores + 100)", vec(F.softmax(scores + 100, 0).tolist()))
    show("cross-entropy, class 0", fmt(F.cross_entropy(scores[None], torch.tensor([0]))))
    show("cross-entropy, class 2", fmt(F.cross_entropy(scores[None], torch.tensor([2]))))
    show("cross-entropy of two rows", fmt(F.cross_entropy(torch.tensor([[2, 1, 0.1], [0.5, 2.5, 0.3]]), torch.tensor([0, 1]))))
    z = scores.clone().requires_grad_(True)
    F.cross_entropy(z[None], torch.tensor([0])).backward()
    show("gradient for class 0", vec(z.grad.tolist()))
    big = torch.tensor([1000.0, 1001.0, 1002.0])
    show("exp(big)", vec(torch.exp(big).tolist()))
    show("exp(big) / sum", vec((torch.exp(big) / torch.exp(big).sum()).tolist()))
    show("softmax(big)", vec(F.softmax(big, 0).tolist()))
    show("softmax([-1000, -1001, -1002])", vec(F.softmax(torch.tensor([-1000.0, -1001.0, -1002.0]), 0).tolist()))
    show("logSoftmax([0, -800])", vec(F.log_softmax(torch.tensor([0.0, -800.0]), 0).tolist()))
    show("log(softmax([0, -800]))", vec(torch.log(F.softmax(torch.tensor([0.0, -800.0]), 0)).tolist()))


# ---------- 9. Training an MLP ----------

def matrix(rows):
    """A matrix as Cahier shows it: one row per line, columns right-aligned."""
    cells = [[fmt(v) for v in row] for row in rows]
    widths = [max(len(r[j]) for r in cells) for j in range(len(cells[0]))]
    lines = ["[" + ", ".join(c.rjust(widths[j]) for j, c in enumerate(r)) + "]" for r in cells]
    return "[" + (",\n ".join(lines)) + "]"


def notebook9():
    section("09 training an MLP")
    x = torch.tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]])
    y = torch.tensor([[0.0], [1], [1], [0]])
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6], [-0.6, -0.5]]))
        model[0].bias.copy_(torch.tensor([0.1, -0.1, 0.2, 0.0]))
        model[2].weight.copy_(torch.tensor([[0.9, -0.7, 0.4, 0.3]]))
        model[2].bias.copy_(torch.tensor([-0.2]))
    out = model(x)
    loss = F.binary_cross_entropy(out, y)
    print("out:\n" + matrix(out.detach().tolist()))
    show("loss", fmt(loss))
    loss.backward()
    print("last weight grad:\n" + matrix(model[2].weight.grad.tolist()))
    show("last bias grad", vec(model[2].bias.grad.tolist()))
    print("first weight grad:\n" + matrix(model[0].weight.grad.tolist()))
    show("first bias grad", vec(model[0].bias.grad.tolist()))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    losses = []
    for _ in range(300):
        opt.zero_grad()
        loss = F.binary_cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    show("xor losses[0]", fmt(losses[0]))
    show("xor losses[-1]", fmt(losses[-1]))
    show("xor classes", vec((model(x) >= 0.5).double().reshape(-1).tolist()))

    images, labels = load_digits()
    gen = xoshiro(9)
    train, test = split(gen, labels)
    xtr, xte = standardize(images[train], images[test])
    ytr, yte = labels[train], labels[test]
    w1, b1 = linear_init(gen, 64, 128)
    w2, b2 = linear_init(gen, 128, 10)
    mlp = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    with torch.no_grad():
        mlp[0].weight.copy_(torch.tensor(w1)); mlp[0].bias.copy_(torch.tensor(b1))
        mlp[2].weight.copy_(torch.tensor(w2)); mlp[2].bias.copy_(torch.tensor(b2))
    opt = torch.optim.SGD(mlp.parameters(), lr=0.05)
    xt, yt = torch.tensor(xtr), torch.tensor(ytr).long()
    n = len(ytr)
    for epoch in range(30):
        order = permutation(gen, n)
        total = 0.0
        for start in range(0, n, 32):
            idx = torch.tensor(order[start:start + 32])
            loss = F.cross_entropy(mlp(xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        epoch_loss = total / n
    predicted = mlp(torch.tensor(xte)).argmax(1).numpy()
    show("train / test", f"{len(train)} / {len(test)}")
    show("digits final epoch loss", fmt(epoch_loss))
    show("digits test accuracy", fmt(np.mean(predicted == yte)))
    show("first test image: predicted, true", f"{predicted[0]}, {fmt(yte[0])}")


# ---------- The examples of docs/reference.md that are not exact by hand ----------

def reference_examples():
    section("docs/reference.md examples")
    show("gelu(1)", fmt(F.gelu(torch.tensor(1.0))))
    show("geluTanh(1)", fmt(F.gelu(torch.tensor(1.0), approximate="tanh")))
    show("softplus(0)", fmt(F.softplus(torch.tensor(0.0))))
    show("softmax([1000, 1001, 1002])", vec(F.softmax(torch.tensor([1000.0, 1001.0, 1002.0]), 0).tolist()))
    show("logSoftmax([0, 0])", vec(F.log_softmax(torch.tensor([0.0, 0.0]), 0).tolist()))
    show("sqrt([4, 2])", vec(torch.sqrt(torch.tensor([4.0, 2.0])).tolist()))
    show("bce([0.5], [1])", fmt(F.binary_cross_entropy(torch.tensor([0.5]), torch.tensor([1.0]))))
    show("crossEntropy([[0, 0]], [1])", fmt(F.cross_entropy(torch.tensor([[0.0, 0.0]]), torch.tensor([1]))))
    show("sigmoid of [0, 0] @ [2, -1] and [1, 0] @ [2, -1]", vec(torch.sigmoid(torch.tensor([0.0, 2.0])).tolist()))


def main():
    print("# Independent values for the course notebooks (tools/reference/course.py)")
    print(f"# torch {torch.__version__}, numpy {np.__version__}")
    notebook0()
    notebook1()
    notebook2()
    notebook3()
    notebook4()
    notebook5()
    notebook6()
    notebook7()
    notebook8()
    notebook9()
    reference_examples()


if __name__ == "__main__":
    main()
