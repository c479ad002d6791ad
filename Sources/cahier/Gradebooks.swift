import ArgumentParser
import CahierKit
import Foundation

struct Gradebooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook", abstract: "Work with grade books.", subcommands: [Merge.self]
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
                for path in books {
                    guard let text = String(validating: try SourceLoader.readRegularFile(path), as: UTF8.self) else {
                        throw DiagnosticError([Diagnostic(.error, "the grade book is not UTF-8 text", path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
                    }
                    texts.append((path, text))
                }
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
}
