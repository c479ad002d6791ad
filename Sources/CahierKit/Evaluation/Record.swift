import CahierLearning

/// A value with named fields, read with `.name` and shown as `Type(name: …)`.
/// Data sets, splits, trainings and histories are typed: each field is a
/// stored property, so none can be missing or of another type, and a builtin
/// reads them without looking them up. Only values whose field names are data
/// (the gates' truth tables, a gradient, the arrays of an `.npz` file) are
/// named values.
public indirect enum Record: Sendable {
    case dataset(Dataset)
    /// `split(data)`: its `train` and `test` parts.
    case split(train: Dataset, test: Dataset)
    /// A perceptron's `fit`.
    case training(TrainingReport)
    /// A model's `fit`: per epoch.
    case history(HistoryReport)
    /// Named values, in the order they are shown.
    case named(ValueType, [(name: String, value: Value)])

    public var type: ValueType {
        switch self {
        case .dataset: return .dataset
        case .split: return .split
        case .training: return .training
        case .history: return .history
        case .named(let type, _): return type
        }
    }

    /// The fields, in the order they are shown.
    public var fields: [(name: String, value: Value)] {
        var fields: [(name: String, value: Value)] = []
        forEachField { fields.append(($0, $1)) }
        return fields
    }

    /// Calls `body` with each field, in the order shown, without making the
    /// list of them (how a record's size and depth are counted).
    func forEachField(_ body: (String, Value) -> Void) {
        switch self {
        case .dataset(let data): data.forEachField(body)
        case .split(let train, let test):
            body("train", train.value)
            body("test", test.value)
        case .training(let report): report.forEachField(body)
        case .history(let report): report.forEachField(body)
        case .named(_, let fields): for field in fields { body(field.name, field.value) }
        }
    }

    /// The field `name`; nil when the record has none of that name.
    public subscript(name: String) -> Value? {
        switch self {
        case .dataset(let data): return data.field(name)
        case .split(let train, let test):
            switch name {
            case "train": return train.value
            case "test": return test.value
            default: return nil
            }
        case .training(let report): return report.field(name)
        case .history(let report): return report.field(name)
        case .named(_, let fields): return fields.first { $0.name == name }?.value
        }
    }
}
