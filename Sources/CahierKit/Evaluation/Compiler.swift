import CahierLearning

/// An expression made ready to run: a closure that evaluates it in an interpreter.
typealias Code = (Interpreter) throws -> Value

/// A compiled expression kept in an array. An array holds a bare closure in
/// the most general calling convention, so every call through it would pass
/// reabstraction thunks (one at storing, one at loading, nested once per
/// level); a struct keeps the closure as it was made.
struct CodeCell {
    let run: Code
}

/// Turns resolved expressions into closures once, so that running them
/// (a loop's body ten thousand times) does not walk the syntax tree again.
/// Each closure charges one step of the work budget; the closures of nodes
/// that can fail put their range on an error that has none yet, so an error
/// names the innermost expression that failed.
struct Compiler {
    let registry: Registry
    /// The sub-expressions of an `expect` condition whose values are recorded
    /// (in ``Interpreter/probeValues``, at their slot) to explain a failure.
    var probes: [Expression: Int] = [:]

    init(registry: Registry) {
        self.registry = registry
    }

    func expression(_ expression: Expression) -> Code {
        guard !probes.isEmpty, let slot = probes[expression] else { return lowered(expression) }
        let code = lowered(expression)
        return { i in
            let value = try code(i)
            if slot < i.probeValues.count { i.probeValues[slot] = value }
            return value
        }
    }

    private func lowered(_ expression: Expression) -> Code {
        let range = expression.range
        switch expression.kind {
        case .number(let x):
            let value = Value.number(x)
            return { i in try i.budget.step(); return value }
        case .string(let s):
            let value = Value.string(s)
            return { i in try i.budget.step(); return value }
        case .bool(let b):
            let value = Value.bool(b)
            return { i in try i.budget.step(); return value }
        case .local:
            let local = LocalRead(expression)!
            return { i in try local.read(i) }
        case .global(let slot, let name):
            return global(slot, name, range)
        case .name(let name):
            return { i in
                try i.budget.step()
                let slot = i.globals.slot(name)
                if let value = i.globals.value(slot) { return value }
                do { return try i.unbound(name) } catch { throw located(error, range) }
            }
        case .array(let elements):
            let codes = elements.map { CodeCell(run: self.expression($0)) }
            if let constant = constantVector(elements) {
                // Made once: a literal such as [1, 0] in a loop's body is the same vector at every turn.
                let (value, count, steps) = (Value.tensor(constant.vector), elements.count, constant.steps)
                return { i in
                    try i.budget.step()
                    guard count <= i.context.limits.maximumElements else {
                        do { return try i.array(codes) } catch { throw located(error, range) }
                    }
                    do { try i.budget.charge(steps * WorkBudget.stepCost) } catch { throw located(error, range) }
                    return value
                }
            }
            return { i in
                try i.budget.step()
                do { return try i.array(codes) } catch { throw located(error, range) }
            }
        case .unary(let op, let operand):
            let code = self.expression(operand)
            return { i in
                try i.budget.step()
                let value = try code(i)
                if op == .negate, case .number(let x) = value { return .number(-x) }
                do { return try Operators.unary(op, value, i.context) } catch { throw located(error, range) }
            }
        case .binary(.and, let left, let right), .binary(.or, let left, let right):
            return logical(expression, left, right)
        case .binary(.matmul, let left, let right) where left.transposedBase != nil || right.transposedBase != nil:
            return transposedProduct(left, right, range)
        case .binary(let op, let left, let right):
            return binary(op, left, right, range)
        case .conditional(let condition, let whenTrue, let whenFalse):
            let (c, a, b) = (self.expression(condition), self.expression(whenTrue), self.expression(whenFalse))
            return { i in
                try i.budget.step()
                let test: Bool
                do { test = try i.condition(try c(i), "? :") } catch { throw located(error, range) }
                return try test ? a(i) : b(i)
            }
        case .range(let lower, let upper, let closed):
            let (a, b) = (self.expression(lower), self.expression(upper))
            return { i in
                try i.budget.step()
                do { return try Interpreter.range(try a(i), try b(i), closed: closed) } catch { throw located(error, range) }
            }
        case .call(let callee, let arguments):
            return call(callee, arguments, range)
        case .index(let base, let items):
            let indices = items.map { IndexCell(run: index($0)) }
            if let local = LocalRead(base), indices.count == 1 {
                return localIndex(local, indices[0], range)
            }
            let code = self.expression(base)
            return { i in
                try i.budget.step()
                let container = try code(i)
                do {
                    if indices.count == 1 {
                        let item = try indices[0].run(i)
                        if case .tensor(let t) = container, case .at(let k) = item, let value = try Compiler.item(t, k, i) { return value }
                        return try Indexing.get(container, [item], i.context)
                    }
                    return try Indexing.get(container, try indices.map { try $0.run(i) }, i.context)
                } catch {
                    throw located(error, range)
                }
            }
        case .member(let base, let name):
            let code = self.expression(base)
            // A tensor's property is found here once (`X.shape` in a loop's range is read at every turn of the loop around it);
            // for a tensor, ``Interpreter/member(_:_:)`` would find the same one by name.
            let tensorProperty = registry.property(name, of: .tensor)?.get
            return { i in
                try i.budget.step()
                let value = try code(i)
                do {
                    if let tensorProperty, case .tensor = value { return try tensorProperty(value) }
                    return try i.member(value, name)
                } catch {
                    throw located(error, range)
                }
            }
        }
    }

    /// The vector an array literal of number literals (`[1, -2.5]`) makes,
    /// and the evaluation steps its elements take; nil for any other array.
    private func constantVector(_ elements: [Expression]) -> (vector: Tensor, steps: Int)? {
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
    @inline(__always)
    static func item(_ t: Tensor, _ k: Int, _ i: Interpreter) throws -> Value? {
        if t.rank == 1 { return k >= -t.count && k < t.count ? .number(t.scalars[k < 0 ? k + t.count : k]) : nil }
        guard t.rank >= 2 else { return nil }
        let row = try t.slice(at: k)
        try i.budget.charge(row.count)
        return .tensor(row)
    }

    /// `x[item]` for a local `x`: its element or row read where `x` is held,
    /// without copying `x` out of its slot first (which would retain a tensor's
    /// storage); the steps, values and errors of the general form.
    private func localIndex(_ local: LocalRead, _ item: IndexCell, _ range: SourceRange) -> Code {
        { i in
            try i.budget.step()
            try i.budget.step()
            guard i.frame[local.slot] != nil else { throw local.unbound }
            do {
                let position = try item.run(i)
                if case .at(let k) = position, case .tensor(let t)? = i.frame[local.slot], let value = try Compiler.item(t, k, i) { return value }
                guard let container = i.frame[local.slot] else { throw local.unbound }
                return try Indexing.get(container, [position], i.context)
            } catch {
                throw located(error, range)
            }
        }
    }

    private func global(_ slot: Int, _ name: String, _ range: SourceRange) -> Code {
        { i in
            try i.budget.step()
            if let value = i.globals.value(slot) { return value }
            do { return try i.unbound(name) } catch { throw located(error, range) }
        }
    }

    /// A local name read where it is held: an operand read this way saves a
    /// closure call (a binary operator with a local operand, `w @ x`, is most
    /// of a loop's body), with the step and error of the name's own closure.
    struct LocalRead {
        let slot: Int
        let name: String
        let range: SourceRange

        init?(_ expression: Expression) {
            guard case .local(let slot, let name) = expression.kind else { return nil }
            (self.slot, self.name, range) = (slot, name, expression.range)
        }

        @inline(__always)
        func read(_ i: Interpreter) throws -> Value {
            try i.budget.step()
            guard let value = i.frame[slot] else { throw unbound }
            return value
        }

        /// The error of reading the name before it has a value.
        var unbound: RuntimeError { RuntimeError("'\(name)' is used before it has a value", at: range) }
    }

    /// An operator on two operands, each a local read in place or a compiled expression.
    private func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ range: SourceRange) -> Code {
        switch (LocalRead(left), LocalRead(right)) {
        case let (a?, b?):
            return { i in
                try i.budget.step()
                let x = try a.read(i), y = try b.read(i)
                return try Compiler.apply(op, x, y, i, range)
            }
        case let (a?, nil):
            let b = expression(right)
            return { i in
                try i.budget.step()
                let x = try a.read(i), y = try b(i)
                return try Compiler.apply(op, x, y, i, range)
            }
        case let (nil, b?):
            let a = expression(left)
            return { i in
                try i.budget.step()
                let x = try a(i), y = try b.read(i)
                return try Compiler.apply(op, x, y, i, range)
            }
        case (nil, nil):
            return binary(op, expression(left), expression(right), range)
        }
    }

    /// An operator on two operands.
    private func binary(_ op: BinaryOperator, _ left: @escaping Code, _ right: @escaping Code, _ range: SourceRange) -> Code {
        { i in
            try i.budget.step()
            let a = try left(i)
            let b = try right(i)
            return try Compiler.apply(op, a, b, i, range)
        }
    }

    /// `a op b` for operands already evaluated, two numbers computed on the
    /// spot; an error located at `range`.
    @inline(__always)
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value, _ i: Interpreter, _ range: SourceRange) throws -> Value {
        if case .number(let x) = a, case .number(let y) = b {
            do { return try Operators.scalar(op, x, y) } catch { throw located(error, range) }
        }
        do {
            if let result = try Operators.arithmetic(op, a, b, i.context) { return result }
            return try Operators.binary(op, a, b, i.context)
        } catch {
            throw located(error, range)
        }
    }

    /// `&&` and `||`: on Bools they stop as soon as the answer is known; on
    /// masks they combine element by element.
    private func logical(_ expression: Expression, _ left: Expression, _ right: Expression) -> Code {
        guard case .binary(let op, _, _) = expression.kind else { return { _ in .void } }
        let (a, b) = (self.expression(left), self.expression(right))
        let range = expression.range
        return { i in
            try i.budget.step()
            let first = try a(i)
            do {
                if case .bool(let x) = first {
                    if op == .and, !x { return .bool(false) }
                    if op == .or, x { return .bool(true) }
                    return .bool(try i.condition(try b(i), op.rawValue))
                }
                return try Operators.binary(op, first, try b(i), i.context)
            } catch {
                throw located(error, range)
            }
        }
    }

    /// `a @ b.T` and `a.T @ b` without forming the transpose: the products a
    /// linear layer computes, with its bits.
    private func transposedProduct(_ left: Expression, _ right: Expression, _ range: SourceRange) -> Code {
        let leftBase = left.transposedBase, rightBase = right.transposedBase
        if let rightBase, leftBase == nil {
            let (a, b) = (expression(left), expression(rightBase))
            return { i in
                try i.budget.step()
                let (x, y) = (try a(i), try b(i))
                do { return try Operators.matmul(x, y, transposed: .right, i.context) } catch { throw located(error, range) }
            }
        }
        if let leftBase, rightBase == nil {
            let (a, b) = (expression(leftBase), expression(right))
            return { i in
                try i.budget.step()
                let (x, y) = (try a(i), try b(i))
                do { return try Operators.matmul(x, y, transposed: .left, i.context) } catch { throw located(error, range) }
            }
        }
        return binary(.matmul, expression(left), expression(right), range)
    }

    /// A compiled index item kept in an array (see ``CodeCell``).
    struct IndexCell {
        let run: (Interpreter) throws -> Indexing.Item
    }

    /// One item of an index, evaluated to its meaning.
    func index(_ item: IndexItem) -> (Interpreter) throws -> Indexing.Item {
        switch item {
        case .value(let e):
            if let local = LocalRead(e) {
                // `x[i]` in a loop over `i`: a whole number read where it is held, with the local's step.
                return { i in
                    if case .number(let x)? = i.frame[local.slot], let k = Coerce.exactInteger(x) {
                        try i.budget.step()
                        return .at(k)
                    }
                    return try Indexing.item(try local.read(i))
                }
            }
            let code = expression(e)
            return { i in try Indexing.item(try code(i)) }
        case .slice(let start, let end, let step):
            let (a, b, c) = (start.map(expression), end.map(expression), step.map(expression))
            return { i in
                let s = try c.map { try Coerce.integer(try $0(i), "a slice's step") } ?? 1
                guard s != 0 else { throw RuntimeError("a slice's step cannot be 0") }
                return .slice(start: try a.map { try Coerce.integer(try $0(i), "a slice's start") },
                              end: try b.map { try Coerce.integer(try $0(i), "a slice's end") }, step: s)
            }
        }
    }
}

/// The error with `range` as where it happened, unless it already says where.
func located(_ error: any Error, _ range: SourceRange) -> RuntimeError {
    var failure = RuntimeError.from(error)
    if failure.range == nil { failure.range = range }
    return failure
}

extension Expression {
    /// `x` when the expression is `x.T`.
    var transposedBase: Expression? {
        if case .member(let base, "T") = kind { return base }
        return nil
    }
}
