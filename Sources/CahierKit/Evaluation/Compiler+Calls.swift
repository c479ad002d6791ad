import CahierLearning

extension Compiler {
    /// `callee(arguments)`: a builtin named in the call is found once, here;
    /// a method when the callee is `base.name`; otherwise the function value
    /// the callee names or evaluates to.
    func call(_ callee: Expression, _ arguments: [CallArgument], _ range: SourceRange) -> Code {
        let labels = arguments.map(\.label)
        let codes = arguments.map { expression($0.value) }
        func values(_ i: Interpreter) throws -> [LabeledValue] {
            var result: [LabeledValue] = []
            result.reserveCapacity(codes.count)
            for (label, code) in zip(labels, codes) { result.append(LabeledValue(label: label, value: try code(i))) }
            return result
        }
        if case .member(let base, let name) = callee.kind {
            return method(name, on: base, labels: labels, codes: codes, range)
        }
        if case .global(let slot, let name) = callee.kind, let builtin = registry.function(named: name) {
            // A builtin's name can never be bound, so the call always reaches the builtin.
            _ = slot
            return { i in
                try i.budget.step()
                let arguments = try values(i)
                do { return try i.callBuiltin(builtin, arguments) } catch { throw located(error, range) }
            }
        }
        let function: Code
        if case .global(let slot, let name) = callee.kind {
            function = { i in
                guard let value = i.globals.values[slot] else {
                    throw RuntimeError("unknown function '\(name)'" + i.hint(i.registry.suggestions(for: name, among: i.globals.bound)))
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
            let arguments = try values(i)
            do { return try i.invoke(f, arguments, callSite: range) } catch { throw located(error, range) }
        }
    }

    /// `base.name(arguments)`: a method of the base's type. A method that
    /// changes a value (`list.append(x)`) needs the base to be a `var`; one that
    /// changes an object (`model.fit(…)`) changes it for every name that holds it.
    private func method(_ name: String, on base: Expression, labels: [String?], codes: [Code], _ range: SourceRange) -> Code {
        let code = expression(base)
        let target = assignable(base)
        return { i in
            try i.budget.step()
            let value = try code(i)
            var arguments: [LabeledValue] = []
            for (label, argument) in zip(labels, codes) { arguments.append(LabeledValue(label: label, value: try argument(i))) }
            do {
                return try i.callMethod(name, on: value, arguments, target: target)
            } catch {
                throw located(error, range)
            }
        }
    }
}
