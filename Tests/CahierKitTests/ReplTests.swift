import CahierKit
import Foundation
import Testing

@Suite("The REPL: a session, and cahier repl in a terminal")
struct ReplTests {
    @Test("a command is unfinished while a bracket, parenthesis or brace is open")
    func needsMore() {
        #expect(InteractiveSession.needsMore(["for i in 0..<3 {"]))
        #expect(InteractiveSession.needsMore(["f(1,"]))
        #expect(InteractiveSession.needsMore(["[[1, 2],"]))
        #expect(!InteractiveSession.needsMore(["for i in 0..<3 {", "print(i)", "}"]))
        #expect(!InteractiveSession.needsMore(["1 + 1"]))
        // A brace inside a string does not count; a line that does not lex is finished (running it says why).
        #expect(!InteractiveSession.needsMore(["print(\"{\")"]))
        #expect(!InteractiveSession.needsMore(["\"open"]))
        #expect(!InteractiveSession.needsMore(["}"]))
    }

    @Test("names persist across commands; errors and syntax errors are reported, the session goes on")
    func runs() throws {
        let session = InteractiveSession(folder: try Support.temporaryDirectory().path)
        #expect(session.run(["var w = [1, 2]"]).lines == [])
        #expect(session.run(["w[0] += 40", "w[0] + w[1]"]).lines == ["43"])
        #expect(session.run(["nope"]).lines == ["error: unknown name 'nope'"])
        #expect(session.run(["w @"]).lines == ["error: expected an expression, found the end of the command (column 4)"])
        #expect(session.run(["func twice(_ x: Any) -> Any {", "  return 2 * x", "}"]).lines == [])
        #expect(session.run(["twice(w)"]).lines == ["[82, 4]"])
        #expect(session.names.map(\.name) == ["twice", "w"])
        #expect(session.names.map(\.type) == ["Function", "Tensor"])
        // The syntax error is not in the transcript: a notebook that held it would not parse.
        #expect(session.transcript.count == 5)
        session.reset()
        #expect(session.names.isEmpty && session.transcript.isEmpty)
        #expect(session.run(["w"]).lines == ["error: unknown name 'w'"])
    }

    @Test("completes names, builtins, keywords, and the members of a name's value")
    func completions() throws {
        let session = InteractiveSession(folder: try Support.temporaryDirectory().path)
        _ = session.run(["let perceptron = Perceptron(features: 2)", "let softness = 1"])
        let (start, words) = session.completions(of: "x = soft", cursor: 8)
        #expect(start == 4)
        #expect(words == ["softmax", "softness", "softplus"])
        #expect(session.completions(of: "whi", cursor: 3).candidates == ["while"])
        let members = session.completions(of: "perceptron.", cursor: 11)
        #expect(members.start == 11)
        #expect(members.candidates == ["fit", "predict", "scores", "weights"])
        #expect(session.completions(of: "f(perceptron.we", cursor: 15).candidates == ["weights"])
        // Members of a name that is not bound: nothing to offer.
        #expect(session.completions(of: "ghost.f", cursor: 7).candidates.isEmpty)
    }

    @Test("a saved session is a notebook that check passes, outputs written as run --update writes them")
    func save() throws {
        let folder = try Support.temporaryDirectory()
        let session = InteractiveSession(folder: folder.path)
        for command in [["let r = rand(3)"], ["r"], ["for i in 0..<2 {", "  print(\"```\")", "  print(\"> x\")", "}"], ["oops"], ["print(\"...\")"]] {
            _ = session.run(command)
        }
        let path = folder.appendingPathComponent("session.md").path
        try session.save(path: path)
        let run = NotebookRun(try NotebookParser.load(path: path))
        #expect(run.commands.count == 5)
        #expect(run.commands.allSatisfy { $0.passed })
        // The same draws: the notebook's generator is seeded as the session's was.
        #expect(run.commands[1].outcome.lines == (session.transcript[1].outcome.lines))
        #expect(run.commands[2].outcome.lines == ["```", "> x", "```", "> x"])
        #expect(Weaver.weave(run) == Array(try String(contentsOfFile: path, encoding: .utf8).utf8))
    }

    @Test("loading a notebook runs its commands with its front matter, so they give its outputs")
    func load() throws {
        let folder = try Support.temporaryDirectory()
        let path = folder.appendingPathComponent("chapter.md").path
        try Data("---\nseed: 7\ndigits: 3\n---\n# Chapter\n\n```cahier\n> let x = 2 / 3\n> x\n0.667\n> x * 3\n5\n```\n".utf8).write(to: URL(fileURLWithPath: path))
        let session = InteractiveSession(folder: "/")
        let summary = try session.load(path: path)
        #expect(summary.commands == 3 && summary.tookSettings)
        #expect(summary.differing == [11])
        #expect(session.settings.seed == 7 && session.settings.digits == 3)
        #expect(session.run(["x + 1"]).lines == ["1.67"])
        #expect(session.folder == folder.path)
        // The saved session keeps the front matter, so check gives the same outputs.
        #expect(session.notebookText().hasPrefix("---\nseed: 7\ndigits: 3\n---\n"))
        // A session that has run something keeps its own settings.
        let busy = InteractiveSession(folder: "/")
        _ = busy.run(["1"])
        #expect(try busy.load(path: path).tookSettings == false)
    }

    @Test("an interruption stops a running loop, and a training run between epochs; the session goes on")
    func interruption() throws {
        let folder = try Support.temporaryDirectory()
        let path = folder.appendingPathComponent("limits.md").path
        // Limits high enough that only the interruption can stop these commands soon.
        try Data("---\nmax-operations: 1000000000000\nmax-training-examples: 1000000000\n---\n```cahier\n> let data = blobs(centers: [[0, 0], [2, 2]], count: 1000)\n```\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let session = InteractiveSession(folder: folder.path)
        _ = try session.load(path: path)
        let interruption = session.interruption
        func interrupt(after seconds: Double) {
            Thread { Thread.sleep(forTimeInterval: seconds); interruption.request() }.start()
        }
        interrupt(after: 0.2)
        let result = session.run(["var n = 0", "while n < 1000000000000 { n += 1 }"])
        #expect(result.lines.first == "error: \(InteractiveSession.interruptedMessage)")
        #expect(session.run(["n > 0"]).lines == ["true"])
        // Interrupted commands are not kept for a saved notebook: they would not stop there again.
        #expect(session.transcript.map(\.command.text) == ["let data = blobs(centers: [[0, 0], [2, 2]], count: 1000)", "n > 0"])
        #expect(!interruption.isRequested)
        _ = session.run(["let m = LogisticRegression(features: 2)"])
        interrupt(after: 0.2)
        let training = session.run(["m.fit(data, rate: 0.1, epochs: 400000)"])
        #expect(training.lines == ["error: \(InteractiveSession.interruptedMessage)"])
        #expect(session.run(["1 + 1"]).lines == ["2"])
    }
}

/// A `cahier repl` in a pseudo-terminal made by util-linux `script`: keys go
/// in as a person types them, the screen's bytes come out.
final class TerminalSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let screen = Screen()

    /// The bytes that came out, gathered from the reading thread.
    final class Screen: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        func append(_ data: Data) { lock.withLock { bytes += data } }
        var contents: [UInt8] { lock.withLock { bytes } }
    }

    init(arguments: [String], in directory: URL, environment: [String: String]) throws {
        let command = (["exec", Support.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ").replacingOccurrences(of: "'exec'", with: "exec")
        // Typing into a terminal that has gone must fail the test, not end it by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", command, "/dev/null"]
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables["SHELL"] = "/bin/sh"
        variables["TERM"] = "xterm"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [screen] handle in
            let data = handle.availableData
            screen.append(data)
        }
        try process.run()
    }

    /// Types `keys`.
    func type(_ keys: String) {
        input.fileHandleForWriting.write(Data(keys.utf8))
    }

    /// What the screen showed so far, without escape sequences and carriage returns.
    var text: String {
        let bytes = screen.contents
        let raw = String(decoding: bytes, as: UTF8.self)
        return raw.replacing(/\u{1B}\[[0-9;?]*[A-Za-z]/, with: "").replacingOccurrences(of: "\r", with: "")
    }

    /// Waits (up to 20 s) until the screen shows `pattern` `count` times.
    @discardableResult
    func wait(for pattern: String, count: Int = 1) -> Bool {
        for _ in 0..<400 {
            if text.components(separatedBy: pattern).count - 1 >= count { return true }
            usleep(50_000)
        }
        return false
    }

    /// Waits for the process to end; its status.
    func finish() -> Int32? {
        for _ in 0..<200 where process.isRunning { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}

@Suite("cahier repl in a terminal", .serialized)
struct ReplTerminalTests {
    @Test("typing, history, completion, a multi-line loop, Ctrl-C, Ctrl-R, :save and Ctrl-D, as a person would",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func terminal() throws {
        let folder = try Support.temporaryDirectory()
        let history = folder.appendingPathComponent("history").path
        // A generous work limit, so that only Ctrl-C stops the endless loop.
        try Data("---\nmax-operations: 1000000000000\nmax-notebook-operations: 10000000000000\n---\n```cahier\n> let start = 40\n```\n".utf8)
            .write(to: folder.appendingPathComponent("start.md"))
        let terminal = try TerminalSession(arguments: ["repl", "start.md"], in: folder, environment: ["CAHIER_HISTORY": history])
        defer { _ = terminal.finish() }
        #expect(terminal.wait(for: "ran 1 command of start.md"))
        #expect(terminal.wait(for: "Ctrl-D leaves."))

        terminal.type("let a = start + 2\r")
        terminal.type("a * 1\r")
        #expect(terminal.wait(for: "\n42\n"))
        // Up arrow brings the last line back; Enter runs it again.
        terminal.type("\u{1B}[A\r")
        #expect(terminal.wait(for: "\n42\n", count: 2))
        // Tab completes a builtin's name.
        terminal.type("softm\t([0, 0])\r")
        #expect(terminal.wait(for: "softmax([0, 0])"))
        #expect(terminal.wait(for: "[0.5, 0.5]"))
        // A loop over several lines: the prompt becomes "| " until the brace closes.
        terminal.type("for i in 1...3 {\r")
        #expect(terminal.wait(for: "| "))
        terminal.type("print(i * 111)\r}\r")
        #expect(terminal.wait(for: "111\n222\n333\n"))
        // Ctrl-C stops an endless loop; the session keeps its names.
        terminal.type("var spins = 0\rwhile true { spins += 1 }\r")
        usleep(500_000)
        terminal.type("\u{3}")
        #expect(terminal.wait(for: "error: interrupted (Ctrl-C)"))
        terminal.type("spins > 0 && a == 42\r")
        #expect(terminal.wait(for: "\ntrue\n"))
        // Ctrl-C at the prompt drops the line being typed.
        terminal.type("this is dropped\u{3}")
        #expect(terminal.wait(for: "^C"))
        // Ctrl-R finds an earlier line by a piece of it; Enter runs it.
        terminal.type("\u{12}a * ")
        #expect(terminal.wait(for: "(search 'a * '): a * 1"))
        terminal.type("\r")
        #expect(terminal.wait(for: "\n42\n", count: 3))
        terminal.type(":save session.md\r")
        #expect(terminal.wait(for: "saved"))
        // The loop stopped by Ctrl-C is left out, and the saved notebook says which outputs may then differ.
        #expect(terminal.wait(for: "left out 1 interrupted command"))
        terminal.type("\u{4}")
        #expect(terminal.finish() == 0)

        let lines = try String(contentsOfFile: history, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains("let a = start + 2") && lines.contains("softmax([0, 0])") && !lines.contains("this is dropped"))
        let saved = NotebookRun(try NotebookParser.load(path: folder.appendingPathComponent("session.md").path))
        #expect(saved.commands.count >= 8)
        #expect(saved.commands.filter { !$0.passed }.map(\.command.text.text) == ["spins > 0 && a == 42"])
        #expect(!saved.commands.contains { $0.command.text.text.contains("while true") })
    }
}
