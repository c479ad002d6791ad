import CahierLearning

/// Short vectors held inline (``Specialisation/smallVectors``): where a
/// specialised step is the only reader of a value, the value may be a
/// ``SmallVector`` (no heap block, no reference count); a row of a narrow
/// matrix, a short literal, `concat` of short parts and `+ - * /` of them are
/// made so, and `@`, `+ - * /`, `op=`, indexing and `concat` read them. Any
/// other reader gets the tensor ``Value/widened`` makes: the values, errors
/// and charges are those of the same forms on tensors.
extension Compiler {
    /// The closure of an expression whose value only a specialised step reads
    /// (an operand, a bound or updated local's new value): the plain or
    /// specialised closure, except that it may give a short vector inline.
    func flexible(_ expression: ResolvedExpression) -> Code {
        guard lowering == .specialised, probes.isEmpty else { return self.expression(expression) }
        let range = expression.range
        switch expression.kind {
        case .name(.local):
            guard let local = LocalRead(expression) else { return self.expression(expression) }
            return { i in try local.readHeld(i) }
        case .array(let elements):
            guard let constant = constantVector(elements), let small = SmallVector(constant.vector) else { return self.expression(expression) }
            return constantArray(constant, .small(small), elements, range)
        case .binary(.and, _, _), .binary(.or, _, _):
            return self.expression(expression)
        case .binary(.matmul, let left, let right) where (left.transposedBase != nil) != (right.transposedBase != nil):
            return self.expression(expression)
        case .binary(let op, let left, let right):
            return binary(op, left, right, range, keep: true)
        case .index(let base, let items):
            return index(base, items, range, keep: true)
        case .call(let callee, let arguments):
            return smallConcat(callee, arguments, range, keep: true) ?? self.expression(expression)
        default:
            return self.expression(expression)
        }
    }

    /// `base[items]` (``Specialisation/tensorItem``, ``Specialisation/localIndex``): a row of a
    /// narrow matrix inline when `keep`, an element of a short vector held inline.
    func index(_ base: ResolvedExpression, _ items: [ResolvedIndexItem], _ range: SourceRange, keep: Bool) -> Code {
        let indices = items.map { IndexCell(run: index($0)) }
        if let local = LocalRead(base), indices.count == 1 {
            return localIndex(local, indices[0], range, keep: keep)
        }
        let code = self.expression(base)
        return { i in
            try i.budget.step()
            let container = try code(i)
            do {
                if indices.count == 1 {
                    let item = try indices[0].run(i)
                    if case .tensor(let t) = container, case .at(let k) = item, let value = try Compiler.item(t, k, i, keep: keep) { return value }
                    return try Indexing.specialisedGet(container, [item], i.context)
                }
                return try Indexing.specialisedGet(container, try indices.map { try $0.run(i) }, i.context)
            } catch {
                throw located(error, range)
            }
        }
    }

    /// Row `k` of a matrix of at most ``SmallVector/capacity`` columns, inline,
    /// charged its elements as ``item(_:_:_:keep:)`` charges the row it slices;
    /// nil for a wider matrix or a position outside it (the general path says why).
    @inline(__always)
    static func smallRow(_ t: Tensor, _ k: Int, _ i: Interpreter) throws -> SmallVector? {
        let (rows, columns) = (t.shape[0], t.shape[1])
        guard columns <= SmallVector.capacity else { return nil }
        let r = k < 0 ? k + rows : k
        guard r >= 0, r < rows else { return nil }
        var row = SmallVector(zeros: columns)
        t.scalars.withUnsafeBufferPointer { a in
            for c in 0..<columns { row[c] = a[r &* columns &+ c] }
        }
        try i.budget.charge(columns)
        return row
    }

    /// `s[k]` of a short vector held inline, as ``item(_:_:_:keep:)`` reads an element of a
    /// vector; nil for a position outside it.
    @inline(__always)
    static func item(_ s: SmallVector, _ k: Int, _ i: Interpreter) throws -> Value? {
        guard k >= -s.count && k < s.count else { return nil }
        try i.budget.charge(1)
        return .number(s[k < 0 ? k + s.count : k])
    }

    /// `a op b` when either is a short vector held inline: `@` of two vectors of
    /// one length gives their dot product (the sum in ``Tensor/dot(_:)``'s
    /// order), `+ - * /` of two of one length or of one and a number the
    /// short vector (widened unless `keep`), with the charges of
    /// ``Operators/arithmetic(_:_:_:_:)``; anything else is the operator on the widened operands.
    static func smallApply(_ op: BinaryOperator, _ a: Value, _ b: Value, _ i: Interpreter, _ range: SourceRange, keep: Bool) throws -> Value {
        do {
            if op == .matmul {
                if case .small(let x) = a {
                    if case .small(let y) = b, x.count == y.count {
                        try Operators.checkProduct(1, x.count, 1, i.context)
                        return .number(SmallVector.dot(x.count, { x[$0] }, { y[$0] }))
                    }
                    if case .tensor(let t) = b, t.rank == 1, t.count == x.count {
                        try Operators.checkProduct(1, x.count, 1, i.context)
                        return .number(SmallVector.dot(x.count, { x[$0] }, { t.scalars[$0] }))
                    }
                } else if case .small(let y) = b, case .tensor(let t) = a, t.rank == 1, t.count == y.count {
                    try Operators.checkProduct(1, y.count, 1, i.context)
                    return .number(SmallVector.dot(y.count, { t.scalars[$0] }, { y[$0] }))
                }
            } else if let arithmetic = Arithmetic(op) {
                var result: SmallVector?
                if case .small(let x) = a {
                    if case .small(let y) = b, x.count == y.count {
                        try Operators.makes(x.shape, x.count, i.context)
                        result = x.combined(arithmetic, y)
                    } else if case .number(let y) = b {
                        try Operators.makes(x.shape, x.count, i.context)
                        result = x.combined(arithmetic, number: y, numberFirst: false)
                    }
                } else if case .number(let x) = a, case .small(let y) = b {
                    try Operators.makes(y.shape, y.count, i.context)
                    result = y.combined(arithmetic, number: x, numberFirst: true)
                }
                if let result { return keep ? .small(result) : .tensor(result.tensor) }
            }
            return try Operators.specialisedBinary(op, a.widened, b.widened, i.context)
        } catch {
            throw located(error, range)
        }
    }

    /// `concat(a, b, …)` of the builtin, without labels: its parts read as
    /// ``flexible(_:)`` gives them, and when each is a vector (inline or not)
    /// and they join into at most ``SmallVector/capacity`` numbers, the joined
    /// vector inline (widened unless `keep`), with the steps and charges of the
    /// builtin's call (``Interpreter/charge(_:_:)`` after its own charge for the
    /// joined vector); otherwise the builtin called on the widened parts. Nil
    /// when the call is not one of the builtin `concat`.
    func smallConcat(_ callee: ResolvedExpression, _ arguments: [ResolvedCallArgument], _ range: SourceRange, keep: Bool) -> Code? {
        guard case .name(.global(_, "concat")) = callee.kind, let builtin = registry.function(named: "concat"),
              !arguments.isEmpty, arguments.allSatisfy({ $0.label == nil }), let plan = registry.plan(arguments.map(\.label), for: builtin) else { return nil }
        let codes = arguments.map { CodeCell(run: flexible($0.value)) }
        let count = codes.count
        return { i in
            try i.budget.step()
            return try withUnsafeTemporaryAllocation(of: Value.self, capacity: count) { buffer in
                var made = 0
                defer { for k in 0..<made { _ = (buffer.baseAddress! + k).move() } }
                var (elements, total, vectors) = (0, 0, true)
                for k in 0..<count {
                    let value = try codes[k].run(i)
                    if value.isData { elements += value.elementCount }
                    switch value {
                    case .small(let s): total += s.count
                    case .tensor(let t) where t.rank == 1: total += t.count
                    default: vectors = false
                    }
                    (buffer.baseAddress! + k).initialize(to: value)
                    made += 1
                }
                do {
                    if vectors, total <= SmallVector.capacity, total <= i.context.limits.maximumElements {
                        try i.budget.charge(total)
                        var joined = SmallVector(zeros: total)
                        var at = 0
                        for k in 0..<count {
                            switch buffer[k] {
                            case .small(let s): for e in 0..<s.count { joined[at + e] = s[e] }; at += s.count
                            case .tensor(let t): for e in 0..<t.count { joined[at + e] = t.scalars[e] }; at += t.count
                            default: break
                            }
                        }
                        try i.budget.charge(total + elements)
                        return keep ? .small(joined) : .tensor(joined.tensor)
                    }
                    for k in 0..<count where buffer[k].isSmall { buffer[k] = buffer[k].widened }
                    let bound = try i.registry.bind(buffer, by: plan, to: builtin)
                    let result = try builtin.implementation(i.context, bound)
                    try i.charge(elements, result)
                    return result
                } catch {
                    throw located(error, range)
                }
            }
        }
    }
}
