import ArgumentParser
import CahierKit
import Foundation

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade hand-ins against an exercise sheet.",
        discussion: """
        Each hand-in's answer blocks (matched by exercise ID) replace the solutions in the teacher's sheet, which then runs with its checks. \
        Every hand-in runs in its own child process with a time and memory limit, several at once; the children are forked from \
        worker processes that have read the sheet already (--no-fork starts a program per hand-in instead). Writes DIR/ID/results.json (Gradescope), \
        DIR/ID/junit.xml, DIR/ID/feedback.md and the grade book DIR/grades.csv; with --roster and --gradebook, also \
        DIR/moodle.csv or DIR/canvas.csv for the platform's import and DIR/roster-report.txt (hand-ins that match no student, \
        students without a hand-in).
        """
    )

    @Option(help: "The teacher's exercise sheet.")
    var sheet: String

    @Argument(help: "Hand-ins (.md files) or directories of hand-ins.")
    var handIns: [String]

    @Option(name: .shortAndLong, help: "The directory to write the reports into.")
    var output: String

    @Option(help: "Grade only slice K of N (like 2/8): hand-ins sorted by ID, every N-th from the K-th.")
    var shard: String?

    @Option(help: "Seconds one hand-in may take.")
    var timeout: Double = 60

    @Option(help: "Hand-ins graded at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: "The class list: a CSV file with a Hand-in column and the columns that identify each student to the platform.")
    var roster: String?

    @Option(help: "Also write the grade book a platform imports (moodle or canvas), from --roster.")
    var gradebook: GradebookPlatform?

    @Option(help: "The name of the grade column in that grade book (default: the sheet's file name).")
    var assignment: String?

    @Option(help: "What Moodle identifies students by: email or idnumber (default: email when the roster has that column).")
    var identifyBy: MoodleIdentity?

    @Option(help: "What a student without a hand-in gets in that grade book: empty (no grade), omit (no row) or zero.")
    var missing: MissingGrade = .empty

    @Flag(help: "Start a program for each hand-in instead of forking it from a worker that has read the sheet (slower; the limits are the same).")
    var noFork = false

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, like 2/8") }
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be from 1 to 256") }
        guard !handIns.isEmpty else { throw ValidationError("name at least one hand-in or directory of hand-ins") }
        guard (roster == nil) == (gradebook == nil) else { throw ValidationError("--roster and --gradebook go together") }
        if gradebook != .moodle, identifyBy != nil { throw ValidationError("--identify-by is for --gradebook moodle") }
        if roster != nil, shard != nil {
            throw ValidationError("a shard holds only some hand-ins: merge the shards' grade books, then run `cahier gradebook export` on the merged one")
        }
    }

    func run() throws {
        var options = GradeBatch.Options(timeout: timeout)
        if let jobs { options.jobs = jobs }
        var batch: GradeBatch
        var entries: [GradeBatch.Entry]
        var refused: [Diagnostic] = []
        var classList: Roster?
        do throws(DiagnosticError) {
            // The roster is read first: a bad one stops before a long grading run.
            if let roster { classList = try Roster(try Gradebooks.readText(roster), path: roster) }
            batch = try GradeBatch(sheetPath: sheet, options: options,
                                   worker: GradeBatch.cahierWorker(executable: Self.executable, sheet: sheet, memory: options.memory))
            if !noFork { batch.server = GradeBatch.cahierServer(executable: Self.executable, sheet: sheet, options: options) }
            (entries, refused) = try GradeBatch.handIns(handIns, sheet: sheet)
            if let classList, let gradebook {
                // Whether the roster identifies every student to the platform, before a long grading run.
                _ = try Gradebook(exercises: batch.sheet.exercises.map(\.id), results: [])
                    .export(to: gradebook, roster: classList, assignment: "", pointsPossible: 0, missing: missing, identity: identifyBy)
            }
        } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
        if let shard, let slice = Shard(shard) {
            let kept = Set(slice.select(entries.map(\.id)))
            entries = entries.filter { kept.contains($0.id) }
        }
        let results = batch.grade(entries)
        do {
            try batch.writeReports(results, to: output)
            if let classList, let gradebook {
                let book = Gradebook(exercises: batch.sheet.exercises.map(\.id), results: results)
                let name = assignment ?? ((sheet as NSString).lastPathComponent as NSString).deletingPathExtension
                try Gradebooks.writePlatformBook(book, platform: gradebook, roster: classList, assignment: name,
                                                 pointsPossible: batch.sheet.maximum, missing: missing, identity: identifyBy,
                                                 to: output + "/" + gradebook.rawValue + ".csv", report: output + "/roster-report.txt")
            }
        } catch let error as DiagnosticError {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        } catch {
            report("\(output):1:1: error: \(error)")
            throw ExitCode(Status.badInput.rawValue)
        }
        for result in results {
            print("\(result.handIn): \(Display.number(GradeReports.round2(result.total))) / \(Display.number(result.maximum))")
        }
        let mean = results.isEmpty ? 0 : results.reduce(0) { $0 + $1.total } / Double(results.count)
        let language = batch.sheet.notebook.settings.language
        print(language.text("cli.graded", count: results.count, ["mean": language.number(GradeReports.round2(mean)),
                                                                  "maximum": language.number(batch.sheet.maximum), "folder": output]))
        if !refused.isEmpty {
            report(DiagnosticError(refused))
            throw ExitCode(Status.badInput.rawValue)
        }
    }

    /// This program, to start workers with.
    static var executable: String {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
