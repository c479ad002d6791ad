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
            function = global(slot, name)
        } else {
            function = expression(callee)
        }
        return generalCall(function, labels: labels, codes: codes, range)
    }

    /// The function a global names, for a call: an error when it holds none.
    private func global(_ slot: Int, _ name: String) -> Code {
        { i in
            guard let value = i.globals.value(slot) else {
                throw RuntimeError(.unknownFunction(name, hint: i.nameHint(for: name)))
            }
            guard case .function = value else {
                throw RuntimeError(.notAFunction(name: name, type: value.typeName, advice: i.callAdvice(value)))
            }
            return value
        }
    }

    /// A call of the function `function` evaluates to, the arguments
    /// evaluated in order and bound when it is invoked (``Interpreter/invoke(_:_:callSite:)``).
    private func generalCall(_ function: @escaping Code, labels: [String?], codes: [CodeCell], _ range: SourceRange) -> Code {
        { i in
            try i.budget.step()
            let value: Value
            do { value = try function(i) } catch { throw located(error, range) }
            guard case .function(let f) = value else {
                throw RuntimeError(.notCallable(type: value.typeName, advice: i.callAdvice(value)), at: range)
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
    /// (``Specialisation/builtinPlan``), or of a function a global holds
    /// (``Specialisation/userPlan``); nil for any other call.
    func specialisedCall(_ callee: ResolvedExpression, _ arguments: [ResolvedCallArgument], _ range: SourceRange) -> CodeCell? {
        guard case .name(.global(let slot, let name)) = callee.kind, expectCall(callee, arguments) == nil else { return nil }
        let labels = arguments.map(\.label)
        guard let builtin = registry.function(named: name) else {
            let codes = arguments.map { CodeCell(run: expression($0.value)) }
            return CodeCell(run: userCall(slot, labels: labels, codes: codes, general: generalCall(global(slot, name), labels: labels, codes: codes, range), range))
        }
        guard let plan = registry.plan(labels, for: builtin) else { return nil }
        return CodeCell(run: builtinCall(builtin, plan, arguments.map { CodeCell(run: expression($0.value)) }, range))
    }

    /// A call of the function the global at `slot` holds: when it is a
    /// notebook's function whose parameters the labels fit, the arguments are
    /// evaluated into a buffer on the stack and bound by a plan worked out for
    /// that function once, and kept while the global holds it; any other call
    /// is `general`'s. The values, errors and charges are
    /// ``Interpreter/invoke(_:_:callSite:)``'s.
    private func userCall(_ slot: Int, labels: [String?], codes: [CodeCell], general: @escaping Code, _ range: SourceRange) -> Code {
        let count = codes.count
        let cache = PlanCache()
        return { i in
            guard case .function(.user(let function))? = i.globals.value(slot) else { return try general(i) }
            let compiled = function.compiled
            if cache.function !== function {
                cache.function = function
                cache.plan = i.registry.plan(labels, for: compiled.parameters, names: compiled.names, function: function.declaration.name.text)
            }
            guard let plan = cache.plan else { return try general(i) }
            try i.budget.step()
            return try withUnsafeTemporaryAllocation(of: Value.self, capacity: count) { buffer in
                var made = 0
                defer { for k in 0..<made { _ = (buffer.baseAddress! + k).move() } }
                for k in 0..<count {
                    (buffer.baseAddress! + k).initialize(to: try codes[k].run(i))
                    made += 1
                }
                do {
                    return try i.running(as: function) {
                        try i.enter(function)
                        let bound = try i.registry.bind(buffer, by: plan, to: compiled.parameters, signature: function.declaredSignature)
                        return try i.run(function, bound, callSite: range)
                    }
                } catch {
                    throw located(error, range)
                }
            }
        }
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
           let hint = PythonHabits.module(name, member: member, signature: registry.function(named: member)?.signature) {
            module = (slot, RuntimeError(.unknownName(name, hint: hint), at: base.range))
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

/// The binding plan of a call site of a notebook's function, for the last
/// function called there (a name may be bound to another function later).
private final class PlanCache {
    var function: UserFunction?
    var plan: BindingPlan?
}
