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
        // Within an epoch, the update of one batch may zero each gradient as it reads it, in place
        // of the next batch's zeroing pass, when nothing between the two can fail (every label
        // is a class, checked once here): a run that stops with an error leaves the gradients
        // of its last complete batch, as the plain loop does. The last batch of an epoch keeps
        // its gradients, for a report that may stop the run and for the notebook after training.
        let lastLinear = layers.last { $0.linear != nil }?.linear
        let fusable = loss.acceptsEveryRow(of: y, classes: lastLinear?.outputs)
        for epoch in 1...Swift.max(options.epochs, 1) where options.epochs > 0 {
            var total = 0.0
            var correct: Int? = 0
            let batches = options.batches(count: n, using: &generator)
            var zeroed = false
            for (index, batch) in batches.enumerated() {
                let (xb, yb) = batch.count == n ? (x, y) : (try x.rows(at: batch), try y.rows(at: batch))
                let output = try forward(xb)
                let (value, gradient, right, _) = try loss.evaluateCounting(output, yb)
                total += value * Double(batch.count)
                if let right, let sofar = correct { correct = sofar + right } else { correct = nil }
                if !zeroed { zeroGrad() }
                try accumulateGradients(gradient)
                zeroed = fusable && index < batches.count - 1 && optimizer.stepZeroingGradients(parameters)
                if !zeroed { optimizer.step(self) }
            }
            let report = EpochReport(epoch: epoch, epochs: options.epochs, loss: total / Double(n),
                                     accuracy: correct.map { Double($0) / Double(n) } ?? .nan)
            history.epochs.append(report)
            try progress?(report)
        }
        return history
    }
}
