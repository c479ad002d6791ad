import CahierLearning

extension Compiler {
    /// The statements a loop's body is mostly made of, binding or updating a
    /// local name, as one closure that also charges the statement's step and
    /// locates its errors: the same steps, values and errors as ``bare(_:)``
    /// under ``statement(_:)``, one closure call fewer.
    func fused(_ statement: ResolvedStatement) -> Action? {
        let range = statement.range
        switch statement.kind {
        case .binding(let binding):
            // A typed binding is checked on the plain path (``bare(_:)``).
            guard case .local(let slot) = binding.name.place, binding.type == nil else { return nil }
            let code = flexible(binding.value)
            let (name, mutable, valueRange) = (binding.name.text, binding.mutable, binding.value.range)
            return { i in
                do {
                    try i.budget.step()
                    var value = try code(i)
                    if case .void = value { throw RuntimeError(.noValue(name: name), at: valueRange) }
                    // A `var` bound to a short vector holds it inline, for the updates to come (``Specialisation/smallVectors``).
                    if mutable, case .tensor(let t) = value, let small = SmallVector(t) { value = .small(small) }
                    i.frame[slot] = value
                    i.frameMutable[slot] = mutable
                    return .normal
                } catch {
                    throw located(error, range)
                }
            }
        case .assignment(let target, let op?, let value):
            guard case .name(.local(let slot, let name)) = target.kind else { return nil }
            let operatorRange = statement.operatorRange ?? range
            if op == .add || op == .subtract, case .binary(.multiply, let left, let right) = value.kind {
                return scaledUpdate(slot, name, op, left, right, value.range, operatorRange, range)
            }
            let code = flexible(value)
            let valueRange = value.range
            return { i in
                do {
                    try i.budget.step()
                    let new = try code(i)
                    if case .void = new { throw RuntimeError(.noValue(name: nil), at: valueRange) }
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
        if case .object(.parameter(let parameter))? = i.frame[slot] {
            // w -= rate * w.grad changes the parameter itself, which every name and layer holding it sees.
            do { try i.update(parameter, op, new.widened, by: Operators.specialisedBinary) } catch { throw located(error, operatorRange) }
            return
        }
        // As the rule: a constant or an unbound name is the statement's error, a shape the update would change the operator's.
        try i.updateLocal(slot, name) { held in
            do { try Operators.specialisedCompound(op, &held, new, i.context) } catch { throw located(error, operatorRange) }
        }
    }

    /// `x += a * b` or `x -= a * b` for a local `x` (the perceptron's and
    /// gradient descent's update): when `x` is a tensor and one of `a`, `b` a
    /// number and the other a tensor of `x`'s shape, `x` changes in place
    /// without a buffer for the product; otherwise as the general form. Either
    /// way the steps, charges, bits and errors of the general form.
    private func scaledUpdate(_ slot: Int, _ name: String, _ op: BinaryOperator, _ left: ResolvedExpression, _ right: ResolvedExpression,
                              _ productRange: SourceRange, _ operatorRange: SourceRange, _ range: SourceRange) -> Action {
        let (a, b) = (flexible(left), flexible(right))
        let arithmetic: Arithmetic = op == .add ? .add : .subtract
        return { i in
            do {
                try i.budget.step()
                try i.budget.step()
                let x = try a(i), y = try b(i)
                if i.frameMutable[slot], case .small(var held)? = i.frame[slot], let scaling = SmallScaling(x, y), scaling.vector.count == held.count {
                    // As for a tensor below: the product's charge, then the update's.
                    do { try Operators.makes(held.shape, held.count, i.context) } catch { throw located(error, productRange) }
                    do { try Operators.makes(held.shape, held.count, i.context) } catch { throw located(error, operatorRange) }
                    held.combine(arithmetic, scaling.vector, times: scaling.number, numberFirst: scaling.numberFirst)
                    i.frame[slot] = .small(held)
                    return .normal
                }
                if i.frameMutable[slot], let scaling = Scaling(x, y), var held = i.frame[slot].takeTensor(shaped: scaling.tensor.shape) {
                    // The product's charge, then the update's, each where the general form would fail.
                    do { try Operators.makes(held.shape, held.count, i.context) } catch { i.frame[slot] = .tensor(held); throw located(error, productRange) }
                    do { try Operators.makes(held.shape, held.count, i.context) } catch { i.frame[slot] = .tensor(held); throw located(error, operatorRange) }
                    held.combine(arithmetic, scaling.tensor, times: scaling.number, numberFirst: scaling.numberFirst)
                    i.frame[slot] = .tensor(held)
                    return .normal
                }
                try Compiler.update(slot, name, op, try Compiler.apply(.multiply, x, y, i, productRange, keep: true), i, at: operatorRange)
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

    /// A number and a short vector held inline multiplied, in the order written.
    private struct SmallScaling {
        let vector: SmallVector
        let number: Double
        let numberFirst: Bool

        init?(_ x: Value, _ y: Value) {
            if case .number(let n) = x, case .small(let v) = y {
                (vector, number, numberFirst) = (v, n, true)
            } else if case .small(let v) = x, case .number(let n) = y {
                (vector, number, numberFirst) = (v, n, false)
            } else {
                return nil
            }
        }
    }
}
