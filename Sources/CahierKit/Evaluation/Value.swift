import CahierLearning

/// A value of the command language.
public enum Value: Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case tensor(Tensor)
    /// An array whose elements are not all numbers (strings, mixed values).
    case list([Value])
    /// A value with named fields, read with `.name`: a data set, a split, a training report.
    case record(Record)
    /// A value of the learning library with methods: a model, an optimiser, a vocabulary.
    case object(Object)
    /// A figure: shown as `[figure: TITLE]` in transcripts, drawn as SVG in HTML.
    case figure(Figure)
    /// The value of a command that shows nothing (`print`, `expect`).
    case void

    /// The value's type.
    public var type: ValueType {
        switch self {
        case .number: return .number
        case .bool: return .bool
        case .string: return .string
        case .tensor: return .tensor
        case .list: return .list
        case .record(let r): return r.type
        case .object(let o): return o.type
        case .figure: return .figure
        case .void: return .void
        }
    }

    /// The name of the value's type, as messages and the reference use it.
    public var typeName: String { type.rawValue }
}

/// Literals for builtin parameters' default values: `default: 0.1`, `default: "relu"`.
extension Value: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Value {
    /// About how many numbers the value holds: what it costs in memory.
    public var elementCount: Int {
        switch self {
        case .number, .bool, .void: return 1
        case .string(let s): return s.utf8.count / 8 + 1
        case .tensor(let t): return t.count
        case .list(let items): return items.reduce(0) { $0 + $1.elementCount }
        case .record(let r): return r.fields.reduce(0) { $0 + $1.value.elementCount }
        case .figure(let f): return f.svg.utf8.count / 8
        case .object(let o):
            switch o {
            case .perceptron(let p): return p.weights.count
            case .logisticRegression(let m): return 2 * m.weight.count
            case .softmaxRegression(let m): return 2 * m.weight.count
            case .network(let n): return 3 * n.scalarCount
            case .layer(.linear(let l)): return 3 * (l.weight.value.count + l.bias.value.count)
            case .layer: return 1
            case .parameter(let p): return 2 * p.value.count
            case .optimizer: return 1
            case .vocabulary(let v): return v.count * 2
            case .standardizer(let s): return 2 * s.mean.count
            case .sparse(let m): return 2 * m.nonZeroCount + m.rows
            }
        }
    }
}

/// Named fields, in the order they are shown.
public struct Record: Sendable {
    public var type: ValueType
    public var fields: [(name: String, value: Value)]

    public init(_ type: ValueType, _ fields: [(name: String, value: Value)]) {
        self.type = type
        self.fields = fields
    }

    public subscript(name: String) -> Value? {
        fields.first { $0.name == name }?.value
    }
}

/// The learning library's values that notebooks hold and call methods on.
public enum Object: Sendable {
    case perceptron(Perceptron)
    case logisticRegression(LogisticRegression)
    case softmaxRegression(SoftmaxRegression)
    case network(Sequential)
    case layer(Layer)
    case parameter(CahierLearning.Parameter)
    case optimizer(SGD)
    case vocabulary(Vocabulary)
    case standardizer(Standardizer)
    case sparse(SparseMatrix)

    public var type: ValueType {
        switch self {
        case .perceptron: return .perceptron
        case .logisticRegression: return .logisticRegression
        case .softmaxRegression: return .softmaxRegression
        case .network: return .mlp
        case .layer: return .layer
        case .parameter: return .parameter
        case .optimizer: return .sgd
        case .vocabulary: return .vocabulary
        case .standardizer: return .standardizer
        case .sparse: return .sparseMatrix
        }
    }
}
