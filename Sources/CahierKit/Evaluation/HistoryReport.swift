import CahierLearning

/// What a model's `fit` reports, per epoch, as a notebook reads it:
/// `History(epochs: …, losses: …, accuracies: …)`.
public struct HistoryReport: Sendable {
    /// The epochs run.
    public var epochs: Int
    /// The loss of each epoch.
    public var losses: Tensor
    /// The accuracy of each epoch.
    public var accuracies: Tensor

    /// The report of `history`.
    init(_ history: TrainingHistory) {
        epochs = history.epochs.count
        losses = Tensor(vector: history.losses)
        accuracies = Tensor(vector: history.accuracies)
    }

    /// Calls `body` with each field, in the order shown.
    func forEachField(_ body: (String, Value) -> Void) {
        for name in ["epochs", "losses", "accuracies"] { if let value = field(name) { body(name, value) } }
    }

    /// The field `name`, as a value; nil for a name it does not have.
    func field(_ name: String) -> Value? {
        switch name {
        case "epochs": return .number(Double(epochs))
        case "losses": return .tensor(losses)
        case "accuracies": return .tensor(accuracies)
        default: return nil
        }
    }
}
