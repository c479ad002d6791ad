import CahierLearning

/// The new expected output of a command whose output changed, keeping as much
/// of what the author wrote as still holds (mdx's merge): expected lines that
/// match an actual line (within the tolerance) stay as written, and `...`
/// lines stay where they still stand for a run of actual lines. Everything
/// else becomes the actual lines. The result always matches the actual output.
enum OutputMerge {
    /// One line of the merged output.
    enum Line: Equatable {
        /// The expected line at this index, kept byte for byte.
        case kept(Int)
        /// An actual output line, written anew.
        case actual(String)
    }

    /// Above this many expected × actual lines the merge is not tried and the
    /// actual lines replace the expected ones.
    static let maximumCells = 4_000_000

    /// Aligns `expected` with `actual` at the least cost: replacing, dropping
    /// or adding a line costs 1,000; each actual line a `...` stands for costs
    /// 1, so a wildcard covers no more than it must.
    static func merge(_ expected: [ExpectedOutput.Line], _ actual: [String], tolerance: Tolerance) -> [Line] {
        let m = expected.count, n = actual.count
        guard m > 0, m * n <= maximumCells else { return actual.map { .actual($0) } }
        let change = 1000
        let actualTokens = actual.map(LineTokens.init)
        let expectedTokens = expected.map { line -> LineTokens? in
            if case .text(let text) = line { return LineTokens(text) }
            return nil
        }
        let width = n + 1
        // cost[i * width + j]: the least cost of aligning expected[i...] with actual[j...].
        var cost = [Int](repeating: 0, count: (m + 1) * width)
        for j in stride(from: n - 1, through: 0, by: -1) { cost[m * width + j] = cost[m * width + j + 1] + change }
        for i in stride(from: m - 1, through: 0, by: -1) {
            for j in stride(from: n, through: 0, by: -1) {
                var best: Int
                if let pattern = expectedTokens[i] {
                    best = cost[(i + 1) * width + j] + change                     // drop expected[i]
                    if j < n {
                        let step = pattern.matches(actualTokens[j], tolerance: tolerance) ? 0 : change
                        best = min(best, cost[(i + 1) * width + j + 1] + step)   // keep or replace
                        best = min(best, cost[i * width + j + 1] + change)        // add actual[j]
                    }
                } else {
                    best = cost[(i + 1) * width + j]                               // the wildcard ends here
                    if j < n { best = min(best, cost[i * width + j + 1] + 1) }    // it covers actual[j]
                }
                cost[i * width + j] = best
            }
        }
        var merged: [Line] = []
        var i = 0, j = 0
        while i < m || j < n {
            let here = cost[i * width + j]
            if i == m {
                merged.append(.actual(actual[j])); j += 1
            } else if let pattern = expectedTokens[i] {
                if j < n, pattern.matches(actualTokens[j], tolerance: tolerance), here == cost[(i + 1) * width + j + 1] {
                    merged.append(.kept(i)); i += 1; j += 1
                } else if j < n, here == cost[(i + 1) * width + j + 1] + change {
                    merged.append(.actual(actual[j])); i += 1; j += 1
                } else if here == cost[(i + 1) * width + j] + change {
                    i += 1
                } else {
                    merged.append(.actual(actual[j])); j += 1
                }
            } else if j < n, here == cost[i * width + j + 1] + 1 {
                j += 1
            } else {
                merged.append(.kept(i)); i += 1
            }
        }
        return merged
    }
}
