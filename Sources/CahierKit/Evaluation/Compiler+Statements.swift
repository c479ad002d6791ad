import CahierLearning

/// A statement made ready to run; it says how it ended.
typealias Action = (Interpreter) throws -> Interpreter.Flow

extension Compiler {
    /// A list of statements run in order, stopping at `break`, `continue` or `return`.
    /// A block's statements run in chains of up to ``chainLength``, each
    /// statement's closure holding the one after it (running them calls
    /// closures they captured instead of loading each from an array); a longer
    /// block runs its chains from an array, so the native stack never grows
    /// with the length of a block.
    func block(_ statements: [Statement]) -> Action {
        let chains = stride(from: 0, to: statements.count, by: Self.chainLength).map {
            ActionCell(run: chain(statements[$0..<Swift.min($0 + Self.chainLength, statements.count)]))
        }
        switch chains.count {
        case 0: return { _ in .normal }
        case 1: return chains[0].run
        default:
            return { i in
                for chain in chains {
                    let flow = try chain.run(i)
                    if case .normal = flow { continue }
                    return flow
                }
                return .normal
            }
        }
    }

    static let chainLength = 16

    /// A compiled statement kept in an array (see ``CodeCell``).
    struct ActionCell {
        let run: Action
    }

    /// The statements compiled and chained, last first, so that no closure
    /// passes through an array on its way into the chain.
    private func chain(_ statements: ArraySlice<Statement>) -> Action {
        var chained = statement(statements[statements.endIndex - 1])
        for next in statements.dropLast().reversed() {
            let (action, rest) = (statement(next), chained)
            chained = { i in
                let flow = try action(i)
                if case .normal = flow { return try rest(i) }
                return flow
            }
        }
        return chained
    }

    func statement(_ statement: Statement) -> Action {
        if let fused = fused(statement) { return fused }
        let range = statement.range
        let action = bare(statement)
        return { i in
            do {
                try i.budget.step()
                return try action(i)
            } catch {
                throw located(error, range)
            }
        }
    }

    /// The statements a loop's body is mostly made of, binding or updating a
    /// local name, as one closure that also charges the statement's step and
    /// locates its errors: the same steps, values and errors as ``bare(_:)``
    /// under ``statement(_:)``, one closure call fewer.
    private func fused(_ statement: Statement) -> Action? {
        let range = statement.range
        switch statement.kind {
        case .binding(let binding):
            guard case .local(let slot) = binding.name.place else { return nil }
            let code = expression(binding.value)
            let (name, mutable, valueRange) = (binding.name.text, binding.mutable, binding.value.range)
            return { i in
                do {
                    try i.budget.step()
                    let value = try code(i)
                    if case .void = value { throw RuntimeError("'\(name)' cannot be bound to a command that has no value", at: valueRange) }
                    i.frame[slot] = value
                    i.frameMutable[slot] = mutable
                    return .normal
                } catch {
                    throw located(error, range)
                }
            }
        case .assignment(let target, let op?, let value):
            guard case .local(let slot, let name) = target.kind else { return nil }
            let operatorRange = statement.operatorRange ?? range
            if op == .add || op == .subtract, case .binary(.multiply, let left, let right) = value.kind {
                return scaledUpdate(slot, name, op, left, right, value.range, operatorRange, range)
            }
            let code = expression(value)
            let valueRange = value.range
            return { i in
                do {
                    try i.budget.step()
                    let new = try code(i)
                    if case .void = new { throw RuntimeError("a command that has no value cannot be assigned", at: valueRange) }
                    try Compiler.update(slot, name, op, new, i, at: operatorRange)
                    return .normal
                } catch {
                    throw located(error, range)
                }
            }
        default:
            return nil
        }
    }

    /// `x op= new` for a local `x`, `new` evaluated; a failure is located at the operator.
    private static func update(_ slot: Int, _ name: String, _ op: BinaryOperator, _ new: Value, _ i: Interpreter, at operatorRange: SourceRange) throws {
        do {
            if case .object(.parameter(let parameter))? = i.frame[slot] {
                // w -= rate * w.grad changes the parameter itself, which every name and layer holding it sees.
                try i.update(parameter, op, new)
                return
            }
            try i.updateLocal(slot, name) { held in try Operators.compound(op, &held, new, i.context) }
        } catch {
            throw located(error, operatorRange)
        }
    }

    /// `x += a * b` or `x -= a * b` for a local `x` (the perceptron's and
    /// gradient descent's update): when `x` is a tensor and one of `a`, `b` a
    /// number and the other a tensor of `x`'s shape, `x` changes in place
    /// without a buffer for the product; otherwise as the general form. Either
    /// way the steps, charges, bits and errors of the general form.
    private func scaledUpdate(_ slot: Int, _ name: String, _ op: BinaryOperator, _ left: Expression, _ right: Expression,
                              _ productRange: SourceRange, _ operatorRange: SourceRange, _ range: SourceRange) -> Action {
        let (a, b) = (expression(left), expression(right))
        let arithmetic: Arithmetic = op == .add ? .add : .subtract
        return { i in
            do {
                try i.budget.step()
                try i.budget.step()
                let x = try a(i), y = try b(i)
                if i.frameMutable[slot], let scaling = Scaling(x, y), var held = i.frame[slot].takeTensor(shaped: scaling.tensor.shape) {
                    // The product's charge, then the update's, each where the general form would fail.
                    do { try i.budget.charge(held.count) } catch { i.frame[slot] = .tensor(held); throw located(error, productRange) }
                    do { try i.budget.charge(held.count) } catch { i.frame[slot] = .tensor(held); throw error }
                    held.combine(arithmetic, scaling.tensor, times: scaling.number, numberFirst: scaling.numberFirst)
                    i.frame[slot] = .tensor(held)
                    return .normal
                }
                try Compiler.update(slot, name, op, try Compiler.apply(.multiply, x, y, i, productRange), i, at: operatorRange)
                return .normal
            } catch {
                throw located(error, range)
            }
        }
    }

    /// A number and a tensor multiplied, in the order written.
    private struct Scaling {
        let tensor: Tensor
        let number: Double
        let numberFirst: Bool

        init?(_ x: Value, _ y: Value) {
            if case .number(let n) = x, case .tensor(let t) = y {
                (tensor, number, numberFirst) = (t, n, true)
            } else if case .tensor(let t) = x, case .number(let n) = y {
                (tensor, number, numberFirst) = (t, n, false)
            } else {
                return nil
            }
        }
    }

    private func bare(_ statement: Statement) -> Action {
        switch statement.kind {
        case .expression(let e):
            let code = expression(e)
            return { i in _ = try code(i); return .normal }
        case .binding(let binding):
            // A local name's binding is fused with its statement (``fused(_:)``).
            let code = expression(binding.value)
            let (name, mutable, valueRange) = (binding.name, binding.mutable, binding.value.range)
            return { i in
                let value = try code(i)
                if case .void = value { throw RuntimeError("'\(name.text)' cannot be bound to a command that has no value", at: valueRange) }
                try i.bind(name, to: value, mutable: mutable)
                return .normal
            }
        case .assignment(let target, let op, let value):
            return assignment(target, op, value, at: statement.operatorRange ?? statement.range)
        case .function(let declaration):
            let compiled = function(declaration)
            return { i in
                try i.bind(declaration.name, to: .function(.user(UserFunction(declaration: declaration, definition: i.command, compiled: compiled, origin: i.origin))),
                           mutable: false)
                return .normal
            }
        case .ifElse(let condition, let then, let otherwise):
            let test = expression(condition)
            let (yes, no) = (block(then), otherwise.map(block))
            return { i in
                if try i.condition(try test(i), "if") { return try yes(i) }
                return try no?(i) ?? .normal
            }
        case .forIn(let variable, let sequence, let body):
            let code = expression(sequence)
            let action = block(body)
            return { i in try i.loop(variable, over: try code(i), action) }
        case .whileLoop(let condition, let body):
            let test = expression(condition)
            let action = block(body)
            return { i in
                while try i.condition(try test(i), "while") {
                    switch try action(i) {
                    case .breakLoop: return .normal
                    case .returned(let value): return .returned(value)
                    case .normal, .continueLoop: try i.budget.step()
                    }
                }
                return .normal
            }
        case .breakLoop:
            return { _ in .breakLoop }
        case .continueLoop:
            return { _ in .continueLoop }
        case .returnValue(let value):
            let code = value.map(expression)
            return { i in .returned(try code?(i) ?? .void) }
        case .noGrad(let body):
            // Nothing inside is recorded; recording resumes as it was, even after an error.
            let code = block(body)
            return { i in
                let was = i.context.recording
                i.context.recording = false
                defer { i.context.recording = was }
                return try code(i)
            }
        }
    }

    /// A declared function's body and default values, compiled once.
    func function(_ declaration: FunctionDeclaration) -> UserFunction.Compiled {
        UserFunction.Compiled(body: block(declaration.body), defaults: declaration.parameters.map { $0.defaultValue.map(expression) })
    }
}

extension Optional where Wrapped == Value {
    /// The tensor held, moved out (leaving nil) so that it can change in place
    /// when no other value shares it, if it has `shape` and rank ≥ 1; nil, with
    /// the value left where it is, otherwise.
    mutating func takeTensor(shaped shape: [Int]) -> Tensor? {
        guard case .tensor(let t)? = self, t.rank > 0, t.shape == shape else { return nil }
        self = nil
        return t
    }
}
