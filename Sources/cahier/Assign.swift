import ArgumentParser
import CahierKit
import Foundation

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Make the student version of an exercise sheet.",
        discussion: "Solutions (between '> // solution' and '> // end solution', or whole answer blocks) become todo(\"ID\") placeholders, answer outputs are cleared, hidden check blocks removed and HTML comments (teacher's notes) dropped. A hidden check whose message shows a value its condition compares with gets a warning."
    )

    @Argument(help: "The teacher's exercise sheet.")
    var sheet: String

    @Option(name: .shortAndLong, help: "Where to write the student version.")
    var output: String

    func run() throws {
        let student: [UInt8]
        do throws(DiagnosticError) {
            let parsed = try Sheet(try NotebookParser.load(path: sheet))
            for warning in Assignment.revealingMessages(of: parsed) { report(warning.formatted) }
            student = try Assignment.studentVersion(of: parsed)
            // The student version must itself be a notebook.
            _ = try NotebookParser.parse(try SourceLoader.validate(path: output, bytes: student)) { parsed.notebook.settings.language }
        } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
        do {
            try AtomicFile.write(student, to: output)
        } catch {
            report("\(output):1:1: error: \(error)")
            throw ExitCode(Status.badInput.rawValue)
        }
    }
}
