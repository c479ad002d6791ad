extension Loss {
    /// How a loss of many elements becomes one number, PyTorch's `reduction`.
    public enum Reduction: String, Sendable, CaseIterable {
        /// The mean (weighted by the class weights for a weighted cross-entropy).
        case mean
        /// The sum.
        case sum
        /// No reduction: each element's (each row's) loss.
        case none
    }

    /// Each element's loss (each row's, for cross-entropy, weighted by its
    /// class), and what the chain rule needs to send a gradient back.
    ///
    /// Shape: `prediction.shape`; `[n]` for cross-entropy.
    public func elementwise(_ prediction: Tensor, _ target: Tensor) throws -> (values: Tensor, derivatives: Tensor) {
        if case .crossEntropy(let weights) = self {
            // The whole loss first: it checks the shapes and every row's class, naming the row.
            _ = try value(prediction, target)
            let n = prediction.shape[0]
            var values: [Double] = []
            var rows: [Double] = []
            for i in 0..<n {
                let row = try prediction.rows(i..<(i + 1))
                let cls = try target.rows(i..<(i + 1))
                // One row's mean loss is its loss; its gradient, the row's derivative.
                let (value, gradient) = try Loss.crossEntropy(weights: nil).evaluate(row, cls)
                let w = weights.flatMap { ws in Int(exactly: cls.scalars[0]).map { ws[$0] } } ?? 1
                values.append(w * value)
                rows += gradient.scalars.map { w * $0 }
            }
            return (Tensor(vector: values), Tensor(uncheckedShape: prediction.shape, scalars: rows))
        }
        try pair(prediction, target)
        var values: [Double] = [], derivatives: [Double] = []
        let exponentials = negativeAbsExponentials(prediction.scalars)
        for i in 0..<prediction.count {
            let (l, d) = pointwise(prediction.scalars[i], target.scalars[i], exponential: exponentials?[i])
            values.append(l)
            derivatives.append(d)
        }
        return (Tensor(uncheckedShape: prediction.shape, scalars: values), Tensor(uncheckedShape: prediction.shape, scalars: derivatives))
    }

    /// The gradient with respect to the prediction, for the gradient `g` of each element's loss.
    public func chain(_ g: Tensor, _ derivatives: Tensor, prediction: Tensor) throws -> Tensor {
        if case .crossEntropy = self {
            let k = prediction.shape.count == 2 ? prediction.shape[1] : 1
            return Tensor(uncheckedShape: prediction.shape, scalars: derivatives.scalars.enumerated().map { $0.element * g.scalars[$0.offset / k] })
        }
        return try derivatives.multiplying(g.reshaped(derivatives.shape))
    }

    /// Refuses what PyTorch refuses rather than computing it into nan:
    /// probabilities or targets outside [0, 1] for binary cross-entropy,
    /// targets outside [0, 1] for it with logits. A target between 0 and 1
    /// is a soft label, as `torch.nn.BCELoss` takes it: the loss is
    /// −(y·log p + (1 − y)·log(1 − p)) for any y in [0, 1].
    public func validate(_ prediction: Tensor, _ target: Tensor) throws {
        switch self {
        case .binaryCrossEntropy:
            if let bad = prediction.scalars.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw TensorError.invalid("bce: every probability must be between 0 and 1, got \(bad.messageText)")
            }
            if let bad = target.scalars.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw TensorError.invalid("bce: every label must be between 0 and 1, got \(bad.messageText)")
            }
        case .binaryCrossEntropyWithLogits:
            if let bad = target.scalars.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw TensorError.invalid("bceWithLogits: every label must be between 0 and 1, got \(bad.messageText)")
            }
        default:
            break
        }
    }
}
