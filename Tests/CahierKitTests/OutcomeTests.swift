import CahierKit
import CahierLearning
import Foundation
import Testing

@Suite("Command outcomes and verdicts")
struct OutcomeTests {
    func run(_ command: String, _ interpreter: Interpreter) throws -> CommandOutcome {
        interpreter.run(try Parser.parse(CommandText(command)))
    }

    @Test("an outcome keeps what was printed, the value shown and a typed error apart")
    func parts() throws {
        let interpreter = Interpreter(seed: 0)
        let shown = try run("[1, 2] * 2", interpreter)
        #expect(shown.output == [.text("[2, 4]")] && shown.error == nil && shown.figures.isEmpty)
        let failed = try run("print(\"before\") + zeros(-1)", interpreter)
        #expect(failed.output == [.text("before")])
        #expect(failed.error?.message == "zeros: extents must be ≥ 0, got -1")
        #expect(failed.lines == ["before", "error: zeros: extents must be ≥ 0, got -1"])
    }

    @Test("a figure shown is a figure line; one drawn and bound is only among the figures")
    func figures() throws {
        let interpreter = Interpreter(seed: 0)
        let shown = try run("plotLines([1, 2], title: \"T\")", interpreter)
        guard case .figure(let figure)? = shown.output.first else { Issue.record("no figure line"); return }
        #expect(figure.title == "T" && shown.lines == ["[figure: T]"] && shown.figures == [figure])
        let bound = try run("let f = plotLines([1, 2], title: \"U\")", interpreter)
        #expect(bound.output.isEmpty && bound.figures.map(\.title) == ["U"])
    }

    @Test("an error message over several lines gives several transcript lines")
    func multilineError() throws {
        let interpreter = Interpreter(seed: 0)
        let outcome = try run("expect(false, \"a\\nb\")", interpreter)
        #expect(outcome.error?.message == "expectation failed: a\nb")
        #expect(outcome.lines == ["error: expectation failed: a", "b"])
    }

    @Test("verdicts: a match, a student's answer that runs, and a difference", arguments: [
        ("> 1 + 1\n2", false, Verdict.matches),
        ("> 1 + 1\n3", false, Verdict.differs),
        ("> 1 + 1", true, Verdict.answered),
        ("> 1 + 1", false, Verdict.differs),
        ("> zeros(-1)", true, Verdict.differs),
        ("> 1 / 3\n0.3333333", false, Verdict.matches),
    ])
    func verdicts(transcript: String, answer: Bool, verdict: Verdict) throws {
        let options = answer ? " exercise=e points=1" : ""
        let run = NotebookRun(try Support.notebook("```cahier\(options)\n\(transcript)\n```\n"))
        #expect(run.commands.first?.verdict == verdict)
    }

    @Test("each block's verdicts use its own tolerance, else the front matter's, computed once")
    func tolerance() throws {
        let run = NotebookRun(try Support.notebook("---\ntolerance: 1e-2\n---\n```cahier\n> 1 / 3\n0.33\n```\n```cahier tolerance=1e-9\n> 1 / 3\n0.333\n```\n"))
        #expect(run.blocks.map(\.tolerance.relative) == [1e-2, 1e-9])
        #expect(run.commands.map(\.verdict) == [.matches, .differs])
    }

    @Test("the standard registry builds, and a name registered twice is refused")
    func registry() throws {
        var registry = try Registry.makeStandard()
        let sum = try #require(registry.function(named: "sum"))
        #expect(throws: RegistryError(name: "sum")) { try registry.register(sum) }
        let shape = try #require(registry.property("shape", of: .tensor))
        #expect(throws: RegistryError(name: "Tensor.shape")) { try registry.register(shape) }
    }

    @Test("a builtin's default is written once: in the signature and as the value the body reads")
    func defaults() throws {
        let softmax = try #require(Registry.standard.function(named: "softmax"))
        #expect(softmax.signature == "softmax(_ x: Tensor, axis: Int = -1) -> Tensor")
        #expect(try Support.output("step(0)") == "1")
        #expect(try Support.output("step(0, atZero: 0)") == "0")
    }
}

@Suite("Grading without the binary")
struct GradingEngineTests {
    static let sheetText = """
    ```cahier exercise=double points=2
    > // solution
    > let double = [1, 2] * 2
    > // end solution
    ```

    ```cahier check=double visible
    > expect(double[0] == 2, "the first is 2")
    > expect(double[1] == 4, "the second is 4")
    ```

    """

    func grade(_ handIn: String) throws -> (events: [Grader.Event], result: GradeResult) {
        try Support.grade(handIn, sheet: Self.sheetText)
    }

    @Test("a right answer passes every check, in order, and the run ends with done")
    func right() throws {
        let (events, result) = try grade("# Mine\n\n```cahier exercise=double\n> let double = [2, 4]\n```\n")
        #expect(events == [.answers(["double": .ready]), .check(number: 1, outcome: .passed), .check(number: 2, outcome: .passed), .done])
        #expect(result.total == 2 && result.maximum == 2)
    }

    @Test("an answer's errors are read as errors, with the hand-in's line, and fail the checks that need it")
    func errors() throws {
        let (events, result) = try grade("text\n\n```cahier exercise=double\n> let double = [1, 2] + [1, 2, 3]\n```\n")
        #expect(events.contains { event in
            if case .answerError("double", 4, let failure) = event { return failure.reason == .tensor(.shapeMismatch(operation: "+", [2], [3])) }
            return false
        })
        #expect(events.contains(.check(number: 1, outcome: .needs(Grader.Dependency(name: "double", exercise: "double", trouble: .stopped(line: 4))))))
        #expect(result.checks[0].message == "the first is 2: did not run: it uses 'double', which your answer to exercise double defines, and that answer stopped with an error at line 4")
        #expect(result.total == 0)
        #expect(result.exercises[0].answerErrors == ["line 4: +: shapes [2] and [3] do not match"])
    }

    @Test("a partly right answer gets the points of the checks it passes")
    func partial() throws {
        let (_, result) = try grade("```cahier exercise=double\n> let double = [2, 5]\n```\n")
        #expect(result.checks.map(\.passed) == [true, false] && result.total == 1)
        #expect(result.checks[1].message == "the second is 4")
    }

    @Test("the worker protocol carries every event, one JSON line each, and skips a partial last line")
    func protocolRoundTrip() throws {
        let compared = Expectation.Compared(expression: "f(x)", value: "[1, 2]", shape: [2], fromAnswer: true, isLiteral: false)
        let expectation = Expectation(message: "x\ny", comparisons: [Expectation.Comparison(operation: "==", left: compared, right: compared, firstFailure: [1])])
        let events: [Grader.Event] = [.answers(["a": .ready, "b": .missing, "c": .unreadable("line 1")]),
                                      .check(number: 1, outcome: .failed(CheckFailure(reason: .expectationFailed(expectation), places: [.init(function: "f", line: 1, column: 2, studentLine: 9)], calls: ["f"]))),
                                      .check(number: 2, outcome: .needs(Grader.Dependency(name: "m", exercise: "b", trouble: .stopped(line: 3)))),
                                      .answerError(exercise: "a", line: 3, failure: CheckFailure(reason: .other("é 叶 \"q\""))), .note("n"), .done]
        var data = events.reduce(Data()) { $0 + WorkerProtocol.line($1) }
        #expect(WorkerProtocol.events(from: data) == events)
        data += Data("{\"check\":{\"num".utf8)
        #expect(WorkerProtocol.events(from: data) == events)
    }

    @Test("a worker's events count; a worker that hangs is stopped by its time limit, one that crashes is reported")
    func workerProcesses() throws {
        let done = String(decoding: WorkerProtocol.line(.done), as: UTF8.self)
        let check = String(decoding: WorkerProtocol.line(.check(number: 1, outcome: .passed)), as: UTF8.self)
        func shell(_ script: String) -> WorkerProcess { WorkerProcess(executable: "/bin/sh", arguments: ["-c", script]) }
        let finished = shell("printf '%s' '\(check)\(done)'").run(timeout: 10)
        #expect(finished.stopped == nil && finished.events == [.check(number: 1, outcome: .passed), .done])
        let hung = shell("printf '%s' '\(check)'; exec sleep 30").run(timeout: 0.5)
        #expect(hung.events == [.check(number: 1, outcome: .passed)])
        #expect(hung.stopped == .timeLimit(seconds: 0.5))
        let crashed = shell("printf '%s' '\(check)'; kill -SEGV $$").run(timeout: 10)
        #expect(crashed.stopped == .crashed(.signal(11)))
    }

    @Test("the pool runs every job once and returns the results in the order of the items", arguments: [1, 2, 7])
    func pool(jobs: Int) {
        let results = GradePool(jobs: jobs).map(Array(0..<50)) { $0 * $0 }
        #expect(results == (0..<50).map { $0 * $0 })
    }

    @Test("grade books of shards merge into one; a hand-in in two books or other columns are refused")
    func merge() throws {
        let a = "Hand-in,x,Total\nb,1,1\n", b = "Hand-in,x,Total\na,2,2\n"
        #expect(try Gradebook.merge([("a.csv", a), ("b.csv", b)]) == ("Hand-in,x,Total\na,2,2\nb,1,1\n", 2))
        let twice = #expect(throws: DiagnosticError.self) { try Gradebook.merge([("a.csv", a), ("c.csv", a)]) }
        #expect(twice?.diagnostics.first?.message == "hand-in 'b' is in two grade books")
        #expect(throws: DiagnosticError.self) { try Gradebook.merge([("a.csv", a), ("d.csv", "Hand-in,y,Total\nc,1,1\n")]) }
    }

    @Test("hand-in IDs are their file names and must be unique")
    func entries() throws {
        let entries = try GradeBatch.entries(["x/b.md", "y/a.md"]).entries
        #expect(entries.map(\.id) == ["a", "b"])
        #expect(throws: DiagnosticError.self) { try GradeBatch.entries(["x/a.md", "y/a.md"]) }
    }
}

@Suite("Grading by forking from a worker server")
struct ForkServerTests {
    /// The sheet of the engine's tests, with limits only the time and memory limits of grading can stop.
    static let sheetText = "---\nmax-operations: 1000000000000\nmax-elements: 100000000\n---\n" + GradingEngineTests.sheetText

    @Test("forked children grade as started programs do: same results, the time limit and a memory blow-up each lose only their own checks")
    func sameAsPrograms() throws {
        let folder = try Support.temporaryDirectory()
        let sheet = folder.appendingPathComponent("sheet.md")
        // The check work limit lifted (a floor of 10¹² operations): the time limit and the memory limit are what these hand-ins meet.
        try Data(Self.sheetText.replacingOccurrences(of: "---\nmax-operations", with: "---\ncheck-work-floor: 1000000000000\nmax-operations").utf8).write(to: sheet)
        let handIns: [(String, String)] = [
            ("right", "```cahier exercise=double\n> let double = [2, 4]\n```\n"),
            ("half", "```cahier exercise=double\n> let double = [2, 5]\n```\n"),
            ("spins", "```cahier exercise=double\n> while true { }\n> let double = [2, 4]\n```\n"),
            // Six tensors of 800 MB held at once: the memory limit (1 GB) refuses the second before it is made, within the
            // 2 GiB address space given below (1 GiB of it the evaluation stack), so the answer's next line still runs.
            ("hungry", "```cahier exercise=double\n> let all = [zeros(100000000), zeros(100000000), zeros(100000000), zeros(100000000), zeros(100000000), zeros(100000000)]\n> let double = [2, 4]\n```\n"),
            ("missing", ""),
        ]
        var paths: [String] = []
        for (id, text) in handIns {
            let path = folder.appendingPathComponent("\(id).md").path
            if !text.isEmpty { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
            paths.append(path)
        }
        let binary = Support.binary.path
        func batches(timeout: Double) throws -> (forked: GradeBatch, started: GradeBatch) {
            let options = GradeBatch.Options(timeout: timeout, jobs: 2, memory: 2048)
            var forked = try GradeBatch(sheetPath: sheet.path, options: options,
                                        worker: GradeBatch.cahierWorker(executable: binary, sheet: sheet.path, memory: options.memory))
            forked.server = GradeBatch.cahierServer(executable: binary, sheet: sheet.path, options: options)
            var started = forked
            started.server = nil
            return (forked, started)
        }
        // A time limit no loaded machine reaches, except by the endless loop, graded apart with a short one.
        let entries = try GradeBatch.entries(paths.filter { !$0.hasSuffix("spins.md") }).entries
        let (forked, started) = try batches(timeout: 600)
        let a = forked.grade(entries), b = started.grade(entries)
        #expect(a.map(\.handIn) == ["half", "hungry", "missing", "right"])
        #expect(a.map(\.total) == [1, 2, 0, 2])
        #expect(a == b)
        #expect(a[1].exercises[0].answerErrors.contains { $0.hasPrefix("line 2: ") && $0.contains("front matter max-memory") }, "\(a[1].exercises)")
        #expect(a[1].notes.isEmpty, "\(a[1].notes)")
        #expect(a[0].notes.isEmpty && a[3].notes.isEmpty)
        let spins = try GradeBatch.entries(paths.filter { $0.hasSuffix("spins.md") }).entries
        let (forkedShort, startedShort) = try batches(timeout: 2)
        let c = forkedShort.grade(spins), d = startedShort.grade(spins)
        #expect(c == d)
        #expect(c.first?.notes == ["grading stopped after 2 seconds (time limit); the checks not reached score 0"])
    }

    @Test("a worker server answers each hand-in with a header line and the child's events, and ends when its input ends")
    func serverProtocol() throws {
        let folder = try Support.temporaryDirectory()
        let sheet = folder.appendingPathComponent("sheet.md")
        try Data(Self.sheetText.utf8).write(to: sheet)
        let right = folder.appendingPathComponent("right.md")
        try Data("```cahier exercise=double\n> let double = [2, 4]\n```\n".utf8).write(to: right)
        let process = Process()
        process.executableURL = Support.binary
        process.arguments = ["grade-worker", "--serve", "--sheet", sheet.path, "--timeout", "10"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Array((right.path + "\0" + right.path + "\0").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Two answers, each a header line then the events.
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("done ") }
        #expect(headers.count == 2)
        #expect(text.components(separatedBy: "{\"done\":{}}").count - 1 == 2)
        #expect(process.terminationStatus == 0)
    }
}
