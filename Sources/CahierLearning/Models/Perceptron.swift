/// Rosenblatt's perceptron: x = [1; x₁; …; x_d], w = [w₀; w₁; …; w_d],
/// z = wᵀx, output step(z) (1 when z ≥ 0). Labels are {0, 1}, or {−1, +1}
/// with output +1 when z ≥ 0.
///
/// Learning rule: w ← w + α(y − ŷ)x, either after each example (online) or
/// summed over the epoch (batch). Training stops at the first epoch in which
/// every example is classified correctly; on data that are not linearly
/// separable (XOR) it runs to the epoch limit and reports that it did not converge.
///
/// Shape: inputs `[n, d]`, labels `[n]`; `weights` is `[d + 1]`, bias `w₀` first.
public final class Perceptron: @unchecked Sendable {
    /// The label convention: {0, 1} or {−1, +1}.
    public enum Labels: Sendable, Hashable {
        /// Labels 0 and 1.
        case zeroOne
        /// Labels −1 and +1.
        case signed
    }

    /// When the weights change: after each example, or once per epoch.
    public enum Rule: Sendable, Hashable {
        /// Update after each example, in order.
        case online
        /// Sum the updates of all examples, apply once per epoch.
        case batch
    }

    /// The outcome of training.
    public struct Training: Sendable, Hashable {
        /// The number of misclassified examples in each epoch (online: counted
        /// as they are met, before their update).
        public var errors: [Int]
        /// Whether an epoch with no error was reached.
        public var converged: Bool
        /// The number of epochs run, the error-free one included.
        public var epochs: Int { errors.count }
    }

    /// [w₀, w₁, …, w_d], the bias w₀ first.
    ///
    /// Shape: `[d + 1]`.
    public var weights: Tensor
    /// The labels the perceptron outputs and learns from.
    public var labels: Labels

    /// A perceptron with weights `[w₀, w₁, …, w_d]` set by hand.
    public init(weights: Tensor, labels: Labels = .zeroOne) throws {
        guard weights.rank == 1, weights.count >= 2 else {
            throw TensorError.rankMismatch(operation: "Perceptron weights", expected: "a vector [w0, w1, …]", actual: weights.rank)
        }
        self.weights = weights
        self.labels = labels
    }

    /// A perceptron for `features` inputs with all weights 0.
    public convenience init(features: Int, labels: Labels = .zeroOne) throws {
        try self.init(weights: try Tensor(repeating: 0, shape: [features + 1]), labels: labels)
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
        z >= 0 ? 1 : (labels == .signed ? -1 : 0)
    }

    /// Trains with the perceptron rule at `rate` for at most `epochs` epochs.
    public func fit(_ x: Tensor, _ y: Tensor, rate: Double, epochs: Int, rule: Rule = .online) throws -> Training {
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
        for _ in 0..<epochs {
            var mistakes = 0
            var summed = [Double](repeating: 0, count: d + 1)
            for i in 0..<n {
                var z = weights.scalars[0]
                for j in 0..<d { z += weights.scalars[j + 1] * x.scalars[i * d + j] }
                let delta = y.scalars[i] - output(z)
                guard delta != 0 else { continue }
                mistakes += 1
                let step = rate * delta
                if rule == .online {
                    weights.scalars[0] += step
                    for j in 0..<d { weights.scalars[j + 1] += step * x.scalars[i * d + j] }
                } else {
                    summed[0] += step
                    for j in 0..<d { summed[j + 1] += step * x.scalars[i * d + j] }
                }
            }
            if rule == .batch { for j in 0...d { weights.scalars[j] += summed[j] } }
            errors.append(mistakes)
            if mistakes == 0 { return Training(errors: errors, converged: true) }
        }
        return Training(errors: errors, converged: false)
    }
}
