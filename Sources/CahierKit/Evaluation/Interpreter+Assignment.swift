import CahierLearning

extension Interpreter {
    /// `target = value`, or `target op= value`. The target is a name bound
    /// with `var`, or an element or slice of one (`w[i]`, `m[:, 0]`).
    func assign(_ target: Expression, op: BinaryOperator?, value valueExpression: Expression) throws {
        let value = try evaluate(valueExpression)
        if case .void = value { throw RuntimeError("a command that has no value cannot be assigned", at: valueExpression.range) }
        if let op, case .object(.parameter(let parameter)) = try current(target) {
            // w -= rate * w.grad changes the parameter itself, which every name and layer holding it sees.
            try checkMutable(.object(.parameter(parameter)), "this Parameter")
            let updated = try Coerce.tensor(try Operators.binary(op, .tensor(parameter.value), value, context), "the new value")
            guard updated.shape == parameter.value.shape else {
                throw RuntimeError("a parameter keeps its shape \(Tensor.describe(parameter.value.shape)); the new value has shape \(Tensor.describe(updated.shape))")
            }
            parameter.value = updated
            return
        }
        try update(target) { current in
            current = op == nil ? value : try Operators.binary(op ?? .add, current, value, context)
        }
    }

    /// The value a target holds now, without changing anything.
    private func current(_ target: Expression) throws -> Value? {
        switch target.kind {
        case .global(let slot, _): return globals.values[slot]
        case .local(let slot, _): return frame[slot]
        default: return nil
        }
    }

    /// Changes the value a target holds in place: `change` gets the value and
    /// may change it; the target must be a `var` (or an element of one, or a
    /// parameter's values).
    func update(_ target: Expression, _ change: (inout Value) throws -> Void) throws {
        switch target.kind {
        case .global(let slot, let name):
            guard var value = globals.values[slot] else {
                if registry.function(named: name) != nil { throw RuntimeError("'\(name)' is the name of a builtin function and cannot be assigned to") }
                throw RuntimeError("unknown name '\(name)'; declare it first with var \(name) = …")
            }
            if runningAnswer, protectedNames.contains(name) {
                throw RuntimeError("'\(name)' is defined by the exercise sheet and cannot be changed in an answer; make your own with var")
            }
            guard globals.mutable[slot] else { throw constant(name) }
            globals.values[slot] = nil
            defer { if globals.values[slot] == nil { globals.values[slot] = value } }
            try change(&value)
            try setGlobal(slot, value)
        case .local(let slot, let name):
            guard var value = frame[slot] else { throw RuntimeError("'\(name)' is used before it has a value") }
            guard frameMutable[slot] else { throw constant(name) }
            frame[slot] = nil
            defer { frame[slot] = value }
            try change(&value)
        case .index(let base, let items):
            let indices = try items.map { item -> Indexing.Item in
                switch item {
                case .value(let e): return try Indexing.item(try evaluate(e))
                case .slice(let a, let b, let c):
                    let step = try c.map { try Coerce.integer(try evaluate($0), "a slice's step") } ?? 1
                    guard step != 0 else { throw RuntimeError("a slice's step cannot be 0") }
                    return .slice(start: try a.map { try Coerce.integer(try evaluate($0), "a slice's start") },
                                  end: try b.map { try Coerce.integer(try evaluate($0), "a slice's end") }, step: step)
                }
            }
            if case .object(.parameter(let parameter)) = try current(base) ?? .void {
                try checkMutable(.object(.parameter(parameter)), "this Parameter")
                var values = Value.tensor(parameter.value)
                var element = try Indexing.get(values, indices, context)
                try change(&element)
                try Indexing.set(&values, indices, to: element, context)
                parameter.value = try Coerce.tensor(values, "the parameter")
                return
            }
            try update(base) { container in
                var element = try Indexing.get(container, indices, context)
                try change(&element)
                try Indexing.set(&container, indices, to: element, context)
            }
        default:
            throw RuntimeError("only a name or an element (x[i]) can be assigned to")
        }
    }

    private func constant(_ name: String) -> RuntimeError {
        RuntimeError("cannot assign to '\(name)': it is a constant, bound with let; bind it with var to change it")
    }
}
