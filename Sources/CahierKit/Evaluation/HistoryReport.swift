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

    /// The fields, in the order they are shown.
    static let fieldNames = ["epochs", "losses", "accuracies"]

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
