#!/usr/bin/env python3
"""Reference values for Cahier's autograd, its SGD, its linear models'
gradients and its perceptron variants, computed independently by PyTorch
(autograd, torch.optim.SGD) and scikit-learn in float64.

Each autograd case is a Cahier program and the PyTorch function it stands
for, written side by side. Tests/CahierKitTests/AutogradReferenceTests.swift
runs the program in a notebook session, where `let NAME = param(VALUES)`
makes each parameter and `let NAME = VALUES` each constant, calls
`out.backward()` (or `out.backward(SEED)`), and compares `out` and every
listed gradient with these values to 1e-12.

Run with the pinned PyPI packages (tools/reference/requirements.txt):
    python tools/reference/autograd.py > tools/reference/autograd.json
The output is committed, so the Swift tests need no Python.
"""
import json
import sys
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Perceptron

torch.set_default_dtype(torch.float64)
rng = np.random.RandomState(20261130)


def r(*shape, low=-2.0, high=2.0):
    """Random values with 6 decimals: short literals, exact on both sides."""
    return np.round(rng.uniform(low, high, size=shape), 6).tolist()


def t(values, grad=False):
    return torch.tensor(values, dtype=torch.float64, requires_grad=grad)


CASES = []


def case(name, program, fn, params, constants=None, seed=None, grads=None):
    """`program`: Cahier commands, the last binding `out`. `fn(**tensors)`
    computes `out` with PyTorch. `grads` maps a Cahier expression whose
    `.grad` is compared to the name of the PyTorch tensor holding it
    (by default each parameter's own name)."""
    constants = constants or {}
    tensors = {k: t(v, grad=True) for k, v in params.items()}
    tensors.update({k: t(v) for k, v in constants.items()})
    out = fn(**tensors)
    if seed is None:
        out.backward()
    else:
        out.backward(t(seed))
    grads = grads or {k: k for k in params}
    CASES.append({
        "name": name,
        "params": params,
        "constants": constants,
        "program": program if isinstance(program, list) else [program],
        "seed": seed,
        "out": out.detach().tolist(),
        "grads": {expr: tensors[key].grad.tolist() for expr, key in grads.items()},
    })


A = r(2, 3)
C23 = r(2, 3)
POSITIVE = (np.abs(np.array(r(2, 3))) + 0.1).round(6).tolist()
KINKS = [[-1.0, 0.0, 1.0], [2.0, -0.5, 0.0]]
V3 = r(3)
V21 = r(2, 1)
NONZERO3 = [1.5, -0.75, 2.25]


def unary_cases():
    c = {"c": C23}
    unary = [
        ("exp", "exp(w)", torch.exp, A),
        ("log", "log(w)", torch.log, POSITIVE),
        ("sqrt", "sqrt(w)", torch.sqrt, POSITIVE),
        ("abs at 0", "abs(w)", torch.abs, KINKS),
        ("negation", "-w", lambda w: -w, A),
        ("sigmoid", "sigmoid(w)", torch.sigmoid, A),
        ("tanh", "tanh(w)", torch.tanh, A),
        ("relu at 0", "relu(w)", F.relu, KINKS),
        ("leakyReLU at 0", "leakyReLU(w, slope: 0.1)", lambda w: F.leaky_relu(w, 0.1), KINKS),
        ("hardtanh at its ends", "hardtanh(w)", F.hardtanh, KINKS),
        ("hardtanh with bounds", "hardtanh(w, min: -0.5, max: 2)", lambda w: F.hardtanh(w, -0.5, 2.0), KINKS),
        ("softplus past its threshold", "softplus(w, beta: 2, threshold: 5)", lambda w: F.softplus(w, beta=2, threshold=5),
         [[-1.0, 0.0, 3.0], [2.5, 2.6, 10.0]]),
        ("gelu", "gelu(w)", F.gelu, A),
        ("geluTanh", "geluTanh(w)", lambda w: F.gelu(w, approximate="tanh"), A),
        ("sign", "sign(w)", torch.sign, KINKS),
        ("softmax along rows", "softmax(w)", lambda w: F.softmax(w, dim=-1), A),
        ("softmax along columns", "softmax(w, axis: 0)", lambda w: F.softmax(w, dim=0), A),
        ("logSoftmax", "logSoftmax(w)", lambda w: F.log_softmax(w, dim=-1), A),
        ("transpose", "transpose(w) * 1", lambda w: w.T, A),
        ("x.T", "w.T * 1", lambda w: w.T, A),
        ("reshape", "reshape(w, 3, 2)", lambda w: w.reshape(3, 2), A),
        ("clip at its ends", "clip(w, min: -0.5, max: 1)", lambda w: torch.clamp(w, -0.5, 1.0), KINKS),
    ]
    for name, expression, fn, w in unary:
        # A shaped cotangent: sum(f(w) * c) has gradient f'(w)·c, not a sum of columns.
        needs_transpose = name in ("transpose", "x.T")
        if name == "reshape":
            case(name, f"sum({expression} * reshape(c, 3, 2))", lambda w, c, fn=fn: (fn(w) * c.reshape(3, 2)).sum(), {"w": w}, c)
        elif needs_transpose:
            case(name, f"sum({expression} * transpose(c))", lambda w, c, fn=fn: (fn(w) * c.T).sum(), {"w": w}, c)
        else:
            case(name, f"sum({expression} * c)", lambda w, c, fn=fn: (fn(w) * c).sum(), {"w": w}, c)


def binary_cases():
    c = {"c": C23}
    binary = [
        ("add, broadcast over rows", "w + v", lambda w, v: w + v, A, V3),
        ("subtract, broadcast over columns", "w - v", lambda w, v: w - v, A, V21),
        ("multiply, broadcast", "w * v", lambda w, v: w * v, A, V3),
        ("divide, broadcast", "w / v", lambda w, v: w / v, A, NONZERO3),
        ("power of a positive base", "w ** v", lambda w, v: w ** v, POSITIVE, V3),
        ("maximum with ties", "maximum(w, v)", torch.maximum, [[1.0, 2.0, 3.0], [0.0, -1.0, 5.0]], [1.0, 0.0, 3.0]),
        ("minimum with ties", "minimum(w, v)", torch.minimum, [[1.0, 2.0, 3.0], [0.0, -1.0, 5.0]], [1.0, 0.0, 3.0]),
        ("remainder", "w % v", torch.remainder, A, NONZERO3),
    ]
    for name, expression, fn, w, v in binary:
        case(name, f"sum(({expression}) * c)", lambda w, v, c, fn=fn: (fn(w, v) * c).sum(), {"w": w, "v": v}, c)
    case("power by a constant", "sum(w ** 3 * c)", lambda w, c: (w ** 3 * c).sum(), {"w": A}, c)
    case("a constant to a power", "sum(2 ** w * c)", lambda w, c: (2 ** w * c).sum(), {"w": A}, c)
    case("a scalar parameter", "sum(s * c + s * s)", lambda s, c: (s * c + s * s).sum(), {"s": 1.5}, c)
    case("maximum(0, x) at 0", "sum(maximum(0, w) * c)", lambda w, c: (torch.maximum(torch.zeros(2, 3), w) * c).sum(), {"w": KINKS}, c)
    case("where", "sum(where(w > 0, w * w, v * 3) * c)", lambda w, v, c: (torch.where(w > 0, w * w, v * 3) * c).sum(),
         {"w": A, "v": V3}, c)
    case("a parameter used twice", "sum(w * w * c + w)", lambda w, c: (w * w * c + w).sum(), {"w": A}, c)


def product_cases():
    B = r(3, 4)
    C24 = r(2, 4)
    X = r(5, 3)
    W = r(2, 3)
    Y = r(5, 2)
    case("matrix product", "sum((a @ b) * c)", lambda a, b, c: (a @ b * c).sum(), {"a": A, "b": B}, {"c": C24})
    case("vector @ matrix", "sum((v @ b) * [1, -2, 3, 0.5])", lambda v, b: (v @ b * t([1, -2, 3, 0.5])).sum(), {"v": V3, "b": B})
    case("matrix @ vector", "sum((a @ v) * [2, -1])", lambda a, v: (a @ v * t([2, -1])).sum(), {"a": A, "v": V3})
    case("vector @ vector", "v @ u", lambda v, u: v @ u, {"v": V3, "u": NONZERO3})
    case("x @ w.T", "sum((x @ w.T) * y)", lambda x, w, y: (x @ w.T * y).sum(), {"x": X, "w": W}, {"y": Y})
    case("x.T @ y", "sum((x.T @ y) * c)", lambda x, y, c: (x.T @ y * c).sum(), {"x": X, "y": Y}, {"c": r(3, 2)})
    case("outer", "sum(outer(v, u) * c)", lambda v, u, c: (torch.outer(v, u) * c).sum(), {"v": [1.0, -2.0], "u": V3}, {"c": C23})


def indexing_cases():
    c = {"c": C23}
    case("a row", "sum(w[1] * [1, 2, 3])", lambda w: (w[1] * t([1, 2, 3])).sum(), {"w": A})
    case("an element", "w[1, 2] * 3", lambda w: w[1, 2] * 3, {"w": A})
    case("a column", "sum(w[:, 0] * [2, -1])", lambda w: (w[:, 0] * t([2, -1])).sum(), {"w": A})
    case("a slice", "sum(w[0:2, 1:3] * [[1, 2], [3, 4]])", lambda w: (w[0:2, 1:3] * t([[1, 2], [3, 4]])).sum(), {"w": A})
    case("repeated positions add up", "sum(w[[0, 0, 1]] * reshape(range(9), 3, 3))",
         lambda w: (w[[0, 0, 1]] * torch.arange(9.0).reshape(3, 3)).sum(), {"w": A})
    case("a mask", "sum(w[w > 0] ** 2)", lambda w: (w[w > 0] ** 2).sum(), {"w": KINKS})
    case("a negative step", "sum(w[::-1] * c)", lambda w, c: (torch.flip(w, [0]) * c).sum(), {"w": A}, c)
    case("rows", "sum(rows(w, 1, 2) * [4, 5, 6])", lambda w: (w[1:2] * t([4, 5, 6])).sum(), {"w": A})
    case("an array of computed rows", "sum([w[0] * 2, w[1]] * c)", lambda w, c: (torch.stack([w[0] * 2, w[1]]) * c).sum(), {"w": A}, c)
    case("concat along rows", "sum(concat(w, v, axis: 0) * reshape(range(9), 3, 3))",
         lambda w, v: (torch.cat([w, v], 0) * torch.arange(9.0).reshape(3, 3)).sum(), {"w": A, "v": [V3]})
    case("concat along columns", "sum(concat(w, v, axis: 1) * reshape(range(8), 2, 4))",
         lambda w, v: (torch.cat([w, v], 1) * torch.arange(8.0).reshape(2, 4)).sum(), {"w": A, "v": V21})
    case("stack", "sum(stack(w[0], w[1] * 3, axis: 1) * reshape(range(6), 3, 2))",
         lambda w: (torch.stack([w[0], w[1] * 3], 1) * torch.arange(6.0).reshape(3, 2)).sum(), {"w": A})
    T3 = r(2, 3, 4)
    case("permute", "sum(permute(w, 2, 0, 1) * reshape(range(24), 4, 2, 3))",
         lambda w: (w.permute(2, 0, 1) * torch.arange(24.0).reshape(4, 2, 3)).sum(), {"w": T3})


def reduction_cases():
    ties = [[1.0, 3.0, 3.0], [0.0, 3.0, -1.0]]
    case("sum", "sum(w) * 2", lambda w: w.sum() * 2, {"w": A})
    case("sum along axis 0", "sum(sum(w, axis: 0) * [1, 2, 3])", lambda w: (w.sum(0) * t([1, 2, 3])).sum(), {"w": A})
    case("sum along axis -1", "sum(sum(w, axis: -1) * [1, -1])", lambda w: (w.sum(-1) * t([1, -1])).sum(), {"w": A})
    case("mean", "mean(w) * 3", lambda w: w.mean() * 3, {"w": A})
    case("mean along an axis", "sum(mean(w, axis: 1) * [1, 2])", lambda w: (w.mean(1) * t([1, 2])).sum(), {"w": A})
    case("max of all elements, ties shared", "max(w)", lambda w: w.max(), {"w": ties})
    case("min of all elements", "min(w) * 2", lambda w: w.min() * 2, {"w": A})
    case("max along an axis, ties", "sum(max(w, axis: 1) * [1, 2])", lambda w: (w.max(1).values * t([1, 2])).sum(), {"w": ties})
    case("max along axis 0, ties", "sum(max(w, axis: 0) * [1, 2, 3])", lambda w: (w.max(0).values * t([1, 2, 3])).sum(),
         {"w": [[1.0, 3.0, 2.0], [1.0, 3.0, 5.0]]})
    case("min along an axis, ties", "sum(min(w, axis: 1) * [1, 2])", lambda w: (w.min(1).values * t([1, 2])).sum(),
         {"w": [[1.0, 1.0, 3.0], [0.0, 3.0, 0.0]]})
    case("logsumexp", "logsumexp(w)", lambda w: torch.logsumexp(w.reshape(-1), 0), {"w": A})
    case("logsumexp along an axis", "sum(logsumexp(w, axis: 1) * [1, 3])", lambda w: (torch.logsumexp(w, 1) * t([1, 3])).sum(),
         {"w": A})
    case("norm", "norm(w)", lambda w: torch.linalg.vector_norm(w), {"w": A})
    case("norm along an axis, a zero row", "sum(norm(w, axis: 1) * [1, 2])",
         lambda w: (torch.linalg.vector_norm(w, dim=1) * t([1, 2])).sum(), {"w": [[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]]})


def loss_cases():
    p = [0.2, 0.9, 0.5, 0.01]
    y = [0.0, 1.0, 1.0, 0.0]
    z = r(4)
    logits = r(3, 4)
    classes = [2.0, 0.0, 3.0]
    weights = [0.5, 1.0, 2.0, 1.5]
    case("mse", "mse(p, y)", lambda p, y: F.mse_loss(p, y), {"p": p}, {"y": y})
    case("mse, sum", "mse(p, y, reduction: \"sum\")", lambda p, y: F.mse_loss(p, y, reduction="sum"), {"p": p}, {"y": y})
    case("mse, none, with a seed", "mse(p, y, reduction: \"none\")", lambda p, y: F.mse_loss(p, y, reduction="none"),
         {"p": p}, {"y": y}, seed=[1.0, -2.0, 0.5, 3.0])
    case("bce", "bce(p, y)", lambda p, y: F.binary_cross_entropy(p, y), {"p": p}, {"y": y})
    case("bce at 0 and 1, clamped", "bce(p, y)", lambda p, y: F.binary_cross_entropy(p, y),
         {"p": [0.0, 1.0, 0.3, 1.0]}, {"y": [1.0, 0.0, 1.0, 1.0]})
    case("bce, sum", "bce(p, y, reduction: \"sum\")", lambda p, y: F.binary_cross_entropy(p, y, reduction="sum"), {"p": p}, {"y": y})
    case("bceWithLogits", "bceWithLogits(z, y)", lambda z, y: F.binary_cross_entropy_with_logits(z, y), {"z": z}, {"y": y})
    case("bceWithLogits, none", "bceWithLogits(z, y, reduction: \"none\")",
         lambda z, y: F.binary_cross_entropy_with_logits(z, y, reduction="none"), {"z": z}, {"y": y}, seed=[0.5, 1.0, -1.0, 2.0])
    case("crossEntropy", "crossEntropy(z, k)", lambda z, k: F.cross_entropy(z, k.long()), {"z": logits}, {"k": classes})
    case("crossEntropy, sum", "crossEntropy(z, k, reduction: \"sum\")", lambda z, k: F.cross_entropy(z, k.long(), reduction="sum"),
         {"z": logits}, {"k": classes})
    case("crossEntropy, none", "crossEntropy(z, k, reduction: \"none\")",
         lambda z, k: F.cross_entropy(z, k.long(), reduction="none"), {"z": logits}, {"k": classes}, seed=[1.0, 2.0, -0.5])
    case("weighted crossEntropy, mean", "crossEntropy(z, k, weights: q)",
         lambda z, k, q: F.cross_entropy(z, k.long(), weight=q), {"z": logits}, {"k": classes, "q": weights})
    case("weighted crossEntropy, sum", "crossEntropy(z, k, weights: q, reduction: \"sum\")",
         lambda z, k, q: F.cross_entropy(z, k.long(), weight=q, reduction="sum"), {"z": logits}, {"k": classes, "q": weights})
    case("weighted crossEntropy, none", "crossEntropy(z, k, weights: q, reduction: \"none\")",
         lambda z, k, q: F.cross_entropy(z, k.long(), weight=q, reduction="none"), {"z": logits}, {"k": classes, "q": weights},
         seed=[1.0, -1.0, 0.25])
    # The perceptron criterion mean(max(0, −y·z)), its kink at y·z = 0 taken as relu's.
    case("perceptronLoss at its kink", "perceptronLoss(z, y)", lambda z, y: F.relu(-y * z).mean(),
         {"z": [0.0, -1.5, 2.0, 0.5]}, {"y": [1.0, 1.0, -1.0, 1.0]})


def composite_cases():
    X = r(4, 2)
    Y = [[0.0], [1.0], [1.0], [0.0]]
    W1, b1, W2, b2 = r(3, 2), r(3), r(1, 3), r(1)
    case("a two-layer network written out",
         ["let h = tanh(x @ w1.T + b1)", "let out = bceWithLogits(h @ w2.T + b2, y)"],
         lambda x, y, w1, b1, w2, b2: F.binary_cross_entropy_with_logits(torch.tanh(x @ w1.T + b1) @ w2.T + b2, y),
         {"w1": W1, "b1": b1, "w2": W2, "b2": b2}, {"x": X, "y": Y})

    def net_fn(x, y, w1, b1, w2, b2, **values):
        return F.mse_loss(torch.sigmoid(F.linear(torch.relu(F.linear(x, w1, b1)), w2, b2)), y)

    case("net.forward",
         ["let net = Sequential(Linear(weight: w1v, bias: b1v), \"relu\", Linear(weight: w2v, bias: b2v), \"sigmoid\")",
          "let out = mse(net.forward(x), y)"],
         net_fn, {"w1": W1, "b1": b1, "w2": W2, "b2": b2},
         {"x": X, "y": Y, "w1v": W1, "b1v": b1, "w2v": W2, "b2v": b2},
         grads={"net.parameters[0]": "w1", "net.parameters[1]": "b1", "net.parameters[2]": "w2", "net.parameters[3]": "b2"})
    case("gradients accumulate over two backward passes",
         ["let first = sum(w * w)", "first.backward()", "let out = sum(exp(w) * c)"],
         lambda w, c: ((w * w).sum().backward(), (torch.exp(w) * c).sum())[1], {"w": A}, {"c": C23})
    case("a user function", ["func square(_ x: Tensor) -> Tensor { return x * x }", "let out = sum(square(w - 1) * c)"],
         lambda w, c: (((w - 1) * (w - 1)) * c).sum(), {"w": A}, {"c": C23})
    case("a loop", ["var acc = w * 0", "for i in 0..<3 { acc = acc * w + i }", "let out = sum(acc * c)"],
         lambda w, c: _loop(w, c), {"w": A}, {"c": C23})


def _loop(w, c):
    acc = w * 0
    for i in range(3):
        acc = acc * w + i
    return (acc * c).sum()


def sgd_section():
    configs = [
        {"rate": 0.1},
        {"rate": 0.05, "momentum": 0.9},
        {"rate": 0.05, "momentum": 0.9, "dampening": 0.5},
        {"rate": 0.05, "momentum": 0.8, "nesterov": True},
        {"rate": 0.1, "weightDecay": 0.01},
        {"rate": 0.02, "momentum": 0.9, "dampening": 0.1, "weightDecay": 0.05},
        {"rate": 0.03, "momentum": 0.7, "nesterov": True, "weightDecay": 0.02},
    ]
    w0 = r(3)
    gradients = [r(3) for _ in range(6)]
    runs = []
    for config in configs:
        w = t(w0, grad=True)
        opt = torch.optim.SGD([w], lr=config["rate"], momentum=config.get("momentum", 0.0),
                              dampening=config.get("dampening", 0.0), nesterov=config.get("nesterov", False),
                              weight_decay=config.get("weightDecay", 0.0), foreach=False)
        weights, buffers = [], []
        for g in gradients:
            opt.zero_grad()
            (w * t(g)).sum().backward()
            opt.step()
            weights.append(w.detach().tolist())
            state = opt.state[w].get("momentum_buffer")
            buffers.append(None if state is None else state.tolist())
        runs.append({"config": config, "weights": weights, "buffers": buffers})
    return {"w0": w0, "gradients": gradients, "runs": runs}


def linear_models_section():
    X = r(6, 3)
    y = [0.0, 1.0, 1.0, 0.0, 1.0, 0.0]
    W, b = r(1, 3), r(1)
    l2 = 0.1
    w_t, b_t = t(W, grad=True), t(b, grad=True)
    loss = F.binary_cross_entropy_with_logits(t(X) @ w_t.T + b_t, t(y).reshape(-1, 1)) + l2 / 2 * (w_t ** 2).sum()
    loss.backward()
    logistic = {"x": X, "y": y, "weight": W, "bias": b, "l2": l2, "loss": loss.item(),
                "weightGrad": w_t.grad.tolist(), "biasGrad": b_t.grad.tolist()}
    classes = [0.0, 2.0, 1.0, 1.0, 0.0, 2.0]
    Ws, bs = r(3, 3), r(3)
    w_t, b_t = t(Ws, grad=True), t(bs, grad=True)
    loss = F.cross_entropy(t(X) @ w_t.T + b_t, t(classes).long()) + l2 / 2 * (w_t ** 2).sum()
    loss.backward()
    softmax = {"x": X, "y": classes, "weight": Ws, "bias": bs, "l2": l2, "loss": loss.item(),
               "weightGrad": w_t.grad.tolist(), "biasGrad": b_t.grad.tolist()}
    return {"logistic": logistic, "softmax": softmax}


def perceptron_section():
    """The margin rule against scikit-learn's Perceptron(shuffle=False), epoch
    by epoch (max_iter = e for e = 1, 2, …), and the lecture's rule with either
    step at 0 against a direct transcription of Rosenblatt's rule."""
    data = {
        "separable": ([[2, 1], [1, 3], [-1, -1], [-2, 1], [0, 2], [1, -2], [3, 3], [-1, -3]], [1, 1, 0, 0, 1, 0, 1, 0]),
        "xor": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]),
        "and": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]),
    }
    epochs = 12
    margin = {}
    for name, (x, y) in data.items():
        history = []
        for e in range(1, epochs + 1):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model = Perceptron(shuffle=False, eta0=0.5, max_iter=e, tol=None, fit_intercept=True).fit(np.array(x, float), y)
            history.append([float(model.intercept_[0])] + [float(v) for v in model.coef_[0]])
        margin[name] = {"x": x, "y": y, "rate": 0.5, "epochs": epochs, "weights": history}

    def rosenblatt(x, y, step_at_zero, rate, epochs):
        w = [0.0] * (len(x[0]) + 1)
        history, errors = [], []
        for _ in range(epochs):
            mistakes = 0
            for xi, yi in zip(x, y):
                z = w[0] + sum(wj * xj for wj, xj in zip(w[1:], xi))
                out = 1.0 if z > 0 else (0.0 if z < 0 else step_at_zero)
                delta = yi - out
                if delta != 0:
                    mistakes += 1
                    w[0] += rate * delta
                    for j, xj in enumerate(xi):
                        w[j + 1] += rate * delta * xj
            history.append(list(w))
            errors.append(mistakes)
            if mistakes == 0:
                break
        return {"weights": history, "errors": errors}

    step = {}
    for name in ("and", "separable"):
        x, y = data[name]
        step[name] = {"x": x, "y": y, "rate": 1.0, "epochs": 20,
                      "stepAtZero1": rosenblatt(x, y, 1.0, 1.0, 20), "stepAtZero0": rosenblatt(x, y, 0.0, 1.0, 20)}
    return {"margin": margin, "step": step}


def main():
    for section in (unary_cases, binary_cases, product_cases, indexing_cases, reduction_cases, loss_cases, composite_cases):
        section()
    out = {
        "versions": {"torch": torch.__version__, "numpy": np.__version__, "sklearn": __import__("sklearn").__version__},
        "autograd": CASES,
        "sgd": sgd_section(),
        "linearModels": linear_models_section(),
        "perceptron": perceptron_section(),
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
