import CahierLearning
@testable import CahierKit
import Testing

/// A command's error is worded when its lines are read, not when it fails:
/// a verdict that needs no words (a failure against an expectation of no
/// output) is the one comparing the words would give.
@Suite("Error wording on demand")
struct ErrorWordingTests {
    static let expectations: [[ExpectedOutput.Line]] = [
        [], [.text("")], [.text("   "), .text("")], [.wildcard], [.text(""), .wildcard],
        [.text("error: unknown name 'nope'")], [.text("3")], [.text("error: unknown name 'nope'"), .wildcard],
    ]
    static let commands = ["nope + 1", "1 + 2", "let a = 1", "print(\"\")", "sum([1, 2], 3)"]

    @Test("every verdict equals comparing the worded lines, failing or not, answer or not",
          arguments: commands)
    func verdictWithoutWords(command: String) throws {
        let outcome = try Session().run(command)
        let tolerance = Tolerance(relative: 1e-9, absolute: 1e-12)
        for lines in Self.expectations {
            let expected = ExpectedOutput(lines: lines, sourceLines: 1..<1, prefix: [], lineEnding: [10])
            for answer in [false, true] {
                // The definition: compare the transcript's lines, every error worded.
                let reference: Verdict
                if OutputComparison.matches(lines, outcome.lines, tolerance: tolerance) {
                    reference = .matches
                } else if answer, lines.isEmpty, outcome.error == nil {
                    reference = .answered
                } else {
                    reference = .differs
                }
                #expect(Verdict(expected, outcome, tolerance: tolerance, answer: answer) == reference, "\(command) against \(lines)")
            }
        }
    }

    @Test("a failed command's lines are its error's, worded in its language and placed in its command")
    func linesOnDemand() throws {
        let program = try Parser.parse(CommandText("let a = 1\nnope + a"))
        let french = try #require(Language(catalogued: "fr"))
        let outcome = CommandOutcome(error: RuntimeError("boom", at: program.statements[1].range), command: program.text,
                                     language: french)
        #expect(outcome.errorLines == ErrorText.lines(try #require(outcome.error), in: program.text, language: french))
        #expect(outcome.errorLines.first == "erreur\u{00A0}: boom")
        #expect(CommandOutcome(output: [.text("3")]).lines == ["3"])
    }
}
