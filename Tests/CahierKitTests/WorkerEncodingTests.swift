@testable import CahierKit
import CahierLearning
import Foundation
import Testing

/// A grading worker writes its events with a hand-written JSON encoder
/// (``WorkerProtocol/bytes(_:)``) instead of Foundation's `JSONEncoder`: the
/// batch must read back exactly the events it read before, for every kind of
/// event and every awkward string or number an event can hold.
@Suite("Worker encoding")
struct WorkerEncodingTests {
    /// Strings a student's code or a teacher's sheet can put in an event: quotes,
    /// backslashes, every control character, a slash, non-ASCII, a character outside the BMP.
    static let awkward = [
        "", "plain", "say \"hi\"", "back\\slash \\n", "a/b </script>", "line\nnext\r\ttab\u{8}\u{C}",
        String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}",
        "é à ç — « guillemets » 中文 \u{2028}\u{2029} 🧮", "\u{FEFF}zero-width\u{200B}",
    ]

    static let place = CheckFailure.Place(function: "online", line: 3, column: 7, studentLine: 42)
    static let compared = Expectation.Comparison(
        operation: "≈", left: .init(expression: "online(x)", value: "[1, 2]", shape: [2], fromAnswer: true, isLiteral: false),
        right: .init(expression: "[1, 2.5]", value: "[1, 2.5]", shape: nil, fromAnswer: false, isLiteral: true),
        tolerance: .init(expression: "1e-9", value: "1e-09", shape: nil, fromAnswer: false, isLiteral: true),
        firstFailure: [1], valuesThere: [2, 2.5, -0.0, 1e-300, 1.7976931348623157e308, 0.1], largestDifference: 0.5)

    /// A failure carrying every field, with `text` in each string.
    static func failure(_ reason: FailureReason, _ text: String) -> CheckFailure {
        var failure = CheckFailure(reason: reason, places: [place, .init(function: nil, line: 1, column: 1, studentLine: nil)], calls: [text, "batch"])
        failure.needs = Grader.Dependency(name: text, exercise: "online", trouble: .stopped(line: 9))
        failure.compared = [compared]
        failure.computing = text
        failure.earlier = .init(reason: .other(text), places: [place])
        return failure
    }

    /// One reason of each kind.
    static func reasons(_ text: String) -> [FailureReason] {
        [
            .unknownName(text, hint: .closeNames([text, "x"])), .unknownFunction(text, hint: .camelCase(text)),
            .unknownName("np", hint: .python(.numpy)), .unknownName("z", hint: .advice(text)), .undeclared(text),
            .expectationFailed(Expectation(message: text, comparisons: [compared])), .notDone(exercise: text),
            .limit(.commandWork(10_000_000_000)), .limit(.notebookWork(1)), .limit(.callDepth(1000)), .limit(.memory(Int.max)),
            .limit(.memoryFor(what: text, bytes: 8, limit: 4)), .limit(.commandOutput(0)), .limit(.notebookOutput(-1)),
            .limit(.elements(what: text, limit: 3)), .limit(.time(seconds: 60)), .limit(.time(seconds: 0.25)),
            .limit(.checkWork(limit: 10_000_000, solution: Int.min, factor: 100)), .interrupted,
            .tensor(.shapeMismatch(operation: text, [2, 3], [4])), .tensor(.invalid(text)), .tensor(.invalidShape([])),
            .call(.missing(function: text, parameter: "k", wanted: .labeled("by"), found: nil, signature: text)),
            .call(.extra(function: "f", argument: .unlabeled, signature: "f()", misuse: text)),
            .wrongKind(WrongKind(subject: .argument(function: text, name: "x"), expected: "Tensor", got: "String", signature: nil)),
            .other(text),
        ]
    }

    /// Every kind of event, each string field holding `text`.
    static func events(_ text: String) -> [Grader.Event] {
        var events: [Grader.Event] = [
            .answers([text: .ready, "b": .missing, "c": .unreadable(text)]), .answers([:]), .note(text), .done,
            .check(number: 1, outcome: .passed),
            .check(number: 2, outcome: .needs(.init(name: text, exercise: text, trouble: .missing))),
            .check(number: 3, outcome: .preparationNeeds(.init(name: "w", exercise: "e", trouble: .unreadable))),
        ]
        for reason in reasons(text) {
            events += [
                .check(number: 4, outcome: .failed(failure(reason, text))),
                .check(number: 5, outcome: .notPrepared(CheckFailure(reason: reason))),
                .answerError(exercise: text, line: 7, failure: failure(reason, text)),
            ]
        }
        return events
    }

    /// The line Foundation's encoder writes (what the worker wrote before).
    static func foundationLine(_ event: Grader.Event) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(event) else { return Data("\n".utf8) }
        return data + Data("\n".utf8)
    }

    @Test("every kind of event, with every awkward string, reads back as itself and as Foundation's line reads", arguments: awkward)
    func roundTrip(text: String) throws {
        for event in Self.events(text) {
            let line = WorkerProtocol.bytes(event)
            // One line: the only newline is the last byte (a newline inside a string is escaped).
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
            #expect(WorkerProtocol.events(from: Data(line)) == [event])
            #expect(WorkerProtocol.events(from: Data(line)) == WorkerProtocol.events(from: Self.foundationLine(event)))
            // An independent parser sees the same JSON value in both lines.
            let mine = try JSONSerialization.jsonObject(with: Data(line.dropLast())) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: Self.foundationLine(event).dropLast()) as? NSDictionary
            #expect(mine != nil)
            #expect(mine == theirs)
        }
    }

    @Test("a NaN or an infinite number in a failed comparison travels: written as Foundation writes it as a string, read back as the number",
          arguments: [Double.nan, .infinity, -.infinity])
    func nonConforming(number: Double) throws {
        var comparison = Self.compared
        comparison.largestDifference = number
        comparison.valuesThere = [number, 0.5]
        let event = Grader.Event.check(number: 1, outcome: .failed(CheckFailure(reason: .expectationFailed(Expectation(message: "m", comparisons: [comparison])))))
        let line = WorkerProtocol.bytes(event)
        #expect(Data(line) == Self.foundationLine(event))
        // JSON's own names for them are no JSON numbers: "NaN", "Infinity", "-Infinity" as strings.
        let name = number.isNaN ? "NaN" : number < 0 ? "-Infinity" : "Infinity"
        #expect(String(decoding: line, as: UTF8.self).contains("\"largestDifference\":\"\(name)\""))
        let events = WorkerProtocol.events(from: Data(line))
        #expect(events.count == 1)
        guard case .check(number: 1, outcome: .failed(let failure))? = events.first, case .expectationFailed(let expectation) = failure.reason,
              let read = expectation.comparisons.first else {
            Issue.record("the event did not read back as a failed check: \(events)")
            return
        }
        for (value, expected) in [(read.largestDifference, number), (read.valuesThere?.first, number), (read.valuesThere?.last, 0.5)] {
            #expect(value.map { $0.isNaN ? expected.isNaN : $0 == expected } == true)
        }
    }

    @Test("a batch of lines, cut in the middle of the last one, reads as the complete events before the cut")
    func cutOutput() {
        let events = Self.events("x").prefix(5)
        var output = events.flatMap(WorkerProtocol.bytes)
        let last = WorkerProtocol.bytes(.note("cut here"))
        output += last.prefix(last.count / 2)
        #expect(WorkerProtocol.events(from: Data(output)) == Array(events))
    }

    @Test("keys are written in sorted order, so a line is the same bytes in every process")
    func sortedKeys() {
        let event = Grader.Event.answers(["zeta": .ready, "alpha": .missing, "Émile": .ready, "beta": .unreadable("b")])
        let text = String(decoding: WorkerProtocol.bytes(event), as: UTF8.self)
        // Hand-ordered by UTF-8 bytes: "alpha" < "beta" < "zeta" < "Émile" (0xC3 after ASCII).
        #expect(text == #"{"answers":{"_0":{"alpha":{"missing":{}},"beta":{"unreadable":{"_0":"b"}},"zeta":{"ready":{}},"Émile":{"ready":{}}}}}"# + "\n")
    }
}
