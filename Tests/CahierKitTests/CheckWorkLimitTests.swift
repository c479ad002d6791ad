import CahierKit
import Foundation
import Testing

/// When a sheet grades a hand-in, each of its own commands may do
/// `check-work-factor` times the work it needed with the sheet's solutions, at
/// least `check-work-floor`, and each command of an answer that times its
/// solution block's work (issue #26, item 3): an answer that never ends stops
/// at a multiple of the solution's work, not at `max-operations`.
@Suite("Check work limits")
struct CheckWorkLimitTests {
    /// A sheet whose one check sums 0..<100 with the answer's `total`.
    static func sheet(_ frontMatter: String) -> String {
        """
        ---
        \(frontMatter)
        ---
        ```cahier exercise=sum points=2
        > func total(_ n: Number) -> Number {
        |   var s = 0
        |   for i in 0..<n { s += i }
        |   return s
        | }
        ```

        ```cahier check=sum
        > expect(total(100) == 4950, "the sum of 0 to 99")
        ```

        ```cahier check=sum
        > let r = total(10)
        > expect(r == 45, "the sum of 0 to 9")
        ```

        """
    }

    /// A hand-in whose `total` has `body` between `var s = 0` and `return s`.
    static func handIn(_ body: String) -> String {
        "```cahier exercise=sum\n> func total(_ n: Number) -> Number {\n|   var s = 0\n" + body + "|   return s\n| }\n```\n"
    }

    static let endless = handIn("|   while true { s += 1 }\n")
    /// The sum, done twice: about twice the solution's work, the same result.
    static let twice = handIn("|   for i in 0..<n { s += i }\n|   for i in 0..<n { s += 0 }\n")

    /// The work each command of `sheet` was charged with its solutions, read from
    /// ``NotebookRun`` (``CommandRun/work``), not from the grader.
    static func solutionWork(_ sheet: String) throws -> [[Int]] {
        NotebookRun(try Support.notebook(sheet, path: "sheet.md")).blocks.map { $0.commands.map(\.work) }
    }

    /// The reason check `number` failed with, or nil when it passed.
    static func reason(_ events: [Grader.Event], check number: Int) -> FailureReason? {
        for case .check(number, let outcome) in events {
            switch outcome {
            case .failed(let failure), .notPrepared(let failure): return failure.reason
            default: return nil
            }
        }
        return nil
    }

    @Test("an endless loop stops at factor × the work the check needed with the solution, with a reason saying so")
    func endlessLoop() throws {
        let text = Self.sheet("check-work-factor: 10\ncheck-work-floor: 1000")
        let work = try Self.solutionWork(text)
        // Block 1 is the first check (one command), block 2 the second (its preparing command, then its expect).
        let first = work[1][0], preparing = work[2][0]
        // The loop of 100 turns costs at least 100 steps of 1000 operations: far over the floor of 1000, so the factor decides.
        #expect(first >= 100_000 && preparing >= 10_000)
        let (events, result) = try Support.grade(Self.endless, sheet: text)
        #expect(Self.reason(events, check: 1) == .limit(.checkWork(limit: 10 * first, solution: first, factor: 10)))
        // The preparing command is held to its own solution's work, and its check says it could not be prepared.
        #expect(Self.reason(events, check: 2) == .limit(.checkWork(limit: 10 * preparing, solution: preparing, factor: 10)))
        #expect(result.total == 0)
        #expect(FailureReason.limit(.checkWork(limit: 10 * first, solution: first, factor: 10)).message()
            == "work limit of \(10 * first) operations reached: 10 times the \(first) the sheet's own solution needed here (front matter check-work-factor)")
        #expect(result.checks[0].feedback.map(\.plain).first == "it did not finish: work limit of \(10 * first) operations reached: 10 times the \(first) the sheet's own solution needed here (front matter check-work-factor)")
    }

    @Test("a hand-in slower than the solution but within the factor passes; with a factor of 1 it does not")
    func slowerWithinFactor() throws {
        let passing = try Support.grade(Self.twice, sheet: Self.sheet("check-work-factor: 10\ncheck-work-floor: 1000"))
        #expect(passing.result.checks.map(\.passed) == [true, true])
        #expect(passing.result.total == 2)
        // The same hand-in does more than the solution's work: a factor of 1 (and a floor below it) stops it.
        let text = Self.sheet("check-work-factor: 1\ncheck-work-floor: 1")
        let first = try Self.solutionWork(text)[1][0]
        let failing = try Support.grade(Self.twice, sheet: text)
        #expect(Self.reason(failing.events, check: 1) == .limit(.checkWork(limit: first, solution: first, factor: 1)))
    }

    @Test("the solution handed in does exactly the work it did when measured: it passes with a factor of 1 and a floor of 1")
    func solutionItself() throws {
        let answer = "```cahier exercise=sum\n> func total(_ n: Number) -> Number {\n|   var s = 0\n|   for i in 0..<n { s += i }\n|   return s\n| }\n```\n"
        let result = try Support.grade(answer, sheet: Self.sheet("check-work-factor: 1\ncheck-work-floor: 1")).result
        #expect(result.checks.map(\.passed) == [true, true])
    }

    @Test("the floor holds when factor × the solution's work is less, and says so")
    func floor() throws {
        let text = Self.sheet("check-work-factor: 1\ncheck-work-floor: 5000000")
        let first = try Self.solutionWork(text)[1][0]
        #expect(first < 5_000_000)
        let (events, _) = try Support.grade(Self.endless, sheet: text)
        let reason = FailureReason.limit(.checkWork(limit: 5_000_000, solution: first, factor: 1))
        #expect(Self.reason(events, check: 1) == reason)
        #expect(reason.message() == "work limit of 5000000 operations reached, the least a command of the sheet is given (front matter check-work-floor); the sheet's own solution needed \(first) here")
    }

    @Test("max-operations still bounds a command when it is lower than the check's limit, with its own reason")
    func maximumOperationsLower() throws {
        // The default floor, 10⁷, is over this max-operations: the front matter's limit and reason hold.
        let (events, _) = try Support.grade(Self.endless, sheet: Self.sheet("max-operations: 2000000"))
        #expect(Self.reason(events, check: 1) == .limit(.commandWork(2_000_000)))
    }

    @Test("each command of a hand-in's answer is held to factor × its whole solution block's work")
    func answerCommands() throws {
        // A top-level loop of 10,000 turns in the answer: at least 10⁷ operations.
        let answer = Self.handIn("|   for i in 0..<n { s += i }\n").replacingOccurrences(of: "| }\n```\n", with: "| }\n> var t = 0\n> for i in 0..<10000 { t += i }\n```\n")
        let text = Self.sheet("check-work-factor: 1\ncheck-work-floor: 1")
        // The solution's answer block (block 0) is one command, the function's declaration: a few steps.
        let block = try Self.solutionWork(text)[0]
        #expect(block.count == 1 && block[0] < 1_000_000)
        let (events, result) = try Support.grade(answer, sheet: text)
        let errors = events.compactMap { event -> FailureReason? in
            if case .answerError("sum", let line, let failure) = event, line == 8 { return failure.reason }
            return nil
        }
        #expect(errors == [.limit(.checkWork(limit: block[0], solution: block[0], factor: 1))])
        // The function it declared before is the solution's: the checks pass.
        #expect(result.checks.map(\.passed) == [true, true])
        // With a floor over the loop's work, the same answer meets no limit.
        let roomy = try Support.grade(answer, sheet: Self.sheet("check-work-factor: 1\ncheck-work-floor: 100000000"))
        #expect(!roomy.events.contains { if case .answerError = $0 { return true } else { return false } })
    }

    @Test("a sheet measured once for a batch (its solutionWork) gives the limits the grader holds the checks to")
    func measuredOnce() throws {
        var sheet = try Sheet(try Support.notebook(Self.sheet("check-work-factor: 3\ncheck-work-floor: 1"), path: "sheet.md"))
        // A recorded work of 7000 for the first check: its limit is 3 × 7000 = 21000, whatever the sheet's run would give.
        sheet.solutionWork = SolutionWork(commands: [[1_000_000], [7000], [7000, 7000]])
        var events: [Grader.Event] = []
        Grader(sheet: sheet).grade(HandIn(try SourceLoader.validate(path: "h.md", bytes: Array(Self.endless.utf8)))) { events.append($0) }
        #expect(Self.reason(events, check: 1) == .limit(.checkWork(limit: 21_000, solution: 7000, factor: 3)))
        #expect(SolutionWork(measuring: sheet).commands == (try Self.solutionWork(Self.sheet("check-work-factor: 3\ncheck-work-floor: 1"))))
    }

    @Test("the settings take whole numbers in their ranges and say so otherwise", arguments: [
        ("check-work-factor: 0", "'check-work-factor' must be a whole number from 1 to 1000000"),
        ("check-work-factor: 1000001", "'check-work-factor' must be a whole number from 1 to 1000000"),
        ("check-work-factor: ten", "'check-work-factor' must be a whole number from 1 to 1000000"),
        ("check-work-floor: 0", "'check-work-floor' must be a whole number from 1 to 1000000000000"),
        ("check-work-floor: 1000000000001", "'check-work-floor' must be a whole number from 1 to 1000000000000"),
        ("check-work-floor: 1e7", "'check-work-floor' must be a whole number from 1 to 1000000000000"),
    ])
    func rangeErrors(line: String, message: String) throws {
        let error = try #require(throws: DiagnosticError.self) { try Support.notebook("---\n\(line)\n---\n") }
        let column = line.distance(from: line.startIndex, to: try #require(line.firstIndex(of: ":"))) + 3
        #expect(error.diagnostics.map(\.message) == [message])
        #expect(error.diagnostics.first?.range.start == SourcePosition(line: 2, column: column))
    }

    @Test("the settings' values and defaults")
    func values() throws {
        #expect(try Support.notebook("---\ncheck-work-factor: 1000\ncheck-work-floor: 100000000\n---\n").settings.checkWorkFactor == 1000)
        #expect(try Support.notebook("---\ncheck-work-factor: 1000\ncheck-work-floor: 100000000\n---\n").settings.checkWorkFloor == 100_000_000)
        let defaults = try Support.notebook("# no front matter\n").settings
        #expect(defaults.checkWorkFactor == 100 && defaults.checkWorkFloor == 10_000_000)
    }

    @Test("cahier grade, forking from a worker server that measured the sheet once, gives the same limit")
    func commandLine() throws {
        let folder = try Support.temporaryDirectory()
        let text = Self.sheet("check-work-factor: 10\ncheck-work-floor: 1000")
        try Data(text.utf8).write(to: folder.appendingPathComponent("sheet.md"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("h"), withIntermediateDirectories: true)
        try Data(Self.endless.utf8).write(to: folder.appendingPathComponent("h/endless.md"))
        try Data(Self.twice.utf8).write(to: folder.appendingPathComponent("h/twice.md"))
        let first = try Self.solutionWork(text)[1][0]
        for fork in [true, false] {
            let out = folder.appendingPathComponent(fork ? "out" : "out-no-fork")
            let run = try Support.cahier(["grade", "--sheet", "sheet.md", "h", "-o", out.path] + (fork ? [] : ["--no-fork"]), in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8) == "Hand-in,sum,Total\nendless,0,0\ntwice,2,2\n")
            let feedback = try String(contentsOf: out.appendingPathComponent("endless/feedback.md"), encoding: .utf8)
            #expect(feedback.contains("it did not finish: work limit of \(10 * first) operations reached: 10 times the \(first) the sheet's own solution needed here"), "\(feedback)")
        }
    }
}
