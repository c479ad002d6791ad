/// The linear part shared by logistic and softmax regression: scores = x·Wᵀ + b
/// for dense or sparse inputs.
///
/// Shape: `weight` is `[k, d]`, `bias` is `[k]`; scores are `[n, k]`.
public struct AffineMap: Sendable, Hashable {
    /// W with its gradient. Shape: `[k, d]`.
    public var weight: Parameter
    /// b with its gradient. Shape: `[k]`.
    public var bias: Parameter

    /// A map with the given weights; `bias` must have one entry per row of `weight`.
    public init(weight: Tensor, bias: Tensor) throws {
        guard weight.rank == 2, bias.rank == 1, bias.count == weight.shape[0] else {
            throw TensorError.shapeMismatch(operation: "weights and bias", weight.shape, bias.shape)
        }
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// x·Wᵀ + b.
    public func scores(_ x: Features) throws -> Tensor {
        guard x.dimension == weight.value.shape[1] else {
            throw TensorError.shapeMismatch(operation: "scores", [x.count, x.dimension], weight.value.shape)
        }
        var out = try x.matmulTransposed(weight.value)
        out.addRow(bias.value)
        return out
    }

    /// Adds dL/dW = gᵀ·x + l2·W and dL/db = Σ g to the gradients.
    mutating func accumulate(_ x: Features, gradScores g: Tensor, l2: Double) throws {
        try x.accumulateTransposedGradient(g, into: &weight)
        if l2 != 0 {
            for i in weight.grad.scalars.indices { weight.grad.scalars[i] += l2 * weight.value.scalars[i] }
        }
        g.addRows(into: &bias.grad.scalars)
    }

    /// One full pass of gradient descent on a batch: scores, loss, gradients, step.
    mutating func trainStep(_ x: Features, _ y: Tensor, loss: Loss, l2: Double, optimizer: inout SGD,
                            outputTransform: (Tensor) throws -> Tensor) throws -> (loss: Double, correct: Int?) {
        let scores = try self.scores(x)
        let output = try outputTransform(scores)
        let (value, gradient) = try loss.evaluate(output, y)
        let penalty = l2 == 0 ? 0 : 0.5 * l2 * weight.value.scalars.reduce(0) { $0 + $1 * $1 }
        weight.zeroGrad()
        bias.zeroGrad()
        try accumulate(x, gradScores: gradient!, l2: l2)
        optimizer.step(&self)
        return (value + penalty, try loss.correct(output, y))
    }
}

extension AffineMap: Trainable {
    /// The weight and the bias.
    public var parameterCount: Int { 2 }

    /// Visits the weight (0), then the bias (1).
    public mutating func updateParameters(_ body: (Int, inout Parameter) throws -> Void) rethrows {
        try body(0, &weight)
        try body(1, &bias)
    }
}

extension AffineMap {
    /// Trains by gradient descent with `optimizer` for `options.epochs` epochs.
    mutating func fit(
        _ x: Features, _ y: Tensor, loss: Loss, l2: Double, optimizer: inout SGD, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) -> Void)?
    ) throws -> TrainingHistory {
        let n = x.count
        guard n > 0, y.shape.first == n else { throw TrainingError.invalid("x has \(n) rows but y has \(y.shape.first ?? 0)") }
        var history = TrainingHistory()
        for epoch in 1...Swift.max(options.epochs, 1) where options.epochs > 0 {
            var total = 0.0
            var correct = 0
            for batch in options.batches(count: n, using: &generator) {
                let (xb, yb) = batch.count == n ? (x, y) : (try x.rows(at: batch), try y.rows(at: batch))
                let step = try trainStep(xb, yb, loss: loss, l2: l2, optimizer: &optimizer) { $0 }
                total += step.loss * Double(batch.count)
                correct += step.correct ?? 0
            }
            let report = EpochReport(epoch: epoch, epochs: options.epochs, loss: total / Double(n), accuracy: Double(correct) / Double(n))
            history.epochs.append(report)
            progress?(report)
        }
        return history
    }
}
