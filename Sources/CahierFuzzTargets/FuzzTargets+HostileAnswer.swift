import CahierKit
import CahierLearning

extension FuzzTargets {
    /// The sheet a hostile answer is graded against: its hidden check draws a
    /// secret from the check's own generator, binds a few names, then asks the
    /// answer's `guess()` for the secret. Only an answer that could see the
    /// check's names, objects or generator could return it.
    static let hostileSheet = """
        ---
        \(limits)seed: 7
        ---
        ```cahier
        > let shared = [1, 2, 3]
        ```

        ```cahier exercise=a points=1
        > // solution
        > func guess() -> Any { return 0 }
        > // end solution
        ```

        ```cahier check=a
        > let secret = rand(3)
        > var kept = secret
        > let model = Perceptron(features: 3)
        > let answer = guess()
        > expect(all(answer == secret), "guess returns the check's secret")
        ```

        """

    /// Any body of the answer's function `guess()` (and any commands before it in
    /// the answer block): grading it never passes the check, whose secret the
    /// answer cannot see by any means, and its score stays within the sheet's.
    public static func hostileAnswer(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 20_000, let body = String(validating: bytes, as: UTF8.self),
              !body.contains("```"), !body.contains("~~~") else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { "| " + $0 }
        let handIn = "```cahier exercise=a\n> func guess() -> Any {\n" + lines.joined(separator: "\n") + "\n| }\n```\n"
        // A body that does not make a readable hand-in is refused by the reader, which the hand-in target fuzzes.
        guard let source = try? SourceLoader.validate(path: "h.md", bytes: Array(handIn.utf8)) else { return nil }
        guard let sheetSource = try? SourceLoader.validate(path: "sheet.md", bytes: Array(hostileSheet.utf8)),
              let sheet = try? Sheet(try NotebookParser.parse(sheetSource)) else { return "the fuzz sheet does not parse" }
        var events: [Grader.Event] = []
        Grader(sheet: sheet).grade(HandIn(source)) { events.append($0) }
        let result = GradeResult(sheet: sheet, handIn: "h", events: events, stopped: nil)
        if result.total != 0 { return "the answer returned the hidden check's secret: \(result.total) / \(result.maximum)" }
        return nil
    }
}
