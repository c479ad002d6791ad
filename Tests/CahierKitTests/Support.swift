import CahierKit
import Foundation

/// Paths and helpers shared by the tests.
enum Support {
    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `cahier` binary that `swift test` built beside the test bundle.
    static var binary: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cahier")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let inBundleFolder = Bundle.main.bundleURL.appendingPathComponent("cahier")
        if FileManager.default.isExecutableFile(atPath: inBundleFolder.path) { return inBundleFolder }
        return root.appendingPathComponent(".build/debug/cahier")
    }

    /// Parses a notebook held in memory.
    static func notebook(_ text: String, path: String = "test.md") throws -> Notebook {
        try NotebookParser.parse(try SourceLoader.validate(path: path, bytes: Array(text.utf8)))
    }

    /// The output lines of each command of a one-block transcript.
    static func outputs(_ commands: [String], seed: UInt64 = 0) throws -> [[String]] {
        let text = "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let notebook = try Self.notebook(text)
        return NotebookRun(notebook).outputs.first ?? []
    }

    /// What a check's outcome says, in English: the failure's message, or why it did not run.
    static func detail(_ outcome: Grader.CheckOutcome) -> String? {
        switch outcome {
        case .passed: return nil
        case .failed(let f), .notPrepared(let f): return f.reason.message()
        case .needs(let d), .preparationNeeds(let d): return "did not run: it uses '\(d.name)', which your answer to exercise \(d.exercise) defines"
        }
    }

    /// Grades a hand-in against a sheet held in memory (at `path`, where its data files are read):
    /// the events the grader reported and the grade they make.
    static func grade(_ handIn: String, sheet text: String, path: String = "sheet.md",
                      language: Language = .english) throws -> (events: [Grader.Event], result: GradeResult) {
        var parsed = try notebook(text, path: path)
        parsed.settings.language = language
        let sheet = try Sheet(parsed)
        var events: [Grader.Event] = []
        Grader(sheet: sheet).grade(HandIn(try SourceLoader.validate(path: "h.md", bytes: Array(handIn.utf8)))) { events.append($0) }
        return (events, GradeResult(sheet: sheet, handIn: "h", events: events, stopped: nil, language: language))
    }

    /// The output of one command, as one string.
    static func output(_ command: String, after setup: [String] = []) throws -> String {
        try outputs(setup + [command]).last!.joined(separator: "\n")
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the real `cahier` binary.
    static func cahier(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(binary, arguments, in: directory, environment: environment)
    }

    /// Runs a program, reading all it prints.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension NotebookRun {
    /// The transcript lines of each command, block by block: `outputs[block][command]`.
    var outputs: [[[String]]] { blocks.map { $0.commands.map(\.outcome.lines) } }
}

/// A notebook session driven command by command, for tests that read the
/// values names hold rather than their transcript.
final class Session {
    let interpreter: Interpreter

    init(seed: UInt64 = 0, limits: WorkLimits = WorkLimits()) {
        interpreter = Interpreter(seed: seed, limits: limits)
    }

    /// Runs one command; its outcome says whether it failed.
    @discardableResult
    func run(_ text: String) throws -> CommandOutcome {
        interpreter.run(try Parser.parse(CommandText(text)))
    }

    /// Runs commands that must not fail; throws the first error.
    func must(_ commands: String...) throws {
        for command in commands {
            let outcome = try run(command)
            if let error = outcome.error { throw SessionError(command: command, lines: outcome.errorLines + ["(\(error.message))"]) }
        }
    }

    /// The numbers a name holds (a number, a tensor, a parameter's value), row-major.
    func numbers(_ name: String) -> [Double]? {
        switch interpreter.bindings[name] {
        case .number(let x)?: return [x]
        case .tensor(let t)?, .mask(let t)?: return t.scalars
        case .variable(let v)?: return v.value.scalars
        case .object(.parameter(let p))?: return p.value.scalars
        default: return nil
        }
    }

    /// The numbers of an expression, bound to a fresh name.
    func numbers(of expression: String) throws -> [Double]? {
        try must("let evaluated\(counter) = \(expression)")
        counter += 1
        return numbers("evaluated\(counter - 1)")
    }

    private var counter = 0

    /// A nested array of numbers (as JSONSerialization gives them) as a literal of the language.
    static func literal(_ value: Any) -> String {
        if let items = value as? [Any] { return "[" + items.map(literal).joined(separator: ", ") + "]" }
        if let number = value as? NSNumber { return "\(number.doubleValue)" }
        return "\(value)"
    }

    /// Every number of a nested array, in order.
    static func flat(_ value: Any) -> [Double] {
        if let items = value as? [Any] { return items.flatMap(flat) }
        if let number = value as? NSNumber { return [number.doubleValue] }
        return []
    }
}

struct SessionError: Error, CustomStringConvertible {
    var command: String
    var lines: [String]
    var description: String { "> \(command)\n" + lines.joined(separator: "\n") }
}

/// A `cahier` command that keeps running (watch, serve), its output going to a
/// log file the test reads while it runs. Killed when the test is done with it,
/// on every path, so that a failing test never leaves it behind.
final class RunningCahier {
    let process = Process()
    private let log: URL

    init(_ arguments: [String], logIn directory: URL) throws {
        log = directory.appendingPathComponent("log.txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = Support.binary
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// What it has printed so far.
    var logged: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits up to `seconds` until it has printed `text`.
    func wait(for text: String, seconds: Double = 5) {
        for _ in 0..<Int(seconds * 20) where !logged.contains(text) { usleep(50_000) }
    }

}
