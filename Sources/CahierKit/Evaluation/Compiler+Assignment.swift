import CahierLearning

/// A place a value can be written: a name bound with `var`, or elements of
/// one. It calls `change` with the value held there, which `change` may
/// change in place.
typealias Target = (Interpreter, (inout Value) throws -> Void) throws -> Void

extension Compiler {
    /// `target = value` or `target op= value`.
    /// A failure of the update itself (a shape it would change) is located at the operator.
    func assignment(_ target: ResolvedExpression, _ op: BinaryOperator?, _ value: ResolvedExpression, at operatorRange: SourceRange) -> Action {
        let code = expression(value)
        let valueRange = value.range
        guard let place = assignable(target) else {
            return { _ in throw RuntimeError(.notAssignable) }
        }
        // The parameter a name holds, read where it is held (not copied out, which would retain a
        // tensor's storage): `p op= v` changes it in place whether the name was bound with let or var.
        let parameter: ((Interpreter) -> CahierLearning.Parameter?)? = {
            switch target.kind {
            case .name(.global(let slot, _)):
                return { i in if case .object(.parameter(let p))? = i.globals.value(slot) { p } else { nil } }
            case .name(.local(let slot, _)):
                return { i in if case .object(.parameter(let p))? = i.frame[slot] { p } else { nil } }
            default:
                return nil
            }
        }()
        let (combine, compound) = (binaryOperator, compoundOperator)
        return { i in
            let new = try code(i)
            if case .void = new { throw RuntimeError(.noValue(name: nil), at: valueRange) }
            if let op, let parameter = parameter?(i) {
                // w -= rate * w.grad changes the parameter itself, which every name and layer holding it sees.
                do { try i.update(parameter, op, new, by: combine) } catch { throw located(error, operatorRange) }
                return .normal
            }
            try place(i) { held in
                if let op {
                    do { try compound(op, &held, new, i.context) } catch { throw located(error, operatorRange) }
                } else {
                    held = new
                }
            }
            return .normal
        }
    }

    /// The place an expression names, or nil when it names none.
    func assignable(_ target: ResolvedExpression) -> Target? {
        switch target.kind {
        case .name(.global(let slot, let name)):
            return { i, change in try i.updateGlobal(slot, name, change) }
        case .name(.local(let slot, let name)):
            // A short vector held inline is changed as the tensor it stands for (``Value/widened``).
            return { i, change in try i.updateLocal(slot, name) { held in if held.isSmall { held = held.widened }; try change(&held) } }
        case .index(let base, let items):
            let indices = items.map { IndexCell(run: index($0)) }
            let baseCode = expression(base)
            let container = assignable(base)
            let get = indexing
            return { i, change in
                let positions = try indices.map { try $0.run(i) }
                // The base is read in a scope of its own, so that its copy is gone before the
                // container changes: a list or a tensor another reference shared would be copied.
                var target: CahierLearning.Parameter?
                do {
                    if case .object(.parameter(let parameter)) = try baseCode(i) { target = parameter }
                }
                if let parameter = target {
                    try i.checkMutable(.object(.parameter(parameter)), .this(ValueType.parameter.rawValue))
                    try i.checkNotRecording(parameter)
                    var values = Value.tensor(parameter.value)
                    var element = try get(values, positions, i.context)
                    try change(&element)
                    try Indexing.set(&values, positions, to: element, i.context)
                    parameter.value = try Coerce.tensor(values, .item(function: nil, .theParameter))
                    return
                }
                guard let container else { throw RuntimeError(.notAssignable) }
                try container(i) { held in
                    var element = try get(held, positions, i.context)
                    try change(&element)
                    try Indexing.set(&held, positions, to: element, i.context)
                }
            }
        default:
            return nil
        }
    }
}
