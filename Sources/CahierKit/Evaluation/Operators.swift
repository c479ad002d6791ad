import CahierLearning
import Foundation

/// The operators of the language on values. Numbers give numbers, tensors
/// broadcast the NumPy way, comparisons of tensors give masks. Each element
/// an operation makes is charged to the work budget.
enum Operators {
    static func unary(_ op: UnaryOperator, _ value: Value, _ context: EvaluationContext) throws -> Value {
        switch (op, value) {
        case (.negate, .number(let x)): return .number(-x)
        case (.negate, .tensor), (.negate, .mask), (.negate, .range), (.negate, .object(.parameter)), (.negate, .list), (.negate, .variable):
            if let result = try recordedNegation(value, context) { return result }
            let t = try Coerce.tensor(value, .operand(.only, operator: op.rawValue), context)
            try makes(t.shape, t.count, context)
            return .tensor(t.map { -$0 })
        case (.not, .bool(let b)): return .bool(!b)
        case (.not, .mask(let m)):
            try makes(m.shape, m.count, context)
            return .mask(m.map { $0 == 0 ? 1 : 0 })
        default: throw RuntimeError(.operation(.notApplicable(operator: op.rawValue, type: value.typeName)))
        }
    }

    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, _ context: EvaluationContext) throws -> Value {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return try scalar(op, a, b)
        case (.string(let a), .string(let b)):
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .add:
                let length = a.utf8.count + b.utf8.count
                guard length <= context.limits.maximumStringBytes else {
                    throw RuntimeError(.overLimit(.stringBytes(length, limit: context.limits.maximumStringBytes)))
                }
                try context.budget.charge(length)
                return .string(a + b)
            default: break
            }
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .and: return .bool(a && b)
            case .or: return .bool(a || b)
            default: break
            }
        case (.list(let a), .list(let b)) where op == .add:
            guard a.count + b.count <= context.limits.maximumElements else {
                throw RuntimeError(.overLimit(.joinedList(items: a.count + b.count, limit: context.limits.maximumElements)))
            }
            try context.budget.charge((a.count + b.count) * WorkBudget.itemCost)
            var joined = a
            for item in b.items { joined.append(item) }
            try Coerce.checkNesting(joined.depth, context)
            return .list(joined)
        default:
            if left.isNumeric && right.isNumeric {
                if let result = try recorded(op, left, right, context) { return result }
                return try tensor(op, try Coerce.tensor(left, .operand(.left, operator: op.rawValue), context),
                                  try Coerce.tensor(right, .operand(.right, operator: op.rawValue), context), context,
                                  masks: left.isMask && right.isMask)
            }
        }
        throw RuntimeError(.operation(.cannotCombine(operator: op.rawValue, left: left.typeName, right: right.typeName)))
    }

    /// Charges making a tensor of `shape` (`count` elements) and refuses it, before it
    /// is made, when its memory would take the notebook past its memory limit.
    @inline(__always)
    static func makes(_ shape: [Int], _ count: Int, _ context: EvaluationContext) throws {
        try context.budget.charge(count)
        if count >= WorkLimits.memoryCheckedElements {
            try context.limits.checkMemory(adding: count &* MemoryLayout<Double>.stride, for: "a tensor of shape \(Tensor.describe(shape))")
        }
    }

    /// `held op= value`, the language's rule: `held op value` by ``binary(_:_:_:_:)``,
    /// which must keep the shape of a held tensor (see ``checkKeepsShape(_:_:_:_:)``).
    /// ``specialisedCompound(_:_:_:_:)`` must equal it.
    static func compound(_ op: BinaryOperator, _ held: inout Value, _ value: Value, _ context: EvaluationContext) throws {
        let result = try binary(op, held, value, context)
        try checkKeepsShape(op, held, value, result)
        held = result
    }

    /// Refuses an update in place that would change the shape of the tensor held.
    ///
    /// A tensor keeps its shape, as NumPy's in-place operators do ("non-broadcastable
    /// output operand"): `W -= g` with `g` of shape [2, 1] and `W` of shape [1, 2]
    /// is an error naming the shapes, and `W` stays as it was. A number may become
    /// a tensor (`var total = 0; total += x`).
    static func checkKeepsShape(_ op: BinaryOperator, _ held: Value, _ value: Value, _ result: Value) throws {
        if let shape = held.updatedShape, let after = result.updatedShape ?? (result.type == .number ? [] : nil), after != shape {
            throw RuntimeError(.operation(.changesShape(operator: op.rawValue, given: value.updatedShape, from: shape, to: after)))
        }
    }

    /// Which operand of `@` is written transposed (`x.T`).
    enum Transposed { case left, right }

    /// `a @ b.T` or `a.T @ b` for matrices, computed without forming the
    /// transpose (as a linear layer does); any other operands are transposed and multiplied.
    static func matmul(_ left: Value, _ right: Value, transposed: Transposed, _ context: EvaluationContext) throws -> Value {
        if let result = try recordedProduct(left, right, transposed: transposed, context) { return result }
        let a = try Coerce.tensor(left, .operand(.left, operator: "@"), context)
        let b = try Coerce.tensor(right, .operand(.right, operator: "@"), context)
        guard a.rank == 2, b.rank == 2 else {
            return try binary(.matmul, transposed == .left ? .tensor(a.transposed()) : .tensor(a),
                              transposed == .right ? .tensor(b.transposed()) : .tensor(b), context)
        }
        let (n, k, m) = transposed == .right ? (a.shape[0], a.shape[1], b.shape[0]) : (a.shape[1], a.shape[0], b.shape[1])
        try checkProduct(n, k, m, context)
        return .tensor(transposed == .right ? try a.matmulTransposed(b) : try a.transposedMatmul(b))
    }

    /// Checks an [n, k]·[k, m] product against the limits and charges its
    /// multiply-adds (three times when its backward pass is to come).
    static func checkProduct(_ n: Int, _ k: Int, _ m: Int, _ context: EvaluationContext, backward: Bool = false) throws {
        let work = Double(n) * Double(k) * Double(m) * (backward ? 3 : 1)
        if work > Double(context.limits.maximumOperations) || Double(n) * Double(m) > Double(context.limits.maximumElements) {
            try context.limits.check([n, m])
            try context.limits.check(operations: [n, k, m], .matrixProduct)
        }
        try context.budget.charge(estimate: work + Double(n * m))
    }

    @inline(__always)
    static func scalar(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        case .remainder: return .number(remainder(a, b))
        case .power: return .number(Foundation.pow(a, b))
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .matmul: throw RuntimeError(.operation(.matmulNumbers))
        case .and, .or: throw RuntimeError(.operation(.boolNumbers(operator: op.rawValue)))
        }
    }

    /// NumPy's and Python's `%`: the remainder has the sign of the divisor, a − floor(a / b)·b.
    static func remainder(_ a: Double, _ b: Double) -> Double {
        let r = a.truncatingRemainder(dividingBy: b)
        return r != 0 && (r < 0) != (b < 0) ? r + b : r
    }

    static func tensor(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor, _ context: EvaluationContext, masks: Bool) throws -> Value {
        if op == .matmul {
            guard (1...2).contains(a.rank), (1...2).contains(b.rank) else {
                throw RuntimeError(.operation(.matmulRank(a.shape, b.shape)))
            }
            let n = a.rank == 2 ? a.shape[0] : 1, k = a.shape[a.rank - 1], m = b.rank == 2 ? b.shape[1] : 1
            try checkProduct(n, k, m, context)
            return Coerce.result(try a.matmul(b))
        }
        if a.shape == b.shape || b.count == 1 && b.rank <= a.rank {
            try makes(a.shape, a.count, context)
        } else if a.count == 1 && a.rank <= b.rank {
            try makes(b.shape, b.count, context)
        } else {
            guard Tensor.broadcastShape(a.shape, b.shape) != nil else {
                throw TensorError.shapeMismatch(operation: op.rawValue, a.shape, b.shape)
            }
            // Checks the result's shape against the limits, memory included, before it is made.
            try chargeElementwise(a.shape, b.shape, context)
        }
        let result: Tensor
        var comparison = false
        switch op {
        case .add: result = try a.zipWith(b, operation: "+", +)
        case .subtract: result = try a.zipWith(b, operation: "-", -)
        case .multiply: result = try a.zipWith(b, operation: "*", *)
        case .divide: result = try a.zipWith(b, operation: "/", /)
        case .remainder: result = try a.zipWith(b, operation: "%", remainder)
        case .power: result = try a.zipWith(b, operation: "**") { Foundation.pow($0, $1) }
        case .less: result = try a.zipWith(b, operation: "<") { $0 < $1 ? 1 : 0 }; comparison = true
        case .lessEqual: result = try a.zipWith(b, operation: "<=") { $0 <= $1 ? 1 : 0 }; comparison = true
        case .greater: result = try a.zipWith(b, operation: ">") { $0 > $1 ? 1 : 0 }; comparison = true
        case .greaterEqual: result = try a.zipWith(b, operation: ">=") { $0 >= $1 ? 1 : 0 }; comparison = true
        case .equal: result = try a.zipWith(b, operation: "==") { $0 == $1 ? 1 : 0 }; comparison = true
        case .notEqual: result = try a.zipWith(b, operation: "!=") { $0 != $1 ? 1 : 0 }; comparison = true
        case .and, .or:
            guard masks else { throw RuntimeError(.operation(.needsMasks(operator: op.rawValue))) }
            result = try a.zipWith(b, operation: op.rawValue) { op == .and ? ($0 != 0 && $1 != 0 ? 1 : 0) : ($0 != 0 || $1 != 0 ? 1 : 0) }
            comparison = true
        case .matmul: throw RuntimeError("internal error: '@' reached the element-wise operators")  // handled above
        }
        if comparison { return result.rank == 0 ? .bool(result.scalars[0] != 0) : .mask(result) }
        return Coerce.result(result)
    }
}

extension Value {
    /// Whether arithmetic reads the value as numbers.
    var isNumeric: Bool {
        switch self {
        case .number, .tensor, .mask, .range, .object(.parameter), .variable, .small: return true
        case .list(let list): return list.isNumeric
        default: return false
        }
    }

    var isMask: Bool {
        if case .mask = self { return true }
        return false
    }
}

extension Arithmetic {
    /// The element-wise loop of one of `+ - * /`; nil for any other operator.
    init?(_ op: BinaryOperator) {
        switch op {
        case .add: self = .add
        case .subtract: self = .subtract
        case .multiply: self = .multiply
        case .divide: self = .divide
        default: return nil
        }
    }
}

extension Value {
    /// The shape of a tensor of rank 1 or more (a mask, a tracked value), which an update in place keeps; nil otherwise.
    var updatedShape: [Int]? {
        switch self {
        case .tensor(let t), .mask(let t): return t.rank > 0 ? t.shape : nil
        case .variable(let v): return v.value.rank > 0 ? v.value.shape : nil
        default: return nil
        }
    }
}
