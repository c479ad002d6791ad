import CahierLearning

extension Expectation {
    /// The lines that explain the failure under its message: each value
    /// compared (literals go without saying), shapes that differ, and the
    /// first place where the comparison fails with the largest difference.
    ///
    ///     andWeights is [-1, 0, 0] (shape [3])
    ///     they differ first at [0]: -1 against -3; largest difference 3
    public func feedback(in language: Language = .english) -> [FeedbackLine] {
        func p(_ english: String) -> FeedbackLine.Span { FeedbackLine.prose(english, language) }
        let c = FeedbackLine.code
        var lines: [FeedbackLine] = []
        for comparison in comparisons {
            for side in [comparison.left, comparison.right] where !side.isLiteral && !side.value.isEmpty {
                lines.append(FeedbackLine([c(side.expression), p(" is "), c(side.value)] + (side.shape.map { [p(" (shape \(Tensor.describe($0)))")] } ?? [])))
            }
            if let a = comparison.left.shape, let b = comparison.right.shape, a != b, !comparison.left.value.isEmpty, !comparison.right.value.isEmpty {
                lines.append(FeedbackLine([p("the shapes differ: \(Tensor.describe(a)) against \(Tensor.describe(b))")]))
            }
            var place: [FeedbackLine.Span] = []
            if let index = comparison.firstFailure {
                if let tolerance = comparison.tolerance {
                    place += tolerance.value.isEmpty ? [p("they differ by more than the tolerance first at ")]
                        : [p("they differ by more than "), c(tolerance.value), p(" first at ")]
                } else {
                    place.append(p("they differ first at "))
                }
                place.append(c(Tensor.describe(index)))
                if let there = comparison.valuesThere {
                    place += [p(": "), c(Display.number(there[0])), p(" against "), c(Display.number(there[1]))]
                }
            }
            if let largest = comparison.largestDifference, largest > 0 || largest.isNaN {
                place += (place.isEmpty ? [] : [p("; ")]) + [p("largest difference "), c(Display.number(largest))]
            }
            if !place.isEmpty { lines.append(FeedbackLine(place)) }
        }
        return lines
    }

    /// ``feedback(in:)`` as transcript lines, indented under the error.
    public func explanation(in language: Language = .english) -> [String] {
        feedback(in: language).map { "  " + $0.plain }
    }
}
