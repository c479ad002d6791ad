extension Grader.Event {
    /// One event of every kind, with a failure of every reason, limit, hint
    /// and mistake in it: what a worker server encodes once before it forks
    /// (``ForkServer``), so that the Swift runtime's first look-ups for each
    /// type on the way (its generic metadata, its `CodingKey` conformances, a
    /// few milliseconds for a hostile hand-in's varied failures) are inherited
    /// by every child instead of being redone in each. Only encoded, never reported.
    static var samples: [Grader.Event] {
        let place = CheckFailure.Place(function: "f", line: 1, column: 1, studentLine: 1)
        let side = Expectation.Compared(expression: "x", value: "1", shape: [1], fromAnswer: true, isLiteral: false)
        let comparison = Expectation.Comparison(operation: "==", left: side, right: side, tolerance: side, firstFailure: [0],
                                                valuesThere: [1, 2], largestDifference: 1)
        let reasons: [FailureReason] = [
            .unknownName("x", hint: .closeNames(["y"])), .unknownFunction("f", hint: .camelCase("g")),
            .unknownName("np", hint: .python(.numpy)), .unknownName("z", hint: .advice("a")), .undeclared("x"),
            .expectationFailed(Expectation(message: "m", comparisons: [comparison])), .notDone(exercise: "e"),
            .limit(.commandWork(1)), .limit(.notebookWork(1)), .limit(.callDepth(1)), .limit(.memory(1)),
            .limit(.memoryFor(what: "w", bytes: 2, limit: 1)), .limit(.commandOutput(1)), .limit(.notebookOutput(1)),
            .limit(.elements(what: "w", limit: 1)), .limit(.time(seconds: 1)), .limit(.checkWork(limit: 1, solution: 1, factor: 1)),
            .interrupted, .tensor(.invalidShape([1])), .tensor(.countMismatch(shape: [1], count: 2)),
            .tensor(.shapeMismatch(operation: "o", [1], [2])), .tensor(.axisOutOfRange(axis: 1, rank: 1)),
            .tensor(.indexOutOfRange(index: 1, extent: 1)), .tensor(.rankMismatch(operation: "o", expected: "e", actual: 1)),
            .tensor(.empty(operation: "o")), .tensor(.invalid("i")),
            .call(.missing(function: "f", parameter: "p", wanted: .labeled("l"), found: .unlabeled, signature: "s")),
            .call(.extra(function: "f", argument: .unlabeled, signature: "s", misuse: "m")),
            .wrongKind(WrongKind(subject: .argument(function: "f", name: "x"), expected: "Tensor", got: "String", signature: "s")),
            .wrongKind(WrongKind(subject: .result(function: "f"), expected: "Int", got: "List", signature: nil)),
            .wrongKind(WrongKind(subject: .binding("n"), expected: "Number", got: "List", signature: nil)),
            .other("o"),
        ]
        var events: [Grader.Event] = [
            .answers(["e": .ready, "f": .missing, "g": .unreadable("u")]), .note("n"), .done,
            .check(number: 1, outcome: .passed),
            .check(number: 1, outcome: .needs(Grader.Dependency(name: "x", exercise: "e", trouble: .missing))),
            .check(number: 1, outcome: .preparationNeeds(Grader.Dependency(name: "x", exercise: "e", trouble: .unreadable))),
        ]
        for reason in reasons {
            var failure = CheckFailure(reason: reason, places: [place, .init(function: nil, line: 1, column: 1, studentLine: nil)], calls: ["f"])
            failure.needs = Grader.Dependency(name: "x", exercise: "e", trouble: .stopped(line: 1))
            failure.compared = [comparison]
            failure.computing = "c"
            failure.earlier = CheckFailure.Earlier(reason: reason, places: [place])
            events += [.check(number: 1, outcome: .failed(failure)), .check(number: 1, outcome: .notPrepared(failure)),
                       .answerError(exercise: "e", line: 1, failure: failure)]
        }
        return events
    }
}
