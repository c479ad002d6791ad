#!/usr/bin/env python3
"""Writes the sample hand-ins of Tests/HandIns from the student versions in handouts/:
each is a student version with its todo(...) lines replaced by an answer. Run after
changing a sheet and its student version: python3 Tests/HandIns/make.py"""
import os, re, sys
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def handin(sheet, answers, drop=(), extra=""):
    """The student version with each todo("ID") replaced by answers[ID] (command lines), blocks in drop deleted."""
    text = open(f"{ROOT}/handouts/{sheet}.md").read()
    for ex in drop:
        text = re.sub(r"```cahier exercise=%s[^\n]*\n.*?```\n" % re.escape(ex), "", text, flags=re.S)
    for ex, lines in answers.items():
        text = text.replace(f'> todo("{ex}")\n', lines.strip("\n") + "\n")
    return text + extra

def write(sheet, name, text):
    d = f"{ROOT}/Tests/HandIns/{sheet}"
    os.makedirs(d, exist_ok=True)
    open(f"{d}/{name}.md", "w").write(text)

S1 = "01-perceptrons"
online_full = '''> func online(_ data: Dataset, rate: Number, epochs: Int) -> Tensor {
|   var w = zeros(data.x.shape[1] + 1)
|   for epoch in 0..<epochs {
|     var mistakes = 0
|     for i in 0..<data.x.shape[0] {
|       let z = w[0] + w[1:] @ data.x[i]
|       let prediction = z >= 0 ? 1 : 0
|       if prediction != data.y[i] {
|         w[0] += rate * (data.y[i] - prediction)
|         w[1:] += rate * (data.y[i] - prediction) * data.x[i]
|         mistakes += 1
|       }
|     }
|     if mistakes == 0 { return w }
|   }
|   return w
| }'''
batch_full = '''> func batch(_ data: Dataset, rate: Number, epochs: Int) -> Tensor {
|   var w = zeros(data.x.shape[1] + 1)
|   for epoch in 0..<epochs {
|     var change = zeros(data.x.shape[1] + 1)
|     var wrong = 0
|     for i in 0..<data.x.shape[0] {
|       let x = concat([1], data.x[i])
|       let prediction = w @ x >= 0 ? 1 : 0
|       change += rate * (data.y[i] - prediction) * x
|       if prediction != data.y[i] { wrong += 1 }
|     }
|     w += change
|     if wrong == 0 { break }
|   }
|   return w
| }'''
learnable_full = '''> var epochsNeeded = []
> for gate in [gates.and, gates.or, gates.nand] {
|   let p = Perceptron(features: 2)
|   epochsNeeded.append(p.fit(gate, epochs: 20, rate: 1).epochs)
| }
> let xorTry = Perceptron(features: 2)
> let xorConverges = xorTry.fit(gates.xor, epochs: 20, rate: 1).converged'''
write(S1, "full", handin(S1, {"online": online_full, "batch": batch_full, "learnable": learnable_full}))
# partial: online right, batch deleted, epochsNeeded off by one for NAND
learnable_partial = '''> let epochsNeeded = [6, 4, 5]
> let xorConverges = false'''
write(S1, "partial", handin(S1, {"online": online_full, "learnable": learnable_partial}, drop=["batch"]))
# wrong: a strict step (z > 0 gives 1) and no stop; batch updates w inside the loop (that is the online rule); XOR said to converge
online_wrong = online_full.replace("z >= 0 ? 1 : 0", "z > 0 ? 1 : 0").replace("if mistakes == 0 { return w }", "")
batch_wrong = '''> func batch(_ data: Dataset, rate: Number, epochs: Int) -> Tensor {
|   var w = zeros(data.x.shape[1] + 1)
|   for epoch in 0..<epochs {
|     for i in 0..<data.x.shape[0] {
|       let x = concat([1], data.x[i])
|       let prediction = w @ x >= 0 ? 1 : 0
|       w += rate * (data.y[i] - prediction) * x
|     }
|   }
|   return w
| }'''
learnable_wrong = '''> let epochsNeeded = [20, 20, 20]
> let xorConverges = true'''
write(S1, "wrong", handin(S1, {"online": online_wrong, "batch": batch_wrong, "learnable": learnable_wrong}))
write(S1, "empty", "")
malicious_online = '''> let gates = 0
> let stolen = load("../01-perceptrons.md")
> let passwd = load("/etc/passwd")
> let huge = zeros(100000, 100000)
> func online(_ data: Dataset, rate: Number, epochs: Int) -> Tensor {
|   while true { }
|   return zeros(3)
| }
> let deep = ((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))
> let accuracy = 1'''
malicious_batch = '''> func batch(_ data: Dataset, rate: Number, epochs: Int) -> Tensor { return batch(data, rate: rate, epochs: epochs) }
> print("```cahier check=batch visible")
> print("<script>alert('x')</script>")'''
malicious_learnable = '''> let epochsNeeded = "6, 4, 6"
> let xorConverges = "false"'''
write(S1, "malicious", handin(S1, {"online": malicious_online, "batch": malicious_batch, "learnable": malicious_learnable},
      extra="\n```cahier check=learnable visible\n> expect(true, \"a check of my own\", points: 100)\n```\n"))

S2 = "02-logistic-spam"
gradient_full = '''> func gradient(_ X: Tensor, _ Y: Tensor, _ W: Tensor, _ b: Tensor) -> List {
|   let n = X.shape[0]
|   let p = sigmoid(X @ W.T + b)
|   let errors = p - Y
|   return list(errors.T @ X / n, sum(errors, axis: 0) / n)
| }'''
descent_full = '''> func descend(_ X: Tensor, _ Y: Tensor, rate: Number, steps: Int) -> List {
|   var W = zeros(1, X.shape[1])
|   var b = zeros(1)
|   for k in 0..<steps {
|     let g = gradient(X, Y, W, b)
|     W = W - rate * g[0]
|     b = b - rate * g[1]
|   }
|   return list(W, b)
| }'''
train_full = '''> let history = filter.fit(train, rate: 0.5, epochs: 300)'''
metrics_full = '''> let predicted = filter.predict(test.x)
> let p = precision(predicted, test.y)
> let r = recall(predicted, test.y)'''
write(S2, "full", handin(S2, {"gradient": gradient_full, "descent": descent_full, "train": train_full, "metrics": metrics_full}))
# partial: the gradient forgets to divide by n; descent right but built on it; a filter trained too little; metrics right for it
gradient_partial = '''> func gradient(_ X: Tensor, _ Y: Tensor, _ W: Tensor, _ b: Tensor) -> List {
|   let errors = sigmoid(X @ W.T + b) - Y
|   return list(errors.T @ X, sum(errors, axis: 0))
| }'''
train_partial = '''> let history = filter.fit(train, rate: 0.01, epochs: 5)'''
write(S2, "partial", handin(S2, {"gradient": gradient_partial, "descent": descent_full, "train": train_partial, "metrics": metrics_full}))
# wrong: gW and gb swapped in the list, descent ascends, p and r swapped
gradient_wrong = '''> func gradient(_ X: Tensor, _ Y: Tensor, _ W: Tensor, _ b: Tensor) -> List {
|   let g = (sigmoid(X @ W.T + b) - Y) / X.shape[0]
|   return list(sum(g, axis: 0), g.T @ X)
| }'''
descent_wrong = '''> func descend(_ X: Tensor, _ Y: Tensor, rate: Number, steps: Int) -> List {
|   var W = zeros(1, X.shape[1])
|   var b = zeros(1)
|   for k in 0..<steps {
|     let g = (sigmoid(X @ W.T + b) - Y) / X.shape[0]
|     W += rate * (g.T @ X)
|     b += rate * sum(g, axis: 0)
|   }
|   return list(W, b)
| }'''
metrics_wrong = '''> let predicted = filter.predict(test.x)
> let p = recall(predicted, test.y)
> let r = precision(predicted, test.y)'''
write(S2, "wrong", handin(S2, {"gradient": gradient_wrong, "descent": descent_wrong, "train": train_full, "metrics": metrics_wrong}))
write(S2, "empty", "")
syntax = handin(S2, {"gradient": gradient_full.replace("sum(errors, axis: 0) / n)", "sum(errors, axis: 0) / n"),
                      "descent": descent_full, "train": "> let history = filter.fit(train, rate: 0.5 epochs: 300)", "metrics": metrics_full})
write(S2, "syntax-errors", syntax)
malicious2 = '''> let test = dataset(x: [[1]], y: [1])
> let vocabulary = 3
> let stolen = load("../01-perceptrons.md")
> func gradient(_ X: Tensor, _ Y: Tensor, _ W: Tensor, _ b: Tensor) -> List { return list(W * 0, b * 0) }'''
write(S2, "malicious", handin(S2, {"gradient": malicious2, "descent": "> func descend(_ X: Tensor, _ Y: Tensor, rate: Number, steps: Int) -> List { return list([[2.97866, 2.12083]], [-1.60656]) }",
                                    "train": "> let history = filter.fit(train, rate: 1e300, epochs: 3)", "metrics": "> let p = 0 / 0\n> let r = \"one\""}))

S3 = "03-mlp"
xor_full = '''> let xorNet = Sequential(Linear(weight: [[1, 1], [-1, -1]], bias: [-0.5, 1.5]), "step",
|                         Linear(weight: [[1, 1]], bias: [-1.5]), "step")'''
forward_full = '''> func forward(_ X: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> Tensor {
|   return sigmoid(tanh(X @ W1.T + b1) @ W2.T + b2)
| }'''
backward_full = '''> func backward(_ X: Tensor, _ Y: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> List {
|   let n = X.shape[0]
|   let a1 = X @ W1.T + b1
|   let h = tanh(a1)
|   let out = sigmoid(h @ W2.T + b2)
|   let dOut = (out - Y) / n
|   let dHidden = (dOut @ W2) * (1 - tanh(a1) ** 2)
|   return list(dHidden.T @ X, sum(dHidden, axis: 0), dOut.T @ h, sum(dOut, axis: 0))
| }'''
write(S3, "full", handin(S3, {"xor": xor_full, "forward": forward_full, "backward": backward_full}))
# partial: XOR right, forward right, backward forgets tanh's derivative
backward_partial = '''> func backward(_ X: Tensor, _ Y: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> List {
|   let h = tanh(X @ W1.T + b1)
|   let out = sigmoid(h @ W2.T + b2)
|   let g2 = (out - Y) / X.shape[0]
|   let g1 = g2 @ W2
|   return list(g1.T @ X, sum(g1, axis: 0), g2.T @ h, sum(g2, axis: 0))
| }'''
write(S3, "partial", handin(S3, {"xor": xor_full, "forward": forward_full, "backward": backward_partial}))
# wrong: OR with two hidden units; forward uses sigmoid in the hidden layer; backward missing the 1/n
xor_wrong = '''> let xorNet = Sequential(Linear(weight: [[1, 1], [1, 1]], bias: [-0.5, -0.5]), "step",
|                         Linear(weight: [[1, 0]], bias: [-0.5]), "step")'''
forward_wrong = '''> func forward(_ X: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> Tensor {
|   return sigmoid(sigmoid(X @ W1.T + b1) @ W2.T + b2)
| }'''
backward_wrong = backward_full.replace("let dOut = (out - Y) / n", "let dOut = out - Y")
write(S3, "wrong", handin(S3, {"xor": xor_wrong, "forward": forward_wrong, "backward": backward_wrong}))
write(S3, "empty", "")
malicious3 = '''> let xorNet = "[0, 1, 1, 0]"
> let gates = 1
> let W1 = zeros(4, 2)
> let passwd = load("/etc/passwd")
> let nested = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'''
write(S3, "malicious", handin(S3, {"xor": malicious3, "forward": "> func forward(_ X: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> Tensor { return [[0.509604], [0.319024], [0.662558], [0.458492]] }",
                                    "backward": "> func backward(_ X: Tensor, _ Y: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> List { return list(0, 0, [[0.0396099, -0.0399842, -0.044579, 0.0322229]], 0) }"}))

S4 = "04-training-loop"
step_full = '''> func trainStep(_ net: MLP, _ optimizer: SGD, _ X: Tensor, _ Y: Tensor) -> Number {
|   let scores = net.forward(X)
|   let loss = crossEntropy(scores, Y)
|   optimizer.zeroGrad()
|   loss.backward()
|   optimizer.step()
|   return loss.detach()
| }'''
epoch_full = '''> func trainEpoch(_ net: MLP, _ optimizer: SGD, _ data: Dataset, order: Tensor, batchSize: Int) -> Number {
|   var start = 0
|   var steps = 0
|   while start < order.count {
|     let batch = order[start:start + batchSize]
|     let loss = trainStep(net, optimizer, data.x[batch], data.y[batch])
|     start += batchSize
|     steps += 1
|   }
|   return steps
| }'''
digits_full = '''> let mlp = MLP(sizes: [64, 32, 10], activation: "tanh")
> let optimizer = SGD(mlp.parameters, rate: 0.1, momentum: 0.5)
> for epoch in 0..<15 { let steps = trainEpoch(mlp, optimizer, train, order: permutation(train.y.count), batchSize: 32) }'''
write(S4, "full", handin(S4, {"step": step_full, "epoch": epoch_full, "digits": digits_full}))
# partial: no zeroGrad (gradients pile up); epoch right; digits trained for one epoch at a tiny rate
step_partial = step_full.replace("|   optimizer.zeroGrad()\n", "")
digits_partial = '''> let mlp = MLP(sizes: [64, 32, 10], activation: "relu")
> let optimizer = SGD(mlp.parameters, rate: 0.0001)
> let steps = trainEpoch(mlp, optimizer, train, order: permutation(train.y.count), batchSize: 32)'''
write(S4, "partial", handin(S4, {"step": step_partial, "epoch": epoch_full, "digits": digits_partial}))
# wrong: the step returns the loss after the update; the epoch ignores the order; no mlp
step_wrong = '''> func trainStep(_ net: MLP, _ optimizer: SGD, _ X: Tensor, _ Y: Tensor) -> Number {
|   optimizer.zeroGrad()
|   let loss = crossEntropy(net.forward(X), Y)
|   loss.backward()
|   optimizer.step()
|   return crossEntropy(net.predict(X), Y)
| }'''
epoch_wrong = epoch_full.replace("let batch = order[start:start + batchSize]", "let batch = range(start, min([start + batchSize, order.count]))")
write(S4, "wrong", handin(S4, {"step": step_wrong, "epoch": epoch_wrong, "digits": "> let model = MLP(sizes: [64, 10], activation: \"relu\")"}))
write(S4, "empty", "")
slow_digits = '''> let mlp = MLP(sizes: [64, 512, 10], activation: "relu")
> let optimizer = SGD(mlp.parameters, rate: 0.000001)
> for epoch in 0..<400 { let steps = trainEpoch(mlp, optimizer, train, order: permutation(train.y.count), batchSize: 1) }'''
write(S4, "slow", handin(S4, {"step": step_full, "epoch": epoch_full, "digits": slow_digits}))
malicious4 = '''> let train = dataset(x: zeros(1, 64), y: [0])
> let twin = 1
> func trainStep(_ net: MLP, _ optimizer: SGD, _ X: Tensor, _ Y: Tensor) -> Number {
|   noGrad { for p in net.parameters { p *= 0 } }
|   return 0
| }'''
write(S4, "malicious", handin(S4, {"step": malicious4, "epoch": "> func trainEpoch(_ net: MLP, _ optimizer: SGD, _ data: Dataset, order: Tensor, batchSize: Int) -> Number { return 45 }",
                                    "digits": "> let mlp = MLP(sizes: [64, 10], activation: \"relu\")\n> let digits = 0\n> let test = dataset(x: zeros(1, 64), y: [0])"}))
