import ArgumentParser
import CahierKit
import Foundation

/// The `cahier` command: parses flags and calls CahierKit.
///
/// Every command names itself (`commandName:`): otherwise ArgumentParser
/// derives the name with `String(describing:)`, which scans every protocol
/// conformance of the static binary at each start.
struct Cahier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cahier",
        abstract: "Run, check and render Markdown notebooks for a neural-network course.",
        discussion: "Exit codes: 0 success, 1 checks failed, 2 bad input or usage.",
        version: versionText,
        subcommands: [Run.self, Check.self, Render.self, Assign.self, Grade.self, Gradebooks.self, Autograder.self, Watch.self, Serve.self, Repl.self, Help.self, Doctor.self, GradeWorker.self]
    )
}

/// The process's exit status, as the project promises it.
enum Status: Int32, Comparable {
    case success = 0
    case checksFailed = 1
    case badInput = 2

    static func < (a: Status, b: Status) -> Bool { a.rawValue < b.rawValue }
}

/// Prints to standard error.
func report(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints diagnostics to standard error.
func report(_ error: DiagnosticError) {
    for diagnostic in error.diagnostics { report(diagnostic.formatted) }
}

@main
enum Main {
    static func main() {
        #if canImport(Glibc)
        // A parent may hand its blocked signals down (a test runner's thread does): then
        // SIGTERM and Ctrl-C would stay pending for ever. Start with none blocked, before any
        // thread is made (threads inherit the mask).
        var none = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, nil)
        #endif
        do {
            var command = try Cahier.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Cahier.exitCode(for: error)
            let message = Cahier.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            report(message)
            Foundation.exit(Status.badInput.rawValue)
        }
    }
}
