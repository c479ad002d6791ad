import CahierLearning

/// A value of the command language.
///
/// Numbers, booleans, strings, tensors, lists, ranges and records are values:
/// a binding gets its own copy (copied lazily, as Swift copies arrays), so
/// changing an element through one name never changes another name. Objects
/// (models, layers, parameters, optimisers) and functions are references: two
/// names bound to one object see the same object, and training it through
/// either changes it, as in PyTorch.
public enum Value: Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case tensor(Tensor)
    /// A tensor that autograd follows: computed from parameters while gradients
    /// are recorded. Shown like a tensor; `backward()` fills its parameters' gradients.
    indirect case variable(Variable)
    /// A tensor of 0s and 1s made by a comparison: shown like a tensor, and
    /// as an index it selects the places that hold 1 (NumPy's boolean indexing).
    case mask(Tensor)
    /// A vector of at most four numbers held inline (``SmallVector``): made and
    /// read only by the specialised lowering, and the tensor ``widened`` makes
    /// of it everywhere else.
    case small(SmallVector)
    /// An array whose elements are not all numbers (strings, mixed values, an empty array).
    case list(List)
    /// `a..<b`, `a...b` or `range(…)`: evenly spaced numbers, produced one by
    /// one in a `for` loop and made into a tensor only where one is needed.
    indirect case range(NumberRange)
    /// A value with named fields, read with `.name`: a data set, a split, a training report (``Record``).
    indirect case record(Record)
    /// A value of the learning library with methods: a model, an optimiser, a vocabulary.
    indirect case object(Object)
    /// A function: a builtin or one the notebook declared with `func`.
    indirect case function(Function)
    /// A figure: shown as `[figure: TITLE]` in transcripts, drawn as SVG in HTML.
    indirect case figure(Figure)
    /// The value of a command that shows nothing (`print`, `expect`).
    case void

    /// The value's type.
    public var type: ValueType {
        switch self {
        case .number: return .number
        case .bool: return .bool
        case .string: return .string
        case .tensor, .mask, .variable, .small: return .tensor
        case .list: return .list
        case .range: return .range
        case .record(let r): return r.type
        case .object(let o): return o.type
        case .function: return .function
        case .figure: return .figure
        case .void: return .void
        }
    }

    /// The name of the value's type, as messages and the reference use it.
    public var typeName: String { type.rawValue }
}

extension Value {
    /// A list of these values.
    public static func items(_ values: [Value]) -> Value { .list(List(values)) }
}

/// Literals for builtin parameters' default values: `default: 0.1`, `default: "relu"`.
extension Value: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// The items of a list, and how deeply lists nest inside it (a list of
/// numbers has depth 1), so nesting can be bounded as lists are made.
///
/// A list may hold the same list many times (`l = list(l, l)`), so what it
/// holds is counted as it is made, never by walking it again: walking such a
/// list visits each share once for each way to reach it, 2ⁿ after n doublings.
public struct List: Sendable {
    public private(set) var items: [Value]
    /// The numbers the items hold, counted once per way to reach them (saturating at `Int.max`).
    public private(set) var elementCount: Int
    /// How many items are not numeric (see `Value.isNumeric`): a list of numbers,
    /// tensors and lists of them may stand for a tensor.
    private var nonNumeric: Int
    /// The same words as ids, when the list is a text as `tokenize` made it
    /// (its items are the Strings of these ids); nil for any other list, and
    /// once the list is changed. ``Vocabulary`` reads the ids instead of the Strings.
    public private(set) var tokens: TokenList?
    /// The depth, held in 32 bits so that a list value stays 40 bytes (lists
    /// nest within the work limits' bound, far below 2³¹).
    private var depth32: Int32
    /// Whether an object (a model, a layer, an optimizer…) is among the items, at any depth.
    public private(set) var holdsObjects: Bool

    /// How deeply lists nest inside it: 1 for a list of numbers.
    public var depth: Int { Int(depth32) }

    public init(_ items: [Value]) {
        self.items = items
        var (depth, elements, objects, nonNumeric) = (0, 0, false, 0)
        for item in items {
            depth = Swift.max(depth, item.nestingDepth)
            elements = elements.addingSaturated(item.elementCount)
            objects = objects || item.holdsObjects
            nonNumeric += item.isNumeric ? 0 : 1
        }
        self.depth32 = Int32(clamping: 1 + depth)
        self.elementCount = elements
        self.holdsObjects = objects
        self.nonNumeric = nonNumeric
        self.tokens = nil
    }

    /// The words of a tokenized text: a list of its Strings, as `List(tokens.words.map(Value.string))`
    /// would be, that also keeps the ids. `sizes[id]` is the `elementCount` of word `id`'s String
    /// (``sizes(of:)``, worked out once for a lexicon that many texts share).
    init(tokens: TokenList, sizes: [Int]) {
        let words = tokens.lexicon.words
        var elements = 0
        self.items = tokens.ids.map { id in
            elements = elements.addingSaturated(sizes[Int(id)])
            return .string(words[Int(id)])
        }
        self.depth32 = 1
        self.elementCount = elements
        self.holdsObjects = false
        self.nonNumeric = items.count
        self.tokens = tokens
    }

    /// The `elementCount` of each word of a lexicon, as a `.string` value.
    static func sizes(of lexicon: Lexicon) -> [Int] { lexicon.words.map { Value.string($0).elementCount } }

    public var count: Int { items.count }

    /// Whether a parameter is among the items (not nested): `[w, b]`, which
    /// SGD takes as its parameters and arithmetic as the tensor of their values.
    public var holdsParameter: Bool {
        items.contains { if case .object(.parameter) = $0 { true } else { false } }
    }

    /// Whether the list may stand for a tensor: not empty, and every item numeric.
    public var isNumeric: Bool { !items.isEmpty && nonNumeric == 0 }

    public mutating func append(_ value: Value) {
        tokens = nil
        items.append(value)
        depth32 = Swift.max(depth32, Int32(clamping: 1 + value.nestingDepth))
        elementCount = elementCount.addingSaturated(value.elementCount)
        holdsObjects = holdsObjects || value.holdsObjects
        nonNumeric += value.isNumeric ? 0 : 1
    }

    public mutating func set(_ index: Int, to value: Value) {
        tokens = nil
        let before = items[index]
        items[index] = value
        depth32 = Swift.max(depth32, Int32(clamping: 1 + value.nestingDepth))
        elementCount = (elementCount == .max ? .max : elementCount - before.elementCount).addingSaturated(value.elementCount)
        holdsObjects = holdsObjects || value.holdsObjects
        nonNumeric += (value.isNumeric ? 0 : 1) - (before.isNumeric ? 0 : 1)
    }
}

extension Int {
    /// `self + other`, or `Int.max` when that overflows.
    func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

/// `count` numbers start, start + step, …: a Swift range (`a..<b`, whole
/// numbers one apart, shown as such) or NumPy's `arange` (`range(…)`, shown as
/// the tensor it stands for).
public struct NumberRange: Sendable, Hashable {
    public var start: Double
    public var step: Double
    public var count: Int
    /// Whether it was written `a..<b` or `a...b` (else it came from `range(…)`).
    public var swift: Bool

    /// Whole numbers from `start` up to `end`, excluded.
    public init(from start: Int, to end: Int) {
        self.start = Double(start)
        self.step = 1
        self.count = Swift.max(0, end - start)
        self.swift = true
    }

    /// NumPy's `arange(start, end, step)`.
    public init(start: Double, step: Double, count: Int) {
        self.start = start
        self.step = step
        self.count = count
        self.swift = false
    }

    /// The k-th number: start + k·step, as the tensor holds it.
    public subscript(k: Int) -> Double { start + Double(k) * step }
}

extension Value {
    /// How deeply lists and records nest in the value; 0 for anything else.
    public var nestingDepth: Int {
        switch self {
        case .list(let list): return list.depth
        case .record(let record):
            var depth = 0
            record.forEachField { depth = Swift.max(depth, $1.nestingDepth) }
            return 1 + depth
        default: return 0
        }
    }

    /// Whether the value is an object or holds one (in a list or a record).
    var holdsObjects: Bool {
        switch self {
        case .object: return true
        case .list(let list): return list.holdsObjects
        case .record(let record):
            var holds = false
            record.forEachField { holds = holds || $1.holdsObjects }
            return holds
        default: return false
        }
    }

    /// About how many numbers the value holds: what it costs in memory.
    public var elementCount: Int {
        switch self {
        case .number, .bool, .void, .range, .function: return 1
        case .string(let s): return s.utf8.count / 8 + 1
        case .tensor(let t), .mask(let t): return t.count
        case .small(let s): return s.count
        case .variable(let v): return v.value.count
        case .list(let list): return list.elementCount
        case .record(let r):
            var count = 0
            r.forEachField { count = count.addingSaturated($1.elementCount) }
            return count
        case .figure(let f): return f.svg.utf8.count / 8
        case .object(let o): return o.elementCount
        }
    }
}

/// The learning library's objects that notebooks hold and call methods on.
/// Models, layers, parameters and optimisers are references: the object a
/// name holds is the one that trains.
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

    /// About how many numbers the object holds.
    var elementCount: Int {
        switch self {
        case .perceptron(let p): return p.weights.count
        case .logisticRegression(let m): return 2 * m.weight.value.count
        case .softmaxRegression(let m): return 2 * m.weight.value.count
        case .network(let n): return 3 * n.scalarCount
        case .layer(.linear(let l)): return 3 * (l.weight.value.count + l.bias.value.count)
        case .layer: return 1
        case .parameter(let p): return 2 * p.value.count
        case .optimizer(let o): return 1 + o.parameters.count
        case .vocabulary(let v): return v.count * 2
        case .standardizer(let s): return 2 * s.mean.count
        case .sparse(let m): return 2 * m.nonZeroCount + m.rows
        }
    }

    /// The reference objects this one holds or is (for protecting a sheet's objects from answers).
    var identities: [ObjectIdentifier] {
        switch self {
        case .perceptron(let p): return [ObjectIdentifier(p)]
        case .logisticRegression(let m): return [ObjectIdentifier(m)] + m.linear.identities
        case .softmaxRegression(let m): return [ObjectIdentifier(m)] + m.linear.identities
        case .network(let n): return [ObjectIdentifier(n)] + n.layers.flatMap { $0.linear?.identities ?? [] }
        case .layer(let l): return l.linear?.identities ?? []
        case .parameter(let p): return [ObjectIdentifier(p)]
        case .optimizer(let o): return [ObjectIdentifier(o)] + o.parameters.map(ObjectIdentifier.init)
        case .vocabulary, .standardizer, .sparse: return []
        }
    }
}

extension Linear {
    var identities: [ObjectIdentifier] { [ObjectIdentifier(self), ObjectIdentifier(weight), ObjectIdentifier(bias)] }
}
