import CahierLearning

/// The operators' specialisations: shorter ways to the values, errors and
/// charges of ``Operators/binary(_:_:_:_:)`` and ``Operators/compound(_:_:_:_:)``
/// for the cases a loop's body is made of. Each names the rule it must equal;
/// the compiler takes them only when it lowers with ``Lowering/specialised``
/// (see ``Compiler/Specialisation``), so the plain lowering checks them.
extension Operators {
    /// `a op b` by the specialisations, then the rule: two numbers on the spot,
    /// ``arithmetic(_:_:_:_:)``, else ``binary(_:_:_:_:)``. Equals ``binary(_:_:_:_:)``.
    @inline(__always)
    static func specialisedBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, _ context: EvaluationContext) throws -> Value {
        if case .number(let x) = left, case .number(let y) = right { return try scalar(op, x, y) }
        if let result = try arithmetic(op, left, right, context) { return result }
        return try binary(op, left, right, context)
    }

    /// `held op= value` by the specialisations: numbers on the spot, a tensor
    /// in place where ``updateInPlace(_:_:_:_:)`` can, anything else by
    /// ``specialisedBinary(_:_:_:_:)``. Equals ``compound(_:_:_:_:)``.
    static func specialisedCompound(_ op: BinaryOperator, _ held: inout Value, _ value: Value, _ context: EvaluationContext) throws {
        if case .number(let x) = held, case .number(let y) = value {
            held = try scalar(op, x, y)
        } else if held.isSmall || value.isSmall {
            try smallCompound(op, &held, value, context)
        } else if try !updateInPlace(op, &held, value, context) {
            let result = try specialisedBinary(op, held, value, context)
            try checkKeepsShape(op, held, value, result)
            held = result
        }
    }

    /// `+ - * /` of two tensors of one shape, or of a tensor and a number:
    /// the loop itself, without making the number a tensor or going through
    /// broadcasting; `@` of two vectors of one length: their dot product
    /// without a rank-0 tensor to hold it. The same bits and the same charge
    /// as the general path (``binary(_:_:_:_:)``, which it must equal). Nil for anything else.
    @inline(__always)
    static func arithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value, _ context: EvaluationContext) throws -> Value? {
        if op == .matmul {
            guard case .tensor(let a) = left, case .tensor(let b) = right, a.rank == 1, b.rank == 1, a.count == b.count else { return nil }
            try checkProduct(1, a.count, 1, context)
            return .number(a.dot(b))
        }
        guard let arithmetic = Arithmetic(op) else { return nil }
        // Each operand matched on its own: a switch over the pair would copy both values into it.
        if case .tensor(let a) = left {
            if case .tensor(let b) = right, a.shape == b.shape {
                try makes(a.shape, a.count, context)
                return Coerce.result(a.combined(arithmetic, b))
            }
            if case .number(let y) = right {
                try makes(a.shape, a.count, context)
                return Coerce.result(a.combined(arithmetic, number: y, numberFirst: false))
            }
        } else if case .number(let x) = left, case .tensor(let b) = right {
            try makes(b.shape, b.count, context)
            return Coerce.result(b.combined(arithmetic, number: x, numberFirst: true))
        }
        return nil
    }

    /// `held op= value` with `+ - * /` on a tensor and a tensor of its shape
    /// or a number: the elements of `held` change in place (no new buffer when
    /// no other value shares them), with the bits, the charge and the memory
    /// check of ``arithmetic(_:_:_:_:)``. False, and `held` untouched, for anything else.
    static func updateInPlace(_ op: BinaryOperator, _ held: inout Value, _ value: Value, _ context: EvaluationContext) throws -> Bool {
        guard let arithmetic = Arithmetic(op), case .tensor(var a) = held, a.rank > 0 else { return false }
        switch value {
        case .tensor(let b) where a.shape == b.shape:
            try makes(a.shape, a.count, context)
            held = .void  // the only other reference to a's elements, when the name held them alone
            a.combine(arithmetic, b)
        case .number(let y):
            try makes(a.shape, a.count, context)
            held = .void
            a.combine(arithmetic, number: y)
        default:
            return false
        }
        held = .tensor(a)
        return true
    }

    /// `held op= value` when either is a short vector held inline (``SmallVector``):
    /// `+ - * /` of one held and one of its length or a number changes it in
    /// place, with the charge and bits of ``updateInPlace(_:_:_:_:)``; anything
    /// else is ``specialisedCompound(_:_:_:_:)`` of the widened values.
    static func smallCompound(_ op: BinaryOperator, _ held: inout Value, _ value: Value, _ context: EvaluationContext) throws {
        if let arithmetic = Arithmetic(op), case .small(let s) = held {
            if case .small(let v) = value, v.count == s.count {
                try makes(s.shape, s.count, context)
                held = .small(s.combined(arithmetic, v))
                return
            }
            if case .number(let y) = value {
                try makes(s.shape, s.count, context)
                held = .small(s.combined(arithmetic, number: y, numberFirst: false))
                return
            }
        }
        held = held.widened
        try specialisedCompound(op, &held, value.widened, context)
    }
}
