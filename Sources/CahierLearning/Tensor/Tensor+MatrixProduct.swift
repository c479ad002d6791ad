extension Tensor {
    /// The matrix product, with NumPy's rules for vectors: a vector on the left
    /// is a row, a vector on the right is a column, and the added axis is removed.
    /// Computed by OpenBLAS's `cblas_dgemm` on one thread (``BLAS``).
    ///
    /// Shape: `[n, k] @ [k, m] -> [n, m]`, `[k] @ [k, m] -> [m]`,
    /// `[n, k] @ [k] -> [n]`, `[k] @ [k] -> []`.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard (1...2).contains(rank), (1...2).contains(other.rank) else {
            throw TensorError.shapeMismatch(operation: "@", shape, other.shape)
        }
        let (n, k) = rank == 2 ? (shape[0], shape[1]) : (1, shape[0])
        let (k2, m) = other.rank == 2 ? (other.shape[0], other.shape[1]) : (other.shape[0], 1)
        guard k == k2 else { throw TensorError.shapeMismatch(operation: "@", shape, other.shape) }
        if rank == 1, other.rank == 1 { return Tensor(scalar: dot(other)) }
        let outShape = rank == 2 && other.rank == 2 ? [n, m] : Tensor.vectorShape(rank == 2 ? n : m)
        return Tensor(uncheckedShape: outShape, scalars: Tensor.gemm(scalars, transposeA: false, other.scalars, transposeB: false, n: n, k: k, m: m))
    }

    /// The dot product of two vectors of one length, summed in order from
    /// the first element: Σ aᵢbᵢ as a loop over i, the same bits as a
    /// hand-written loop (the perceptron's wᵀx).
    public func dot(_ other: Tensor) -> Double {
        var total = 0.0
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                for i in 0..<Swift.min(a.count, b.count) { total += a[i] * b[i] }
            }
        }
        return total
    }

    /// `aᵀ @ b` without forming the transpose.
    ///
    /// Shape: `[k, n]ᵀ @ [k, m] -> [n, m]`.
    public func transposedMatmul(_ other: Tensor) throws -> Tensor {
        guard rank == 2, other.rank == 2, shape[0] == other.shape[0] else {
            throw TensorError.shapeMismatch(operation: "ᵀ@", shape, other.shape)
        }
        let (k, n, m) = (shape[0], shape[1], other.shape[1])
        return Tensor(uncheckedShape: [n, m], scalars: Tensor.gemm(scalars, transposeA: true, other.scalars, transposeB: false, n: n, k: k, m: m))
    }

    /// `a @ bᵀ` without forming the transpose.
    ///
    /// Shape: `[n, k] @ [m, k]ᵀ -> [n, m]`.
    public func matmulTransposed(_ other: Tensor) throws -> Tensor {
        guard rank == 2, other.rank == 2, shape[1] == other.shape[1] else {
            throw TensorError.shapeMismatch(operation: "@ᵀ", shape, other.shape)
        }
        let (n, k, m) = (shape[0], shape[1], other.shape[0])
        // Many rows times a small matrix (a layer's weights): OpenBLAS's small
        // kernel for a transposed B runs at half the speed of its packed plain
        // kernel here, so the small matrix is transposed first (cheap: it is small).
        if n >= 4 * m, m * k <= 65_536 {
            var transposed = [Double](repeating: 0, count: k * m)
            other.scalars.withUnsafeBufferPointer { b in
                for j in 0..<m { for p in 0..<k { transposed[p * m + j] = b[j * k + p] } }
            }
            return Tensor(uncheckedShape: [n, m], scalars: Tensor.gemm(scalars, transposeA: false, transposed, transposeB: false, n: n, k: k, m: m))
        }
        return Tensor(uncheckedShape: [n, m], scalars: Tensor.gemm(scalars, transposeA: false, other.scalars, transposeB: true, n: n, k: k, m: m))
    }

    /// C = op(A) · op(B) for row-major A (n×k, or k×n when transposed) and B (k×m, or m×k).
    static func gemm(_ a: [Double], transposeA: Bool, _ b: [Double], transposeB: Bool, n: Int, k: Int, m: Int) -> [Double] {
        // With beta = 0 the product writes every element of C without reading it (BLAS's
        // contract, and the Swift loop's), so C needs no zeroing pass; an empty sum (k = 0) is zeros.
        guard k > 0 else { return [Double](repeating: 0, count: n * m) }
        return [Double](unsafeUninitializedCapacity: n * m) { c, initialized in
            initialized = n * m
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    // n, k, m > 0 give three non-empty buffers; an empty C has nothing to write.
                    guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = c.baseAddress else { return }
                    BLAS.gemm(pa, transposeA: transposeA, pb, transposeB: transposeB, n: n, k: k, m: m, pc, beta: 0)
                }
            }
        }
    }

    /// C ← op(A) · op(B) + beta · C, in place: with beta = 1 a product is added to
    /// C without allocating it (gradients accumulate this way).
    static func gemm(_ a: [Double], transposeA: Bool, _ b: [Double], transposeB: Bool, n: Int, k: Int, m: Int,
                     into c: inout [Double], beta: Double) {
        guard n > 0, m > 0, k > 0 else { return }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard let pa = pa.baseAddress, let pb = pb.baseAddress, let pc = pc.baseAddress else { return }
                    BLAS.gemm(pa, transposeA: transposeA, pb, transposeB: transposeB, n: n, k: k, m: m, pc, beta: beta)
                }
            }
        }
    }
}
