import CahierLearning

extension Interpreter {
    /// Changes the value of a global bound with `var`, in place.
    func updateGlobal(_ slot: Int, _ name: String, _ change: (inout Value) throws -> Void) throws {
        guard var value = globals.value(slot) else {
            if registry.function(named: name) != nil { throw RuntimeError(.builtinName(name, assigned: true)) }
            throw RuntimeError(.undeclared(name))
        }
        if origin.isAnswer, policy?.protectedNames.contains(name) == true {
            throw RuntimeError(.sheetName(name, assigned: true))
        }
        guard globals.isMutable(slot) else { throw constant(name) }
        // Taken out of its slot while it changes, so its storage is not shared and changes in place.
        value = globals.take(slot) ?? value
        defer { globals.restore(slot, value) }
        try change(&value)
        globals.store(slot, value)
    }

    /// Changes the value of a local bound with `var`, in place.
    func updateLocal(_ slot: Int, _ name: String, _ change: (inout Value) throws -> Void) throws {
        guard frame[slot] != nil else { throw RuntimeError(.usedBeforeValue(name)) }
        guard frameMutable[slot] else { throw constant(name) }
        // Moved out of its slot while it changes (not copied), so its storage is not shared and changes in place.
        var value = frame[slot].take()!
        defer { frame[slot] = value }
        try change(&value)
    }

    /// `w op= value` on a parameter: its values change, in the object every
    /// name and layer holding it shares; its shape stays. `combine` computes
    /// `a op b` (``Operators/binary(_:_:_:_:)`` or its specialisation).
    func update(_ parameter: CahierLearning.Parameter, _ op: BinaryOperator, _ value: Value,
                by combine: (BinaryOperator, Value, Value, EvaluationContext) throws -> Value) throws {
        try checkMutable(.object(.parameter(parameter)), .this(ValueType.parameter.rawValue))
        try checkNotRecording(parameter)
        let updated = try Coerce.tensor(try combine(op, .tensor(parameter.value), value, context), .item(function: nil, .newValue))
        guard updated.shape == parameter.value.shape else {
            throw RuntimeError(.parameterShape(operation: op.rawValue, given: value.updatedShape, from: parameter.value.shape, to: updated.shape))
        }
        parameter.value = updated
    }

    /// Refuses to change a parameter in place while gradients are recorded,
    /// as PyTorch refuses it for a leaf that requires grad: the update is not
    /// part of what the loss is computed from.
    func checkNotRecording(_ parameter: CahierLearning.Parameter) throws {
        guard context.recording else { return }
        throw RuntimeError(.parameterWhileRecording)
    }

    private func constant(_ name: String) -> RuntimeError {
        RuntimeError(.constant(name))
    }
}
