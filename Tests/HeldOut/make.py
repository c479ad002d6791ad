#!/usr/bin/env python3
"""Writes held-out wrong hand-ins: each is a sheet's full.md with ONE mistake."""
import os, sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "HandIns")
OUT = os.path.dirname(os.path.abspath(__file__))

M = {}
def m(sheet, name, why, *subs):
    M.setdefault(sheet, []).append((name, why, subs))

S1 = "01-perceptrons"
m(S1, "online-ones-init", "starts from ones instead of zeros",
  ("  var w = zeros(data.x.shape[1] + 1)\n  for epoch in 0..<epochs {\n    var mistakes = 0",
   "  var w = ones(data.x.shape[1] + 1)\n  for epoch in 0..<epochs {\n    var mistakes = 0"))
m(S1, "online-return-after-first-epoch", "returns at the end of the first epoch, whatever happened",
  ("    if mistakes == 0 { return w }\n", "    return w\n"))
m(S1, "online-no-bias", "forgets the bias: w has d entries, z = w . x",
  ("  var w = zeros(data.x.shape[1] + 1)\n  for epoch in 0..<epochs {\n    var mistakes = 0",
   "  var w = zeros(data.x.shape[1])\n  for epoch in 0..<epochs {\n    var mistakes = 0"),
  ("      let z = w[0] + w[1:] @ data.x[i]", "      let z = w @ data.x[i]"),
  ("        w[0] += rate * (data.y[i] - prediction)\n        w[1:] += rate * (data.y[i] - prediction) * data.x[i]",
   "        w += rate * (data.y[i] - prediction) * data.x[i]"))
m(S1, "online-wrong-index", "indexes the row with the epoch instead of the example",
  ("      let z = w[0] + w[1:] @ data.x[i]", "      let z = w[0] + w[1:] @ data.x[epoch]"))
m(S1, "online-python-range", "Python habit: for i in range(len(data.x)):",
  ("    for i in 0..<data.x.shape[0] {\n      let z = w[0]", "    for i in range(len(data.x)):\n      let z = w[0]"))
m(S1, "online-no-rate", "forgets the learning rate in the update",
  ("        w[0] += rate * (data.y[i] - prediction)\n        w[1:] += rate * (data.y[i] - prediction) * data.x[i]",
   "        w[0] += (data.y[i] - prediction)\n        w[1:] += (data.y[i] - prediction) * data.x[i]"))
m(S1, "batch-mean", "divides the epoch's correction by n (mean instead of sum)",
  ("    w += change\n", "    w += change / data.x.shape[0]\n"))
m(S1, "batch-typo", "a typo: an unknown name",
  ("    w += change\n", "    w += chnage\n"))
m(S1, "batch-stop-before-update", "checks for convergence before counting: breaks after the first epoch",
  ("    w += change\n    if wrong == 0 { break }", "    if wrong >= 0 { break }\n    w += change"))
m(S1, "learnable-minus-one", "does not count the last epoch (without a mistake)",
  ("  epochsNeeded.append(p.fit(gate, epochs: 20, rate: 1).epochs)",
   "  epochsNeeded.append(p.fit(gate, epochs: 20, rate: 1).epochs - 1)"))
m(S1, "learnable-endless-while", "an endless loop outside online: thinks e + 1 increases e",
  ("|   let p = Perceptron(features: 2)\n|   epochsNeeded.append(p.fit(gate, epochs: 20, rate: 1).epochs)",
   "|   var e = 1\n|   while !Perceptron(features: 2).fit(gate, epochs: e, rate: 1).converged {\n|     let more = e + 1\n|   }\n|   epochsNeeded.append(e)"))

S2 = "02-logistic-spam"
m(S2, "gradient-bias-mean", "gb as the mean of errors already divided by n (divides twice)",
  ("sum(errors, axis: 0) / n)", "mean(errors, axis: 0) / n)"))
m(S2, "gradient-wrong-n", "divides by the number of features instead of examples",
  ("  let n = X.shape[0]\n  let p = sigmoid", "  let n = X.shape[1]\n  let p = sigmoid"))
m(S2, "gradient-tanh", "the wrong activation: tanh instead of sigmoid",
  ("  let p = sigmoid(X @ W.T + b)", "  let p = tanh(X @ W.T + b)"))
m(S2, "gradient-python-sum", "NumPy habit: errors.sum(axis: 0)",
  ("sum(errors, axis: 0) / n)", "errors.sum(axis: 0) / n)"))
m(S2, "descend-bias-no-rate", "forgets the learning rate on the bias",
  ("    b = b - rate * g[1]", "    b = b - g[1]"))
m(S2, "descend-ones-init", "starts from ones",
  ("  var W = zeros(1, X.shape[1])", "  var W = ones(1, X.shape[1])"))
m(S2, "descend-return-in-loop", "returns inside the loop, after one step",
  ("    b = b - rate * g[1]\n  }\n  return list(W, b)", "    b = b - rate * g[1]\n    return list(W, b)\n  }\n  return list(W, b)"))
m(S2, "descend-column-weights", "W as a column [d, 1] instead of a row [1, d]",
  ("  var W = zeros(1, X.shape[1])", "  var W = zeros(X.shape[1], 1)"))
m(S2, "train-few-epochs", "too few epochs: the filter does not reach 0.96",
  ("rate: 0.5, epochs: 300)", "rate: 0.5, epochs: 10)"))
m(S2, "train-huge-rate", "a too-large learning rate",
  ("rate: 0.5, epochs: 300)", "rate: 500, epochs: 300)"))
m(S2, "metrics-sklearn-order", "sklearn's argument order: precision(y_true, y_pred)",
  ("> let p = precision(predicted, test.y)", "> let p = precision(test.y, predicted)"))
m(S2, "metrics-typo", "a typo: predictions instead of predicted",
  ("> let r = recall(predicted, test.y)", "> let r = recall(predictions, test.y)"))

S3 = "03-mlp"
m(S3, "xor-three-hidden", "three hidden units",
  ("Linear(weight: [[1, 1], [-1, -1]], bias: [-0.5, 1.5]), \"step\",\n|                         Linear(weight: [[1, 1]], bias: [-1.5])",
   "Linear(weight: [[1, 1], [-1, -1], [0, 0]], bias: [-0.5, 1.5, 0]), \"step\",\n|                         Linear(weight: [[1, 1, 0]], bias: [-1.5])"))
m(S3, "xor-bias-sign", "the sign of a hidden bias wrong",
  ("bias: [-0.5, 1.5]), \"step\"", "bias: [0.5, 1.5]), \"step\""))
m(S3, "forward-relu", "relu instead of tanh in the hidden layer",
  ("  return sigmoid(tanh(X @ W1.T + b1) @ W2.T + b2)", "  return sigmoid(relu(X @ W1.T + b1) @ W2.T + b2)"))
m(S3, "forward-no-sigmoid", "forgets the output sigmoid",
  ("  return sigmoid(tanh(X @ W1.T + b1) @ W2.T + b2)", "  return tanh(X @ W1.T + b1) @ W2.T + b2"))
m(S3, "forward-row-output", "computes with W on the left: the outputs come out as a row",
  ("  return sigmoid(tanh(X @ W1.T + b1) @ W2.T + b2)", "  let h = tanh(W1 @ X.T + reshape(b1, -1, 1))\n|   return sigmoid(W2 @ h + b2)"))
m(S3, "forward-typo", "a typo: sigmiod",
  ("  return sigmoid(tanh(X @ W1.T + b1) @ W2.T + b2)", "  return sigmiod(tanh(X @ W1.T + b1) @ W2.T + b2)"))
m(S3, "backward-tanh-prime", "tanh' as 1 - h instead of 1 - h^2",
  ("(1 - tanh(a1) ** 2)", "(1 - tanh(a1))"))
m(S3, "backward-bias-mean", "mean instead of sum for the biases",
  ("sum(dHidden, axis: 0), dOut.T @ h, sum(dOut, axis: 0))", "mean(dHidden, axis: 0), dOut.T @ h, mean(dOut, axis: 0))"))
m(S3, "backward-return-order", "returns the last layer's gradients first",
  ("  return list(dHidden.T @ X, sum(dHidden, axis: 0), dOut.T @ h, sum(dOut, axis: 0))",
   "  return list(dOut.T @ h, sum(dOut, axis: 0), dHidden.T @ X, sum(dHidden, axis: 0))"))
m(S3, "backward-pytorch-size", "PyTorch habit: X.size(0)",
  ("  let n = X.shape[0]", "  let n = X.size(0)"))
m(S3, "backward-h-from-X", "multiplies the hidden error by X instead of W2 (shape error)",
  ("(dOut @ W2)", "(dOut @ X)"))

S4 = "04-training-loop"
m(S4, "step-return-before-step", "returns the loss before optimizer.step()",
  ("  loss.backward()\n  optimizer.step()\n  return loss.detach()", "  loss.backward()\n  return loss.detach()\n  optimizer.step()"))
m(S4, "step-no-backward", "forgets loss.backward()",
  ("  loss.backward()\n  optimizer.step()\n  return loss.detach()", "  optimizer.step()\n  return loss.detach()"))
m(S4, "step-mse", "uses mse instead of the cross-entropy",
  ("  let loss = crossEntropy(scores, Y)", "  let loss = mse(scores, Y)"))
m(S4, "epoch-batch-off-by-one", "off-by-one in batching: batches one example short",
  ("    let batch = order[start:start + batchSize]", "    let batch = order[start:start + batchSize - 1]"))
m(S4, "epoch-returns-start", "returns the number of examples (start) instead of steps",
  ("  return steps\n", "  return start\n"))
m(S4, "epoch-drops-last", "uses <= on the batch end: drops the smaller last batch",
  ("  while start < order.count {", "  while start + batchSize <= order.count {"))
m(S4, "epoch-endless", "forgets start += batchSize: endless loop in trainEpoch",
  ("\n|     start += batchSize", ""))
m(S4, "epoch-labels-unshuffled", "wrong index in the dataset: labels by position, not by order",
  ("data.x[batch], data.y[batch])", "data.x[batch], data.y[start:start + batchSize])"))
m(S4, "digits-huge-rate", "too-large learning rate",
  ("SGD(mlp.parameters, rate: 0.1, momentum: 0.5)", "SGD(mlp.parameters, rate: 20, momentum: 0.5)"))
m(S4, "digits-python-range", "Python habit: for epoch in range(15):",
  ("> for epoch in 0..<15 { let steps = trainEpoch(mlp, optimizer, train, order: permutation(train.y.count), batchSize: 32) }",
   "> for epoch in range(15):\n|   let steps = trainEpoch(mlp, optimizer, train, order: permutation(train.y.count), batchSize: 32)"))
m(S4, "digits-reversed-sizes", "MLP sizes reversed: [10, 32, 64]",
  ("MLP(sizes: [64, 32, 10], activation: \"tanh\")", "MLP(sizes: [10, 32, 64], activation: \"tanh\")"))

def fix(t):
    lines = t.split("\n")
    return "\n".join([lines[0]] + [l if l.startswith((">", "|")) or l == "" else "| " + l for l in lines[1:]])

for sheet, items in M.items():
    base = open(os.path.join(ROOT, sheet, "full.md")).read()
    os.makedirs(os.path.join(OUT, sheet), exist_ok=True)
    for name, why, subs in items:
        text = base
        for old, new in subs:
            old, new = fix(old), fix(new)
            n = text.count(old)
            if n != 1:
                sys.exit(f"{sheet}/{name}: {old!r} occurs {n} times")
            text = text.replace(old, new)
        open(os.path.join(OUT, sheet, name + ".md"), "w").write(text)
# The table of README.md, on standard output.
for sheet, items in M.items():
    for name, why, _ in items:
        print(f"| {sheet} | {name} | {why} |")
