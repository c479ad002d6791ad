/// Logistic regression: Linear(d, 1) followed by the sigmoid, trained on
/// binary cross-entropy by gradient descent, with an optional L2 penalty.
///
/// The loss minimised is BCE(σ(x·wᵀ + b), y) + (l2/2)·‖w‖² (the bias is not
/// penalised). Training computes the loss from the logits
/// (``Loss/binaryCrossEntropyWithLogits``), which equals the BCE of the
/// probabilities but stays finite for any logit.
///
/// Shapes are those of the equivalent `Linear(d, 1)` (PyTorch's convention):
/// inputs `[n, d]` (dense or sparse), labels `[n]` in {0, 1}; `weight` is
/// `[1, d]` (`[out, in]`), `bias` `[1]`; logits and probabilities `[n, 1]`,
/// predicted classes `[n]` like the labels.
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

    /// Weights set by hand: `weight` `[1, d]` (or a vector `[d]`), `bias` a number or `[1]`.
    public init(weight: Tensor, bias: Tensor) throws {
        guard weight.rank == 1 || weight.rank == 2 && weight.shape[0] == 1 else {
            throw TensorError.shapeMismatch(operation: "LogisticRegression weight ([1, d])", weight.shape, [1, weight.shape.last ?? 0])
        }
        guard bias.count == 1, bias.rank <= 1 else {
            throw TensorError.shapeMismatch(operation: "LogisticRegression bias (one number)", bias.shape, [1])
        }
        linear = try Linear(weight: try weight.reshaped([1, -1]), bias: try bias.reshaped([1]))
    }

    /// The weight, a parameter with its gradient. Shape: `[1, d]`.
    public var weight: Parameter { linear.weight }
    /// The bias, a parameter with its gradient. Shape: `[1]`.
    public var bias: Parameter { linear.bias }
    /// The number of inputs d.
    public var features: Int { linear.inputs }

    /// The logits x·Wᵀ + b. Shape: `[n, 1]`.
    public func logits(_ x: Features) throws -> Tensor {
        try linear(x)
    }

    /// P(y = 1 | x) = σ(x·Wᵀ + b). Shape: `[n, 1]`.
    public func probabilities(_ x: Features) throws -> Tensor {
        Activation.sigmoidOfEach(try logits(x))
    }

    /// 1 where the probability is ≥ 0.5, else 0. Shape: `[n]`, like the labels.
    public func predict(_ x: Features) throws -> Tensor {
        Tensor(vector: try logits(x).scalars.map { $0 >= 0 ? 1 : 0 })
    }

    /// The training loss BCE(σ(x·Wᵀ + b), y) + (l2/2)·‖W‖² on (x, y) and its
    /// gradient, as a step of ``fit(_:_:optimizer:l2:options:using:progress:)`` computes it.
    public func gradient(_ x: Features, _ y: Tensor, l2: Double = 0) throws -> LinearGradient {
        try linear.gradient(x, try LogisticRegression.labels(y), loss: .binaryCrossEntropyWithLogits, l2: l2)
    }

    /// Trains by gradient descent with `optimizer` (full-batch unless
    /// `options.batchSize`); the optimizer's state carries over to the next call.
    public func fit(
        _ x: Features, _ y: Tensor, optimizer: SGD, l2: Double = 0, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) throws -> Void)? = nil
    ) throws -> TrainingHistory {
        try linear.fit(x, try LogisticRegression.labels(y), loss: .binaryCrossEntropyWithLogits, l2: l2, optimizer: optimizer,
                       options: options, using: &generator, progress: progress)
    }

    /// The labels as a column `[n, 1]`, like the logits; each must be 0 or 1.
    private static func labels(_ y: Tensor) throws -> Tensor {
        guard y.scalars.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw TrainingError.invalid("logistic regression needs labels 0 and 1") }
        return try y.reshaped([-1, 1])
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

    /// The weights W, a parameter: row c is the template of class c.
    ///
    /// Shape: `[k, d]`.
    public var weight: Parameter { linear.weight }
    /// The biases, one per class, a parameter.
    ///
    /// Shape: `[k]`.
    public var bias: Parameter { linear.bias }
    /// The number of classes k.
    public var classes: Int { linear.outputs }
    /// The number of inputs d.
    public var features: Int { linear.inputs }

    /// The class scores. Shape: `[n, k]`.
    public func scores(_ x: Features) throws -> Tensor { try linear(x) }

    /// The class probabilities. Shape: `[n, k]`.
    public func probabilities(_ x: Features) throws -> Tensor { try scores(x).softmax(axis: 1) }

    /// The winning class of each row. Shape: `[n]`.
    public func predict(_ x: Features) throws -> Tensor { try scores(x).argmax(axis: 1) }

    /// The training loss (cross-entropy + (l2/2)·‖W‖²) on (x, y) and its gradient.
    public func gradient(_ x: Features, _ y: Tensor, l2: Double = 0) throws -> LinearGradient {
        try linear.gradient(x, y, loss: .crossEntropy(), l2: l2)
    }

    /// Trains by gradient descent with `optimizer` on the cross-entropy loss;
    /// the optimizer's state carries over to the next call.
    public func fit(
        _ x: Features, _ y: Tensor, optimizer: SGD, l2: Double = 0, options: TrainingOptions,
        using generator: inout some RandomNumberGenerator, progress: ((EpochReport) throws -> Void)? = nil
    ) throws -> TrainingHistory {
        try linear.fit(x, y, loss: .crossEntropy(), l2: l2, optimizer: optimizer, options: options,
                       using: &generator, progress: progress)
    }
}
