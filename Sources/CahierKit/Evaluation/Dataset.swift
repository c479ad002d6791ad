import CahierLearning

/// A data set as notebooks hold it (``Record/dataset(_:)``): inputs `x` (a
/// matrix or sparse rows) and labels `y`, and for text the messages as `texts`.
public struct Dataset: Sendable {
    public var x: Features
    public var y: Tensor
    public var texts: [String]?
    /// The names of the classes, when the labels were text: class k is `classes[k]`.
    public var classes: [String]?
    /// The names of the columns of x, when it came from a table.
    public var columns: [String]?
    /// The shape of one image, when each row of x is an image (channels first, flattened).
    public var shape: [Int]?

    public init(x: Features, y: Tensor, texts: [String]? = nil, classes: [String]? = nil, columns: [String]? = nil, shape: [Int]? = nil) {
        self.x = x
        self.y = y
        self.texts = texts
        self.classes = classes
        self.columns = columns
        self.shape = shape
    }

    /// The data set a value holds; `what` names it in the error. A data set
    /// of texts may have no inputs x (its inputs are its messages); any other
    /// has as many inputs as labels.
    init(_ value: Value, _ what: String) throws {
        try self.init(value, Misuse.Subject.words(what))
    }

    /// The data set a value holds; `subject` names it in the error.
    init(_ value: Value, _ subject: Misuse.Subject) throws {
        guard case .record(.dataset(let data)) = value else {
            throw RuntimeError(.notA(subject, .dataset, got: .type(value.typeName)))
        }
        self = data
        if let texts, x.count == 0, !texts.isEmpty { return }
        guard x.count == y.count else {
            throw RuntimeError(.inputsAndLabels(subject, inputs: x.count, labels: y.count))
        }
    }

    /// The value a notebook holds. A data set of texts without inputs holds
    /// its x as an empty vector, and shows none.
    public var value: Value {
        var data = self
        if texts != nil, case .dense(let t) = x, t.count == 0 { data.x = .dense(Tensor(vector: [])) }
        return .record(.dataset(data))
    }

    /// Calls `body` with each field the data set has, in the order shown:
    /// x (but not the empty x of a data set of texts), y, then texts,
    /// classes, columns and shape when it has them.
    func forEachField(_ body: (String, Value) -> Void) {
        switch x {
        case .dense(let t): if t.count > 0 || texts == nil { body("x", .tensor(t)) }
        case .sparse(let m): body("x", .object(.sparse(m)))
        }
        body("y", .tensor(y))
        if let texts { body("texts", .items(texts.map { .string($0) })) }
        if let classes { body("classes", .items(classes.map { .string($0) })) }
        if let columns { body("columns", .items(columns.map { .string($0) })) }
        if let shape { body("shape", .tensor(Tensor(vector: shape.map(Double.init)))) }
    }

    /// The field `name`, as a value; nil for a field this data set does not
    /// have (x of a data set of texts without inputs, texts of one without texts…).
    func field(_ name: String) -> Value? {
        switch name {
        case "x":
            switch x {
            case .dense(let t): return t.count > 0 || texts == nil ? .tensor(t) : nil
            case .sparse(let m): return .object(.sparse(m))
            }
        case "y": return .tensor(y)
        case "texts": return texts.map { .items($0.map { .string($0) }) }
        case "classes": return classes.map { .items($0.map { .string($0) }) }
        case "columns": return columns.map { .items($0.map { .string($0) }) }
        case "shape": return shape.map { .tensor(Tensor(vector: $0.map(Double.init))) }
        default: return nil
        }
    }

    /// The examples at `indices`.
    func rows(_ indices: [Int]) throws -> Dataset {
        let rowsX: Features = x.count == 0 ? x : try x.rows(at: indices)
        return Dataset(x: rowsX, y: try y.rows(at: indices), texts: texts.map { t in indices.map { t[$0] } },
                       classes: classes, columns: columns, shape: shape)
    }

    /// The inputs as a dense matrix, for models that need one.
    func denseX(_ what: String) throws -> Tensor {
        switch x {
        case .dense(let t):
            guard t.rank == 2 else { throw RuntimeError(.learning(.matrixInputs(function: what, shape: t.shape))) }
            return t
        case .sparse: throw RuntimeError(.learning(.denseInputs(function: what)))
        }
    }
}

extension Features {
    /// The multiply-adds of x·Wᵀ for `outputs` outputs: stored entries × outputs for sparse rows.
    func multiplyAdds(outputs: Int) -> Double {
        switch self {
        case .dense(let x): return Double(x.count) * Double(outputs)
        case .sparse(let x): return Double(x.nonZeroCount) * Double(outputs)
        }
    }
}
