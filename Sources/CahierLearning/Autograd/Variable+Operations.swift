import Foundation

/// The differentiable operations. Each computes its value as the plain tensor
/// operation does (the same bits) and records the derivative PyTorch's autograd
/// uses, kinks included: |x|′(0) = 0, the maximum of equal values splits the
/// gradient in halves, clip passes none at its ends, ReLU′(0) = 0.
extension Variable {
    /// An element-wise operation of two broadcast operands; `derivatives` gives
    /// ∂out/∂a and ∂out/∂b at each element.
    public static func elementwise(_ a: Variable, _ b: Variable, tape: Tape?, operation: String,
                                   _ f: (Double, Double) -> Double,
                                   derivatives: @escaping (Double, Double, Double) -> (Double, Double)) throws -> Variable {
        let value = try a.value.zipWith(b.value, operation: operation, f)
        let (x, y) = (a.value, b.value)
        return try Variable(value, inputs: [a, b], saved: x.count + y.count, tape: tape) { gradient in
            let shape = gradient.shape
            let zeros = try Tensor(repeating: 0, shape: shape)
            let (xs, ys) = (try zeros.adding(x), try zeros.adding(y))
            var ga = [Double](repeating: 0, count: gradient.count), gb = ga
            for k in 0..<gradient.count {
                let (dx, dy) = derivatives(xs.scalars[k], ys.scalars[k], value.scalars.count == gradient.count ? value.scalars[k] : 0)
                ga[k] = gradient.scalars[k] * dx
                gb[k] = gradient.scalars[k] * dy
            }
            return [try Tensor(uncheckedShape: shape, scalars: ga).summed(toShape: x.shape),
                    try Tensor(uncheckedShape: shape, scalars: gb).summed(toShape: y.shape)]
        }
    }

    public static func + (a: Variable, b: Variable) throws -> Variable {
        try sum(a, b, sign: 1, tape: a.tape ?? b.tape)
    }

    public static func - (a: Variable, b: Variable) throws -> Variable {
        try sum(a, b, sign: -1, tape: a.tape ?? b.tape)
    }

    private static func sum(_ a: Variable, _ b: Variable, sign: Double, tape: Tape?) throws -> Variable {
        let value = sign > 0 ? try a.value.adding(b.value) : try a.value.subtracting(b.value)
        let (sa, sb) = (a.value.shape, b.value.shape)
        return try Variable(value, inputs: [a, b], tape: tape) { g in
            [try g.summed(toShape: sa), try (sign > 0 ? g : g.map { -$0 }).summed(toShape: sb)]
        }
    }

    public static func * (a: Variable, b: Variable) throws -> Variable {
        try elementwise(a, b, tape: a.tape ?? b.tape, operation: "*", *) { x, y, _ in (y, x) }
    }

    public static func / (a: Variable, b: Variable) throws -> Variable {
        try elementwise(a, b, tape: a.tape ?? b.tape, operation: "/", /) { x, y, _ in (1 / y, -x / (y * y)) }
    }

    /// x ** y; ∂/∂y is x^y·log x, taken as 0 where x = 0 and y ≥ 0 (PyTorch).
    public static func power(_ a: Variable, _ b: Variable) throws -> Variable {
        try elementwise(a, b, tape: a.tape ?? b.tape, operation: "**", { Foundation.pow($0, $1) }) { x, y, out in
            let dx = y == 0 ? 0 : y * Foundation.pow(x, y - 1)
            let dy = x == 0 && y >= 0 ? 0 : out * Foundation.log(x)
            return (dx, dy)
        }
    }

    /// The larger of a and b; where they are equal each gets half the gradient (PyTorch's maximum).
    public static func maximum(_ a: Variable, _ b: Variable) throws -> Variable {
        try elementwise(a, b, tape: a.tape ?? b.tape, operation: "maximum", { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }) { x, y, _ in
            x > y ? (1, 0) : (x < y ? (0, 1) : (0.5, 0.5))
        }
    }

    /// The smaller of a and b; where they are equal each gets half the gradient.
    public static func minimum(_ a: Variable, _ b: Variable) throws -> Variable {
        try elementwise(a, b, tape: a.tape ?? b.tape, operation: "minimum", { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }) { x, y, _ in
            x < y ? (1, 0) : (x > y ? (0, 1) : (0.5, 0.5))
        }
    }

    /// An element-wise function of one operand with its derivative at each element.
    public func map(tape: Tape?, _ f: (Double) -> Double, derivative: @escaping (Double, Double) -> Double) throws -> Variable {
        let x = value
        let out = x.map(f)
        return try Variable(out, inputs: [self], saved: x.count, tape: tape ?? self.tape) { g in
            var d = g.scalars
            for k in d.indices { d[k] *= derivative(x.scalars[k], out.scalars[k]) }
            return [Tensor(uncheckedShape: g.shape, scalars: d)]
        }
    }

    public static prefix func - (a: Variable) throws -> Variable {
        try a.map(tape: nil, { -$0 }) { _, _ in -1 }
    }

    public func exp(tape: Tape? = nil) throws -> Variable { try map(tape: tape, Foundation.exp) { _, out in out } }
    public func log(tape: Tape? = nil) throws -> Variable { try map(tape: tape, Foundation.log) { x, _ in 1 / x } }
    public func squareRoot(tape: Tape? = nil) throws -> Variable { try map(tape: tape, { $0.squareRoot() }) { _, out in 0.5 / out } }
    /// |x|, with derivative sign(x) and 0 at 0 (PyTorch).
    public func magnitude(tape: Tape? = nil) throws -> Variable {
        try map(tape: tape, Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }
    }
    /// x limited to [low, high]; the gradient passes strictly inside, low < x < high,
    /// and is 0 at the ends (PyTorch 2's clamp).
    public func clipped(low: Double, high: Double, tape: Tape? = nil) throws -> Variable {
        try map(tape: tape, { $0.isNaN ? $0 : Swift.min(Swift.max($0, low), high) }) { x, _ in x > low && x < high ? 1 : 0 }
    }

    /// An activation, its backward exactly the library's (the bits a network's training uses).
    public func activation(_ f: Activation, tape: Tape? = nil) throws -> Variable {
        let x = value
        return try Variable(f(x), inputs: [self], saved: x.count, tape: tape ?? self.tape) { g in [try f.backward(g, input: x)] }
    }

    /// The matrix product with NumPy's rules for vectors (as ``Tensor/matmul(_:)``).
    public static func matmul(_ a: Variable, _ b: Variable) throws -> Variable {
        let (x, y) = (a.value, b.value)
        let value = try x.matmul(y)
        return try Variable(value, inputs: [a, b], saved: x.count + y.count, tape: a.tape ?? b.tape) { g in
            // Treat vectors as a row (left) or a column (right), as the product did.
            let x2 = x.rank == 1 ? try x.reshaped([1, -1]) : x
            let y2 = y.rank == 1 ? try y.reshaped([-1, 1]) : y
            let g2 = try g.reshaped([x2.shape[0], y2.shape[1]])
            let gx = try g2.matmulTransposed(y2).reshaped(x.shape)
            let gy = try x2.transposedMatmul(g2).reshaped(y.shape)
            return [gx, gy]
        }
    }

    /// a @ bᵀ for matrices (the product a linear layer computes).
    public static func matmulTransposed(_ a: Variable, _ b: Variable) throws -> Variable {
        let (x, y) = (a.value, b.value)
        return try Variable(try x.matmulTransposed(y), inputs: [a, b], saved: x.count + y.count, tape: a.tape ?? b.tape) { g in
            [try g.matmul(y), try g.transposedMatmul(x)]
        }
    }

    /// aᵀ @ b for matrices.
    public static func transposedMatmul(_ a: Variable, _ b: Variable) throws -> Variable {
        let (x, y) = (a.value, b.value)
        return try Variable(try x.transposedMatmul(y), inputs: [a, b], saved: x.count + y.count, tape: a.tape ?? b.tape) { g in
            [try y.matmulTransposed(g), try x.matmul(g)]
        }
    }

    /// The axes reversed.
    public func transposed() throws -> Variable {
        try Variable(value.transposed(), inputs: [self], tape: tape) { g in [g.transposed()] }
    }

    /// The axes in the order `axes`.
    public func permuted(_ axes: [Int]) throws -> Variable {
        let normalized = axes.map { $0 < 0 ? $0 + value.rank : $0 }
        var inverse = [Int](repeating: 0, count: normalized.count)
        for (k, axis) in normalized.enumerated() where axis >= 0 && axis < inverse.count { inverse[axis] = k }
        return try Variable(try value.permuted(axes), inputs: [self], tape: tape) { g in [try g.permuted(inverse)] }
    }

    /// The same values in a new shape.
    public func reshaped(_ shape: [Int]) throws -> Variable {
        let original = value.shape
        return try Variable(try value.reshaped(shape), inputs: [self], tape: tape) { g in [try g.reshaped(original)] }
    }

    /// The sum of all elements, or along `axis`.
    public func sum(axis: Int? = nil) throws -> Variable {
        let shape = value.shape
        return try Variable(try value.sum(axis: axis), inputs: [self], tape: tape) { g in [try Variable.spread(g, to: shape, axis: axis)] }
    }

    /// The mean of all elements, or along `axis`.
    public func mean(axis: Int? = nil) throws -> Variable {
        let shape = value.shape
        let n = Double(axis.map { shape[$0 < 0 ? $0 + shape.count : $0] } ?? value.count)
        return try Variable(try value.mean(axis: axis), inputs: [self], tape: tape) { g in
            [try Variable.spread(g, to: shape, axis: axis).map { $0 / n }]
        }
    }

    /// The largest element or the largest along `axis`. Over all elements the
    /// gradient is shared evenly among the elements equal to the largest (PyTorch's
    /// `max()`); along an axis it goes to the index `argmax` gives, the first
    /// of equal ones (PyTorch's `max(dim)`).
    public func maximum(axis: Int?) throws -> Variable {
        try extreme(axis: axis, largest: true)
    }

    /// The smallest element or the smallest along `axis`, with ties as ``maximum(axis:)``.
    public func minimum(axis: Int?) throws -> Variable {
        try extreme(axis: axis, largest: false)
    }

    private func extreme(axis: Int?, largest: Bool) throws -> Variable {
        let x = value
        let out = largest ? try x.max(axis: axis) : try x.min(axis: axis)
        return try Variable(out, inputs: [self], saved: x.count, tape: tape) { g in
            guard let axis else {
                let top = out.scalars[0]
                let isTop: (Double) -> Bool = { $0 == top || ($0.isNaN && top.isNaN) }
                let ties = Double(x.scalars.filter(isTop).count)
                return [x.map { isTop($0) ? g.scalars[0] / ties : 0 }]
            }
            let index = largest ? try x.argmax(axis: axis) : try x.argmin(axis: axis)
            return [try Variable.scatter(g, at: index, into: x.shape, axis: axis)]
        }
    }

    /// log Σ exp(x) of all elements or along `axis`; its gradient is the softmax.
    public func logSumExp(axis: Int?) throws -> Variable {
        let x = value
        let out = try x.logSumExp(axis: axis)
        return try Variable(out, inputs: [self], saved: x.count, tape: tape) { g in
            let spreadOut = try Variable.spread(out, to: x.shape, axis: axis)
            let spreadG = try Variable.spread(g, to: x.shape, axis: axis)
            return [try x.subtracting(spreadOut).exponential().multiplying(spreadG)]
        }
    }

    /// The Euclidean norm of all elements or along `axis`; its gradient x/‖x‖, 0 where the norm is 0.
    public func norm(axis: Int?) throws -> Variable {
        let x = value
        let out = try x.multiplying(x).sum(axis: axis).map { $0.squareRoot() }
        return try Variable(out, inputs: [self], saved: x.count, tape: tape) { g in
            let n = try Variable.spread(out, to: x.shape, axis: axis)
            let gs = try Variable.spread(g, to: x.shape, axis: axis)
            return [try Tensor(shape: x.shape, scalars: (0..<x.count).map { n.scalars[$0] == 0 ? 0 : gs.scalars[$0] * x.scalars[$0] / n.scalars[$0] })]
        }
    }

    /// Softmax along `axis`.
    public func softmax(axis: Int) throws -> Variable {
        let out = try value.softmax(axis: axis)
        return try Variable(out, inputs: [self], saved: out.count, tape: tape) { g in
            // g·s − s·Σ(g·s) along the axis.
            let gs = try g.multiplying(out)
            let total = try Variable.spread(try gs.sum(axis: axis), to: out.shape, axis: axis)
            return [try gs.subtracting(out.multiplying(total))]
        }
    }

    /// Log-softmax along `axis`.
    public func logSoftmax(axis: Int) throws -> Variable {
        let out = try value.logSoftmax(axis: axis)
        return try Variable(out, inputs: [self], saved: out.count, tape: tape) { g in
            let total = try Variable.spread(try g.sum(axis: axis), to: out.shape, axis: axis)
            return [try g.subtracting(out.exponential().multiplying(total))]
        }
    }

    /// The elements an index plan selects; the gradient is added back to their places.
    public func gathering(_ plan: IndexPlan) throws -> Variable {
        let shape = value.shape
        return try Variable(value.gathering(plan), inputs: [self], tape: tape) { g in
            var out = [Double](repeating: 0, count: Tensor.elementCount(of: shape) ?? 0)
            for (k, offset) in plan.offsets.enumerated() { out[offset] += g.scalars[k] }
            return [Tensor(uncheckedShape: shape, scalars: out)]
        }
    }

    /// Tensors joined along `axis`.
    public static func concatenate(_ parts: [Variable], axis: Int) throws -> Variable {
        let values = parts.map(\.value)
        let value = try Tensor.concatenate(values, axis: axis)
        let a = axis < 0 ? axis + value.rank : axis
        return try Variable(value, inputs: parts, tape: parts.lazy.compactMap(\.tape).first) { g in
            var start = 0
            return try values.map { part in
                let extent = part.shape[a]
                defer { start += extent }
                let plan = try g.plan((0..<g.rank).map { $0 == a ? .slice(start: start, end: start + extent, step: 1) : .slice(start: nil, end: nil, step: 1) })
                return g.gathering(plan)
            }
        }
    }

    /// Tensors of one shape stacked along a new axis.
    public static func stack(_ parts: [Variable], axis: Int) throws -> Variable {
        guard let first = parts.first else { throw TensorError.empty(operation: "stack") }
        let a = axis < 0 ? axis + first.value.rank + 1 : axis
        let expanded = try parts.map { part -> Variable in
            var shape = part.value.shape
            guard a >= 0, a <= shape.count else { throw TensorError.axisOutOfRange(axis: axis, rank: shape.count + 1) }
            shape.insert(1, at: a)
            return try part.reshaped(shape)
        }
        return try concatenate(expanded, axis: a)
    }

    /// `where`: a where the condition holds, b elsewhere; no gradient to the condition.
    public static func choose(_ condition: Tensor, _ a: Variable, _ b: Variable) throws -> Variable {
        guard let ab = Tensor.broadcastShape(a.value.shape, b.value.shape), let shape = Tensor.broadcastShape(condition.shape, ab) else {
            throw TensorError.shapeMismatch(operation: "where", a.value.shape, b.value.shape)
        }
        let zeros = try Tensor(repeating: 0, shape: shape)
        let (c, x, y) = (try zeros.adding(condition), try zeros.adding(a.value), try zeros.adding(b.value))
        let value = try Tensor(shape: shape, scalars: (0..<c.count).map { c.scalars[$0] != 0 ? x.scalars[$0] : y.scalars[$0] })
        let (sa, sb) = (a.value.shape, b.value.shape)
        return try Variable(value, inputs: [a, b], saved: c.count, tape: a.tape ?? b.tape) { g in
            let ga = try Tensor(shape: shape, scalars: (0..<g.count).map { c.scalars[$0] != 0 ? g.scalars[$0] : 0 })
            let gb = try Tensor(shape: shape, scalars: (0..<g.count).map { c.scalars[$0] != 0 ? 0 : g.scalars[$0] })
            return [try ga.summed(toShape: sa), try gb.summed(toShape: sb)]
        }
    }

    /// A loss of a prediction against a constant target, with the library's
    /// value and gradient. `reduction` is PyTorch's: "mean" (the library's
    /// own, the bits training uses), "sum" (of each element's loss) or "none"
    /// (each element's loss; each row's for cross-entropy).
    public static func loss(_ loss: Loss, _ prediction: Variable, _ target: Tensor, reduction: Loss.Reduction, tape: Tape?) throws -> Variable {
        let p = prediction.value
        if reduction == .mean {
            let (value, gradient) = try loss.evaluate(p, target)
            return try Variable(Tensor(scalar: value), inputs: [prediction], saved: gradient.count, tape: tape ?? prediction.tape) { g in
                [gradient.map { $0 * g.scalars[0] }]
            }
        }
        let (values, derivatives) = try loss.elementwise(p, target)
        let value = reduction == .sum ? Tensor(scalar: values.scalars.reduce(0, +)) : values
        let shape = values.shape
        return try Variable(value, inputs: [prediction], saved: derivatives.count, tape: tape ?? prediction.tape) { g in
            let each = reduction == .sum ? Tensor(uncheckedShape: shape, scalars: [Double](repeating: g.scalars[0], count: Tensor.elementCount(of: shape) ?? 0)) : g
            return [try loss.chain(each, derivatives, prediction: p)]
        }
    }

    /// A reduction's gradient spread back over the reduced axis (or every element).
    static func spread(_ g: Tensor, to shape: [Int], axis: Int?) throws -> Tensor {
        let zeros = try Tensor(repeating: 0, shape: shape)
        guard let axis else { return zeros.map { _ in g.scalars[0] } }
        let a = axis < 0 ? axis + shape.count : axis
        var kept = shape
        kept[a] = 1
        return try zeros.adding(try g.reshaped(kept))
    }

    /// A gradient along `axis` sent to the positions `index` names.
    static func scatter(_ g: Tensor, at index: Tensor, into shape: [Int], axis: Int) throws -> Tensor {
        let a = axis < 0 ? axis + shape.count : axis
        let outer = shape[..<a].reduce(1, *), extent = shape[a], inner = shape[(a + 1)...].reduce(1, *)
        var out = [Double](repeating: 0, count: outer * extent * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let k = Int(index.scalars[o * inner + i])
                out[(o * extent + k) * inner + i] += g.scalars[o * inner + i]
            }
        }
        return Tensor(uncheckedShape: shape, scalars: out)
    }
}
