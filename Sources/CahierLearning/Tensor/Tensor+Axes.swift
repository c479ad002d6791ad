import Foundation

extension Tensor {
    /// The tensor with its axes in the order `axes` (a permutation of
    /// 0..<rank): axis k of the result is axis `axes[k]` of this one, like
    /// PyTorch's `permute` and NumPy's `transpose(x, axes)`.
    ///
    /// Shape: `axes.map { shape[$0] }`.
    public func permuted(_ axes: [Int]) throws -> Tensor {
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }
        guard normalized.count == rank, Set(normalized) == Set(0..<rank) else {
            throw TensorError.invalid("permute needs each of the \(rank) axes once, got \(Tensor.describe(axes))")
        }
        let outShape = normalized.map { shape[$0] }
        let inStrides = Tensor.strides(of: shape)
        let strides = normalized.map { inStrides[$0] }
        var out = [Double](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: rank)
        var source = 0
        for k in 0..<count {
            out[k] = scalars[source]
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                source += strides[axis]
                if index[axis] < outShape[axis] { break }
                source -= strides[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(uncheckedShape: outShape, scalars: out)
    }

    /// Joins tensors along `axis`; all other extents must agree.
    ///
    /// Shape: the parts' shape with the extents along `axis` added.
    public static func concatenate(_ parts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.empty(operation: "concatenate") }
        guard first.rank >= 1 else { throw TensorError.rankMismatch(operation: "concatenate", expected: "rank ≥ 1", actual: 0) }
        let a = axis < 0 ? axis + first.rank : axis
        guard a >= 0, a < first.rank else { throw TensorError.axisOutOfRange(axis: axis, rank: first.rank) }
        for part in parts {
            guard part.rank == first.rank, (0..<first.rank).allSatisfy({ $0 == a || part.shape[$0] == first.shape[$0] }) else {
                throw TensorError.shapeMismatch(operation: "concatenate", first.shape, part.shape)
            }
        }
        let outer = first.shape[..<a].reduce(1, *)
        var shape: [Int]
        if first.rank == 1 {
            shape = Tensor.vectorShape(parts.reduce(0) { $0 + $1.shape[0] })
        } else {
            shape = first.shape
            shape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        }
        // The parts' elements, all of them copied: the buffer's size from the data itself.
        let total = parts.reduce(0) { $0 + $1.count }
        let values = [Double](unsafeUninitializedCapacity: total) { buffer, count in
            for o in 0..<outer {
                for k in parts.indices {
                    let run = parts[k].count / Swift.max(outer, 1)
                    guard run > 0 else { continue }
                    parts[k].scalars.withUnsafeBufferPointer { source in
                        (buffer.baseAddress! + count).initialize(from: source.baseAddress! + o * run, count: run)
                    }
                    count += run
                }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: values)
    }

    /// Stacks tensors of one shape along a new axis at `axis`.
    ///
    /// Shape: the parts' shape with `parts.count` inserted at `axis`.
    public static func stack(_ parts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.empty(operation: "stack") }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        guard a >= 0, a <= first.rank else { throw TensorError.axisOutOfRange(axis: axis, rank: first.rank + 1) }
        for part in parts where part.shape != first.shape { throw TensorError.shapeMismatch(operation: "stack", first.shape, part.shape) }
        var inserted = first.shape
        inserted.insert(1, at: a)
        return try concatenate(parts.map { Tensor(uncheckedShape: inserted, scalars: $0.scalars) }, axis: a)
    }

    /// The smallest element, or the smallest along `axis`; NaN wins, like PyTorch.
    ///
    /// Shape: `shape` without `axis`.
    public func min(axis: Int? = nil) throws -> Tensor {
        try alongAxis(axis, operation: "min") { n, value in value(Tensor.argmin(count: n, value)) }
    }

    /// The index of the smallest element (row-major), or along `axis`; ties go to the first.
    ///
    /// Shape: `shape` without `axis`.
    public func argmin(axis: Int? = nil) throws -> Tensor {
        try alongAxis(axis, operation: "argmin") { n, value in Double(Tensor.argmin(count: n, value)) }
    }

    static func argmin(count: Int, _ value: (Int) -> Double) -> Int {
        extreme(count: count, value, better: <)
    }

    /// log Σ exp(x), of all elements or along `axis`, computed as
    /// m + log Σ exp(x − m) with m the largest, so it neither overflows nor underflows.
    ///
    /// Shape: `shape` without `axis`.
    public func logSumExp(axis: Int? = nil) throws -> Tensor {
        try alongAxis(axis, operation: "logsumexp") { n, value in
            var m = -Double.infinity
            for k in 0..<n where value(k) > m || value(k).isNaN { m = value(k) }
            if m.isNaN || m.isInfinite { return m.isNaN ? .nan : (m > 0 ? m : -.infinity) }
            var shifted = (0..<n).map { value($0) - m }
            shifted.withUnsafeMutableBufferPointer { VectorMath.exp(inPlace: $0) }
            var total = 0.0
            for e in shifted { total += e }
            return m + VectorMath.log(total)
        }
    }
}
