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
    func block(_ statements: [ResolvedStatement]) -> Action {
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
    private func chain(_ statements: ArraySlice<ResolvedStatement>) -> Action {
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

    /// A statement: one step, then its action; an error inside it without a
    /// place gets the statement's range. Under ``Lowering/specialised``, a
    /// local binding or update is fused into one closure (``fused(_:)``).
    func statement(_ statement: ResolvedStatement) -> Action {
        if lowering == .specialised, let fused = fused(statement) { return fused }
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

    private func bare(_ statement: ResolvedStatement) -> Action {
        switch statement.kind {
        case .expression(let e):
            let code = expression(e)
            return { i in _ = try code(i); return .normal }
        case .binding(let binding):
            let code = expression(binding.value)
            let bind = binder(binding.name)
            let (name, mutable, valueRange) = (binding.name.text, binding.mutable, binding.value.range)
            let type: DeclaredType?
            do { type = try binding.type.map(DeclaredType.init) } catch { return { _ in throw error } }
            return { i in
                let value = try code(i)
                if case .void = value { throw RuntimeError(.noValue(name: name), at: valueRange) }
                if let type {
                    do { try type.check(value, .binding(name), signature: nil) } catch { throw located(error, valueRange) }
                }
                try bind(i, value, mutable)
                return .normal
            }
        case .assignment(let target, let op, let value):
            return assignment(target, op, value, at: statement.operatorRange ?? statement.range)
        case .function(let declaration):
            let bind = binder(declaration.name)
            // An unknown type in the declaration is an error where it is written, whether or not the function is called.
            let compiled: UserFunction.Compiled
            do { compiled = try function(declaration) } catch { return { _ in throw error } }
            return { i in
                try bind(i, .function(.user(UserFunction(declaration: declaration, definition: i.command, compiled: compiled, origin: i.origin))), false)
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
            let slot = variable.place
            return { i in try i.loop(slot, over: try code(i), action) }
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

    /// What binds a declared name, by the place the resolver gave it: a slot
    /// of the frame, or a global (checked against rebinding a builtin's or a
    /// protected name).
    func binder(_ name: BoundName<Resolved.Place>) -> (Interpreter, Value, Bool) throws -> Void {
        switch name.place {
        case .local(let slot):
            return { i, value, mutable in
                i.frame[slot] = value
                i.frameMutable[slot] = mutable
            }
        case .global(let slot):
            let text = name.text
            return { i, value, mutable in
                try i.checkRebinding(text)
                i.globals.bind(slot, value, mutable: mutable)
            }
        }
    }

    /// A declared function's body and default values, compiled once, and its
    /// annotations resolved to kinds.
    func function(_ declaration: ResolvedFunctionDeclaration) throws -> UserFunction.Compiled {
        let types = try declaration.parameters.map { try $0.type.map(DeclaredType.init) }
        let returns = try declaration.returns.map(DeclaredType.init)
        let parameters = declaration.callParameters(types)
        return UserFunction.Compiled(body: block(declaration.body), defaults: declaration.parameters.map { $0.defaultValue.map(expression) },
                                     types: types, returns: returns, parameters: parameters, names: parameters.map(\.name))
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
