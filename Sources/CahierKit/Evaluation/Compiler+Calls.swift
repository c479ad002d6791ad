import CahierLearning

extension Compiler {
    /// `callee(arguments)`: a method when the callee is `base.name`; otherwise
    /// the function value the callee names or evaluates to, called with the
    /// arguments in order. A callee that is a name charges no step of its own
    /// (the call's step covers it); a builtin's name is known here, since it can never be bound.
    func call(_ callee: Expression, _ arguments: [CallArgument], _ range: SourceRange) -> Code {
        let labels = arguments.map(\.label)
        let codes = arguments.map { CodeCell(run: expression($0.value)) }
        if case .member(let base, let name) = callee.kind {
            return method(name, on: base, labels: labels, codes: codes, range)
        }
        if let (builtin, op, left, right) = expectComparison(callee, arguments) {
            return expectComparison(builtin, op, left, right, labels: labels, codes: codes, range)
        }
        let function: Code
        if case .global(_, let name) = callee.kind, let builtin = registry.function(named: name) {
            let value = Value.function(.builtin(builtin))
            function = { _ in value }
        } else if case .global(let slot, let name) = callee.kind {
            function = { i in
                guard let value = i.globals.value(slot) else {
                    throw RuntimeError("unknown function '\(NameSuggestions.shown(name))'" + i.hint(i.registry.suggestions(for: name, among: i.globals.bound)))
                }
                guard case .function = value else { throw RuntimeError("'\(name)' is \(value.type.withArticle), not a function") }
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
                throw RuntimeError("\(value.type.withArticle) cannot be called; only functions can", at: range)
            }
            var values: [LabeledValue] = []
            values.reserveCapacity(codes.count)
            for (label, code) in zip(labels, codes) { values.append(LabeledValue(label: label, value: try code.run(i))) }
            do { return try i.invoke(f, values, callSite: range) } catch { throw located(error, range) }
        }
    }

    /// `expect(a op b, …)` with a comparison as its first, unlabelled argument: the builtin and the comparison's parts.
    private func expectComparison(_ callee: Expression, _ arguments: [CallArgument]) -> (Builtin, BinaryOperator, Expression, Expression)? {
        guard case .global(_, "expect") = callee.kind, let builtin = registry.function(named: "expect"),
              let first = arguments.first, first.label == nil, case .binary(let op, let left, let right) = first.value.kind, op.isComparison else { return nil }
        return (builtin, op, left, right)
    }

    /// A call of a builtin named in the call whose labels fit its parameters
    /// (``Specialisation/builtinPlan``); nil for any other call.
    func specialisedCall(_ callee: Expression, _ arguments: [CallArgument], _ range: SourceRange) -> Code? {
        guard case .global(_, let name) = callee.kind, let builtin = registry.function(named: name),
              expectComparison(callee, arguments) == nil, let plan = registry.plan(arguments.map(\.label), for: builtin) else { return nil }
        return builtinCall(builtin, plan, arguments.map { CodeCell(run: expression($0.value)) }, range)
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
    private func method(_ name: String, on base: Expression, labels: [String?], codes: [CodeCell], _ range: SourceRange) -> Code {
        let code = expression(base)
        let target = assignable(base)
        return { i in
            try i.budget.step()
            let value = try code(i)
            var arguments: [LabeledValue] = []
            for (label, argument) in zip(labels, codes) { arguments.append(LabeledValue(label: label, value: try argument.run(i))) }
            do {
                return try i.callMethod(name, on: consume value, arguments, target: target)
            } catch {
                throw located(error, range)
            }
        }
    }

    /// `expect(a op b, message)` with a comparison: when it fails, the message
    /// also says the value of each side that is a name an answer bound (or a
    /// member of one), "you gave epochs = 20", so a student sees their value
    /// next to the teacher's words. Names the sheet defines, locals and every
    /// other expression stay unsaid: a hidden check never shows its code.
    private func expectComparison(_ builtin: Builtin, _ op: BinaryOperator, _ left: Expression, _ right: Expression,
                                  labels: [String?], codes: [CodeCell], _ range: SourceRange) -> Code {
        let sides = [(expression(left), left), (expression(right), right)]
        let rest = Array(zip(labels, codes).dropFirst())
        return { i in
            try i.budget.step()
            var values: [Value] = []
            for (code, _) in sides { values.append(try code(i)) }
            let condition: Value
            do { condition = try Operators.binary(op, values[0], values[1], i.context) } catch { throw located(error, sides[0].1.range) }
            var arguments = [LabeledValue(label: nil, value: condition)]
            for (label, code) in rest { arguments.append(LabeledValue(label: label, value: try code.run(i))) }
            do {
                return try i.callBuiltin(builtin, arguments)
            } catch {
                var failure = located(error, range)
                let given = zip(sides, values).compactMap { side, value in i.answerName(side.1).map { "\($0) = \(Display.inline(value, digits: i.context.digits))" } }
                if !given.isEmpty, failure.message.hasPrefix("expectation failed: ") {
                    failure.message += " (you gave " + given.joined(separator: ", ") + ")"
                }
                throw failure
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

extension Interpreter {
    /// The source text of an expression that is a global name an answer bound
    /// (not one the sheet protects), or a member of one (`training.epochs`); nil otherwise.
    func answerName(_ expression: Expression) -> String? {
        switch expression.kind {
        case .global(_, let name), .name(let name):
            guard !protectedNames.contains(name), !checkNames.contains(name), registry.function(named: name) == nil, bindings[name] != nil else { return nil }
            if case .function? = bindings[name] { return nil }
            return name
        case .member(let base, let member):
            return answerName(base).map { $0 + "." + member }
        default:
            return nil
        }
    }
}
