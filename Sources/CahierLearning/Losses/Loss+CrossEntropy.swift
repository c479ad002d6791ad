extension Loss {
    /// Whether every batch of `y` is sure to be accepted once the first is: for cross-entropy,
    /// every label a class of `classes` (and the class weights, if any, that many); the other
    /// losses check only shapes, the same for every batch.
    func acceptsEveryRow(of y: Tensor, classes: Int?) -> Bool {
        guard case .crossEntropy(let weights) = self else { return true }
        guard let classes, weights.map({ $0.count == classes }) ?? true else { return false }
        return y.scalars.allSatisfy { $0 >= 0 && $0 < Double(classes) && Double(Int($0)) == $0 }
    }

    /// The exponentials of a block of rows kept together, in doubles: 16 KB, so that a block's
    /// shifted logits, their exponentials and the gradient written from them stay in the first-level cache.
    static let crossEntropyBlock = 2048

    /// Cross-entropy of logits `[n, k]` against classes `[n]`, already paired by ``pair(_:_:)``,
    /// fused over blocks of rows: one pass reads each block's logits (the row maxima and the
    /// predicted classes), SLEEF's `exp` and `log` run over the block, and the gradient is
    /// written scaled and divided while the block is in the cache. The bits are those of the
    /// definition taken one row at a time in this order (``FusedStepTests``):
    ///
    ///     m = max (a NaN replaces it), eⱼ = exp(zⱼ − m), S = Σ eⱼ in order,
    ///     loss = −Σ w·(z_c − m − log S) / Σ w,  gradientⱼ = (eⱼ·(w/S) − [j = c]·w) / Σ w
    ///
    /// (x − 0 is x for every x, so the class's subtraction is the only one that changes a value.)
    /// Without class weights Σ w is n, each row adding 1 exactly, and each value is divided at
    /// once; with them Σ w is known at the end, and the division is a last pass.
    /// `correct` receives the number of rows whose first largest logit (the first NaN, if any:
    /// ``Tensor/argmax(axis:)``) is their class. `columnSums` (k values), when given, has the
    /// gradient's rows added to it in order, as ``Tensor/addRows(into:)`` adds them.
    /// `width` (for tests) asks ``VectorMath`` for a vector width.
    static func crossEntropy(_ logits: Tensor, _ target: Tensor, weights: [Double]?, gradient: UnsafeMutableBufferPointer<Double>?,
                             correct: inout Int, columnSums: UnsafeMutableBufferPointer<Double>? = nil, width: Int? = nil) throws -> Double {
        let (n, k) = (logits.shape[0], logits.shape[1])
        if let weights, weights.count != k {
            throw TensorError.shapeMismatch(operation: "cross-entropy class weights", [weights.count], [k])
        }
        var classes = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = target.scalars[i]
            guard c >= 0, c < Double(k), Double(Int(c)) == c else {
                throw TensorError.invalid("cross-entropy: the class of row \(i) must be a whole number from 0 to \(k - 1), got \(c.messageText)")
            }
            classes[i] = Int(c)
        }
        let blockRows = Swift.max(1, Swift.min(n, crossEntropyBlock / k))
        var maxima = [Double](repeating: 0, count: blockRows)
        var sums = [Double](repeating: 0, count: blockRows)
        var logSums = [Double](repeating: 0, count: blockRows)
        var scratch = [Double](repeating: 0, count: gradient == nil ? blockRows &* k : 0)
        var total = 0.0, weightSum = 0.0, right = 0
        let divisor: Double? = weights == nil ? Double(n) : nil
        logits.scalars.withUnsafeBufferPointer { z in
            scratch.withUnsafeMutableBufferPointer { scratch in
                var start = 0
                while start < n {
                    let rows = Swift.min(blockRows, n - start)
                    let first = start &* k
                    // The block's exponentials: in the gradient's own rows, or in the scratch buffer.
                    let e = gradient.map { UnsafeMutableBufferPointer(rebasing: $0[first..<(first &+ rows &* k)]) }
                        ?? UnsafeMutableBufferPointer(rebasing: scratch[0..<(rows &* k)])
                    right &+= Loss.rowMaxima(z, rows: first..<(first &+ rows &* k), k: k, classes: classes, firstRow: start, into: &maxima)
                    for r in 0..<rows {
                        let row = first &+ r &* k, local = r &* k, m = maxima[r]
                        for j in 0..<k { e[local &+ j] = z[row &+ j] - m }
                    }
                    VectorMath.exp(inPlace: e, width: width)
                    for r in 0..<rows {
                        let local = r &* k
                        var sum = 0.0
                        for j in 0..<k { sum += e[local &+ j] }
                        sums[r] = sum
                        logSums[r] = sum
                    }
                    logSums.withUnsafeMutableBufferPointer { VectorMath.log(inPlace: UnsafeMutableBufferPointer(rebasing: $0[0..<rows]), width: width) }
                    for r in 0..<rows {
                        let i = start &+ r, cls = classes[i], row = first &+ r &* k, local = r &* k
                        let w = weights?[cls] ?? 1
                        total -= w * (z[row &+ cls] - maxima[r] - logSums[r])
                        weightSum += w
                        guard gradient != nil else { continue }
                        let scale = w / sums[r]
                        if let divisor {
                            for j in 0..<k { e[local &+ j] = (e[local &+ j] * scale - (j == cls ? w : 0)) / divisor }
                            if let columnSums { for j in 0..<k { columnSums[j] += e[local &+ j] } }
                        } else {
                            for j in 0..<k { e[local &+ j] *= scale }
                            e[local &+ cls] -= w
                        }
                    }
                    start &+= rows
                }
            }
        }
        if let gradient, divisor == nil {
            for i in gradient.indices { gradient[i] /= weightSum }
            if let columnSums, gradient.count == n &* k {
                for i in 0..<n { for j in 0..<k { columnSums[j] += gradient[i &* k &+ j] } }
            }
        }
        correct = right
        return total / weightSum
    }

    /// The maximum of each row of `z[rows]` (rows of `k`), a NaN replacing it as in
    /// `m = v > m || v.isNaN ? v : m` from the row's first value, into `maxima`; returns how
    /// many rows' predicted class (the first index holding the maximum, the first NaN when
    /// it is NaN: ``Tensor/argmax(axis:)``) is their class (`classes[firstRow...]`). Four
    /// rows at a time in vector lanes, without a branch per value.
    static func rowMaxima(_ z: UnsafeBufferPointer<Double>, rows: Range<Int>, k: Int, classes: [Int], firstRow: Int,
                          into maxima: inout [Double]) -> Int {
        let count = rows.count / k
        var right = 0
        var r = 0
        while r &+ 4 <= count {
            let base = rows.lowerBound &+ r &* k
            func lanes(_ j: Int) -> SIMD4<Double> {
                SIMD4(z[base &+ j], z[base &+ k &+ j], z[base &+ 2 &* k &+ j], z[base &+ 3 &* k &+ j])
            }
            var m = lanes(0)
            for j in 1..<k {
                let v = lanes(j)
                m.replace(with: v, where: (v .> m) .| (v .!= v))
            }
            var predicted = SIMD4<Int64>(repeating: Int64(k &- 1))
            let nan = m .!= m
            for j in stride(from: k &- 1, through: 0, by: -1) {
                let v = lanes(j)
                predicted.replace(with: Int64(j), where: (v .== m) .| (nan .& (v .!= v)))
            }
            for lane in 0..<4 {
                maxima[r &+ lane] = m[lane]
                if predicted[lane] == Int64(classes[firstRow &+ r &+ lane]) { right &+= 1 }
            }
            r &+= 4
        }
        while r < count {
            let row = rows.lowerBound &+ r &* k
            var m = z[row]
            for j in 1..<k where z[row &+ j] > m || z[row &+ j].isNaN { m = z[row &+ j] }
            var predicted = 0
            if m.isNaN {
                while predicted < k &- 1, !z[row &+ predicted].isNaN { predicted &+= 1 }
            } else {
                while predicted < k &- 1, z[row &+ predicted] != m { predicted &+= 1 }
            }
            maxima[r] = m
            if predicted == classes[firstRow &+ r] { right &+= 1 }
            r &+= 1
        }
        return right
    }
}
