import CahierLearning
import Foundation

/// An interactive session of the language: what `cahier repl` runs.
///
/// It holds one interpreter, as a notebook does (the same registry, limits and
/// sandbox: `load` reads only from the session's folder), and a transcript of
/// the commands run with their outcomes, which ``notebookText()`` writes out as
/// a notebook that `cahier check` passes. Commands are the lines a notebook
/// would hold after `> ` and `| `; ``needsMore(_:)`` says when a command's
/// lines are not finished yet (a `{`, `(` or `[` still open).
public final class InteractiveSession {
    /// The settings commands run under: the front matter of the notebook the
    /// session started from, else the defaults.
    public private(set) var settings = NotebookSettings()
    /// The front matter lines (with their `---`) the saved notebook repeats.
    public private(set) var frontMatter: [String] = []
    /// The folder `load` reads from.
    public private(set) var folder: String
    /// The commands run so far, with their outcomes (syntax errors and interrupted commands left out).
    public private(set) var transcript: [(command: CommandText, outcome: CommandOutcome)] = []
    /// How many commands of the transcript's span were stopped by an interruption (and left out of it).
    public private(set) var interruptedCommands = 0
    /// Stops the running command when requested (Ctrl-C).
    public let interruption: Interruption
    private let registry: Registry
    private let progress: (@Sendable (EpochReport) -> Void)?
    private var interpreter: Interpreter

    public init(folder: String, registry: Registry = .standard, interruption: Interruption = Interruption(),
                progress: (@Sendable (EpochReport) -> Void)? = nil) {
        self.folder = folder
        self.registry = registry
        self.interruption = interruption
        self.progress = progress
        interpreter = InteractiveSession.interpreter(settings: NotebookSettings(), folder: folder, registry: registry,
                                          interruption: interruption, progress: progress)
    }

    private static func interpreter(settings: NotebookSettings, folder: String, registry: Registry, interruption: Interruption,
                                    progress: (@Sendable (EpochReport) -> Void)?) -> Interpreter {
        let context = EvaluationContext(seed: settings.seed, limits: settings.limits, digits: settings.digits, folder: folder,
                                        progress: progress, interruption: interruption)
        context.language = settings.language
        return Interpreter(registry: registry, context: context)
    }

    // MARK: Commands

    /// What running a command gave: its outcome, or the syntax error that kept it from running.
    public enum Result {
        case ran(CommandOutcome)
        case syntaxError([String])

        /// The lines to show, as a notebook's transcript has them.
        public var lines: [String] {
            switch self {
            case .ran(let outcome): return OutputComparison.trimmedLines(outcome.lines)
            case .syntaxError(let lines): return lines
            }
        }
    }

    /// Whether a command of these lines is unfinished: a bracket, parenthesis
    /// or brace is still open (a line that does not lex is finished: running it says why).
    public static func needsMore(_ lines: [String]) -> Bool {
        var lexer = Lexer(InteractiveSession.commandText(lines))
        guard let tokens = try? lexer.tokenize() else { return false }
        var depth = 0
        for token in tokens {
            guard case .symbol(let symbol) = token.kind else { continue }
            switch symbol {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            default: break
            }
        }
        return depth > 0
    }

    /// The command text of `lines`, placed as a notebook places a command that starts on line 1.
    static func commandText(_ lines: [String]) -> CommandText {
        var text = CommandText()
        for (k, line) in lines.enumerated() { text.append(line, at: SourcePosition(line: k + 1, column: 3)) }
        return text
    }

    /// Runs a command of one or more lines and keeps it in the transcript.
    public func run(_ lines: [String]) -> Result {
        let text = InteractiveSession.commandText(lines)
        let program: Program
        do throws(SyntaxError) {
            program = try Parser.parse(text)
        } catch {
            let language = settings.language
            var message = language.text("transcript.error", ["message": error.message(in: language)])
            if let place = text.place(of: error.range.start) {
                let values = ["line": String(place.line), "column": String(place.column)]
                message += language.text(lines.count > 1 ? "repl.at-line-column" : "repl.at-column", values)
            }
            return .syntaxError([message])
        }
        let outcome = runInterruptibly(program)
        if outcome.error?.interrupted == true { interruptedCommands += 1 } else { transcript.append((text, outcome)) }
        return .ran(outcome)
    }

    /// Runs a command; a Ctrl-C from before it started does not stop it, one from after it ended is dropped.
    private func runInterruptibly(_ program: Program) -> CommandOutcome {
        interruption.clear()
        defer { interruption.clear() }
        return interpreter.run(program)
    }

    /// The message of a command stopped by Ctrl-C.
    public static let interruptedMessage = Interruption.message

    /// Forgets every name and the transcript; the settings stay.
    public func reset() {
        transcript = []
        interruptedCommands = 0
        interpreter = InteractiveSession.interpreter(settings: settings, folder: folder, registry: registry, interruption: interruption, progress: progress)
    }

    /// What loading a notebook did.
    public struct LoadSummary: Sendable {
        public var commands: Int
        /// Commands whose output differs from the notebook's, with their line in it.
        public var differing: [Int]
        /// Whether the session took the notebook's settings (it had run nothing yet).
        public var tookSettings: Bool
        /// The line of the command Ctrl-C stopped, which ended the loading.
        public var interruptedAt: Int?
    }

    /// Runs every command of the notebook at `path` into the session, so that
    /// its names are there to continue with. A session that has run nothing
    /// yet takes the notebook's front matter (seed, limits, digits) and folder,
    /// so that the commands give the outputs the notebook shows.
    public func load(path: String) throws(DiagnosticError) -> LoadSummary {
        let notebook = try NotebookParser.load(path: path)
        let fresh = transcript.isEmpty
        if fresh {
            settings = notebook.settings
            frontMatter = (0..<notebook.frontMatterLastLine).map { String(decoding: notebook.source.content(ofLine: $0 + 1), as: UTF8.self) }
            folder = URL(fileURLWithPath: notebook.path).deletingLastPathComponent().path
            reset()
        }
        var summary = LoadSummary(commands: 0, differing: [], tookSettings: fresh, interruptedAt: nil)
        commands: for block in notebook.blocks {
            let tolerance = block.options.tolerance ?? notebook.settings.tolerance
            for command in block.commands {
                let outcome = runInterruptibly(command.program)
                if outcome.error?.interrupted == true {
                    interruptedCommands += 1
                    summary.interruptedAt = command.line
                    break commands
                }
                transcript.append((command.text, outcome))
                summary.commands += 1
                if Verdict(command.expected, outcome, tolerance: tolerance, answer: false) == .differs { summary.differing.append(command.line) }
            }
        }
        return summary
    }

    // MARK: What the session knows

    /// The names bound so far, sorted, each with the type of its value.
    public var names: [(name: String, type: String)] {
        interpreter.bindings.map { ($0.key, $0.value.type.rawValue) }.sorted { $0.name < $1.name }
    }

    /// The completions of the word that ends at `cursor` (a count of
    /// characters) in `line`: where the word starts, and the words that
    /// complete it. After `name.` they are the properties and methods of the
    /// value `name` holds; otherwise names, builtins, constants and keywords.
    public func completions(of line: String, cursor: Int) -> (start: Int, candidates: [String]) {
        let characters = Array(line.prefix(cursor))
        var start = characters.count
        while start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "_" { start -= 1 }
        let word = String(characters[start...])
        var pool: [String]
        if start > 0, characters[start - 1] == "." {
            var nameStart = start - 1
            while nameStart > 0, characters[nameStart - 1].isLetter || characters[nameStart - 1].isNumber || characters[nameStart - 1] == "_" { nameStart -= 1 }
            let owner = String(characters[nameStart..<(start - 1)])
            guard let value = interpreter.bindings[owner] else { return (start, []) }
            let type = value.type
            pool = registry.methods.filter { $0.type == type }.map(\.name) + registry.properties.filter { $0.type == type }.map(\.name)
        } else {
            pool = Array(interpreter.bindings.keys) + registry.functions.map(\.name) + registry.constants.map(\.name)
                + Token.Keyword.allCases.map(\.rawValue)
        }
        let candidates = Set(pool.filter { $0.hasPrefix(word) }).sorted()
        return (start, candidates)
    }

    // MARK: Saving

    /// The session as a notebook: its front matter, then one command block
    /// with every command of the transcript and its output, written as
    /// `run --update` writes outputs, so that `cahier check` passes it.
    public func notebookText() -> String {
        var out = frontMatter.map { $0 + "\n" }.joined()
        out += "# A Cahier session\n\nSaved by `cahier repl`; `cahier check` runs it again and compares.\n\n```cahier\n"
        for (command, outcome) in transcript {
            // The pieces of a command hold no line breaks: its text is them joined by "\n".
            for (k, line) in command.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                out += (k == 0 ? "> " : "| ") + line + "\n"
            }
            for line in OutputComparison.trimmedLines(outcome.lines) { out += ExpectedOutput.escape(line) + "\n" }
        }
        out += "```\n"
        return out
    }

    /// Writes ``notebookText()`` to `path`, atomically.
    public func save(path: String) throws {
        try AtomicFile.write(Array(notebookText().utf8), to: path)
    }
}
