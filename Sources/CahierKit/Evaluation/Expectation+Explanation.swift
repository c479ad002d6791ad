import CahierLearning

extension Expectation {
    /// The lines that explain the failure under its message: each value
    /// compared (literals go without saying) and where one first holds a NaN,
    /// shapes that differ, and the first place where the comparison fails with
    /// the largest difference (unless a NaN line names that place: it says why).
    ///
    ///     andWeights is [-1, 0, 0] (shape [3])
    ///     they differ first at [0]: -1 against -3; largest difference 3
    public func feedback(in language: Language = .english) -> [FeedbackLine] {
        func line(_ key: String, code: [String: String] = [:], prose: [String: String] = [:]) -> FeedbackLine {
            FeedbackLine.message(key, language, code: code, prose: prose)
        }
        var lines: [FeedbackLine] = []
        for comparison in comparisons {
            for side in [comparison.left, comparison.right] where !side.isLiteral && !side.value.isEmpty {
                let code = ["expression": side.expression, "value": side.value]
                lines.append(side.shape.map { line("explain.is-shaped", code: code, prose: ["shape": Tensor.describe($0)]) } ?? line("explain.is", code: code))
                if let at = side.firstNaN {
                    lines.append(at.isEmpty ? line("explain.nan", code: ["expression": side.expression])
                        : line("explain.nan-at", code: ["expression": side.expression, "index": Tensor.describe(at)]))
                }
            }
            if let a = comparison.left.shape, let b = comparison.right.shape, a != b, !comparison.left.value.isEmpty, !comparison.right.value.isEmpty {
                lines.append(line("explain.shapes-differ", prose: ["left": Tensor.describe(a), "right": Tensor.describe(b)]))
            }
            var place: [FeedbackLine.Span] = []
            if let index = comparison.firstFailure {
                let at = ["index": Tensor.describe(index)]
                if let tolerance = comparison.tolerance {
                    place += tolerance.value.isEmpty ? line("explain.differ-tolerance", code: at).spans
                        : line("explain.differ-by", code: at.merging(["tolerance": tolerance.value]) { a, _ in a }).spans
                } else {
                    place += line("explain.differ-first", code: at).spans
                }
                if let there = comparison.valuesThere {
                    place += line("explain.values-there", code: ["left": Display.number(there[0]), "right": Display.number(there[1])]).spans
                }
            }
            if let largest = comparison.largestDifference, largest > 0 || largest.isNaN {
                place += line(place.isEmpty ? "explain.largest" : "explain.largest-after", code: ["difference": Display.number(largest)]).spans
            }
            // A NaN line that names the first failing place already says why it fails there.
            let nanThere = [comparison.left, comparison.right].contains {
                !$0.isLiteral && !$0.value.isEmpty && $0.firstNaN != nil && $0.firstNaN == comparison.firstFailure
            }
            if !place.isEmpty, !nanThere { lines.append(FeedbackLine(place)) }
        }
        return lines
    }

    /// ``feedback(in:)`` as transcript lines, indented under the error.
    public func explanation(in language: Language = .english) -> [String] {
        feedback(in: language).map { "  " + $0.plain }
    }
}
