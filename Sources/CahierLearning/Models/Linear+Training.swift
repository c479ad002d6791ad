extension Linear {
    /// One step of gradient descent on a batch: scores, loss, gradients, step.
    func trainStep(_ x: Features, _ y: Tensor, loss: Loss, l2: Double, optimizer: SGD) throws -> (loss: Double, correct: Int?) {
        let scores = try forward(x)
        let (value, gradient) = try loss.evaluate(scores, y)
        let penalty = l2 == 0 ? 0 : 0.5 * l2 * weight.value.scalars.reduce(0) { $0 + $1 * $1 }
        zeroGrad()
        try accumulateGradients(gradient, l2: l2)
        optimizer.step(self)
        return (value + penalty, try loss.correct(scores, y))
    }

    /// Trains the layer as a linear model (logistic or softmax regression) by
    /// gradient descent with `optimizer` for `options.epochs` epochs.
    func fit(
        _ x: Features, _ y: Tensor, loss: Loss, l2: Double, optimizer: SGD, options: TrainingOptions,
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
                let step = try trainStep(xb, yb, loss: loss, l2: l2, optimizer: optimizer)
                total += step.loss * Double(batch.count)
                correct += step.correct ?? 0
            }
            let report = EpochReport(epoch: epoch, epochs: options.epochs, loss: total / Double(n), accuracy: Double(correct) / Double(n))
            history.epochs.append(report)
            progress?(report)
        }
        input = nil
        return history
    }
}
