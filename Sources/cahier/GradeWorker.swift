import ArgumentParser
import CahierKit
import Foundation

/// Grades one hand-in and writes the events as JSON lines on standard output;
/// with `--serve`, grades the hand-ins whose paths arrive on standard input,
/// each in a child forked for it (``ForkServer``). `cahier grade` runs these.
struct GradeWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grade-worker", abstract: "Grade one hand-in (used by cahier grade).", shouldDisplay: false)

    @Option(help: "The teacher's exercise sheet.")
    var sheet: String

    @Option(help: "The most memory the worker may use, in MiB.")
    var memory: Int = 4096

    @Flag(help: "Serve hand-ins read from standard input (NUL-terminated paths), forking a child for each.")
    var serve = false

    @Option(help: "With --serve: seconds one hand-in may take.")
    var timeout: Double = 60

    @Argument(help: "The hand-in.")
    var handIn: String?

    func validate() throws {
        guard serve != (handIn != nil) else { throw ValidationError("name one hand-in, or give --serve") }
    }

    func run() throws {
        do throws(DiagnosticError) {
            if serve {
                try ForkServer.serve(sheet: sheet, memory: memory, timeout: timeout)
            } else if let handIn {
                try GradingWorker.run(sheet: sheet, handIn: handIn, memory: memory) { event in
                    FileHandle.standardOutput.write(WorkerProtocol.line(event))
                }
            }
        } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
    }
}
