import CahierKit
import Foundation
import Testing

/// Feedback that teaches: a failed check shows the student's value, the
/// expected one where the sheet allows it, where the student's code went
/// wrong and whose code to look at, and no grade depends on the words.
/// Every expected line below is written by hand from the sheet and the
/// mistake; the derivations are in the comments.
@Suite("Feedback that teaches")
struct FeedbackTests {
    static let sheets = Support.root.appendingPathComponent("notebooks/exercises")
    static let handIns = Support.root.appendingPathComponent("Tests/HandIns")

    static func sheet(_ name: String) throws -> (text: String, path: String) {
        let path = sheets.appendingPathComponent("\(name).md").path
        return (try String(contentsOfFile: path, encoding: .utf8), path)
    }

    static func handIn(_ sheet: String, _ name: String) throws -> String {
        try String(contentsOf: handIns.appendingPathComponent("\(sheet)/\(name).md"), encoding: .utf8)
    }

    /// The full hand-in of sheet 1 with one mistake put in.
    static func sheet1(replacing old: String, with new: String) throws -> String {
        let full = try handIn("01-perceptrons", "full")
        #expect(full.contains(old), "the full hand-in no longer holds \(old)")
        return full.replacingOccurrences(of: old, with: new)
    }

    func grade(_ handIn: String, sheet name: String, language: Language = .english, frontMatter: String = "") throws -> GradeResult {
        var (text, path) = try Self.sheet(name)
        if !frontMatter.isEmpty { text = text.replacingOccurrences(of: "---\n", with: "---\n" + frontMatter, options: [], range: text.range(of: "---\n")) }
        return try Support.grade(handIn, sheet: text, path: path, language: language).result
    }

    func lines(_ check: GradeResult.CheckScore) -> [String] { check.feedback.map(\.plain) }

    // MARK: The mistakes students make

    @Test("a loop bound off by one: the student's weights, and where they part from the expected ones")
    func offByOne() throws {
        // AND without its last example (1, 1 → 1): from w = 0, (0, 0) gives z = 0 ≥ 0, so ŷ = 1 ≠ 0 and
        // w = [0, 0, 0] − [1, 0, 0] = [-1, 0, 0]; then z = -1 on the other two, ŷ = 0, right; the next
        // epoch makes no mistake: [-1, 0, 0] (the issue's own figure). Against [-3, 2, 1]: first at
        // index 0 (-1 against -3), differences 2, 2, 1.
        let hand = try Self.sheet1(replacing: "for i in 0..<data.x.shape[0] {", with: "for i in 0..<data.x.shape[0] - 1 {")
        let result = try grade(hand, sheet: "01-perceptrons")
        #expect(result.checks[0].message == "on AND, from w = 0 with rate 1, the online rule ends at [-3, 2, 1]")
        // andWeights comes from the student's online, called while the check block prepared it.
        #expect(lines(result.checks[0]) == ["andWeights is [-1, 0, 0] (shape [3])", "they differ first at [0]: -1 against -3; largest difference 2",
                                            "this check calls your online"])
        // The hidden check shows the student's value, named by the call, never the library's weights.
        let hidden = lines(result.checks[1])
        #expect(hidden.first?.hasPrefix("online(unseen, rate: 0.5, epochs: 40) is [") == true, "\(hidden)")
        #expect(!hidden.joined().contains("library"))
        #expect(hidden.last == "this check calls your online")
    }

    @Test("a flipped sign in the update: the student's value, far from the expected one")
    func flippedSign() throws {
        // The issue measured [60, 20, 20] for this mistake on AND at rate 1 for 20 epochs; 60 − (−3) = 63
        // is the largest difference (20 − 2 = 18 and 20 − 1 = 19 are smaller).
        let hand = try Self.sheet1(replacing: "|         w[0] += rate * (data.y[i] - prediction)\n|         w[1:] += rate",
                                   with: "|         w[0] -= rate * (data.y[i] - prediction)\n|         w[1:] -= rate")
        let result = try grade(hand, sheet: "01-perceptrons")
        #expect(lines(result.checks[0]) == ["andWeights is [60, 20, 20] (shape [3])", "they differ first at [0]: 60 against -3; largest difference 63",
                                            "this check calls your online"])
        let feedback = GradeReports.feedback(result)
        #expect(feedback.contains("  - `andWeights` is `[60, 20, 20]` (shape [3])\n"))
        #expect(!feedback.contains("\\["), "values are code spans, prose is not escaped: \(feedback)")
    }

    @Test("an endless loop: the limit reached, and the line of the student's function it was running")
    func endlessLoop() throws {
        // `epoch` is never increased, so on XOR (never separable) the loop never ends: check 3
        // (online on XOR for 3 epochs) meets the work limit inside online.
        let hand = try Self.sheet1(replacing: "|   for epoch in 0..<epochs {\n|     var mistakes = 0",
                                   with: "|   var epoch = 0\n|   while epoch < epochs {\n|     var mistakes = 0")
        let result = try grade(hand, sheet: "01-perceptrons", frontMatter: "max-operations: 3000000\n")
        let check = result.checks[2]
        #expect(!check.passed)
        let shown = lines(check)
        #expect(shown.first == "it did not finish: work limit of 3000000 operations reached (front matter max-operations)", "\(shown)")
        // The place: line L of online is line (where online starts) + L − 1 of the hand-in, inside its body.
        let declared = try #require(hand.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("> func online(") }) + 1
        let place = try #require(shown.dropFirst().first)
        let numbers = place.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(place.hasPrefix("at line ") && place.contains(" of your online(_:rate:epochs:) (line "), "\(place)")
        #expect(numbers.count == 3 && numbers[2] == declared + numbers[0] - 1 && (2...17).contains(numbers[0]), "\(place)")
        #expect(shown.contains("called from the check") && shown.contains("this check calls your online"))
    }

    @Test("a forgotten zeroGrad: the epoch check blames trainStep, whose own check failed, and the digits exercise says what it builds on")
    func forgottenZeroGrad() throws {
        // Without zeroGrad the gradients pile up: the first step is still right (check 1 passes), ten steps
        // with momentum are not (check 2), and trainEpoch, written right, inherits the mistake (check 4).
        let full = try Self.handIn("04-training-loop", "full")
        #expect(full.contains("|   optimizer.zeroGrad()\n"))
        let result = try grade(full.replacingOccurrences(of: "|   optimizer.zeroGrad()\n", with: ""), sheet: "04-training-loop")
        #expect(result.checks.map(\.passed) == [true, false, true, false, true, false])
        let epoch = lines(result.checks[3])
        #expect(epoch.contains("this check calls your trainEpoch"), "\(epoch)")
        #expect(epoch.contains("this check calls your trainStep, whose check 2 failed: fix it first"), "\(epoch)")
        // The hidden check compares two of the sheet's networks: where, and by how much, not the weights.
        #expect(epoch.first?.hasPrefix("they differ by more than the tolerance first at [") == true, "\(epoch)")
        let digits = lines(result.checks[5])
        #expect(digits.contains("this exercise builds on exercise epoch, whose check 4 failed"), "\(digits)")
    }

    @Test("a hidden check shows the student's values only; show-expected lets it show the sheet's")
    func hiddenValues() throws {
        let sheet = """
        ```cahier exercise=double points=2
        > let double = [2, 4, 6]
        ```

        ```cahier check=double
        > let secret = [5, 7]
        > expect(double[0:2] == secret * 2, "the first two double", points: 1)
        ```

        ```cahier check=double show-expected
        > expect(double == [2, 4, 7], "shown", points: 1)
        ```

        """
        let result = try Support.grade("```cahier exercise=double\n> let double = [2, 5, 6]\n```\n", sheet: sheet).result
        // [2, 5] against secret * 2 = [10, 14]: they differ first at 0; the sheet's values stay unsaid.
        #expect(lines(result.checks[0]) == ["double[0:2] is [2, 5] (shape [2])", "they differ first at [0]"])
        // [2, 5, 6] against [2, 4, 7]: first at 1 (5 against 4), largest |5 − 4| = |6 − 7| = 1.
        #expect(lines(result.checks[1]) == ["double is [2, 5, 6] (shape [3])", "they differ first at [1]: 5 against 4; largest difference 1"])
    }

    @Test("a comparison that cannot compare shows the sides it computed; a failing side says what it was computing")
    func comparisonThatFails() throws {
        let sheet = """
        ```cahier exercise=w points=2
        > let w = [1, 2, 3]
        ```

        ```cahier check=w
        > expect(w == [1, 2, 3], "three weights", points: 1)
        ```

        ```cahier check=w
        > expect(sum(w[0:3] * [1, 1]) == 6, "they add up to 6", points: 1)
        ```

        """
        let result = try Support.grade("```cahier exercise=w\n> let w = [1, 2]\n```\n", sheet: sheet).result
        // [1, 2] == [1, 2, 3]: no broadcasting pairs 2 with 3, so `==` fails; w was computed. The hidden
        // check's literal is the expected answer: it is not shown.
        #expect(lines(result.checks[0]) == ["it stopped with an error: ==: shapes [2] and [3] do not match", "in the check itself",
                                            "w is [1, 2] (shape [2])"])
        // w[0:3] is [1, 2], and [1, 2] * [1, 1] works, so make the product fail: sum's side was being computed.
        let other = try Support.grade("```cahier exercise=w\n> let w = [1, 2, 3, 4]\n```\n", sheet: sheet).result
        #expect(lines(other.checks[1]).last == "while computing sum(w[0:3] * [1, 1])", "\(lines(other.checks[1]))")
    }

    @Test("a command of the check block that failed before the check is reported with it")
    func earlierFailure() throws {
        let sheet = """
        ```cahier exercise=f points=1
        > func f(_ x: Number) -> Number { return x * 2 }
        ```

        ```cahier check=f
        > var total = 0
        > for k in 0..<3 { total += f(k) }
        > expect(total == 6, "f doubles: 0 + 2 + 4 is 6", points: 1)
        ```

        """
        let handIn = "# Mine\n\n```cahier exercise=f\n> func f(_ x: Number) -> Number { return x * tw0 }\n```\n"
        let result = try Support.grade(handIn, sheet: sheet).result
        let shown = lines(result.checks[0])
        // f fails at its first call, inside the loop that prepares total; the check then finds total = 0.
        #expect(shown.first?.hasPrefix("before it, a command preparing it stopped with an error: unknown name 'tw0'") == true, "\(shown)")
        // "func f(_ x: Number) -> Number { return x * " is 43 characters: `tw0` is at column 44 of the
        // declaration, which is line 4 of the hand-in.
        #expect(shown.contains("at line 1, column 44 of your f(_:) (line 4 of your hand-in)"), "\(shown)")
        #expect(shown.last == "this check calls your f")
    }

    @Test("show-expected and builds-on are checked where they are written")
    func optionsChecked() throws {
        #expect(throws: DiagnosticError.self) {
            try Sheet(try Support.notebook("```cahier exercise=a points=1 builds-on=b\n> let a = 1\n```\n```cahier check=a\n> expect(a == 1, \"a\")\n```\n"))
        }
        #expect(throws: DiagnosticError.self) {
            try Sheet(try Support.notebook("```cahier exercise=a points=1\n> let a = 1\n```\n```cahier check=a visible show-expected\n> expect(a == 1, \"a\")\n```\n"))
        }
    }

    // MARK: The student's own loop

    @Test("in the student's file, an answer's command shows its value in run and in check")
    func answerShowsItsValue() throws {
        let text = "```cahier exercise=a points=1\n> let a = [1, 2] * 3\n> a\n```\n```cahier check=a visible\n> expect(a == [3, 6], \"a\")\n```\n"
        let run = NotebookRun(try Support.notebook(text, path: "mine.md"))
        let shown = run.commands.compactMap { CheckReport.answerShows($0, source: run.notebook.source) }
        #expect(shown == ["mine.md:3:1: note: your answer shows\n    > a\n    [3, 6]"])
        #expect(String(decoding: Weaver.weave(run), as: UTF8.self).contains("> a\n[3, 6]\n```"))
    }

    @Test("a failed visible check prints the explanation the grader gives")
    func visibleExplanation() throws {
        let text = "```cahier\n> let w = [1, 2, 3]\n> expect(all(abs(w - [1, 2, 3.5]) < 0.1), \"w\")\n```\n"
        let run = NotebookRun(try Support.notebook(text))
        // |3 − 3.5| = 0.5 > 0.1 at index 2, the only and so the largest difference.
        #expect(run.commands[1].outcome.lines == ["error: expectation failed: w", "  w is [1, 2, 3] (shape [3])",
                                                  "  they differ by more than 0.1 first at [2]: 3 against 3.5; largest difference 0.5"])
    }

    // MARK: One meaning per rule

    @Test("every message translated: the sample hand-ins grade to the same scores", arguments: [
        ("01-perceptrons", "partial", 6.0), ("01-perceptrons", "wrong", 1), ("03-mlp", "partial", 8.5), ("03-mlp", "wrong", 1),
        ("04-training-loop", "wrong", 3), ("02-logistic-spam", "wrong", 3),
    ])
    func translatedMessages(sheet: String, handIn: String, total: Double) throws {
        // The totals are Tests/HandIns/README.md's, derived by hand from each hand-in's mistakes.
        let result = try grade(try Self.handIn(sheet, handIn), sheet: sheet, language: .pseudo)
        #expect(abs(result.total - total) < 1e-9, "\(result.checks.map { ($0.number, $0.passed, $0.message) })")
        // The words did change: what the grade says is written in the pseudo-language.
        // Each line is a message of the catalogue, code put in: it opens and closes as the pseudo-language's do.
        let words = result.checks.flatMap { $0.feedback.map(\.plain) } + result.exercises.compactMap(\.problem)
        #expect(!words.isEmpty && words.allSatisfy { $0.hasPrefix("⟦") && $0.hasSuffix("⟧") }, "\(words)")
    }

    @Test("a run-time error's message follows the notebook's language; its reason does not")
    func errorLanguage() throws {
        var notebook = try Support.notebook("```cahier\n> let y = undefinedName + 1\n```\n")
        let english = NotebookRun(notebook).commands[0].outcome
        notebook.settings.language = .pseudo
        let pseudo = NotebookRun(notebook).commands[0].outcome
        #expect(english.error?.reason == pseudo.error?.reason)
        #expect(english.lines.first?.hasPrefix("error: unknown name 'undefinedName'") == true)
        #expect(pseudo.lines.first?.hasPrefix("⟦érrór: ⟦úñkñówñ ñámé 'undefinedName'") == true, "\(pseudo.lines)")
    }

    // MARK: The documentation

    @Test("docs/grading.md shows the feedback the grader gives its example hand-ins")
    func documentedFeedback() throws {
        let page = try String(contentsOf: Support.root.appendingPathComponent("docs/grading.md"), encoding: .utf8)
        let folder = Support.root.appendingPathComponent("Tests/FeedbackExamples")
        let sheetPath = folder.appendingPathComponent("sheet.md").path
        let sheet = try String(contentsOfFile: sheetPath, encoding: .utf8)
        let marker = "<!-- feedback of Tests/FeedbackExamples/hand-ins/"
        var shown = 0
        for part in page.components(separatedBy: marker).dropFirst() {
            let name = String(part.prefix { $0 != "." })
            let fence = try #require(part.range(of: "````markdown\n"))
            let end = try #require(part.range(of: "````\n", range: fence.upperBound..<part.endIndex))
            let documented = String(part[fence.upperBound..<end.lowerBound])
            let handIn = try String(contentsOf: folder.appendingPathComponent("hand-ins/\(name).md"), encoding: .utf8)
            var result = try Support.grade(handIn, sheet: sheet, path: sheetPath).result
            result.handIn = name
            #expect(GradeReports.feedback(result) == documented, "docs/grading.md shows other feedback for \(name)")
            shown += 1
        }
        let handIns = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("hand-ins").path).filter { $0.hasSuffix(".md") }
        #expect(shown == handIns.count && shown >= 4)
    }
}
