/// Rosenblatt's perceptron: x = [1; x₁; …; x_d], w = [w₀; w₁; …; w_d],
/// z = wᵀx, output step(z): 1 when z > 0, 0 when z < 0 (−1 with labels
/// {−1, +1}), and at z = 0 the class `stepAtZero` (1 by default, the
/// lecture's step; 0 or −1 for a strict step).
///
/// Learning rules: w ← w + α(y − ŷ)x after each example (online) or summed
/// over the epoch (batch); or the margin rule of scikit-learn's
/// `Perceptron(shuffle=False)`: with y read as ±1, an example with y·z ≤ 0 is
/// a mistake and w ← w + α·y·x. Training stops at the first epoch in which
/// no example causes an update; on data that are not linearly separable (XOR)
/// it runs to the epoch limit and reports that it did not converge.
///
/// Shape: inputs `[n, d]`, labels `[n]`; `weights` is `[d + 1]`, bias `w₀` first.
public final class Perceptron: @unchecked Sendable {
    /// The class predicted at z = 0: 1, or the negative class for a strict step.
    public var stepAtZero: Double

    /// The label convention: {0, 1} or {−1, +1}.
    public enum Labels: Sendable, Hashable {
        /// Labels 0 and 1.
        case zeroOne
        /// Labels −1 and +1.
        case signed
    }

    /// When and how the weights change.
    public enum Rule: Sendable, Hashable {
        /// w ← w + α(y − ŷ)x after each example, in order.
        case online
        /// The same updates summed over the epoch, applied once at its end.
        case batch
        /// w ← w + α·y·x after each example with y·z ≤ 0, y read as ±1
        /// (scikit-learn's `Perceptron(shuffle=False)`).
        case margin
    }

    /// The outcome of training.
    public struct Training: Sendable, Hashable {
        /// The number of misclassified examples in each epoch (online: counted
        /// as they are met, before their update).
        public var errors: [Int]
        /// Whether an epoch with no error was reached.
        public var converged: Bool
        /// The weights after each epoch. Shape: each `[d + 1]`.
        public var weights: [Tensor]
        /// The number of epochs run, the error-free one included.
        public var epochs: Int { errors.count }
    }

    /// [w₀, w₁, …, w_d], the bias w₀ first.
    ///
    /// Shape: `[d + 1]`.
    public var weights: Tensor
    /// The labels the perceptron outputs and learns from.
    public var labels: Labels

    /// A perceptron with weights `[w₀, w₁, …, w_d]` set by hand; `stepAtZero`
    /// is the class predicted at z = 0, 1 by default.
    public init(weights: Tensor, labels: Labels = .zeroOne, stepAtZero: Double = 1) throws {
        guard weights.rank == 1, weights.count >= 2 else {
            throw TensorError.rankMismatch(operation: "Perceptron weights", expected: "a vector [w0, w1, …]", actual: weights.rank)
        }
        let classes: [Double] = labels == .signed ? [-1, 1] : [0, 1]
        guard classes.contains(stepAtZero) else {
            throw TrainingError.invalid("Perceptron: stepAtZero must be one of the labels, \(labels == .signed ? "-1 or 1" : "0 or 1"), got \(stepAtZero.messageText)")
        }
        self.weights = weights
        self.labels = labels
        self.stepAtZero = stepAtZero
    }

    /// A perceptron for `features` inputs with all weights 0.
    public convenience init(features: Int, labels: Labels = .zeroOne, stepAtZero: Double = 1) throws {
        try self.init(weights: try Tensor(repeating: 0, shape: [features + 1]), labels: labels, stepAtZero: stepAtZero)
    }

    /// The number of inputs d.
    public var features: Int { weights.count - 1 }

    /// z = wᵀ[1; x] for each row. Shape: `[n, d] -> [n]`.
    public func scores(_ x: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == features else {
            throw TensorError.shapeMismatch(operation: "Perceptron", x.shape, [x.shape.first ?? 0, features])
        }
        let d = features
        return Tensor(vector: (0..<x.shape[0]).map { i in
            var z = weights.scalars[0]
            for j in 0..<d { z += weights.scalars[j + 1] * x.scalars[i * d + j] }
            return z
        })
    }

    /// The class of each row: step(z), or ±1 with signed labels. Shape: `[n, d] -> [n]`.
    public func predict(_ x: Tensor) throws -> Tensor {
        try scores(x).map(output)
    }

    private func output(_ z: Double) -> Double {
        z > 0 ? 1 : (z < 0 ? negative : stepAtZero)
    }

    /// The negative class: 0, or −1 with signed labels.
    private var negative: Double { labels == .signed ? -1 : 0 }

    /// Trains with the perceptron rule at `rate` for at most `epochs` epochs.
    public func fit(_ x: Tensor, _ y: Tensor, rate: Double, epochs: Int, rule: Rule = .online) throws -> Training {
        guard rate.isFinite, rate > 0 else { throw TrainingError.invalid("the rate must be a number > 0, got \(rate.messageText)") }
        let n = x.shape.first ?? 0
        guard x.rank == 2, x.shape[1] == features, y.count == n, n > 0 else {
            throw TrainingError.invalid("the perceptron needs inputs [n, \(features)] and n labels; got \(Tensor.describe(x.shape)) and \(y.count)")
        }
        let allowed: Set<Double> = labels == .signed ? [-1, 1] : [0, 1]
        guard y.scalars.allSatisfy(allowed.contains) else {
            throw TrainingError.invalid("labels must be \(labels == .signed ? "-1 and 1" : "0 and 1")")
        }
        let d = features
        var errors: [Int] = []
        var history: [Tensor] = []
        for _ in 0..<epochs {
            var mistakes = 0
            var summed = [Double](repeating: 0, count: d + 1)
            for i in 0..<n {
                var z = weights.scalars[0]
                for j in 0..<d { z += weights.scalars[j + 1] * x.scalars[i * d + j] }
                let delta: Double
                if rule == .margin {
                    let sign: Double = y.scalars[i] == 1 ? 1 : -1
                    delta = sign * z <= 0 ? sign : 0
                } else {
                    delta = y.scalars[i] - output(z)
                }
                guard delta != 0 else { continue }
                mistakes += 1
                let step = rate * delta
                if rule != .batch {
                    weights.scalars[0] += step
                    for j in 0..<d { weights.scalars[j + 1] += step * x.scalars[i * d + j] }
                } else {
                    summed[0] += step
                    for j in 0..<d { summed[j + 1] += step * x.scalars[i * d + j] }
                }
            }
            if rule == .batch { for j in 0...d { weights.scalars[j] += summed[j] } }
            errors.append(mistakes)
            history.append(weights)
            if mistakes == 0 { return Training(errors: errors, converged: true, weights: history) }
        }
        return Training(errors: errors, converged: false, weights: history)
    }
}
