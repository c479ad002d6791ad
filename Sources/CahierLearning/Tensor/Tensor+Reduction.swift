extension Tensor {
    /// Applies `reduce` to every run of values along `axis` (to all values when
    /// `axis` is nil). `reduce` gets the run's length and a reader of its values.
    ///
    /// Shape: `shape` without `axis`; `[]` when `axis` is nil.
    func alongAxis(_ axis: Int?, operation: String, _ reduce: (Int, (Int) -> Double) -> Double) throws -> Tensor {
        guard let axis else {
            guard count > 0 else { throw TensorError.empty(operation: operation) }
            return scalars.withUnsafeBufferPointer { values in Tensor(scalar: reduce(count) { values[$0] }) }
        }
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw TensorError.axisOutOfRange(axis: axis, rank: rank) }
        let extent = shape[a]
        guard extent > 0 else { throw TensorError.empty(operation: operation) }
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        var out = [Double](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { values in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * extent * inner + i
                    out[o * inner + i] = reduce(extent) { values[base + $0 * inner] }
                }
            }
        }
        var outShape = shape
        outShape.remove(at: a)
        return Tensor(uncheckedShape: outShape, scalars: out)
    }

    /// The sum of all elements, or along `axis`. The sum of an empty tensor is 0.
    ///
    /// Shape: `shape` without `axis`.
    public func sum(axis: Int? = nil) throws -> Tensor {
        if axis == nil && count == 0 { return Tensor(scalar: 0) }
        return try alongAxis(axis, operation: "sum") { n, value in
            var total = 0.0
            for k in 0..<n { total += value(k) }
            return total
        }
    }

    /// The mean of all elements, or along `axis`.
    ///
    /// Shape: `shape` without `axis`.
    public func mean(axis: Int? = nil) throws -> Tensor {
        try alongAxis(axis, operation: "mean") { n, value in
            var total = 0.0
            for k in 0..<n { total += value(k) }
            return total / Double(n)
        }
    }

    /// The largest element, or the largest along `axis`; NaN wins, like PyTorch.
    ///
    /// Shape: `shape` without `axis`.
    public func max(axis: Int? = nil) throws -> Tensor {
        try alongAxis(axis, operation: "max") { n, value in value(Tensor.argmax(count: n, value)) }
    }

    /// The index of the largest element (in row-major order), or along `axis`.
    /// Ties go to the first index; a NaN counts as the largest.
    ///
    /// Shape: `shape` without `axis`.
    public func argmax(axis: Int? = nil) throws -> Tensor {
        try alongAxis(axis, operation: "argmax") { n, value in Double(Tensor.argmax(count: n, value)) }
    }

    /// The first index of the largest value among `count` values read by `value`.
    static func argmax(count: Int, _ value: (Int) -> Double) -> Int {
        extreme(count: count, value, better: >)
    }

    /// The first index of the value that beats every other by `better`; a NaN beats all.
    static func extreme(count: Int, _ value: (Int) -> Double, better: (Double, Double) -> Bool) -> Int {
        var best = 0
        var bestValue = value(0)
        if bestValue.isNaN { return 0 }
        for k in 1..<Swift.max(count, 1) {
            let v = value(k)
            if v.isNaN { return k }
            if better(v, bestValue) { best = k; bestValue = v }
        }
        return best
    }
}
