import CahierLearning

extension Compiler {
    /// `callee(arguments)`: a method when the callee is `base.name`; otherwise
    /// the function value the callee names or evaluates to, called with the
    /// arguments in order. A callee that is a name charges no step of its own
    /// (the call's step covers it); a builtin's name is known here, since it can never be bound.
    func call(_ callee: ResolvedExpression, _ arguments: [ResolvedCallArgument], _ range: SourceRange) -> Code {
        let labels = arguments.map(\.label)
        let codes = arguments.map { CodeCell(run: expression($0.value)) }
        if case .member(let base, let name) = callee.kind {
            // The member's name is the callee's last token, so it ends where the callee ends.
            let end = callee.range.end
            let nameRange = SourceRange(start: SourcePosition(line: end.line, column: max(1, end.column - name.utf8.count)), end: end)
            return method(name, on: base, labels: labels, codes: codes, range, nameRange: nameRange)
        }
        if let (builtin, condition) = expectCall(callee, arguments) {
            return expect(builtin, condition, labels: labels, codes: codes, range)
        }
        let function: Code
        if case .name(.global(_, let name)) = callee.kind, let builtin = registry.function(named: name) {
            let value = Value.function(.builtin(builtin))
            function = { _ in value }
        } else if case .name(.global(let slot, let name)) = callee.kind {
            function = { i in
                guard let value = i.globals.value(slot) else {
                    throw RuntimeError(.unknownFunction(name, hint: i.nameHint(for: name)))
                }
                guard case .function = value else {
                    throw RuntimeError("'\(name)' is \(value.type.withArticle), not a function" + i.callAdvice(value))
                }
                return value
            }
        } else {
            function = expression(callee)
        }
        return { i in
            try i.budget.step()
            let value: Value
            do { value = try function(i) } catch { throw located(error, range) }
            guard case .function(let f) = value else {
                throw RuntimeError("\(value.type.withArticle) cannot be called; only functions can" + i.callAdvice(value), at: range)
            }
            var values: [LabeledValue] = []
            values.reserveCapacity(codes.count)
            for (label, code) in zip(labels, codes) { values.append(LabeledValue(label: label, value: try code.run(i))) }
            do { return try i.invoke(f, values, callSite: range) } catch { throw located(error, range) }
        }
    }

    /// `expect(condition, …)` with its condition first and unlabelled: the builtin and the condition (see ``expect(_:_:labels:codes:_:)``).
    private func expectCall(_ callee: ResolvedExpression, _ arguments: [ResolvedCallArgument]) -> (Builtin, ResolvedExpression)? {
        guard case .name(.global(_, "expect")) = callee.kind, let builtin = registry.function(named: "expect"),
              let first = arguments.first, first.label == nil else { return nil }
        return (builtin, first.value)
    }

    /// A call of a builtin named in the call whose labels fit its parameters
    /// (``Specialisation/builtinPlan``); nil for any other call.
    func specialisedCall(_ callee: ResolvedExpression, _ arguments: [ResolvedCallArgument], _ range: SourceRange) -> CodeCell? {
        guard case .name(.global(_, let name)) = callee.kind, let builtin = registry.function(named: name),
              expectCall(callee, arguments) == nil, let plan = registry.plan(arguments.map(\.label), for: builtin) else { return nil }
        return CodeCell(run: builtinCall(builtin, plan, arguments.map { CodeCell(run: expression($0.value)) }, range))
    }

    /// A call of a builtin whose labels fit its parameters: the arguments are
    /// evaluated into a buffer on the stack and bound by the call site's plan,
    /// with the values, errors and charges of ``Interpreter/callBuiltin(_:_:)``.
    private func builtinCall(_ builtin: Builtin, _ plan: BindingPlan, _ codes: [CodeCell], _ range: SourceRange) -> Code {
        let count = codes.count
        return { i in
            try i.budget.step()
            return try withUnsafeTemporaryAllocation(of: Value.self, capacity: count) { buffer in
                var made = 0
                // One value at a time: deinitialize(count:) destroys through the runtime's
                // generic array path, several times the cost of the call's other work.
                defer { for k in 0..<made { _ = (buffer.baseAddress! + k).move() } }
                var elements = 0
                for k in 0..<count {
                    let value = try codes[k].run(i)
                    if value.isData { elements += value.elementCount }
                    (buffer.baseAddress! + k).initialize(to: value)
                    made += 1
                }
                do {
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

    /// `base.name(arguments)`: a method of the base's type. A method that
    /// changes a value (`list.append(x)`) needs the base to be a `var`; one that
    /// changes an object (`model.fit(…)`) changes it for every name that holds it.
    private func method(_ member: String, on base: ResolvedExpression, labels: [String?], codes: [CodeCell], _ range: SourceRange, nameRange: SourceRange) -> Code {
        let name = member
        let code = expression(base)
        let target = assignable(base)
        // np.zeros(3), torch.tensor(…): a Python module's name that the notebook has not bound.
        var module: (slot: Int, error: RuntimeError)?
        if case .name(.global(let slot, let name)) = base.kind, registry.function(named: name) == nil,
           let advice = PythonHabits.module(name, member: member, signature: registry.function(named: member)?.signature) {
            module = (slot, RuntimeError(.unknownName(name, hint: .advice(advice)), at: base.range))
        }
        return { i in
            try i.budget.step()
            if let module, i.globals.value(module.slot) == nil { throw module.error }
            let value = try code(i)
            var arguments: [LabeledValue] = []
            for (label, argument) in zip(labels, codes) { arguments.append(LabeledValue(label: label, value: try argument.run(i))) }
            do {
                return try i.callMethod(name, on: consume value, arguments, target: target, nameRange: nameRange)
            } catch {
                throw located(error, range)
            }
        }
    }
}

extension BinaryOperator {
    /// Whether the operator compares its operands.
    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
        default: return false
        }
    }
}
