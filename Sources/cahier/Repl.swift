import ArgumentParser
import CahierKit
import Foundation

/// Asked for by Ctrl-C while a command runs; made before the handler is installed.
let replInterruption = Interruption()

struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive session of the command language, with line editing, history and completion.",
        discussion: """
            Type a command as after '> ' in a notebook; a command with an open '{', '(' or '[' goes on \
            on the next line (an empty line ends it). Ctrl-C stops a running command and keeps the \
            session; Ctrl-D leaves. Session commands: :help [NAME], :names, :reset, :load NOTEBOOK, \
            :save FILE.md, :quit. The history is kept in ~/.cahier_history (CAHIER_HISTORY names \
            another file; empty keeps none).
            """
    )

    @Argument(help: "A notebook whose commands run first (with its front matter), so the session goes on where it stops.")
    var notebook: String?

    func run() throws {
        Repl.catchInterrupts()
        let session = InteractiveSession(folder: FileManager.default.currentDirectoryPath, interruption: replInterruption,
                                         progress: ProgressBar.reporter)
        if let notebook {
            do throws(DiagnosticError) {
                describe(try session.load(path: notebook), of: notebook)
            } catch {
                report(error)
                throw ExitCode(Status.badInput.rawValue)
            }
        }
        let editor = LineEditor(historyPath: Repl.historyPath, complete: session.completions)
        if editor.interactive {
            say("\(versionText): the command language of the notebooks. :help lists the session's commands; Ctrl-D leaves.")
        }
        var lines: [String] = []
        while true {
            let input = editor.read(prompt: lines.isEmpty ? "> " : "| ")
            guard case .line(var line) = input else {
                if input == .end { break }
                lines = []
                continue
            }
            editor.remember(line)
            if lines.isEmpty {
                // A line copied from a notebook keeps its "> ".
                if line.hasPrefix("> ") { line.removeFirst(2) } else if line == ">" { line = "" }
                if line.allSatisfy(\.isWhitespace) { continue }
                if line.hasPrefix(":") {
                    if !sessionCommand(line, session) { break }
                    continue
                }
                lines.append(line)
                if InteractiveSession.needsMore(lines) { continue }
            } else {
                if line.hasPrefix("| ") { line.removeFirst(2) } else if line == "|" { line = "" }
                // An empty line ends a command that is still open: running it says what is missing.
                if !line.allSatisfy(\.isWhitespace) {
                    lines.append(line)
                    if InteractiveSession.needsMore(lines) { continue }
                }
            }
            let result = session.run(lines)
            lines = []
            for line in result.lines { say(line) }
        }
    }

    /// Runs a line that starts with ":"; false when the session ends.
    private func sessionCommand(_ line: String, _ session: InteractiveSession) -> Bool {
        let words = line.dropFirst().split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let name = words.first ?? ""
        let argument = words.count > 1 ? words[1] : ""
        switch name {
        case "help", "h":
            if argument.isEmpty {
                say("""
                    :help NAME      a builtin in full (cahier help lists them all)
                    :names          the names bound so far, with their types
                    :reset          forget every name and the transcript
                    :load NOTEBOOK  run a notebook's commands into the session
                    :save FILE.md   write the session as a notebook with its outputs (:save! replaces a file)
                    :quit           leave (or Ctrl-D)
                    Tab completes names, builtins and members; Ctrl-R searches the history; Ctrl-C stops a running command.
                    """)
            } else if let text = Reference.text(topic: argument) {
                say(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            } else {
                let starting = Registry.standard.functions.map(\.name).filter { $0.hasPrefix(argument) }.sorted()
                let guesses = starting.isEmpty ? Registry.standard.suggestions(for: argument) : starting
                say("no builtin named '\(argument)'" + (guesses.isEmpty ? "" : "; did you mean " + guesses.map { "'\($0)'" }.joined(separator: " or ") + "?"))
            }
        case "names":
            let names = session.names
            if names.isEmpty { say("no names are bound yet") }
            for (name, type) in names { say("\(name): \(type)") }
        case "reset":
            session.reset()
            say("the session starts again: no names, an empty transcript, the generator seeded again")
        case "load":
            guard !argument.isEmpty else {
                say("write :load NOTEBOOK.md")
                return true
            }
            do throws(DiagnosticError) {
                describe(try session.load(path: argument), of: argument)
            } catch {
                for diagnostic in error.diagnostics { say(diagnostic.formatted) }
            }
        case "save", "save!":
            guard !argument.isEmpty else {
                say("write :save FILE.md")
                return true
            }
            if name == "save", FileManager.default.fileExists(atPath: argument) {
                say("\(argument) exists; :save! \(argument) replaces it")
                return true
            }
            do {
                try session.save(path: argument)
                say("saved \(session.transcript.count) command\(session.transcript.count == 1 ? "" : "s") to \(argument); cahier check \(argument) runs them again")
                let left = session.interruptedCommands
                if left > 0 {
                    say("left out \(left) interrupted command\(left == 1 ? "" : "s"): what \(left == 1 ? "it" : "they") changed before stopping is not in the notebook, so outputs after \(left == 1 ? "it" : "them") may differ")
                }
            } catch {
                say("could not save: \(error)")
            }
        case "quit", "q", "exit":
            return false
        default:
            say("no session command ':\(name)'; :help lists them")
        }
        return true
    }

    private func describe(_ summary: InteractiveSession.LoadSummary, of path: String) {
        var text = "ran \(summary.commands) command\(summary.commands == 1 ? "" : "s") of \(path)"
        if let line = summary.interruptedAt { text += ", then stopped at line \(line) by Ctrl-C" }
        if !summary.tookSettings { text += " (with this session's seed and limits, not the notebook's)" }
        if !summary.differing.isEmpty {
            text += "; the output differs from the notebook's at line" + (summary.differing.count == 1 ? " " : "s ")
                + summary.differing.prefix(10).map(String.init).joined(separator: ", ") + (summary.differing.count > 10 ? ", …" : "")
        }
        say(text)
    }

    /// The history file: CAHIER_HISTORY, else ~/.cahier_history; none when CAHIER_HISTORY is empty.
    static var historyPath: String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CAHIER_HISTORY"] { return path.isEmpty ? nil : path }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.cahier_history"
    }

    /// Ctrl-C while a command runs asks it to stop (at the prompt the line editor reads it as a key).
    static func catchInterrupts() {
        _ = replInterruption
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in replInterruption.request() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        // (Main starts with no signal blocked, whatever the parent had blocked.)
    }
}

/// Prints a line to standard output at once.
private func say(_ text: String) {
    print(text)
    fflush(nil)
}
