#!/usr/bin/env python3
"""Reference values for CahierLearning's tests, computed independently with
PyTorch (autograd, torch.optim), NumPy and scikit-learn in float64.

Run with Debian's Python (python3-torch 1.13, python3-numpy, python3-sklearn):
    /usr/bin/python3 tools/reference/reference.py > tools/reference/reference.json
The output is committed, so the Swift tests need no Python.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.preprocessing import StandardScaler

torch.set_default_dtype(torch.float64)


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cahier_sampling import normal, splitmix64, uniform, xoshiro  # noqa: E402


def random_section():
    g = xoshiro(42)
    raw = [str(next(g)) for _ in range(6)]
    g = xoshiro(42)
    uniforms = [uniform(g) for _ in range(5)]
    g = xoshiro(7)
    normals = [normal(g) for _ in range(5)]
    sm0 = str(next(splitmix64(0)))
    return {"xoshiro42": raw, "uniform42": uniforms, "normal7": normals, "splitmix0": sm0}


# --- Activations: value and autograd derivative at each point.
POINTS = [-800.0, -20.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.5, 3.0, 20.0, 21.0, 800.0]


def activation(fn):
    x = torch.tensor(POINTS, requires_grad=True)
    y = fn(x)
    y.sum().backward()
    return {"value": y.detach().tolist(), "derivative": x.grad.tolist()}


def activations_section():
    return {
        "points": POINTS,
        "sigmoid": activation(torch.sigmoid),
        "tanh": activation(torch.tanh),
        "hardtanh": activation(lambda x: F.hardtanh(x, -1.0, 1.0)),
        "softplus": activation(lambda x: F.softplus(x, beta=1, threshold=20)),
        "softplus_beta2_threshold5": activation(lambda x: F.softplus(x, beta=2, threshold=5)),
        "relu": activation(F.relu),
        "leaky_relu": activation(lambda x: F.leaky_relu(x, 0.01)),
        "gelu": activation(lambda x: F.gelu(x)),
        "gelu_tanh": activation(lambda x: F.gelu(x, approximate="tanh")),
        # torch has no derivative for heaviside: the step is piecewise constant, so its derivative is 0.
        "step": {"value": torch.heaviside(torch.tensor(POINTS), torch.tensor(1.0)).tolist(), "derivative": [0.0] * len(POINTS)},
        "sign": activation(torch.sign),
    }


def softmax_section():
    rows = torch.tensor([[1000.0, 1001.0, 1002.0], [-1e6, -1e6 - 1, -1e6 - 2], [0.0, 0.0, 0.0], [-800.0, 0.0, 800.0]])
    return {"input": rows.tolist(), "softmax": F.softmax(rows, dim=1).tolist(), "log_softmax": F.log_softmax(rows, dim=1).tolist()}


def loss_case(fn, pred, target):
    p = torch.tensor(pred, requires_grad=True)
    t = torch.tensor(target)
    value = fn(p, t)
    value.backward()
    return {"prediction": pred, "target": target, "value": value.item(), "gradient": p.grad.tolist()}


def losses_section():
    ce_logits = [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1000.0, 0.0, -1000.0], [-3.0, 0.0, 3.0]]
    ce_target = [0, 1, 2, 2]
    weights = torch.tensor([1.0, 2.0, 0.5])
    return {
        "mse": loss_case(F.mse_loss, [0.5, -1.0, 2.0], [1.0, 0.0, 2.0]),
        "bce": loss_case(F.binary_cross_entropy, [0.0, 0.3, 0.9, 1.0, 0.5], [1.0, 0.0, 1.0, 0.0, 1.0]),
        "bce_with_logits": loss_case(F.binary_cross_entropy_with_logits, [-800.0, -1.0, 0.0, 2.0, 800.0], [1.0, 0.0, 1.0, 1.0, 0.0]),
        "cross_entropy": loss_case(lambda p, t: F.cross_entropy(p, t.long()), ce_logits, [float(c) for c in ce_target]),
        "cross_entropy_weighted": loss_case(lambda p, t: F.cross_entropy(p, t.long(), weight=weights), ce_logits, [float(c) for c in ce_target]),
        "cross_entropy_weights": weights.tolist(),
        "perceptron": loss_case(lambda z, y: F.relu(-y * z).mean(), [-2.0, 0.0, 3.0, -1.0, 0.5], [1.0, 1.0, -1.0, -1.0, 1.0]),
    }


# --- SGD: gradients g = 0.5·p + c·t at step t (t = 1, 2, …), as the Swift test computes them.
def sgd_section():
    configs = [
        {"lr": 0.1},
        {"lr": 0.1, "momentum": 0.9},
        {"lr": 0.1, "momentum": 0.9, "dampening": 0.3},
        {"lr": 0.05, "momentum": 0.8, "nesterov": True},
        {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.01},
        {"lr": 0.2, "weight_decay": 0.1, "momentum": 0.9, "nesterov": True},
    ]
    c = torch.tensor([0.1, -0.2, 0.3])
    cases = []
    for config in configs:
        p = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
        opt = torch.optim.SGD([p], **config)
        trajectory = []
        for t in range(1, 6):
            opt.zero_grad()
            p.grad = (0.5 * p.detach() + c * t).clone()
            opt.step()
            trajectory.append(p.detach().tolist())
        cases.append({"config": config, "trajectory": trajectory})
    return {"start": [1.0, -2.0, 3.0], "c": c.tolist(), "cases": cases}


# --- Training trajectories from fixed starting weights, full-batch gradient descent.
def xor_mlp_section():
    x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    w1 = torch.tensor([[0.5, -0.4], [-0.3, 0.8], [0.7, 0.6], [-0.6, -0.5]])
    b1 = torch.tensor([0.1, -0.1, 0.2, 0.0])
    w2 = torch.tensor([[0.9, -0.7, 0.4, 0.3]])
    b2 = torch.tensor([-0.2])
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1), torch.nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(w1); model[0].bias.copy_(b1); model[2].weight.copy_(w2); model[2].bias.copy_(b2)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    losses, first_grads = [], None
    for step in range(300):
        opt.zero_grad()
        loss = F.binary_cross_entropy(model(x), y)
        loss.backward()
        if step == 0:
            first_grads = [p.grad.tolist() for p in model.parameters()]
        opt.step()
        losses.append(loss.item())
    return {
        "w1": w1.tolist(), "b1": b1.tolist(), "w2": w2.tolist(), "b2": b2.tolist(), "rate": 0.5,
        "losses": losses, "first_gradients": first_grads,
        "final": [p.detach().tolist() for p in model.parameters()],
        "final_output": model(x).detach().reshape(-1).tolist(),
    }


def logistic_section():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(20, 3)).round(3)
    y = (x @ np.array([1.5, -2.0, 0.5]) + 0.3 + rng.normal(scale=0.8, size=20) > 0).astype(float)
    out = {"x": x.tolist(), "y": y.tolist(), "rate": 0.1, "steps": 100}
    for l2 in [0.0, 0.1]:
        w = torch.zeros(1, 3, requires_grad=True)
        b = torch.zeros(1, requires_grad=True)
        xt, yt = torch.tensor(x), torch.tensor(y).reshape(-1, 1)
        losses = []
        for _ in range(100):
            z = xt @ w.T + b
            loss = F.binary_cross_entropy_with_logits(z, yt) + 0.5 * l2 * (w ** 2).sum()
            w.grad = None; b.grad = None
            loss.backward()
            with torch.no_grad():
                w -= 0.1 * w.grad
                b -= 0.1 * b.grad
            losses.append(loss.item())
        out[f"l2_{l2}"] = {"losses": losses, "weight": w.detach().reshape(-1).tolist(), "bias": b.item()}
    return out


def softmax_regression_section():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(30, 4)).round(3)
    y = np.argmax(x @ rng.normal(size=(4, 3)), axis=1).astype(float)
    w = torch.zeros(3, 4, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    xt, yt = torch.tensor(x), torch.tensor(y).long()
    losses = []
    for _ in range(50):
        loss = F.cross_entropy(xt @ w.T + b, yt)
        w.grad = None; b.grad = None
        loss.backward()
        with torch.no_grad():
            w -= 0.5 * w.grad
            b -= 0.5 * b.grad
        losses.append(loss.item())
    return {"x": x.tolist(), "y": y.tolist(), "rate": 0.5, "losses": losses, "weight": w.detach().tolist(), "bias": b.detach().tolist()}


# --- The perceptron rule, online, from w = 0 with rate 1 and labels {0, 1}.
def perceptron_section():
    tables = {
        "and": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]),
        "or": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 1]),
        "nand": ([[0, 0], [0, 1], [1, 0], [1, 1]], [1, 1, 1, 0]),
        "not": ([[0], [1]], [1, 0]),
        "xor": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]),
    }
    out = {}
    for name, (x, y) in tables.items():
        x = np.hstack([np.ones((len(x), 1)), np.array(x, dtype=float)])
        w = np.zeros(x.shape[1])
        errors, converged = [], False
        for _ in range(100):
            mistakes = 0
            for xi, yi in zip(x, y):
                y_hat = 1.0 if w @ xi >= 0 else 0.0
                if y_hat != yi:
                    mistakes += 1
                    w = w + 1.0 * (yi - y_hat) * xi
            errors.append(mistakes)
            if mistakes == 0:
                converged = True
                break
        out[name] = {"errors": errors, "converged": converged, "weights": w.tolist()}
    return out


def metrics_section():
    y_true = [0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 2, 2]
    y_pred = [0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 2, 0]
    binary_true = [1 if v == 1 else 0 for v in y_true]
    binary_pred = [1 if v == 1 else 0 for v in y_pred]
    p, r, f, _ = precision_recall_fscore_support(binary_true, binary_pred, average="binary", zero_division=0)
    x = np.array([[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [4.0, 40.0, 5.0], [8.0, 10.0, 5.0]])
    scaler = StandardScaler().fit(x)
    return {
        "true": y_true, "predicted": y_pred,
        "confusion": confusion_matrix(y_true, y_pred, labels=[0, 1, 2]).tolist(),
        "binary_precision": p, "binary_recall": r, "binary_f1": f,
        "standardize_input": x.tolist(), "standardize_mean": scaler.mean_.tolist(),
        "standardize_output": scaler.transform(x).tolist(),
    }


def main():
    result = {
        "generated_by": f"tools/reference/reference.py with torch {torch.__version__}, numpy {np.__version__}",
        "random": random_section(),
        "activations": activations_section(),
        "softmax": softmax_section(),
        "losses": losses_section(),
        "sgd": sgd_section(),
        "xor_mlp": xor_mlp_section(),
        "logistic": logistic_section(),
        "softmax_regression": softmax_regression_section(),
        "perceptron": perceptron_section(),
        "metrics": metrics_section(),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
