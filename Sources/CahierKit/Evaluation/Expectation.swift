import CahierLearning

/// An `expect(…)` that failed: the teacher's sentence and what the condition
/// compared, each value named by the expression that produced it, so the
/// feedback can say what the student's code gave and where it parts from the
/// expected value (``ExpectationProbe`` records them while the condition runs).
public struct Expectation: Sendable, Hashable, Codable {
    /// One side of a comparison.
    public struct Compared: Sendable, Hashable, Codable {
        /// The expression as written (`online(unseen, rate: 0.5, epochs: 40)`).
        public var expression: String
        /// Its value on one line, long tensors elided.
        public var value: String
        /// Its shape, for a tensor.
        public var shape: [Int]?
        /// Whether the value comes from the student's answer: the expression
        /// reads a name an answer bound or calls a function an answer declared.
        public var fromAnswer: Bool
        /// Whether the expression is a literal (`0.97`, `[6, 4, 6]`): its value is its text.
        public var isLiteral: Bool
        /// Where the value first holds a NaN, which no comparison holds for: `[]` for a number, the
        /// index (row-major) for a tensor; nil without one.
        public var firstNaN: [Int]?

        public init(expression: String, value: String, shape: [Int]?, fromAnswer: Bool, isLiteral: Bool, firstNaN: [Int]? = nil) {
            self.expression = expression
            self.value = value
            self.shape = shape
            self.fromAnswer = fromAnswer
            self.isLiteral = isLiteral
            self.firstNaN = firstNaN
        }
    }

    /// A comparison of the condition that did not hold.
    public struct Comparison: Sendable, Hashable, Codable {
        /// The operator as written, or "≈" for `abs(a - b) < tolerance`.
        public var operation: String
        public var left: Compared
        public var right: Compared
        /// The tolerance of `abs(a - b) < tolerance`.
        public var tolerance: Compared?
        /// The first position (row-major) where the comparison does not hold, for tensors.
        public var firstFailure: [Int]?
        /// The two values at that position, when both sides have it.
        public var valuesThere: [Double]?
        /// The largest absolute difference between the sides, when they have the same shape.
        public var largestDifference: Double?

        public init(operation: String, left: Compared, right: Compared, tolerance: Compared? = nil, firstFailure: [Int]? = nil,
                    valuesThere: [Double]? = nil, largestDifference: Double? = nil) {
            self.operation = operation
            self.left = left
            self.right = right
            self.tolerance = tolerance
            self.firstFailure = firstFailure
            self.valuesThere = valuesThere
            self.largestDifference = largestDifference
        }
    }

    /// The teacher's sentence.
    public var message: String
    /// The comparisons that did not hold, in the order they ran (at most ``maximumComparisons``).
    public var comparisons: [Comparison] = []

    /// The most comparisons one failure reports.
    static let maximumComparisons = 4

    public init(message: String, comparisons: [Comparison] = []) {
        self.message = message
        self.comparisons = comparisons
    }

    /// The values named a reader may see: every value when `everything`, else
    /// only the student's own (a hidden check does not show the expected
    /// values); where the place they differ and by how much is all it may
    /// say, it says that.
    public func visible(everything: Bool) -> Expectation {
        guard !everything else { return self }
        var copy = self
        copy.comparisons = comparisons.map { comparison in
            var c = comparison
            let bothShown = c.left.fromAnswer && c.right.fromAnswer
            if !c.left.fromAnswer && !c.right.fromAnswer {
                c.left.value = ""
                c.right.value = ""
                c.left.firstNaN = nil
                c.right.firstNaN = nil
                c.valuesThere = nil
                c.tolerance?.value = ""
                return c
            }
            if !bothShown {
                c.valuesThere = nil
                c.largestDifference = nil
                if !c.left.fromAnswer { (c.left.value, c.left.firstNaN) = ("", nil) }
                if !c.right.fromAnswer { (c.right.value, c.right.firstNaN) = ("", nil) }
                if c.tolerance?.fromAnswer == false { c.tolerance?.value = "" }
            }
            return c
        }
        return copy
    }
}

extension Expectation.Compared {
    /// `value`, described for a transcript line.
    init(expression: String, value: Value, fromAnswer: Bool, isLiteral: Bool, digits: Int) {
        let numbers = Expectation.numbers(value)
        self.init(expression: expression, value: Expectation.shown(value, digits: digits),
                  shape: numbers.flatMap { $0.shape.isEmpty ? nil : $0.shape }, fromAnswer: fromAnswer, isLiteral: isLiteral,
                  firstNaN: numbers.flatMap { numbers in numbers.scalars.firstIndex(where: \.isNaN).map { Expectation.index(of: $0, in: numbers.shape) } })
    }
}

extension Expectation {
    /// The most elements shown in full; longer tensors show their start and end.
    static let shownElements = 12

    /// A value on one line: a tensor's elements (elided past ``shownElements``), else as a list shows it.
    static func shown(_ value: Value, digits: Int) -> String {
        guard let (shape, scalars) = numbers(value), !shape.isEmpty else { return Display.inline(value, digits: digits) }
        func format(_ x: Double) -> String { Display.number(x, digits: digits) }
        if scalars.count > shownElements {
            return "[" + scalars.prefix(6).map(format).joined(separator: ", ") + ", …, " + scalars.suffix(2).map(format).joined(separator: ", ") + "]"
        }
        // Nested brackets, row-major.
        func nested(_ axis: Int, _ offset: Int) -> String {
            let stride = shape[(axis + 1)...].reduce(1, *)
            if axis == shape.count - 1 { return "[" + (0..<shape[axis]).map { format(scalars[offset + $0]) }.joined(separator: ", ") + "]" }
            return "[" + (0..<shape[axis]).map { nested(axis + 1, offset + $0 * stride) }.joined(separator: ", ") + "]"
        }
        return nested(0, 0)
    }

    /// The shape and numbers of a number, a Bool, a tensor, a mask, a variable, or a list of numbers.
    static func numbers(_ value: Value) -> (shape: [Int], scalars: [Double])? {
        switch value {
        case .number(let x): return ([], [x])
        case .bool(let b): return ([], [b ? 1 : 0])
        case .tensor(let t), .mask(let t): return (t.shape, t.scalars)
        case .variable(let v): return (v.value.shape, v.value.scalars)
        case .object(.parameter(let p)): return (p.value.shape, p.value.scalars)
        case .list(let list) where list.count <= 100_000:
            var scalars: [Double] = []
            for item in list.items {
                switch item {
                case .number(let x): scalars.append(x)
                case .bool(let b): scalars.append(b ? 1 : 0)
                default: return nil
                }
            }
            return ([scalars.count], scalars)
        default: return nil
        }
    }

    /// The row-major index of the `k`-th element of a tensor of `shape` (`[]` for a number).
    static func index(of k: Int, in shape: [Int]) -> [Int] {
        var index: [Int] = []
        var rest = k
        for extent in shape.reversed() {
            index.append(extent == 0 ? 0 : rest % extent)
            rest /= max(extent, 1)
        }
        return index.reversed()
    }

    /// Where `result` (the comparison's value) first does not hold, and what the sides hold there.
    static func comparison(_ operation: String, left: Compared, right: Compared, tolerance: Compared?,
                           values: (left: Value, right: Value, result: Value)) -> Comparison {
        var comparison = Comparison(operation: operation, left: left, right: right, tolerance: tolerance)
        let a = numbers(values.left), b = numbers(values.right)
        if case .mask(let mask) = values.result, let k = mask.scalars.firstIndex(of: 0) {
            comparison.firstFailure = index(of: k, in: mask.shape)
            func at(_ side: (shape: [Int], scalars: [Double])?) -> Double? {
                guard let side else { return nil }
                if side.scalars.count == 1 { return side.scalars[0] }
                return side.shape == mask.shape ? side.scalars[k] : nil
            }
            if let x = at(a), let y = at(b) { comparison.valuesThere = [x, y] }
        }
        if let a, let b, a.shape == b.shape, !a.shape.isEmpty, !a.scalars.isEmpty {
            comparison.largestDifference = zip(a.scalars, b.scalars).reduce(0) { Swift.max($0, abs($1.0 - $1.1)) }
        }
        return comparison
    }
}
