import Foundation

/// A loss function with PyTorch's definition (reduction "mean") and its
/// gradient with respect to the prediction.
///
/// Shape: `prediction` and `target` have the same shape, except for
/// ``crossEntropy(weights:)``, whose prediction is `[n, k]` logits and whose
/// target is `[n]` class indices. Any other pair is refused (``pair(_:_:)``),
/// as PyTorch's `binary_cross_entropy` refuses it, never paired by position:
/// a column `[n, 1]` against a row `[1, n]` or a vector `[n]` is the classic
/// bug that `mse_loss` only warns about before broadcasting it to `[n, n]`.
public enum Loss: Sendable, Hashable {
    /// The share of wrong answers, the prediction z thresholded by the Heaviside
    /// step at 0 (z ≥ 0 counts as class 1); targets in {0, 1}. Its gradient is 0
    /// everywhere: it says how wrong, never which way to move.
    case zeroOne
    /// The perceptron criterion mean(max(0, −y·z)) for targets y in {−1, +1}.
    /// Gradient −y/n where y·z < 0, else 0 (0 at the kink, like relu).
    case perceptron
    /// mean((ŷ − y)²).
    case meanSquaredError
    /// −mean(y·log p + (1 − y)·log(1 − p)) on probabilities p, each log clamped
    /// at −100 like PyTorch, so p = 0 with y = 1 costs 100, not inf.
    case binaryCrossEntropy
    /// Binary cross-entropy of sigmoid(z), computed from the logits z stably:
    /// max(z, 0) − z·y + log(1 + e^−|z|).
    case binaryCrossEntropyWithLogits
    /// −log softmax(z)[y] from logits, averaged; with class weights w, PyTorch's
    /// weighted mean Σ w_yᵢ·lossᵢ / Σ w_yᵢ.
    case crossEntropy(weights: [Double]? = nil)

    /// The name of the builtin that computes the loss, for messages.
    public var name: String {
        switch self {
        case .zeroOne: return "zeroOneLoss"
        case .perceptron: return "perceptronLoss"
        case .meanSquaredError: return "mse"
        case .binaryCrossEntropy: return "bce"
        case .binaryCrossEntropyWithLogits: return "bceWithLogits"
        case .crossEntropy: return "crossEntropy"
        }
    }

    /// Refuses a prediction and a target the loss cannot pair element by
    /// element: they must have the same shape (crossEntropy: logits `[n, k]`
    /// and classes `[n]`), and at least one element.
    public func pair(_ prediction: Tensor, _ target: Tensor) throws {
        if case .crossEntropy = self {
            guard prediction.rank == 2, target.rank == 1, target.count == prediction.shape[0] else {
                throw TensorError.invalid("crossEntropy: logits of shape \(Tensor.describe(prediction.shape)) and classes of shape \(Tensor.describe(target.shape)) do not match; logits are [n, k] and classes [n]")
            }
            guard prediction.count > 0 else { throw TensorError.empty(operation: "crossEntropy") }
            return
        }
        guard prediction.shape == target.shape else {
            throw TensorError.invalid("\(name): predictions of shape \(Tensor.describe(prediction.shape)) and targets of shape \(Tensor.describe(target.shape)) do not match; give both the same shape (reshape one of them)")
        }
        guard prediction.count > 0 else { throw TensorError.empty(operation: name) }
    }

    /// PyTorch's floor on p·(1 − p) in the gradient of binary cross-entropy:
    /// 1e-12 stored as a 32-bit float, as PyTorch's kernel holds it.
    static let epsilon = Double(Float(1e-12))

    /// The loss of `prediction` against `target`.
    public func value(_ prediction: Tensor, _ target: Tensor) throws -> Double {
        try compute(prediction, target, gradient: nil)
    }

    /// The gradient of the loss with respect to `prediction`.
    ///
    /// Shape: `prediction.shape`.
    public func gradient(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
        try evaluate(prediction, target).gradient
    }

    /// The loss and its gradient with respect to `prediction`, in one pass.
    ///
    /// Shape: the gradient has `prediction.shape`.
    public func evaluate(_ prediction: Tensor, _ target: Tensor) throws -> (value: Double, gradient: Tensor) {
        var value = 0.0
        // Every element is written (or the call throws and the buffer is dropped): no zeroing pass.
        let gradient = try [Double](unsafeUninitializedCapacity: prediction.count) { buffer, initialized in
            initialized = buffer.count
            value = try compute(prediction, target, gradient: buffer)
        }
        return (value, Tensor(uncheckedShape: prediction.shape, scalars: gradient))
    }

    /// ``evaluate(_:_:)`` and ``correct(_:_:)`` of one training step: for cross-entropy in one
    /// pass over the logits (the row maxima give the predicted classes), the same numbers; with
    /// `columnSums`, cross-entropy also returns the gradient's column sums from zero (the bias's
    /// gradient, ``Tensor/addRows(into:)``'s bits), nil for the other losses.
    func evaluateCounting(_ prediction: Tensor, _ target: Tensor, columnSums: Bool = false)
        throws -> (value: Double, gradient: Tensor, correct: Int?, columnSums: [Double]?) {
        guard case .crossEntropy(let weights) = self else {
            let (value, gradient) = try evaluate(prediction, target)
            return (value, gradient, try correct(prediction, target), nil)
        }
        try pair(prediction, target)
        var value = 0.0, right = 0
        var sums = [Double](repeating: 0, count: columnSums ? prediction.shape[1] : 0)
        let gradient = try [Double](unsafeUninitializedCapacity: prediction.count) { buffer, initialized in
            initialized = buffer.count
            value = try sums.withUnsafeMutableBufferPointer { sums in
                try Loss.crossEntropy(prediction, target, weights: weights, gradient: buffer, correct: &right, columnSums: columnSums ? sums : nil)
            }
        }
        return (value, Tensor(uncheckedShape: prediction.shape, scalars: gradient), right, columnSums ? sums : nil)
    }

    /// The loss; when `gradient` is given (as many values as the prediction), its gradient is written there.
    private func compute(_ prediction: Tensor, _ target: Tensor, gradient: UnsafeMutableBufferPointer<Double>?) throws -> Double {
        try pair(prediction, target)
        if case .crossEntropy(let weights) = self {
            var unused = 0
            return try Loss.crossEntropy(prediction, target, weights: weights, gradient: gradient, correct: &unused)
        }
        let n = Double(prediction.count)
        var total = 0.0
        let p = prediction.scalars, y = target.scalars
        let exponentials = negativeAbsExponentials(p)
        for i in 0..<p.count {
            let (l, g) = pointwise(p[i], y[i], exponential: exponentials?[i])
            total += l
            gradient?[i] = g / n
        }
        return total / n
    }

    /// e^−|z| of every logit as one buffer (``VectorMath``) when the loss uses it
    /// (binary cross-entropy with logits), else nil.
    func negativeAbsExponentials(_ p: [Double]) -> [Double]? {
        guard case .binaryCrossEntropyWithLogits = self else { return nil }
        return VectorMath.exp(p.map { -Swift.abs($0) })
    }

    /// The loss and derivative of one prediction (before averaging); `exponential`
    /// is e^−|p| when already computed (``negativeAbsExponentials(_:)``), the same bits.
    func pointwise(_ p: Double, _ y: Double, exponential: Double? = nil) -> (Double, Double) {
        switch self {
        case .zeroOne:
            return ((p >= 0 ? 1.0 : 0.0) == y ? 0 : 1, 0)
        case .perceptron:
            let margin = -y * p
            return (Swift.max(0, margin), margin > 0 ? -y : 0)
        case .meanSquaredError:
            return ((p - y) * (p - y), 2 * (p - y))
        case .binaryCrossEntropy:
            let logP = Swift.max(log(p), -100)
            let log1mP = Swift.max(log(1 - p), -100)
            let loss = -(y * logP + (1 - y) * log1mP)
            return (loss, (p - y) / Swift.max((1 - p) * p, Loss.epsilon))
        case .binaryCrossEntropyWithLogits:
            // One exponential serves both: e = exp(−|z|), σ(z) = 1/(1 + e) for z ≥ 0, e/(1 + e) otherwise.
            let e = exponential ?? VectorMath.exp(-Swift.abs(p))
            let loss = Swift.max(p, 0) - p * y + log1p(e)
            let sigmoid = p >= 0 ? 1 / (1 + e) : e / (1 + e)
            return (loss, sigmoid - y)
        case .crossEntropy:
            return (0, 0)
        }
    }
}
