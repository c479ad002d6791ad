import Foundation

extension Tensor {
    /// The shape two operands broadcast to, NumPy's rule: axes are aligned
    /// from the right and each pair must be equal or contain a 1.
    public static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var result = Array(repeating: 0, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if x == y || y == 1 {
                result[i] = x
            } else if x == 1 {
                result[i] = y
            } else {
                return nil
            }
        }
        return result
    }

    /// Applies `combine` element-wise after broadcasting both operands.
    ///
    /// Always inlined, so that each caller's `combine` is compiled into the
    /// loops of the common shapes (equal shapes, a single number, a row or a
    /// column broadcast over a matrix); other broadcasts take the general path.
    ///
    /// Shape: the broadcast shape of `self.shape` and `other.shape`.
    @inline(__always)
    public func zipWith(
        _ other: Tensor, operation: String, _ combine: (Double, Double) -> Double
    ) throws -> Tensor {
        if shape == other.shape {
            var out = scalars
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    for i in o.indices { o[i] = combine(o[i], b[i]) }
                }
            }
            return Tensor(uncheckedShape: shape, scalars: out)
        }
        // A single number on either side, or a row or a column over a matrix: no index arithmetic.
        if other.count == 1, other.rank <= rank {
            let y = other.scalars[0]
            return map { combine($0, y) }
        }
        if count == 1, rank <= other.rank {
            let x = scalars[0]
            return other.map { combine(x, $0) }
        }
        if rank == 2, other.rank == 1 || other.rank == 2 && other.shape[0] == 1, shape[1] == other.shape[other.rank - 1] {
            var out = scalars
            let (n, m) = (shape[0], shape[1])
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    for row in 0..<n {
                        let start = row * m
                        for j in 0..<m { o[start + j] = combine(o[start + j], b[j]) }
                    }
                }
            }
            return Tensor(uncheckedShape: shape, scalars: out)
        }
        if rank == 2, other.rank == 2, other.shape[1] == 1, other.shape[0] == shape[0] {
            var out = scalars
            let (n, m) = (shape[0], shape[1])
            other.scalars.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    for row in 0..<n {
                        let (start, y) = (row * m, b[row])
                        for j in 0..<m { o[start + j] = combine(o[start + j], y) }
                    }
                }
            }
            return Tensor(uncheckedShape: shape, scalars: out)
        }
        return try broadcastZip(other, operation: operation, combine)
    }

    /// ``zipWith(_:operation:_:)`` for any two shapes that broadcast.
    private func broadcastZip(_ other: Tensor, operation: String, _ combine: (Double, Double) -> Double) throws -> Tensor {
        guard let outShape = Tensor.broadcastShape(shape, other.shape) else {
            throw TensorError.shapeMismatch(operation: operation, shape, other.shape)
        }
        let count = Tensor.elementCount(of: outShape) ?? 0
        let aStrides = broadcastStrides(to: outShape)
        let bStrides = other.broadcastStrides(to: outShape)
        var out = [Double](repeating: 0, count: count)
        var index = Array(repeating: 0, count: outShape.count)
        var ia = 0, ib = 0
        for k in 0..<count {
            out[k] = combine(scalars[ia], other.scalars[ib])
            // Advance the multi-index like an odometer.
            var axis = outShape.count - 1
            while axis >= 0 {
                index[axis] += 1
                ia += aStrides[axis]
                ib += bStrides[axis]
                if index[axis] < outShape[axis] { break }
                ia -= aStrides[axis] * outShape[axis]
                ib -= bStrides[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(uncheckedShape: outShape, scalars: out)
    }

    /// Strides that read this tensor as if it had `target` shape (0 along broadcast axes).
    private func broadcastStrides(to target: [Int]) -> [Int] {
        let own = Tensor.strides(of: shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { axis in
            axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
        }
    }

    /// Applies `transform` to every element (inlined, so each caller's `transform` is compiled into the loop).
    @inline(__always)
    public func map(_ transform: (Double) -> Double) -> Tensor {
        let out = [Double](count: count) { buffer in
            scalars.withUnsafeBufferPointer { source in
                for i in 0..<source.count { buffer[i] = transform(source[i]) }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: out)
    }

    /// Element-wise sum with broadcasting.
    public func adding(_ other: Tensor) throws -> Tensor { try zipWith(other, operation: "+", +) }
    /// Element-wise difference with broadcasting.
    public func subtracting(_ other: Tensor) throws -> Tensor { try zipWith(other, operation: "-", -) }
    /// Element-wise product with broadcasting.
    public func multiplying(_ other: Tensor) throws -> Tensor { try zipWith(other, operation: "*", *) }
    /// Element-wise quotient with broadcasting (IEEE: x/0 is ±inf or nan).
    public func dividing(_ other: Tensor) throws -> Tensor { try zipWith(other, operation: "/", /) }
}

/// The four arithmetic operators, for element-wise loops without a closure.
public enum Arithmetic: Sendable {
    case add, subtract, multiply, divide
}

extension Tensor {
    /// `self op other` for two tensors of one shape (the caller checks it):
    /// the same bits as ``zipWith(_:operation:_:)``, each operator its own loop.
    public func combined(_ op: Arithmetic, _ other: Tensor) -> Tensor {
        precondition(count == other.count, "combined: tensors of different shapes")
        let n = count
        let out = [Double](count: n) { o in
            scalars.withUnsafeBufferPointer { a in
                other.scalars.withUnsafeBufferPointer { b in
                    switch op {
                    case .add: for i in 0..<n { o[i] = a[i] + b[i] }
                    case .subtract: for i in 0..<n { o[i] = a[i] - b[i] }
                    case .multiply: for i in 0..<n { o[i] = a[i] * b[i] }
                    case .divide: for i in 0..<n { o[i] = a[i] / b[i] }
                    }
                }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: out)
    }

    /// `self op y`, or `y op self` when `numberFirst`, for a number `y` (operands
    /// in that order, as ``zipWith(_:operation:_:)`` has them: the order picks
    /// which NaN's payload a sum of two NaNs keeps).
    public func combined(_ op: Arithmetic, number y: Double, numberFirst: Bool) -> Tensor {
        switch (op, numberFirst) {
        case (.add, false): return map { $0 + y }
        case (.add, true): return map { y + $0 }
        case (.multiply, false): return map { $0 * y }
        case (.multiply, true): return map { y * $0 }
        case (.subtract, false): return map { $0 - y }
        case (.subtract, true): return map { y - $0 }
        case (.divide, false): return map { $0 / y }
        case (.divide, true): return map { y / $0 }
        }
    }

    /// `self = self op other` in place for two tensors of one shape (the
    /// caller checks it): the bits of ``combined(_:_:)``, without a new
    /// buffer when this tensor's storage is not shared.
    public mutating func combine(_ op: Arithmetic, _ other: Tensor) {
        precondition(count == other.count, "combine: tensors of different shapes")
        let n = count
        other.scalars.withUnsafeBufferPointer { b in
            scalars.withUnsafeMutableBufferPointer { a in
                switch op {
                case .add: for i in 0..<n { a[i] = a[i] + b[i] }
                case .subtract: for i in 0..<n { a[i] = a[i] - b[i] }
                case .multiply: for i in 0..<n { a[i] = a[i] * b[i] }
                case .divide: for i in 0..<n { a[i] = a[i] / b[i] }
                }
            }
        }
    }

    /// `self = self op (y * t)`, or `self op (t * y)` when not `numberFirst`,
    /// in place for `op` `.add` or `.subtract` and a tensor `t` of this shape
    /// (the caller checks it): the bits of forming the product with
    /// ``combined(_:number:numberFirst:)`` and then ``combine(_:_:)``, each
    /// product rounded before it is added, without a buffer for the product.
    public mutating func combine(_ op: Arithmetic, _ t: Tensor, times y: Double, numberFirst: Bool) {
        precondition(count == t.count && (op == .add || op == .subtract), "combine(_:_:times:): a sum or difference of one shape")
        let n = count
        t.scalars.withUnsafeBufferPointer { b in
            scalars.withUnsafeMutableBufferPointer { a in
                switch (op, numberFirst) {
                case (.add, true): for i in 0..<n { a[i] = a[i] + y * b[i] }
                case (.add, false): for i in 0..<n { a[i] = a[i] + b[i] * y }
                case (.subtract, true): for i in 0..<n { a[i] = a[i] - y * b[i] }
                default: for i in 0..<n { a[i] = a[i] - b[i] * y }
                }
            }
        }
    }

    /// `self = self op y` in place for a number `y`: the bits of
    /// ``combined(_:number:numberFirst:)`` with the tensor first.
    public mutating func combine(_ op: Arithmetic, number y: Double) {
        scalars.withUnsafeMutableBufferPointer { a in
            switch op {
            case .add: for i in a.indices { a[i] = a[i] + y }
            case .subtract: for i in a.indices { a[i] = a[i] - y }
            case .multiply: for i in a.indices { a[i] = a[i] * y }
            case .divide: for i in a.indices { a[i] = a[i] / y }
            }
        }
    }
}
