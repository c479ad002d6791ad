import ArgumentParser
import CahierKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        #if canImport(Glibc)
        var limit = rlimit(rlim_cur: rlim_t(memory) << 20, rlim_max: rlim_t(memory) << 20)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        #endif
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func emit(_ event: Grader.Event) {
            do {
                FileHandle.standardOutput.write(try encoder.encode(event) + Data("\n".utf8))
            } catch {
                report("\(handIn):1:1: error: cannot report a grading event: \(error)")
            }
        }
        let parsed: Sheet
        do throws(DiagnosticError) {
            parsed = try Sheet(try NotebookParser.load(path: sheet))
        } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
        let source: SourceText
        do throws(DiagnosticError) {
            source = try HandInFile.read(handIn)
        } catch {
            let reason = error.diagnostics.first.map { "the hand-in cannot be read: \($0.message)" } ?? "the hand-in cannot be read"
            emit(.answers(Dictionary(uniqueKeysWithValues: parsed.exercises.map { ($0.id, .some(reason)) })))
            emit(.done)
            return
        }
        Grader(sheet: parsed).grade(HandIn(source), emit: emit)
    }
}

/// Reading a hand-in: untrusted, so its size is checked before it is read.
enum HandInFile {
    static func read(_ path: String) throws(DiagnosticError) -> SourceText {
        // When the size cannot be read, SourceLoader.load below says why the file cannot be read.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > HandIn.maximumBytes {
            throw DiagnosticError([Diagnostic(.error, "the file is \(size / 1_000_000) MB; a hand-in may be at most \(HandIn.maximumBytes / 1_000_000) MB",
                                              path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        return try SourceLoader.load(path: path)
    }
}
