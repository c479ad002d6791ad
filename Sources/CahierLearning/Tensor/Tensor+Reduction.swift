extension Tensor {
    /// Reduces along `axis` (all elements when `nil`), starting each run from
    /// its first element and folding the rest with `combine`.
    ///
    /// Shape: `shape` without `axis`; `[]` when `axis` is `nil`.
    func reduce(
        axis: Int?, operation: String, _ combine: (_ accumulated: Double, _ next: Double, _ position: Int) -> Double,
        finish: (Double, Int) -> Double = { value, _ in value }
    ) throws -> Tensor {
        guard let axis else {
            guard let first = scalars.first else { throw TensorError.empty(operation: operation) }
            var acc = first
            for k in 1..<Swift.max(count, 1) { acc = combine(acc, scalars[k], k) }
            return Tensor(scalar: finish(acc, count))
        }
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw TensorError.axisOutOfRange(axis: axis, rank: rank) }
        let extent = shape[a]
        guard extent > 0 else { throw TensorError.empty(operation: operation) }
        let outer = shape[..<a].reduce(1, *)
        let inner = shape[(a + 1)...].reduce(1, *)
        var out = [Double](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * extent * inner + i
                var acc = scalars[base]
                for k in 1..<extent { acc = combine(acc, scalars[base + k * inner], k) }
                out[o * inner + i] = finish(acc, extent)
            }
        }
        var outShape = shape
        outShape.remove(at: a)
        return Tensor(uncheckedShape: outShape, scalars: out)
    }

    /// The sum of all elements, or along `axis`.
    ///
    /// Shape: `shape` without `axis`. The sum of an empty tensor is 0.
    public func sum(axis: Int? = nil) throws -> Tensor {
        if axis == nil && count == 0 { return Tensor(scalar: 0) }
        return try reduce(axis: axis, operation: "sum") { acc, x, _ in acc + x }
    }

    /// The mean of all elements, or along `axis`.
    ///
    /// Shape: `shape` without `axis`.
    public func mean(axis: Int? = nil) throws -> Tensor {
        try reduce(axis: axis, operation: "mean", { acc, x, _ in acc + x }, finish: { $0 / Double($1) })
    }

    /// The largest element, or the largest along `axis`; NaN wins, like PyTorch.
    ///
    /// Shape: `shape` without `axis`.
    public func max(axis: Int? = nil) throws -> Tensor {
        try reduce(axis: axis, operation: "max") { acc, x, _ in
            acc.isNaN || x.isNaN ? .nan : Swift.max(acc, x)
        }
    }

    /// The index of the largest element (in row-major order), or along `axis`.
    /// Ties go to the first index; a NaN counts as the largest.
    ///
    /// Shape: `shape` without `axis`.
    public func argmax(axis: Int? = nil) throws -> Tensor {
        let a: Int? = axis.map { $0 < 0 ? $0 + rank : $0 }
        // Fold (best value, best index) pairs; encode them by tracking positions separately.
        if let a {
            guard a >= 0, a < rank else { throw TensorError.axisOutOfRange(axis: axis ?? a, rank: rank) }
            let extent = shape[a]
            guard extent > 0 else { throw TensorError.empty(operation: "argmax") }
            let outer = shape[..<a].reduce(1, *)
            let inner = shape[(a + 1)...].reduce(1, *)
            var out = [Double](repeating: 0, count: outer * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * extent * inner + i
                    out[o * inner + i] = Double(Tensor.argmax(count: extent) { scalars[base + $0 * inner] })
                }
            }
            var outShape = shape
            outShape.remove(at: a)
            return Tensor(uncheckedShape: outShape, scalars: out)
        }
        guard count > 0 else { throw TensorError.empty(operation: "argmax") }
        return Tensor(scalar: Double(Tensor.argmax(count: count) { scalars[$0] }))
    }

    /// The first index of the largest value among `count` values read by `value`.
    static func argmax(count: Int, _ value: (Int) -> Double) -> Int {
        var best = 0
        var bestValue = value(0)
        if bestValue.isNaN { return 0 }
        for k in 1..<Swift.max(count, 1) {
            let v = value(k)
            if v.isNaN { return k }
            if v > bestValue { best = k; bestValue = v }
        }
        return best
    }
}
