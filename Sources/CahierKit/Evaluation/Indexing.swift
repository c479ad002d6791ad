import CahierLearning

/// Subscripts of values: `x[i]`, `x[i, j]`, `x[1:3]`, `x[:, 0]`, `x[::-1]`,
/// `x[a..<b]`, `x[[0, 2]]`, `x[y == 1]`, with NumPy's meaning for tensors;
/// lists take one index. Reading copies the selection; writing changes the
/// selected elements of the value held by a `var`.
enum Indexing {
    /// An evaluated index.
    typealias Item = TensorIndex

    /// The index a value stands for: a whole number, a range (a slice), a
    /// mask, or a tensor or list of whole numbers (positions).
    static func item(_ value: Value) throws -> Item {
        switch value {
        case .number(let x):
            if let k = Coerce.exactInteger(x) { return .at(k) }
            return .at(try Coerce.integer(value, .item(function: nil, .index)))
        case .range(let r) where r.swift: return .slice(start: Int(r.start), end: Int(r.start) + r.count, step: 1)
        case .range: return .positions(try Coerce.tensor(value, .item(function: nil, .index)))
        case .mask(let m): return .mask(m)
        case .tensor(let t) where t.rank == 0: return .at(try Coerce.integer(.number(t.scalars[0]), .item(function: nil, .index)))
        case .tensor(let t): return .positions(t)
        case .list(let list) where list.items.allSatisfy({ if case .number = $0 { true } else { false } }):
            return .positions(try Coerce.tensor(value, .item(function: nil, .index)))
        case .bool:
            throw RuntimeError(.index(.boolIndex))
        default:
            throw RuntimeError(.index(.notAnIndex(type: value.typeName)))
        }
    }

    /// `base[items]`, the language's rule: the elements selected, each charged
    /// once (twice when autograd follows the base, for the backward pass); a
    /// list's item, or its items charged ``WorkBudget/itemCost`` each.
    /// ``specialisedGet(_:_:_:)`` must equal it.
    static func get(_ base: Value, _ items: [Item], _ context: EvaluationContext) throws -> Value {
        try get(base, items, context, select: select)
    }

    /// `base[items]` with the specialised selection of one or two positions
    /// (``specialisedSelect(_:_:_:)``). Equals ``get(_:_:_:)``.
    static func specialisedGet(_ base: Value, _ items: [Item], _ context: EvaluationContext) throws -> Value {
        try get(base, items, context, select: specialisedSelect)
    }

    @inline(__always)
    private static func get(_ base: Value, _ items: [Item], _ context: EvaluationContext,
                            select: (Tensor, [Item], EvaluationContext) throws -> Tensor) throws -> Value {
        if let v = context.tracked(base) {
            // The gradient of a selection goes back to the places selected.
            let plan = try v.value.plan(items)
            try context.limits.check(plan.shape)
            try context.budget.charge(2 * plan.offsets.count)
            return .variable(try v.gathering(plan))
        }
        switch base {
        case .tensor(let t), .mask(let t):
            let result = try select(t, items, context)
            if case .mask = base, result.rank > 0 { return .mask(result) }
            return Coerce.result(result)
        case .object(.parameter(let p)):
            return Coerce.result(try select(p.value, items, context))
        case .variable(let v):
            return Coerce.result(try select(v.value, items, context))
        case .range:
            return Coerce.result(try select(try Coerce.tensor(base, .item(function: nil, .theRange), context), items, context))
        case .list(let list):
            let positions = try listPositions(list, items)
            if case .at = items[0] { return list.items[positions[0]] }
            try context.budget.charge(positions.count * WorkBudget.itemCost)
            return .list(List(positions.map { list.items[$0] }))
        case .number:
            throw RuntimeError(.index(.numberIndexed))
        default:
            throw RuntimeError(.index(.notIndexable(type: base.typeName)))
        }
    }

    /// The elements of `t` at `items` by their plan, each charged once: the rule.
    private static func select(_ t: Tensor, _ items: [Item], _ context: EvaluationContext) throws -> Tensor {
        let plan = try t.plan(items)
        try context.limits.check(plan.shape)
        try context.budget.charge(plan.offsets.count)
        return t.gathering(plan)
    }

    /// ``select(_:_:_:)`` with one position (a row, copied whole) or two
    /// positions of a matrix (an element) taken without a plan.
    private static func specialisedSelect(_ t: Tensor, _ items: [Item], _ context: EvaluationContext) throws -> Tensor {
        if items.count == 1, case .at(let i) = items[0], t.rank >= 1 {
            let row = try t.slice(at: i)
            try context.budget.charge(row.count)
            return row
        }
        if items.count == 2, t.rank == 2, case .at(let i) = items[0], case .at(let j) = items[1] {
            let element = try t.element(at: [i, j])
            try context.budget.charge(1)
            return Tensor(scalar: element)
        }
        return try select(t, items, context)
    }

    /// Writes `value` into the elements of `base` at `items`.
    static func set(_ base: inout Value, _ items: [Item], to value: Value, _ context: EvaluationContext) throws {
        switch base {
        case .tensor(var t):
            base = .void
            defer { base = .tensor(t) }
            try write(&t, items, value, context)
        case .mask(var t):
            base = .void
            defer { base = .mask(t) }
            try write(&t, items, value, context)
        case .list(var list):
            guard items.count == 1, case .at = items[0] else {
                throw RuntimeError(.index(.oneListItem))
            }
            let position = try listPositions(list, items)[0]
            base = .void
            defer { base = .list(list) }
            list.set(position, to: value)
            try Coerce.checkNesting(list.depth, context)
        case .variable:
            throw RuntimeError(.index(.computedElements))
        default:
            throw RuntimeError(.index(.elementsNotAssignable(type: base.typeName)))
        }
    }

    private static func write(_ t: inout Tensor, _ items: [Item], _ value: Value, _ context: EvaluationContext) throws {
        let values = try Coerce.tensor(value, .item(function: nil, .assignedValue), context)
        if items.count == t.rank, items.allSatisfy({ if case .at = $0 { true } else { false } }), values.count == 1 {
            // One element, written in place and charged as one (a value of any shape holding one number fits it).
            var offset = 0
            for (axis, item) in items.enumerated() {
                guard case .at(let i) = item else { break }
                let extent = t.shape[axis]
                let j = i < 0 ? i + extent : i
                guard j >= 0, j < extent else { throw TensorError.indexOutOfRange(index: i, extent: extent) }
                offset = offset * extent + j
            }
            try context.budget.charge(1)
            t.setScalar(at: offset, values.scalars[0])
            return
        }
        let plan = try t.plan(items)
        try context.budget.charge(plan.offsets.count)
        try t.scatter(plan, values)
    }

    /// The positions a list index selects.
    private static func listPositions(_ list: List, _ items: [Item]) throws -> [Int] {
        guard items.count == 1 else { throw RuntimeError(.index(.listIndices(items.count))) }
        let n = list.count
        switch items[0] {
        case .at(let i):
            let j = i < 0 ? i + n : i
            guard j >= 0, j < n else { throw RuntimeError(.index(.listOutOfRange(index: String(i), count: n))) }
            return [j]
        case .slice(let start, let end, let step):
            return Tensor.slice(start: start, end: end, step: step, extent: n)
        case .positions(let t):
            return try t.scalars.map { x in
                guard let i = Coerce.exactInteger(x), i >= -n, i < n else { throw RuntimeError(.index(.listOutOfRange(index: Display.number(x), count: n))) }
                return i < 0 ? i + n : i
            }
        case .mask(let m):
            guard m.rank == 1, m.count == n else { throw RuntimeError(.index(.listMask(count: n))) }
            return (0..<n).filter { m.scalars[$0] != 0 }
        }
    }
}
