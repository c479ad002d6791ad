/// One index of a tensor subscript, with NumPy's meaning.
public enum TensorIndex: Sendable, Hashable {
    /// One position of an axis (negative counts from the end); the axis goes away.
    case at(Int)
    /// Positions start, start + step, … before end, NumPy's slice: either bound
    /// may be left out and negative bounds count from the end; out-of-range
    /// bounds are clipped. The axis stays.
    case slice(start: Int?, end: Int?, step: Int)
    /// The positions a tensor of whole numbers lists, in its shape (NumPy's
    /// integer-array indexing).
    case positions(Tensor)
    /// The positions where a tensor of 0s and 1s holds 1, over as many axes as
    /// it has (NumPy's boolean indexing); they become one axis.
    case mask(Tensor)
}

/// Where the elements a subscript selects are, and the shape they make.
public struct IndexPlan: Sendable {
    /// The shape of the selection.
    public var shape: [Int]
    /// The row-major offset in the source of each selected element, in order.
    public var offsets: [Int]
}

extension Tensor {
    /// Plans a subscript: at most one index may be `positions` or `mask` (its
    /// axes then stand where it stands, NumPy's rule for one array index);
    /// axes left unindexed at the end are taken whole.
    public func plan(_ indices: [TensorIndex]) throws -> IndexPlan {
        let strides = Tensor.strides(of: shape)
        var axis = 0
        var base = 0
        // Each kept dimension: its extent and the offsets along it.
        var dimensions: [(shape: [Int], offsets: [Int])] = []
        var advanced = false
        for index in indices {
            switch index {
            case .at(let i):
                guard axis < rank else { throw TensorError.invalid("too many indices for a tensor of rank \(rank)") }
                base += try Tensor.position(i, extent: shape[axis]) * strides[axis]
                axis += 1
            case .slice(let start, let end, let step):
                guard axis < rank else { throw TensorError.invalid("too many indices for a tensor of rank \(rank)") }
                let positions = Tensor.slice(start: start, end: end, step: step, extent: shape[axis])
                dimensions.append(([positions.count], positions.map { $0 * strides[axis] }))
                axis += 1
            case .positions(let t):
                guard !advanced else { throw TensorError.invalid("only one index may be a tensor of positions or a mask") }
                advanced = true
                guard axis < rank else { throw TensorError.invalid("too many indices for a tensor of rank \(rank)") }
                let offsets = try t.scalars.map { value -> Int in
                    guard value.isFinite, value == value.rounded(), Swift.abs(value) < 9e15 else {
                        throw TensorError.invalid("an index tensor must hold whole numbers, got \(value.messageText)")
                    }
                    return try Tensor.position(Int(value), extent: shape[axis]) * strides[axis]
                }
                dimensions.append((t.shape, offsets))
                axis += 1
            case .mask(let m):
                guard !advanced else { throw TensorError.invalid("only one index may be a tensor of positions or a mask") }
                advanced = true
                let covered = Array(shape[Swift.min(axis, rank)..<Swift.min(axis + Swift.max(m.rank, 1), rank)])
                guard m.rank >= 1, covered == m.shape else {
                    throw TensorError.invalid("a mask of shape \(Tensor.describe(m.shape)) does not fit axes \(Tensor.describe(covered)) of a tensor of shape \(Tensor.describe(shape))")
                }
                let maskStrides = Tensor.strides(of: m.shape)
                var offsets: [Int] = []
                for (k, value) in m.scalars.enumerated() where value != 0 {
                    var rest = k, offset = 0
                    for j in 0..<m.rank {
                        offset += (rest / maskStrides[j]) * strides[axis + j]
                        rest %= maskStrides[j]
                    }
                    offsets.append(offset)
                }
                dimensions.append(([offsets.count], offsets))
                axis += m.rank
            }
        }
        while axis < rank {
            dimensions.append(([shape[axis]], (0..<shape[axis]).map { $0 * strides[axis] }))
            axis += 1
        }
        let outShape = dimensions.flatMap(\.shape)
        guard let total = Tensor.elementCount(of: outShape) else { throw TensorError.invalidShape(outShape) }
        // Nothing selected: no offsets (and no extents to divide the count by).
        guard total > 0 else { return IndexPlan(shape: outShape, offsets: []) }
        var offsets = [Int](repeating: base, count: total)
        // Row-major product of the dimensions' offsets.
        offsets.withUnsafeMutableBufferPointer { out in
            var inner = total
            for dimension in dimensions {
                let n = dimension.offsets.count
                guard n > 0 else { break }
                inner /= n
                let outer = total / (inner * n)
                var k = 0
                dimension.offsets.withUnsafeBufferPointer { along in
                    for _ in 0..<outer {
                        for offset in along {
                            for _ in 0..<inner {
                                out[k] += offset
                                k += 1
                            }
                        }
                    }
                }
            }
        }
        return IndexPlan(shape: outShape, offsets: offsets)
    }

    /// The elements a plan selects.
    ///
    /// Shape: `plan.shape`.
    public func gathering(_ plan: IndexPlan) -> Tensor {
        let values = [Double](unsafeUninitializedCapacity: plan.offsets.count) { out, initialized in
            scalars.withUnsafeBufferPointer { source in
                plan.offsets.withUnsafeBufferPointer { offsets in
                    for k in offsets.indices { out[k] = source[offsets[k]] }
                }
            }
            initialized = plan.offsets.count
        }
        return Tensor(uncheckedShape: plan.shape, scalars: values)
    }

    /// Writes `values`, broadcast to the plan's shape, to the places the plan selects.
    public mutating func scatter(_ plan: IndexPlan, _ values: Tensor) throws {
        let filled: Tensor
        if values.shape == plan.shape {
            filled = values
        } else {
            guard let shape = Tensor.broadcastShape(plan.shape, values.shape), shape == plan.shape else {
                throw TensorError.invalid("a value of shape \(Tensor.describe(values.shape)) cannot be written to a selection of shape \(Tensor.describe(plan.shape))")
            }
            filled = try Tensor(repeating: 0, shape: plan.shape).adding(values)
        }
        filled.scalars.withUnsafeBufferPointer { source in
            scalars.withUnsafeMutableBufferPointer { target in
                for (k, offset) in plan.offsets.enumerated() { target[offset] = source[k] }
            }
        }
    }

    /// Sets the element at a row-major offset (which the caller has checked).
    public mutating func setScalar(at offset: Int, _ value: Double) {
        scalars[offset] = value
    }

    /// A position along an axis: negative counts from the end.
    static func position(_ i: Int, extent: Int) throws -> Int {
        let j = i < 0 ? i + extent : i
        guard j >= 0, j < extent else { throw TensorError.indexOutOfRange(index: i, extent: extent) }
        return j
    }

    /// The positions of a NumPy slice of an axis of `extent`.
    public static func slice(start: Int?, end: Int?, step: Int, extent: Int) -> [Int] {
        func clip(_ value: Int, low: Int, high: Int) -> Int { Swift.max(low, Swift.min(high, value)) }
        func normalize(_ value: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
            guard let value else { return fallback }
            return clip(value < 0 ? value + extent : value, low: low, high: high)
        }
        if step > 0 {
            let a = normalize(start, 0, low: 0, high: extent), b = normalize(end, extent, low: 0, high: extent)
            return a < b ? Array(stride(from: a, to: b, by: step)) : []
        }
        let a = normalize(start, extent - 1, low: -1, high: extent - 1), b = normalize(end, -1, low: -1, high: extent - 1)
        return a > b ? Array(stride(from: a, to: b, by: step)) : []
    }
}
