/// Logistic regression: Linear(d, 1) followed by the sigmoid, trained on
/// binary cross-entropy by gradient descent, with an optional L2 penalty.
///
/// The loss minimised is BCE(σ(x·wᵀ + b), y) + (l2/2)·‖w‖² (the bias is not
/// penalised). Training computes the loss from the logits
/// (``Loss/binaryCrossEntropyWithLogits``), which equals the BCE of the
/// probabilities but stays finite for any logit.
///
/// Shape: inputs `[n, d]` (dense or sparse), labels `[n]` in {0, 1}; `weight` is `[1, d]`.
public final class LogisticRegression: @unchecked Sendable {
    /// The linear part x·Wᵀ + b, with the gradients of its parameters.
    public let linear: Linear

    /// A model with zero weights.
    public init(features: Int) throws {
        linear = try Linear(zeroInputs: features, outputs: 1)
    }

    /// PyTorch's `nn.Linear(d, 1)` initialisation from `generator`.
    public init(features: Int, using generator: inout some RandomNumberGenerator) throws {
        linear = try Linear(inputs: features, outputs: 1, using: &generator)
    }

    /// Weights set by hand: `weight` `[1, d]` or `[d]`, bias a number.
    public init(weight: Tensor, bias: Double) throws {
        linear = try Linear(weight: try weight.reshaped([1, -1]), bias: Tensor(vector: [bias]))
    }

    /// The weights.
    ///
    /// Shape: `[1, d]` for logistic regression, `[k, d]` for softmax regression.
    public var weight: Tensor { linear.weight.value }
    /// The bias b.
    public var bias: Double { linear.bias.value.scalars[0] }

    /// The logits x·wᵀ + b. Shape: `[n]`.
    public func logits(_ x: Features) throws -> Tensor {
        try linear(x).reshaped([-1])
    }

    /// P(y = 1 | x) = σ(x·wᵀ + b). Shape: `[n]`.
    public func probabilities(_ x: Features) throws -> Tensor {
        try logits(x).map(Activation.sigmoid)
    }

    /// 1 where the probability is ≥ 0.5, else 0. Shape: `[n]`.
    public func predict(_ x: Features) throws -> Tensor {
        try logits(x).map { $0 >= 0 ? 1 : 0 }
    }

    /// Trains with plain gradient descent at `rate` (full-batch unless `options.batchSize`).
    public func fit(
        _ x: Features, _ y: Tensor, rate: Double, l2: Double = 0, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) -> Void)? = nil
    ) throws -> TrainingHistory {
        guard y.scalars.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw TrainingError.invalid("logistic regression needs labels 0 and 1") }
        let optimizer = try SGD(rate: rate)
        return try linear.fit(x, try y.reshaped([-1, 1]), loss: .binaryCrossEntropyWithLogits, l2: l2, optimizer: optimizer,
                           options: options, using: &generator, progress: progress)
    }
}

/// Softmax regression, the multi-class linear classifier: scores = x·Wᵀ + b,
/// probabilities softmax(scores), prediction argmax; trained on cross-entropy.
/// Row c of W is the template of class c: for 8×8 digits it can be shown as an image.
///
/// Shape: inputs `[n, d]`, labels `[n]` in 0..<k; `weight` is `[k, d]`, `bias` `[k]`.
public final class SoftmaxRegression: @unchecked Sendable {
    /// The linear part x·Wᵀ + b, with the gradients of its parameters.
    public let linear: Linear

    /// A model with zero weights.
    public init(features: Int, classes: Int) throws {
        linear = try Linear(zeroInputs: features, outputs: classes)
    }

    /// PyTorch's `nn.Linear(d, k)` initialisation from `generator`.
    public init(features: Int, classes: Int, using generator: inout some RandomNumberGenerator) throws {
        linear = try Linear(inputs: features, outputs: classes, using: &generator)
    }

    /// Weights set by hand.
    public init(weight: Tensor, bias: Tensor) throws {
        linear = try Linear(weight: weight, bias: bias)
    }

    /// The weights W: row c is the template of class c.
    ///
    /// Shape: `[k, d]`.
    public var weight: Tensor { linear.weight.value }
    /// The biases, one per class.
    ///
    /// Shape: `[k]`.
    public var bias: Tensor { linear.bias.value }
    /// The number of classes k.
    public var classes: Int { weight.shape[0] }

    /// The class scores. Shape: `[n, k]`.
    public func scores(_ x: Features) throws -> Tensor { try linear(x) }

    /// The class probabilities. Shape: `[n, k]`.
    public func probabilities(_ x: Features) throws -> Tensor { try scores(x).softmax(axis: 1) }

    /// The winning class of each row. Shape: `[n]`.
    public func predict(_ x: Features) throws -> Tensor { try scores(x).argmax(axis: 1) }

    /// Trains with plain gradient descent at `rate`, with the cross-entropy loss.
    public func fit(
        _ x: Features, _ y: Tensor, rate: Double, l2: Double = 0, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) -> Void)? = nil
    ) throws -> TrainingHistory {
        let optimizer = try SGD(rate: rate)
        return try linear.fit(x, y, loss: .crossEntropy(), l2: l2, optimizer: optimizer, options: options,
                           using: &generator, progress: progress)
    }
}
