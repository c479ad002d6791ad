import CahierLearning

/// The specialised lowering: closures for the forms a loop's body is made of,
/// each with the values, errors and work charges of the plain lowering it
/// stands for. ``Specialisation`` lists them with the rule each must equal;
/// ``Compiler/expression(_:)`` tries them only under ``Lowering/specialised``.
extension Compiler {
    /// The specialised closure of a node, or nil when none applies (the plain lowering then makes it).
    /// In a ``CodeCell``: a closure held in an optional would be called through two reabstraction thunks.
    func specialised(_ expression: ResolvedExpression) -> CodeCell? {
        let range = expression.range
        switch expression.kind {
        case .array(let elements):
            guard let constant = constantVector(elements) else { return nil }
            return CodeCell(run: constantArray(constant, .tensor(constant.vector), elements, range))
        case .unary(.negate, let operand):
            // Specialisation.numberNegation: Operators.unary's own first case, without the call.
            let code = self.expression(operand)
            return CodeCell(run: { i in
                try i.budget.step()
                let value = try code(i)
                if case .number(let x) = value { return .number(-x) }
                do { return try Operators.unary(.negate, value, i.context) } catch { throw located(error, range) }
            })
        case .binary(.and, _, _), .binary(.or, _, _):
            return nil
        case .binary(.matmul, let left, let right) where (left.transposedBase != nil) != (right.transposedBase != nil):
            return nil  // a rule of its own (``Compiler/transposedProduct(_:_:_:)``)
        case .binary(let op, let left, let right):
            return CodeCell(run: binary(op, left, right, range, keep: false))
        case .index(let base, let items):
            return CodeCell(run: index(base, items, range, keep: false))
        case .member(let base, let name):
            // Specialisation.tensorProperty: a tensor's property is found here once (`X.shape` in a loop's
            // range is read at every turn of the loop around it); ``Interpreter/member(_:_:)`` finds the same one by name.
            guard let tensorProperty = registry.property(name, of: .tensor)?.get else { return nil }
            let code = self.expression(base)
            return CodeCell(run: { i in
                try i.budget.step()
                let value = try code(i)
                do {
                    if case .tensor = value { return try tensorProperty(value) }
                    return try i.member(value, name)
                } catch {
                    throw located(error, range)
                }
            })
        case .call(let callee, let arguments):
            if let code = smallConcat(callee, arguments, range, keep: false) { return CodeCell(run: code) }
            return specialisedCall(callee, arguments, range)
        case .number, .string, .bool, .name, .conditional, .range, .unary:
            return nil
        }
    }

    /// An array literal of number literals, made once (``Specialisation/constantArray``):
    /// a literal such as [1, 0] in a loop's body is the same vector at every turn,
    /// charged the steps its elements would take.
    func constantArray(_ constant: (vector: Tensor, steps: Int), _ value: Value, _ elements: [ResolvedExpression], _ range: SourceRange) -> Code {
        let codes = elements.map { CodeCell(run: self.expression($0)) }
        let (count, steps) = (elements.count, constant.steps)
        return { i in
            try i.budget.step()
            guard count <= i.context.limits.maximumElements else {
                do { return try i.array(codes) } catch { throw located(error, range) }
            }
            do { try i.budget.charge(steps * WorkBudget.stepCost) } catch { throw located(error, range) }
            return value
        }
    }

    /// `x[i]` in a loop over `i`: a whole number read where it is held, with
    /// the local's step (``Specialisation/localPosition``).
    static func position(_ local: LocalRead) -> (Interpreter) throws -> Indexing.Item {
        { i in
            if case .number(let x)? = i.frame[local.slot], let k = Coerce.exactInteger(x) {
                try i.budget.step()
                return .at(k)
            }
            return try Indexing.item(try local.read(i))
        }
    }

    /// The vector an array literal of number literals (`[1, -2.5]`) makes,
    /// and the evaluation steps its elements take; nil for any other array.
    func constantVector(_ elements: [ResolvedExpression]) -> (vector: Tensor, steps: Int)? {
        guard !elements.isEmpty else { return nil }
        var numbers: [Double] = []
        var steps = 0
        for element in elements {
            switch element.kind {
            case .number(let x):
                numbers.append(x)
                steps += 1
            case .unary(.negate, let operand):
                guard case .number(let x) = operand.kind else { return nil }
                numbers.append(-x)
                steps += 2
            default:
                return nil
            }
        }
        return (Tensor(vector: numbers), steps)
    }

    /// `t[k]` for a whole number `k`: an element of a vector or a row of a
    /// matrix, with the value and the charge ``Indexing/get(_:_:_:)`` gives;
    /// nil for a position outside a vector (the general path says why).
    /// ``Specialisation/tensorItem``.
    @inline(__always)
    static func item(_ t: Tensor, _ k: Int, _ i: Interpreter, keep: Bool = false) throws -> Value? {
        if keep, t.rank == 2, let row = try smallRow(t, k, i) { return .small(row) }
        if t.rank == 1 {
            guard k >= -t.count && k < t.count else { return nil }
            try i.budget.charge(1)
            return .number(t.scalars[k < 0 ? k + t.count : k])
        }
        guard t.rank >= 2 else { return nil }
        let row = try t.slice(at: k)
        try i.budget.charge(row.count)
        return .tensor(row)
    }

    /// `x[item]` for a local `x`: its element or row read where `x` is held,
    /// without copying `x` out of its slot first (which would retain a tensor's
    /// storage); the steps, values and errors of the general form. ``Specialisation/localIndex``.
    func localIndex(_ local: LocalRead, _ item: IndexCell, _ range: SourceRange, keep: Bool) -> Code {
        { i in
            try i.budget.step()
            try i.budget.step()
            guard i.frame[local.slot] != nil else { throw local.unbound }
            do {
                let position = try item.run(i)
                if case .at(let k) = position {
                    if case .tensor(let t)? = i.frame[local.slot], let value = try Compiler.item(t, k, i, keep: keep) { return value }
                    if case .small(let s)? = i.frame[local.slot], let value = try Compiler.item(s, k, i) { return value }
                }
                guard let container = i.frame[local.slot] else { throw local.unbound }
                return try Indexing.specialisedGet(container.widened, [position], i.context)
            } catch {
                throw located(error, range)
            }
        }
    }

    /// A local name read where it is held: an operand read this way saves a
    /// closure call (a binary operator with a local operand, `w @ x`, is most
    /// of a loop's body), with the step and error of the name's own closure.
    struct LocalRead {
        let slot: Int
        let name: String
        let range: SourceRange

        init?(_ expression: ResolvedExpression) {
            guard case .name(.local(let slot, let name)) = expression.kind else { return nil }
            (self.slot, self.name, range) = (slot, name, expression.range)
        }

        /// The value as any code may see it (``Value/widened``).
        @inline(__always)
        func read(_ i: Interpreter) throws -> Value {
            try i.budget.step()
            guard let value = i.frame[slot] else { throw unbound }
            return value.widened
        }

        /// The value as held, perhaps a short vector inline: for a specialised step that reads one.
        @inline(__always)
        func readHeld(_ i: Interpreter) throws -> Value {
            try i.budget.step()
            guard let value = i.frame[slot] else { throw unbound }
            return value
        }

        /// The error of reading the name before it has a value.
        var unbound: RuntimeError { LocalRead.unbound(name, range) }

        /// The error of reading the local `name` at `range` before it has a value.
        static func unbound(_ name: String, _ range: SourceRange) -> RuntimeError {
            RuntimeError(.usedBeforeValue(name), at: range)
        }
    }

    /// An operator on two operands, each a local read in place (``Specialisation/localOperands``) or a compiled
    /// expression, either perhaps a short vector held inline; the result one too when `keep`, else widened.
    func binary(_ op: BinaryOperator, _ left: ResolvedExpression, _ right: ResolvedExpression, _ range: SourceRange, keep: Bool) -> Code {
        switch (LocalRead(left), LocalRead(right)) {
        case let (a?, b?):
            return { i in
                try i.budget.step()
                let x = try a.readHeld(i), y = try b.readHeld(i)
                return try Compiler.apply(op, x, y, i, range, keep: keep)
            }
        case let (a?, nil):
            let b = flexible(right)
            return { i in
                try i.budget.step()
                let x = try a.readHeld(i), y = try b(i)
                return try Compiler.apply(op, x, y, i, range, keep: keep)
            }
        case let (nil, b?):
            let a = flexible(left)
            return { i in
                try i.budget.step()
                let x = try a(i), y = try b.readHeld(i)
                return try Compiler.apply(op, x, y, i, range, keep: keep)
            }
        case (nil, nil):
            let (a, b) = (flexible(left), flexible(right))
            return { i in
                try i.budget.step()
                let x = try a(i)
                let y = try b(i)
                return try Compiler.apply(op, x, y, i, range, keep: keep)
            }
        }
    }

    /// `a op b` for operands already evaluated, two numbers computed on the
    /// spot (``Specialisation/numberOperands``), then ``Operators/specialisedBinary(_:_:_:_:)``;
    /// an error located at `range`.
    @inline(__always)
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value, _ i: Interpreter, _ range: SourceRange, keep: Bool = false) throws -> Value {
        if case .number(let x) = a, case .number(let y) = b {
            do { return try Operators.scalar(op, x, y) } catch { throw located(error, range) }
        }
        if a.isSmall || b.isSmall { return try smallApply(op, a, b, i, range, keep: keep) }
        do {
            return try Operators.specialisedBinary(op, a, b, i.context)
        } catch {
            throw located(error, range)
        }
    }
}
