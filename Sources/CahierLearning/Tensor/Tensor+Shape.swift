extension Tensor {
    /// The same values with a new shape; one extent may be `-1` and is then inferred.
    ///
    /// Shape: `shape` with `-1` replaced; its element count equals `count`.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
            throw TensorError.invalidShape(newShape)
        }
        var resolved = newShape
        if let axis = inferred.first {
            let known = newShape.filter { $0 != -1 }
            guard let product = Tensor.elementCount(of: known), product > 0, count % product == 0 else {
                throw TensorError.countMismatch(shape: newShape, count: count)
            }
            resolved[axis] = count / product
        }
        guard Tensor.elementCount(of: resolved) == count else {
            throw TensorError.countMismatch(shape: resolved, count: count)
        }
        return Tensor(uncheckedShape: resolved, scalars: scalars)
    }

    /// The transpose: axes in reverse order (a vector is returned unchanged).
    ///
    /// Shape: `[n, m] -> [m, n]`; in general `shape.reversed()`.
    public func transposed() -> Tensor {
        guard rank >= 2 else { return self }
        let outShape = Array(shape.reversed())
        let inStrides = Tensor.strides(of: shape)
        let outStrides = Tensor.strides(of: outShape)
        var out = [Double](repeating: 0, count: count)
        for k in 0..<count {
            var rest = k
            var source = 0
            for axis in 0..<outShape.count {
                let i = rest / outStrides[axis]
                rest %= outStrides[axis]
                source += i * inStrides[rank - 1 - axis]
            }
            out[k] = scalars[source]
        }
        return Tensor(uncheckedShape: outShape, scalars: out)
    }

    /// The sub-tensor at `index` along the first axis; negative indices count from the end.
    ///
    /// Shape: `shape.dropFirst()`.
    public func slice(at index: Int) throws -> Tensor {
        guard rank >= 1 else { throw TensorError.rankMismatch(operation: "indexing", expected: "rank ≥ 1", actual: 0) }
        let extent = shape[0]
        let i = index < 0 ? index + extent : index
        guard i >= 0, i < extent else { throw TensorError.indexOutOfRange(index: index, extent: extent) }
        let inner = rank == 2 ? Tensor.vectorShape(shape[1]) : Array(shape.dropFirst())
        let size = Tensor.elementCount(of: inner) ?? 0
        let row = [Double](count: size) { out in
            guard size > 0 else { return }
            scalars.withUnsafeBufferPointer { out.baseAddress!.initialize(from: $0.baseAddress! + i * size, count: size) }
        }
        return Tensor(uncheckedShape: inner, scalars: row)
    }

    /// The rows `range` of the first axis.
    ///
    /// Shape: `[range.count] + shape.dropFirst()`.
    public func rows(_ range: Range<Int>) throws -> Tensor {
        guard rank >= 1 else { throw TensorError.rankMismatch(operation: "rows", expected: "rank ≥ 1", actual: 0) }
        guard range.lowerBound >= 0, range.upperBound <= shape[0] else {
            throw TensorError.indexOutOfRange(index: range.upperBound, extent: shape[0])
        }
        let size = count / Swift.max(shape[0], 1)
        var outShape = shape
        outShape[0] = range.count
        return Tensor(uncheckedShape: outShape, scalars: Array(scalars[(range.lowerBound * size)..<(range.upperBound * size)]))
    }

    /// Joins tensors along the first axis; all other extents must agree.
    ///
    /// Shape: `[Σ nᵢ] + rest`.
    public static func concatenate(_ parts: [Tensor]) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.empty(operation: "concatenate") }
        guard first.rank >= 1 else { throw TensorError.rankMismatch(operation: "concatenate", expected: "rank ≥ 1", actual: 0) }
        var rows = 0
        var values: [Double] = []
        for part in parts {
            guard part.rank == first.rank, part.shape.dropFirst() == first.shape.dropFirst() else {
                throw TensorError.shapeMismatch(operation: "concatenate", first.shape, part.shape)
            }
            rows += part.shape[0]
            values += part.scalars
        }
        var shape = first.shape
        shape[0] = rows
        return Tensor(uncheckedShape: shape, scalars: values)
    }

    /// Stacks tensors of equal shape along a new first axis.
    ///
    /// Shape: `[parts.count] + parts[0].shape`.
    public static func stack(_ parts: [Tensor]) throws -> Tensor {
        guard let first = parts.first else { throw TensorError.empty(operation: "stack") }
        var values: [Double] = []
        values.reserveCapacity(first.count * parts.count)
        for part in parts {
            guard part.shape == first.shape else {
                throw TensorError.shapeMismatch(operation: "stack", first.shape, part.shape)
            }
            values += part.scalars
        }
        return Tensor(uncheckedShape: [parts.count] + first.shape, scalars: values)
    }

    /// The element at a full multi-index; negative indices count from the end.
    public func element(at indices: [Int]) throws -> Double {
        guard indices.count == rank else {
            throw TensorError.rankMismatch(operation: "indexing with \(indices.count) indices", expected: "rank \(indices.count)", actual: rank)
        }
        var offset = 0
        let strides = Tensor.strides(of: shape)
        for (axis, index) in indices.enumerated() {
            let i = index < 0 ? index + shape[axis] : index
            guard i >= 0, i < shape[axis] else { throw TensorError.indexOutOfRange(index: index, extent: shape[axis]) }
            offset += i * strides[axis]
        }
        return scalars[offset]
    }
}

extension Tensor {
    /// The rows at `indices` along the first axis, in that order.
    ///
    /// Shape: `[indices.count] + shape.dropFirst()`.
    public func rows(at indices: [Int]) throws -> Tensor {
        guard rank >= 1 else { throw TensorError.rankMismatch(operation: "rows", expected: "rank ≥ 1", actual: 0) }
        let size = shape.dropFirst().reduce(1, *)
        var out = [Double]()
        out.reserveCapacity(indices.count * size)
        for i in indices {
            guard i >= 0, i < shape[0] else { throw TensorError.indexOutOfRange(index: i, extent: shape[0]) }
            out += scalars[(i * size)..<((i + 1) * size)]
        }
        var outShape = shape
        outShape[0] = indices.count
        return Tensor(uncheckedShape: outShape, scalars: out)
    }
}
