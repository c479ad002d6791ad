import CahierLearning

/// A data set as notebooks hold it: a record with inputs `x` (a matrix or
/// sparse rows) and labels `y`, and for text the messages as `texts`.
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

    /// Reads a Dataset record; `what` names it in the error. Every field is
    /// read as the type ``value`` writes it, and a field missing or of another
    /// type is an error naming it: `x` may be left out only by a data set of
    /// texts, whose inputs are its messages.
    init(_ value: Value, _ what: String) throws {
        guard case .record(let record) = value, record.type == .dataset else {
            throw RuntimeError("\(what) must be a Dataset (a record with x and y), got \(article(value.typeName))")
        }
        func field(_ name: String) -> String { "the field '\(name)' of \(what)" }
        func strings(_ name: String) throws -> [String]? {
            guard let found = record[name] else { return nil }
            guard case .list(let list) = found else { throw RuntimeError("\(field(name)) must be a List of Strings, got \(article(found.typeName))") }
            return try list.items.map { item in
                guard case .string(let s) = item else { throw RuntimeError("\(field(name)) must hold Strings, not \(article(item.typeName))") }
                return s
            }
        }
        guard let y = record["y"] else { throw RuntimeError("\(what) has no field 'y'") }
        self.y = try Coerce.tensor(y, field("y"))
        texts = try strings("texts")
        classes = try strings("classes")
        columns = try strings("columns")
        switch record["x"] {
        case .tensor(let t)?: x = .dense(t)
        case .object(.sparse(let m))?: x = .sparse(m)
        case nil where texts != nil: x = .dense(Tensor(vector: []))
        case nil: throw RuntimeError("\(what) has no field 'x'")
        case let other?: throw RuntimeError("\(field("x")) must be a Tensor or a SparseMatrix, got \(article(other.typeName))")
        }
        if let found = record["shape"] {
            guard case .tensor(let t) = found else { throw RuntimeError("\(field("shape")) must be a Tensor, got \(article(found.typeName))") }
            shape = try t.scalars.map { try Coerce.integer(.number($0), field("shape")) }
        }
        if let texts, x.count == 0, !texts.isEmpty { return }
        guard x.count == self.y.count else {
            throw RuntimeError("\(what) has \(x.count) inputs but \(self.y.count) labels")
        }
    }

    /// The record a notebook sees.
    public var value: Value {
        var fields: [(name: String, value: Value)] = []
        switch x {
        case .dense(let t): if t.count > 0 || texts == nil { fields.append(("x", .tensor(t))) }
        case .sparse(let m): fields.append(("x", .object(.sparse(m))))
        }
        fields.append(("y", .tensor(y)))
        if let texts { fields.append(("texts", .items(texts.map { .string($0) }))) }
        if let classes { fields.append(("classes", .items(classes.map { .string($0) }))) }
        if let columns { fields.append(("columns", .items(columns.map { .string($0) }))) }
        if let shape { fields.append(("shape", .tensor(Tensor(vector: shape.map(Double.init))))) }
        return .record(Record(.dataset, fields))
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
            guard t.rank == 2 else { throw RuntimeError("\(what) needs inputs x as a matrix [n, d], got a tensor of shape \(Tensor.describe(t.shape))") }
            return t
        case .sparse: throw RuntimeError("\(what) needs dense inputs; this data set's x is a SparseMatrix")
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
