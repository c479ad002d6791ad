/// A matrix stored by rows, keeping only its non-zero entries (compressed
/// sparse rows). Bag-of-words data is like this: the spam corpus has ~7,800
/// words but a message uses a few dozen, so a dense matrix would be ~99.8% zeros.
///
/// Shape: `[rows, columns]`.
public struct SparseMatrix: Sendable, Hashable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// Row i's entries are `columnIndices[rowStarts[i]..<rowStarts[i + 1]]`, with `values` alike.
    public private(set) var rowStarts: [Int]
    /// The column of each stored entry, row after row.
    public private(set) var columnIndices: [Int]
    /// The value of each stored entry, row after row.
    public private(set) var values: [Double]

    /// A matrix from its rows, each a list of (column, value); repeated columns add up.
    public init(rows entries: [[(column: Int, value: Double)]], columns: Int) throws {
        self.rows = entries.count
        self.columns = columns
        rowStarts = [0]
        columnIndices = []
        values = []
        for row in entries {
            // Sort by column, add up repeated columns, drop zeros.
            let sorted = row.sorted { $0.column < $1.column }
            var k = 0
            while k < sorted.count {
                let column = sorted[k].column
                guard column >= 0, column < columns else { throw TensorError.indexOutOfRange(index: column, extent: columns) }
                var total = 0.0
                while k < sorted.count, sorted[k].column == column {
                    total += sorted[k].value
                    k += 1
                }
                if total != 0 {
                    columnIndices.append(column)
                    values.append(total)
                }
            }
            rowStarts.append(columnIndices.count)
        }
    }

    /// `[rows, columns]`.
    /// Rows whose columns are already increasing, distinct and in `0..<columns`.
    init(sortedRows entries: [[(column: Int, value: Double)]], columns: Int) {
        rows = entries.count
        self.columns = columns
        rowStarts = [0]
        rowStarts.reserveCapacity(entries.count + 1)
        columnIndices = []
        values = []
        for row in entries {
            for (column, value) in row where value != 0 {
                columnIndices.append(column)
                values.append(value)
            }
            rowStarts.append(columnIndices.count)
        }
    }

    /// `[rows, columns]`.
    public var shape: [Int] { [rows, columns] }
    /// The number of stored entries.
    public var nonZeroCount: Int { values.count }

    /// The rows at `indices`, in that order.
    public func rows(at indices: [Int]) throws -> SparseMatrix {
        var copy = self
        copy.rowStarts = [0]
        copy.columnIndices = []
        copy.values = []
        for i in indices {
            guard i >= 0, i < rows else { throw TensorError.indexOutOfRange(index: i, extent: rows) }
            copy.columnIndices += columnIndices[rowStarts[i]..<rowStarts[i + 1]]
            copy.values += values[rowStarts[i]..<rowStarts[i + 1]]
            copy.rowStarts.append(copy.columnIndices.count)
        }
        return SparseMatrix(rows: indices.count, columns: columns, rowStarts: copy.rowStarts, columnIndices: copy.columnIndices, values: copy.values)
    }

    private init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int], values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.values = values
    }

    /// The stored entries, row by row: `body(i, columnIndices, values)` for each
    /// row i gets that row's column indices and values, without bounds checks.
    @inline(__always)
    private func forEachRow(_ body: (Int, UnsafeBufferPointer<Int>.SubSequence, UnsafeBufferPointer<Double>.SubSequence) -> Void) {
        columnIndices.withUnsafeBufferPointer { columnIndices in
            values.withUnsafeBufferPointer { values in
                for i in 0..<rows {
                    let entries = rowStarts[i]..<rowStarts[i + 1]
                    body(i, columnIndices[entries], values[entries])
                }
            }
        }
    }

    /// `self @ wᵀ` for a dense `w`: the scores of each row against each row of `w`.
    ///
    /// Shape: `[rows, columns] @ [k, columns]ᵀ -> [rows, k]`.
    public func matmulTransposed(_ w: Tensor) throws -> Tensor {
        guard w.rank == 2, w.shape[1] == columns else { throw TensorError.shapeMismatch(operation: "sparse @ᵀ", shape, w.shape) }
        let k = w.shape[0]
        var out = [Double](repeating: 0, count: rows * k)
        w.scalars.withUnsafeBufferPointer { weights in
            out.withUnsafeMutableBufferPointer { out in
                forEachRow { i, columnIndices, values in
                    for c in 0..<k {
                        // Wrapping index arithmetic: the indices are in range by construction.
                        let base = c &* columns
                        var total = 0.0
                        for (column, value) in zip(columnIndices, values) { total += value * weights[base &+ column] }
                        out[i &* k &+ c] = total
                    }
                }
            }
        }
        return Tensor(uncheckedShape: [rows, k], scalars: out)
    }

    /// `gᵀ @ self` for a dense `g`: how the gradient of the scores reaches the weights.
    ///
    /// Shape: `[rows, k]ᵀ @ [rows, columns] -> [k, columns]`.
    public func transposedGradient(_ g: Tensor) throws -> Tensor {
        guard g.rank == 2, g.shape[0] == rows else { throw TensorError.shapeMismatch(operation: "ᵀ@ sparse", g.shape, shape) }
        var out = [Double](repeating: 0, count: g.shape[1] * columns)
        accumulateTransposedGradient(g, into: &out)
        return Tensor(uncheckedShape: [g.shape[1], columns], scalars: out)
    }

    /// Adds `gᵀ @ self` to `out` (`[k, columns]`, row-major).
    func accumulateTransposedGradient(_ g: Tensor, into out: inout [Double]) {
        let k = g.shape[1]
        g.scalars.withUnsafeBufferPointer { grad in
            out.withUnsafeMutableBufferPointer { out in
                forEachRow { i, columnIndices, values in
                    for c in 0..<k {
                        let gic = grad[i &* k &+ c]
                        if gic == 0 { continue }
                        let base = c &* columns
                        for (column, value) in zip(columnIndices, values) { out[base &+ column] += gic * value }
                    }
                }
            }
        }
    }

    /// The dense matrix: for small matrices and tests.
    public func dense() -> Tensor {
        var out = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for e in rowStarts[i]..<rowStarts[i + 1] { out[i * columns + columnIndices[e]] = values[e] }
        }
        return Tensor(uncheckedShape: [rows, columns], scalars: out)
    }
}

/// The inputs of a linear model: a dense matrix or sparse rows.
///
/// Shape: `[n, d]` either way.
public enum Features: Sendable, Hashable {
    case dense(Tensor)
    case sparse(SparseMatrix)

    /// The number of examples n.
    public var count: Int {
        switch self {
        case .dense(let x): return x.shape.first ?? 0
        case .sparse(let x): return x.rows
        }
    }

    /// The number of features d.
    public var dimension: Int {
        switch self {
        case .dense(let x): return x.rank == 2 ? x.shape[1] : 0
        case .sparse(let x): return x.columns
        }
    }

    /// The rows at `indices`.
    public func rows(at indices: [Int]) throws -> Features {
        switch self {
        case .dense(let x): return .dense(try x.rows(at: indices))
        case .sparse(let x): return .sparse(try x.rows(at: indices))
        }
    }

    /// `x @ wᵀ`. Shape: `[n, d] @ [k, d]ᵀ -> [n, k]`.
    func matmulTransposed(_ w: Tensor) throws -> Tensor {
        switch self {
        case .dense(let x):
            guard x.rank == 2 else { throw TensorError.rankMismatch(operation: "a linear model", expected: "a matrix [n, d]", actual: x.rank) }
            return try x.matmulTransposed(w)
        case .sparse(let x): return try x.matmulTransposed(w)
        }
    }

    /// Adds `gᵀ @ x` to `total`. Shape: `[n, k]ᵀ @ [n, d] -> [k, d]`.
    func accumulateTransposedGradient(_ g: Tensor, into total: Parameter) throws {
        guard g.rank == 2, g.shape[0] == count, total.grad.shape == [g.shape[1], dimension] else {
            throw TensorError.shapeMismatch(operation: "gradient", g.shape, [count, dimension])
        }
        switch self {
        case .dense(let x):
            Tensor.gemm(g.scalars, transposeA: true, x.scalars, transposeB: false,
                        n: g.shape[1], k: count, m: dimension, into: &total.grad.scalars, beta: 1)
        case .sparse(let x):
            x.accumulateTransposedGradient(g, into: &total.grad.scalars)
        }
    }
}
