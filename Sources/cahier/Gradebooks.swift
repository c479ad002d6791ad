import ArgumentParser
import CahierKit
import Foundation

struct Gradebooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook", abstract: "Work with grade books.", subcommands: [Merge.self]
    )

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Join the grade books of the shards of a batch into one.")

        @Argument(help: "The grades.csv of each shard.")
        var books: [String]

        @Option(name: .shortAndLong, help: "The merged grade book.")
        var output: String

        func run() throws {
            var header: [String]?
            var rows: [String: [String]] = [:]
            for path in books {
                do throws(DiagnosticError) {
                    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                        throw DiagnosticError([Diagnostic(.error, "cannot read the grade book", path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
                    }
                    let book = try Gradebook.parse(text, path: path)
                    if let header, header != book.header {
                        throw DiagnosticError([Diagnostic(.error, "its columns differ from the first grade book's: " + book.header.joined(separator: ","),
                                                          path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
                    }
                    header = book.header
                    for row in book.rows {
                        if rows[row[0]] != nil {
                            throw DiagnosticError([Diagnostic(.error, "hand-in '\(row[0])' is in two grade books", path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
                        }
                        rows[row[0]] = row
                    }
                } catch {
                    report(error)
                    throw ExitCode(Status.badInput.rawValue)
                }
            }
            guard let header else { throw ValidationError("name at least one grade book") }
            let csv = ([header] + rows.keys.sorted().map { rows[$0]! }).map { $0.map(Gradebook.field).joined(separator: ",") + "\n" }.joined()
            do {
                try AtomicFile.write(Array(csv.utf8), to: output)
            } catch {
                report("\(output):1:1: error: \(error)")
                throw ExitCode(Status.badInput.rawValue)
            }
            print("merged \(rows.count) hand-ins from \(books.count) grade books into \(output)")
        }
    }
}
