import ArgumentParser
import CahierKit
import Foundation

struct Gradebooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook", abstract: "Work with grade books.", subcommands: [Merge.self, Export.self]
    )

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "merge", abstract: "Join the grade books of the shards of a batch into one.")

        @Argument(help: "The grades.csv of each shard.")
        var books: [String]

        @Option(name: .shortAndLong, help: "The merged grade book.")
        var output: String

        func validate() throws {
            guard !books.isEmpty else { throw ValidationError("name at least one grade book") }
        }

        func run() throws {
            let merged: (csv: String, handIns: Int)
            do throws(DiagnosticError) {
                var texts: [(path: String, text: String)] = []
                for path in books { texts.append((path, try Gradebooks.readText(path))) }
                merged = try Gradebook.merge(texts)
            } catch {
                report(error)
                throw ExitCode(Status.badInput.rawValue)
            }
            do {
                try AtomicFile.write(Array(merged.csv.utf8), to: output)
            } catch {
                report("\(output):1:1: error: \(error)")
                throw ExitCode(Status.badInput.rawValue)
            }
            print("merged \(merged.handIns) hand-ins from \(books.count) grade books into \(output)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Turn a grade book (grades.csv, merged or not) into the CSV that Moodle or Canvas imports.",
            discussion: """
            Hand-ins are matched to students by the roster's Hand-in column, exactly; a hand-in that matches no student \
            is reported (a warning, and the report file) and left out, never guessed. Students without a hand-in get what --missing says (empty cells by default).
            """
        )

        @Argument(help: "The grade book (grades.csv).")
        var book: String

        @Option(help: "The class list: a CSV file with a Hand-in column and the columns that identify each student.")
        var roster: String

        @Option(name: .customLong("to"), help: "The platform: moodle or canvas.")
        var platform: GradebookPlatform

        @Option(help: "The name of the grade column (the assignment's name on the platform).")
        var assignment: String

        @Option(help: "What the assignment is worth (Canvas's Points Possible row).")
        var pointsPossible: Double?

        @Option(help: "What Moodle identifies students by: email or idnumber (default: email when the roster has that column).")
        var identifyBy: MoodleIdentity?

        @Option(help: "What a student without a hand-in gets: empty (no grade), omit (no row: the grade stays as it is) or zero.")
        var missing: MissingGrade = .empty

        @Option(name: .shortAndLong, help: "The CSV file to write; the report goes beside it, with .report.txt for .csv.")
        var output: String

        func validate() throws {
            if platform != .moodle, identifyBy != nil { throw ValidationError("--identify-by is for --to moodle") }
            if platform == .canvas, pointsPossible == nil { throw ValidationError("--to canvas needs --points-possible (what the assignment is worth)") }
            if let pointsPossible, !(pointsPossible.isFinite && pointsPossible >= 0) { throw ValidationError("--points-possible must be a number ≥ 0") }
        }

        func run() throws {
            do throws(DiagnosticError) {
                let classList = try Roster(try Gradebooks.readText(roster), path: roster)
                let gradebook = try Gradebook(parsing: try Gradebooks.readText(book), path: book)
                let base = output.lowercased().hasSuffix(".csv") ? String(output.dropLast(4)) : output
                try Gradebooks.writePlatformBook(gradebook, platform: platform, roster: classList, assignment: assignment,
                                                 pointsPossible: pointsPossible ?? 0, missing: missing, identity: identifyBy, to: output, report: base + ".report.txt")
            } catch {
                report(error)
                throw ExitCode(Status.badInput.rawValue)
            }
        }
    }

    /// The UTF-8 text of a CSV file the user names.
    static func readText(_ path: String) throws(DiagnosticError) -> String {
        guard let text = String(validating: try SourceLoader.readRegularFile(path), as: UTF8.self) else {
            throw DiagnosticError([Diagnostic(.error, "the file is not UTF-8 text", path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        return text
    }

    /// Writes the platform's grade book and its report; warns on standard
    /// error of each hand-in that matches no student, and prints a summary.
    static func writePlatformBook(_ book: Gradebook, platform: GradebookPlatform, roster: Roster, assignment: String,
                                  pointsPossible: Double, missing: MissingGrade, identity: MoodleIdentity?, to output: String,
                                  report reportPath: String) throws(DiagnosticError) {
        let made = try book.export(to: platform, roster: roster, assignment: assignment, pointsPossible: pointsPossible, missing: missing, identity: identity)
        do {
            try AtomicFile.write(Array(made.csv.utf8), to: output)
            try AtomicFile.write(Array(made.report(roster: roster, output: output).utf8), to: reportPath)
        } catch {
            throw DiagnosticError([Diagnostic(.error, "\(error)", path: output, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        for warning in made.warnings(roster: roster, output: output) { report(warning.formatted) }
        print("wrote \(output) for \(platform.rawValue): \(roster.students.count - made.missing.count) of \(roster.students.count) students graded, "
              + "\(made.missing.count) without a hand-in, \(made.unmatched.count) hand-in\(made.unmatched.count == 1 ? "" : "s") matching no student; see \(reportPath)")
    }
}

extension GradebookPlatform: ExpressibleByArgument {}
extension MissingGrade: ExpressibleByArgument {}
extension MoodleIdentity: ExpressibleByArgument {}
