import Foundation

extension Tensor {
    /// Softmax along `axis`: exp(x − max) / Σ exp(x − max). Subtracting the
    /// maximum keeps every exponent ≤ 0, so [1000, 1001, 1002] and rows of huge
    /// negative numbers give finite results.
    ///
    /// Shape: unchanged.
    public func softmax(axis: Int = -1) throws -> Tensor {
        try alongRuns(axis: axis) { run in
            let m = run.max() ?? 0
            var out = VectorMath.exp(run.map { $0 - m })
            let total = out.reduce(0, +)
            for i in out.indices { out[i] /= total }
            return out
        }
    }

    /// Log-softmax along `axis`: x − max − log Σ exp(x − max), exact where
    /// log(softmax) would underflow to −inf.
    ///
    /// Shape: unchanged.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        try alongRuns(axis: axis) { run in
            let m = run.max() ?? 0
            let logTotal = VectorMath.log(VectorMath.exp(run.map { $0 - m }).reduce(0, +))
            return run.map { $0 - m - logTotal }
        }
    }

    /// Replaces every run of values along `axis` by `transform` of it.
    func alongRuns(axis: Int, _ transform: ([Double]) -> [Double]) throws -> Tensor {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else { throw TensorError.axisOutOfRange(axis: axis, rank: rank) }
        let extent = shape[a]
        guard extent > 0 else { return self }
        let inner = shape[(a + 1)...].reduce(1, *)
        let outer = shape[..<a].reduce(1, *)
        var out = scalars
        var run = [Double](repeating: 0, count: extent)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * extent * inner + i
                for k in 0..<extent { run[k] = scalars[base + k * inner] }
                let result = transform(run)
                for k in 0..<extent { out[base + k * inner] = result[k] }
            }
        }
        return Tensor(uncheckedShape: shape, scalars: out)
    }
}
