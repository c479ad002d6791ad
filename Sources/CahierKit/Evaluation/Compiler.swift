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
///
/// The plain lowering (this file and the other `Compiler+` files) makes one
/// closure per node with the language's meaning and charges: each charges one
/// step of the work budget, and the closures of nodes that can fail put their
/// range on an error that has none yet, so an error names the innermost
/// expression that failed. With ``Lowering/specialised`` the compiler first
/// tries the specialisations of ``Specialisation`` (Compiler+Specialisations.swift),
/// each of which must equal the rule it names.
struct Compiler {
    let registry: Registry
    var lowering: Lowering
    /// The sub-expressions of an `expect` condition whose values are recorded
    /// (in ``Interpreter/probeValues``, at their slot) to explain a failure;
    /// such a condition is lowered plainly, so every recorded node is reached.
    var probes: [ResolvedExpression: Int] = [:]

    /// `a op b` on evaluated operands, as the lowering in use computes it.
    var binaryOperator: (BinaryOperator, Value, Value, EvaluationContext) throws -> Value {
        if lowering == .plain { return { op, a, b, context in try Operators.binary(op, a, b, context) } }
        return { op, a, b, context in try Operators.specialisedBinary(op, a, b, context) }
    }

    /// `held op= value`, as the lowering in use computes it.
    var compoundOperator: (BinaryOperator, inout Value, Value, EvaluationContext) throws -> Void {
        if lowering == .plain { return { op, held, value, context in try Operators.compound(op, &held, value, context) } }
        return { op, held, value, context in try Operators.specialisedCompound(op, &held, value, context) }
    }

    /// `base[items]` on evaluated operands, as the lowering in use computes it.
    var indexing: (Value, [Indexing.Item], EvaluationContext) throws -> Value {
        if lowering == .plain { return { base, items, context in try Indexing.get(base, items, context) } }
        return { base, items, context in try Indexing.specialisedGet(base, items, context) }
    }

    func expression(_ expression: ResolvedExpression) -> Code {
        // Not through an optional closure, which would add two reabstraction thunks to every call of it.
        let code: Code
        if lowering == .specialised, let cell = specialised(expression) { code = cell.run } else { code = plain(expression) }
        guard !probes.isEmpty, let slot = probes[expression] else { return code }
        return { i in
            let value = try code(i)
            if slot < i.probeValues.count { i.probeValues[slot] = value }
            return value
        }
    }

    /// The plain lowering of one node; its operands lowered by ``expression(_:)``.
    private func plain(_ expression: ResolvedExpression) -> Code {
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
        case .name(.local(let slot, let name)):
            let unbound = LocalRead.unbound(name, range)
            return { i in
                try i.budget.step()
                guard let value = i.frame[slot] else { throw unbound }
                return value.widened
            }
        case .name(.global(let slot, let name)):
            return global(slot, name, range)
        case .array(let elements):
            let codes = elements.map { CodeCell(run: self.expression($0)) }
            return { i in
                try i.budget.step()
                do { return try i.array(codes) } catch { throw located(error, range) }
            }
        case .unary(let op, let operand):
            let code = self.expression(operand)
            return { i in
                try i.budget.step()
                let value = try code(i)
                do { return try Operators.unary(op, value, i.context) } catch { throw located(error, range) }
            }
        case .binary(let op, let left, let right) where op == .and || op == .or:
            return logical(op, left, right, range)
        case .binary(.matmul, let left, let right) where (left.transposedBase != nil) != (right.transposedBase != nil):
            guard let product = transposedProduct(left, right, range) else { return { _ in throw RuntimeError("internal error: no transposed operand", at: range) } }
            return product.run
        case .binary(let op, let left, let right):
            let (a, b) = (self.expression(left), self.expression(right))
            return { i in
                try i.budget.step()
                let x = try a(i)
                let y = try b(i)
                do { return try Operators.binary(op, x, y, i.context) } catch { throw located(error, range) }
            }
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
            let code = self.expression(base)
            let indices = items.map { IndexCell(run: index($0)) }
            let get = indexing
            return { i in
                try i.budget.step()
                let container = try code(i)
                do {
                    return try get(container, try indices.map { try $0.run(i) }, i.context)
                } catch {
                    throw located(error, range)
                }
            }
        case .member(let base, let name):
            let code = self.expression(base)
            return { i in
                try i.budget.step()
                let value = try code(i)
                do { return try i.member(value, name) } catch { throw located(error, range) }
            }
        }
    }

    /// A global name read: a builtin function or constant when the name is
    /// one (such a name can never be bound, so it is known here); otherwise
    /// the value the name holds when the closure runs, or an unknown name.
    func global(_ slot: Int, _ name: String, _ range: SourceRange) -> Code {
        if let builtin = registry.function(named: name) {
            let value = Value.function(.builtin(builtin))
            return { i in try i.budget.step(); return value }
        }
        if let constant = registry.constants.first(where: { $0.name == name }) {
            let value = constant.value
            return { i in try i.budget.step(); return value }
        }
        return { i in
            try i.budget.step()
            if let value = i.globals.value(slot) { return value }
            throw RuntimeError(.unknownName(name, hint: i.nameHint(for: name)), at: range)
        }
    }

    /// `&&` and `||`: on Bools they stop as soon as the answer is known; on
    /// masks they combine element by element.
    private func logical(_ op: BinaryOperator, _ left: ResolvedExpression, _ right: ResolvedExpression, _ range: SourceRange) -> Code {
        let (a, b) = (self.expression(left), self.expression(right))
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

    /// A compiled index item kept in an array (see ``CodeCell``).
    struct IndexCell {
        let run: (Interpreter) throws -> Indexing.Item
    }

    /// One item of an index, evaluated to its meaning.
    func index(_ item: ResolvedIndexItem) -> (Interpreter) throws -> Indexing.Item {
        switch item {
        case .value(let e):
            if lowering == .specialised, let local = LocalRead(e) { return Compiler.position(local) }
            let code = expression(e)
            return { i in try Indexing.item(try code(i)) }
        case .slice(let start, let end, let step):
            let (a, b, c) = (start.map(expression), end.map(expression), step.map(expression))
            return { i in
                let s = try c.map { try Coerce.integer(try $0(i), .item(function: nil, .sliceStep)) } ?? 1
                guard s != 0 else { throw RuntimeError(.zeroStep) }
                return .slice(start: try a.map { try Coerce.integer(try $0(i), .item(function: nil, .sliceStart)) },
                              end: try b.map { try Coerce.integer(try $0(i), .item(function: nil, .sliceEnd)) }, step: s)
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
