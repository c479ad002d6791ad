/// The loss of a linear model on some data and its gradient with respect to
/// the weight and the bias: what one step of gradient descent would follow.
public struct LinearGradient: Sendable {
    /// The mean loss, with the L2 penalty.
    public var loss: Double
    /// ∂loss/∂W. Shape: the weight's, `[outputs, inputs]`.
    public var weight: Tensor
    /// ∂loss/∂b. Shape: `[outputs]`.
    public var bias: Tensor
}

extension Linear {
    /// The loss on (x, y) and its gradient, computed as a training step
    /// computes it, leaving the parameters and their gradients as they were.
    func gradient(_ x: Features, _ y: Tensor, loss: Loss, l2: Double) throws -> LinearGradient {
        let saved = (weight.grad, bias.grad, input)
        defer { (weight.grad, bias.grad, input) = saved }
        let scores = try forward(x)
        let (value, gradient) = try loss.evaluate(scores, y)
        let penalty = l2 == 0 ? 0 : 0.5 * l2 * weight.value.scalars.reduce(0) { $0 + $1 * $1 }
        zeroGrad()
        try accumulateGradients(gradient, l2: l2)
        return LinearGradient(loss: value + penalty, weight: weight.grad, bias: bias.grad)
    }

    /// One step of gradient descent on a batch: scores, loss, gradients, step.
    func trainStep(_ x: Features, _ y: Tensor, loss: Loss, l2: Double, optimizer: SGD) throws -> (loss: Double, correct: Int?) {
        let scores = try forward(x)
        let (value, gradient, correct, biasGradient) = try loss.evaluateCounting(scores, y, columnSums: true)
        let penalty = l2 == 0 ? 0 : 0.5 * l2 * weight.value.scalars.reduce(0) { $0 + $1 * $1 }
        zeroGrad()
        try accumulateGradients(gradient, l2: l2, zeroedBiasGradient: biasGradient)
        optimizer.step(self)
        return (value + penalty, correct)
    }

    /// Trains the layer as a linear model (logistic or softmax regression) by
    /// gradient descent with `optimizer` for `options.epochs` epochs.
    func fit(
        _ x: Features, _ y: Tensor, loss: Loss, l2: Double, optimizer: SGD, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) throws -> Void)?
    ) throws -> TrainingHistory {
        let n = x.count
        guard n > 0, y.shape.first == n else { throw TrainingError.invalid("x has \(n) rows but y has \(y.shape.first ?? 0)") }
        var history = TrainingHistory()
        for epoch in 1...Swift.max(options.epochs, 1) where options.epochs > 0 {
            var total = 0.0
            var correct = 0
            for batch in options.batches(count: n, using: &generator) {
                let (xb, yb) = batch.count == n ? (x, y) : (try x.rows(at: batch), try y.rows(at: batch))
                let step = try trainStep(xb, yb, loss: loss, l2: l2, optimizer: optimizer)
                total += step.loss * Double(batch.count)
                correct += step.correct ?? 0
            }
            let report = EpochReport(epoch: epoch, epochs: options.epochs, loss: total / Double(n), accuracy: Double(correct) / Double(n))
            history.epochs.append(report)
            try progress?(report)
        }
        input = nil
        return history
    }
}
