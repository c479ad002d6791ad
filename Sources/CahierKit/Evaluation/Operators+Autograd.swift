import CahierLearning
import Foundation

/// The operators on tensors that autograd follows: while gradients are
/// recorded, an operation with a parameter (or a tensor computed from one)
/// among its operands gives a ``Variable`` that remembers how to pass a
/// gradient back. The values are the same bits the plain operators compute.
/// Comparisons and `&&`/`||` are not differentiable: they read the values.
extension Operators {
    /// The result of `op` when autograd follows it, or nil when it does not
    /// (nothing recorded, no tracked operand, or an operator without a derivative).
    static func recorded(_ op: BinaryOperator, _ left: Value, _ right: Value, _ context: EvaluationContext) throws -> Value? {
        guard context.recording, left.isTracked || right.isTracked else { return nil }
        switch op {
        case .add, .subtract, .multiply, .divide, .power, .remainder, .matmul: break
        default: return nil
        }
        let a = try context.variable(left, .operand(.left, operator: op.rawValue))
        let b = try context.variable(right, .operand(.right, operator: op.rawValue))
        if op == .matmul {
            let (x, y) = (a.value, b.value)
            guard (1...2).contains(x.rank), (1...2).contains(y.rank) else {
                throw RuntimeError(.operation(.matmulRank(x.shape, y.shape)))
            }
            try checkProduct(x.rank == 2 ? x.shape[0] : 1, x.shape[x.rank - 1], y.rank == 2 ? y.shape[1] : 1, context, backward: true)
            return .variable(try Variable.matmul(a, b))
        }
        try chargeElementwise(a.value.shape, b.value.shape, context, passes: 2)
        switch op {
        case .add: return .variable(try a + b)
        case .subtract: return .variable(try a - b)
        case .multiply: return .variable(try a * b)
        case .divide: return .variable(try a / b)
        case .power: return .variable(try Variable.power(a, b))
        default:
            // PyTorch's remainder: ∂/∂a = 1, ∂/∂b = −floor(a / b).
            return .variable(try Variable.elementwise(a, b, tape: context.tape, operation: "%", remainder) { x, y, _ in
                (1, -(x / y).rounded(.down))
            })
        }
    }

    /// `-x` of a tracked operand.
    static func recordedNegation(_ value: Value, _ context: EvaluationContext) throws -> Value? {
        guard let v = context.tracked(value) else { return nil }
        try context.budget.charge(2 * v.value.count)
        return .variable(try -v)
    }

    /// `a @ b.T` or `a.T @ b` of matrices with a tracked operand.
    static func recordedProduct(_ left: Value, _ right: Value, transposed: Transposed, _ context: EvaluationContext) throws -> Value? {
        guard context.recording, left.isTracked || right.isTracked else { return nil }
        let a = try context.variable(left, .operand(.left, operator: "@"))
        let b = try context.variable(right, .operand(.right, operator: "@"))
        guard a.value.rank == 2, b.value.rank == 2 else {
            let x = transposed == .left ? try a.transposed() : a
            let y = transposed == .right ? try b.transposed() : b
            return try recorded(.matmul, .variable(x), .variable(y), context)
        }
        let (x, y) = (a.value, b.value)
        let (n, k, m) = transposed == .right ? (x.shape[0], x.shape[1], y.shape[0]) : (x.shape[1], x.shape[0], y.shape[1])
        try checkProduct(n, k, m, context, backward: true)
        return .variable(transposed == .right ? try Variable.matmulTransposed(a, b) : try Variable.transposedMatmul(a, b))
    }

    /// Checks the broadcast shape of two operands against the limits and
    /// charges its elements, once for each pass (forward, backward).
    static func chargeElementwise(_ a: [Int], _ b: [Int], _ context: EvaluationContext, passes: Int = 1) throws {
        guard let shape = Tensor.broadcastShape(a, b) else { throw TensorError.shapeMismatch(operation: "broadcast", a, b) }
        try context.limits.check(shape)
        try context.budget.charge(passes * (Tensor.elementCount(of: shape) ?? 0))
    }
}

extension Value {
    /// Whether autograd follows the value when gradients are recorded: a
    /// parameter, or a tensor computed from one.
    var isTracked: Bool {
        switch self {
        case .variable, .object(.parameter): return true
        case .list(let list): return list.holdsParameter
        default: return false
        }
    }
}
