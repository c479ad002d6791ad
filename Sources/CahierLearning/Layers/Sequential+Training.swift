extension Sequential {
    /// Trains the network with `optimizer` on (x, y): for each epoch, for each
    /// batch, forward, loss, zero the gradients, backward, step.
    ///
    /// Shape: `x` is `[n, inputs]`; `y` is `[n]` class indices for cross-entropy,
    /// otherwise the output's shape.
    public func fit(
        _ x: Tensor, _ y: Tensor, loss: Loss, optimizer: SGD, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) throws -> Void)? = nil
    ) throws -> TrainingHistory {
        let n = x.shape.first ?? 0
        guard n > 0, y.shape.first == n else {
            throw TrainingError.invalid("x has \(n) rows but y has \(y.shape.first ?? 0)")
        }
        var history = TrainingHistory()
        for epoch in 1...Swift.max(options.epochs, 1) where options.epochs > 0 {
            var total = 0.0
            var correct: Int? = 0
            for batch in options.batches(count: n, using: &generator) {
                let (xb, yb) = batch.count == n ? (x, y) : (try x.rows(at: batch), try y.rows(at: batch))
                let output = try forward(xb)
                let (value, gradient) = try loss.evaluate(output, yb)
                total += value * Double(batch.count)
                if let right = try loss.correct(output, yb), let sofar = correct { correct = sofar + right } else { correct = nil }
                zeroGrad()
                try accumulateGradients(gradient)
                optimizer.step(self)
            }
            let report = EpochReport(epoch: epoch, epochs: options.epochs, loss: total / Double(n),
                                     accuracy: correct.map { Double($0) / Double(n) } ?? .nan)
            history.epochs.append(report)
            try progress?(report)
        }
        return history
    }
}
