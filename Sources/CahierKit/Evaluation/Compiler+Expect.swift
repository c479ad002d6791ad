extension Compiler {
    /// `expect(condition, message, …)`: the condition runs with the sides of its
    /// comparisons recorded (``ExpectationProbe``); when it does not hold, the
    /// failure carries what they were, so the reader sees the student's value,
    /// the expected one and where they part.
    func expect(_ builtin: Builtin, _ condition: ResolvedExpression, labels: [String?], codes: [CodeCell], _ range: SourceRange) -> Code {
        let probe = ExpectationProbe(condition)
        var probing = self
        probing.probes = probe.slots
        probing.lowering = .plain
        let conditionCode = probing.expression(condition)
        let rest = Array(zip(labels, codes).dropFirst())
        let count = probe.count
        return { i in
            try i.budget.step()
            let outer = i.probeValues
            defer { i.probeValues = outer }
            i.probeValues = Array(repeating: nil, count: count)
            let holds: Value
            do {
                holds = try conditionCode(i)
            } catch {
                // The condition itself failed (`==` of two shapes that do not pair): the sides it
                // had computed say what was compared.
                var failure = RuntimeError.from(error)
                if failure.compared.isEmpty { failure.compared = probe.unfinished(i.probeValues, in: i) }
                if failure.compared.isEmpty, failure.computing == nil { failure.computing = probe.computing(i.probeValues, in: i) }
                throw failure
            }
            var arguments = [LabeledValue(label: nil, value: holds)]
            for (label, code) in rest { arguments.append(LabeledValue(label: label, value: try code.run(i))) }
            do {
                return try i.callBuiltin(builtin, arguments)
            } catch {
                var failure = located(error, range)
                if case .expectationFailed(var expectation) = failure.reason {
                    expectation.comparisons = probe.failures(i.probeValues, in: i)
                    failure.reason = .expectationFailed(expectation)
                }
                throw failure
            }
        }
    }
}
