import CahierLearning

/// What operators, subscripts and the makers of tensors refuse, as data; their
/// words come from the catalogues (`misuse.operation.*`, `misuse.index.*`,
/// `misuse.making.*`) in the notebook's language.
extension Misuse {
    /// Which operand of an operator a message names; the raw value ends its key (`misuse.operand.left`).
    public enum Operand: String, Sendable, Hashable, Codable {
        /// The operand of a unary operator.
        case only, left, right
    }

    /// What an operator refused.
    public enum Operation: Sendable, Hashable, Codable {
        /// A unary `operator` applied to a value of `type`.
        case notApplicable(operator: String, type: String)
        /// A binary `operator` between values of types `left` and `right`.
        case cannotCombine(operator: String, left: String, right: String)
        /// `operator=` that would change the shape `from` of the tensor held to `to`; `given` is the value's shape, when a tensor.
        case changesShape(operator: String, given: [Int]?, from: [Int], to: [Int])
        /// `@` between two numbers.
        case matmulNumbers
        /// `@` between tensors of these shapes, not both of rank 1 or 2.
        case matmulRank([Int], [Int])
        /// `&&` or `||` between two numbers.
        case boolNumbers(operator: String)
        /// `&&` or `||` between tensors that are not both masks.
        case needsMasks(operator: String)
    }

    /// What a subscript refused.
    public enum Index: Sendable, Hashable, Codable {
        /// A Bool as an index.
        case boolIndex
        /// A value of `type` as an index.
        case notAnIndex(type: String)
        /// A number indexed.
        case numberIndexed
        /// A value of `type` indexed.
        case notIndexable(type: String)
        /// More than one item of a list assigned at once.
        case oneListItem
        /// An element of a tensor computed from parameters assigned.
        case computedElements
        /// An element of a value of `type` assigned.
        case elementsNotAssignable(type: String)
        /// A list given `count` indices.
        case listIndices(Int)
        /// The index `index` (as code writes it) of a list of `count` items.
        case listOutOfRange(index: String, count: Int)
        /// A mask that is not a vector of a list's `count` items.
        case listMask(count: Int)
    }

    /// What a maker of tensors refused.
    public enum Making: Sendable, Hashable, Codable {
        /// `function`'s extents, one of which is `got`, below 0.
        case negativeExtent(function: String, got: Int)
        /// `range` of `count` numbers, not 1 to 3.
        case rangeBounds(count: Int)
        /// `range` with a bound that is not finite, or a step of 0.
        case rangeNotFinite
        /// `range` of `count` values (as code writes it), more than it can count.
        case rangeTooLong(count: String)
        /// `rows` with `start` and `end` not in order 0 ≤ start ≤ end.
        case rowsOrder(start: Int, end: Int)
        /// `rows` whose `end` is past the `count` examples (of a data set) or rows (of a tensor).
        case rowsPast(end: Int, count: Int, examples: Bool)
    }
}

extension Misuse.Operation {
    /// The message, in `language`.
    func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse.operation." + key, values) }
        switch self {
        case .notApplicable(let op, let type): return t("not-applicable", ["operator": op, "value": Misuse.value(type, in: language)])
        case .cannotCombine(let op, let left, let right):
            return t("cannot-combine", ["operator": op, "left": Misuse.value(left, in: language), "right": Misuse.value(right, in: language)])
        case .changesShape(let op, let given, let from, let to):
            let values = ["operator": op, "from": Tensor.describe(from), "to": Tensor.describe(to), "given": given.map { Tensor.describe($0) } ?? ""]
            return t(given == nil ? "changes-shape" : "changes-shape-given", values)
        case .matmulNumbers: return t("matmul-numbers")
        case .matmulRank(let left, let right): return t("matmul-rank", ["left": Tensor.describe(left), "right": Tensor.describe(right)])
        case .boolNumbers(let op): return t("bool-numbers", ["operator": op])
        case .needsMasks(let op): return t("needs-masks", ["operator": op])
        }
    }

    func bounded(_ cut: (String) -> String) -> Misuse.Operation {
        switch self {
        case .notApplicable(let op, let type): return .notApplicable(operator: cut(op), type: cut(type))
        case .cannotCombine(let op, let left, let right): return .cannotCombine(operator: cut(op), left: cut(left), right: cut(right))
        case .changesShape(let op, let given, let from, let to): return .changesShape(operator: cut(op), given: given, from: from, to: to)
        case .matmulNumbers, .matmulRank: return self
        case .boolNumbers(let op): return .boolNumbers(operator: cut(op))
        case .needsMasks(let op): return .needsMasks(operator: cut(op))
        }
    }
}

extension Misuse.Index {
    /// The message, in `language`.
    func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse.index." + key, values) }
        switch self {
        case .boolIndex: return t("bool-index")
        case .notAnIndex(let type): return t("not-an-index", ["value": Misuse.value(type, in: language)])
        case .numberIndexed: return t("number-indexed")
        case .notIndexable(let type): return t("not-indexable", ["value": Misuse.value(type, in: language)])
        case .oneListItem: return t("one-list-item")
        case .computedElements: return t("computed-elements")
        case .elementsNotAssignable(let type): return t("elements-not-assignable", ["value": Misuse.value(type, in: language)])
        case .listIndices(let count): return t("list-indices", ["count": String(count)])
        case .listOutOfRange(let index, let count): return t("list-out-of-range", ["index": index, "count": String(count)])
        case .listMask(let count): return t("list-mask", ["count": String(count)])
        }
    }

    func bounded(_ cut: (String) -> String) -> Misuse.Index {
        switch self {
        case .notAnIndex(let type): return .notAnIndex(type: cut(type))
        case .notIndexable(let type): return .notIndexable(type: cut(type))
        case .elementsNotAssignable(let type): return .elementsNotAssignable(type: cut(type))
        case .listOutOfRange(let index, let count): return .listOutOfRange(index: cut(index), count: count)
        case .boolIndex, .numberIndexed, .oneListItem, .computedElements, .listIndices, .listMask: return self
        }
    }
}

extension Misuse.Making {
    /// The message, in `language`.
    func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse.making." + key, values) }
        switch self {
        case .negativeExtent(let function, let got): return t("negative-extent", ["function": function, "value": String(got)])
        case .rangeBounds(let count): return t("range-bounds", ["count": String(count)])
        case .rangeNotFinite: return t("range-not-finite")
        case .rangeTooLong(let count): return t("range-too-long", ["count": count])
        case .rowsOrder(let start, let end): return t("rows-order", ["start": String(start), "end": String(end)])
        case .rowsPast(let end, let count, let examples):
            return t(examples ? "rows-past-examples" : "rows-past-rows", ["end": String(end), "count": String(count)])
        }
    }

    func bounded(_ cut: (String) -> String) -> Misuse.Making {
        switch self {
        case .negativeExtent(let function, let got): return .negativeExtent(function: cut(function), got: got)
        case .rangeTooLong(let count): return .rangeTooLong(count: cut(count))
        case .rangeBounds, .rangeNotFinite, .rowsOrder, .rowsPast: return self
        }
    }
}
