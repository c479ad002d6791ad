import ArgumentParser
import CahierKit
import Foundation

/// Grades one hand-in and writes the events as JSON lines on standard output.
/// `cahier grade` runs one of these per hand-in, as a child process.
struct GradeWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade-worker", abstract: "Grade one hand-in (used by cahier grade).", shouldDisplay: false)

    @Option(help: "The teacher's exercise sheet.")
    var sheet: String

    @Option(help: "The most memory the worker may use, in MiB.")
    var memory: Int = 4096

    @Argument(help: "The hand-in.")
    var handIn: String

    func run() throws {
        do throws(DiagnosticError) {
            try GradingWorker.run(sheet: sheet, handIn: handIn, memory: memory) { event in
                FileHandle.standardOutput.write(WorkerProtocol.line(event))
            }
        } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
    }
}
