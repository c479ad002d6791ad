import CahierLearning

/// What a perceptron's `fit` reports, as a notebook reads it:
/// `Training(epochs: …, converged: …, errors: …, weights: …)`.
public struct TrainingReport: Sendable {
    /// The epochs run, the error-free one included.
    public var epochs: Int
    public var converged: Bool
    /// The misclassified examples of each epoch.
    public var errors: Tensor
    /// The weights after each epoch, one row each; nil when no epoch ran (shown as an empty list).
    public var weights: Tensor?

    /// The report of `training`.
    init(_ training: Perceptron.Training) throws {
        epochs = training.epochs
        converged = training.converged
        errors = Tensor(vector: training.errors.map(Double.init))
        weights = training.weights.isEmpty ? nil : try Tensor.stack(training.weights)
    }

    /// Calls `body` with each field, in the order shown.
    func forEachField(_ body: (String, Value) -> Void) {
        for name in ["epochs", "converged", "errors", "weights"] { if let value = field(name) { body(name, value) } }
    }

    /// The field `name`, as a value; nil for a name it does not have.
    func field(_ name: String) -> Value? {
        switch name {
        case "epochs": return .number(Double(epochs))
        case "converged": return .bool(converged)
        case "errors": return .tensor(errors)
        case "weights": return weights.map { .tensor($0) } ?? .list(List([]))
        default: return nil
        }
    }
}
