import ArgumentParser
import CahierKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cahier watch`: checks the notebooks, then checks again each one that is
/// saved (inotify), printing only what changed since its last run: the
/// mismatches that appeared and those that went. With `--update` it writes
/// the actual outputs back, unless the file changed while it ran.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Check notebooks, then check again each one saved, printing what changed since its last run.",
        discussion: "Watches the notebooks named and the .md files of the directories named (inotify). With --update, outputs are written back atomically, never over a file that changed while it ran. Ctrl-C stops."
    )

    @OptionGroup var notebooks: NotebookArguments

    @Flag(help: "Write the actual outputs into each notebook after it runs.")
    var update = false

    @Option(help: .hidden)
    var stopAfter: Int?

    /// What a notebook's last run said: its mismatches, by line and text, and its counts.
    struct Result: Equatable {
        var mismatches: [String: String] = [:]
        var passed = 0
        var failed = 0
        var problem: String?
    }

    func run() throws {
        var files: [String]
        do { files = try notebooks.files() } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
        var results: [String: Result] = [:]
        var written: [String: [UInt8]] = [:]
        for file in files { results[file] = check(file, previous: nil, written: &written) }
        print("watching \(files.count) notebook\(files.count == 1 ? "" : "s"); Ctrl-C stops")
        fflush(nil)
        let directories = Set(files.map { ($0 as NSString).deletingLastPathComponent }).union(
            notebooks.paths.filter { path in var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue })
        let watcher: FolderWatcher
        do { watcher = try FolderWatcher(directories.sorted()) } catch { throw ValidationError("\(error)") }
        var runs = 0
        while stopAfter.map({ runs < $0 }) ?? true {
            guard let changed = watcher.next() else { break }
            let watched = Set(files)
            let directoryArguments = directories.subtracting(files.map { ($0 as NSString).deletingLastPathComponent })
            for path in changed.sorted() where NotebookFinder.isNotebookName(path) {
                let known = watched.contains(path) || results[path] != nil
                let underDirectory = notebooks.paths.contains { argument in path.hasPrefix(argument.hasSuffix("/") ? argument : argument + "/") }
                guard known || underDirectory || directoryArguments.contains((path as NSString).deletingLastPathComponent) else { continue }
                guard FileManager.default.fileExists(atPath: path) else { continue }
                // Our own write comes back as an event: nothing to do then.
                if let ours = written[path], let now = FileManager.default.contents(atPath: path), [UInt8](now) == ours {
                    written[path] = nil
                    continue
                }
                if !files.contains(path) { files.append(path) }
                results[path] = check(path, previous: results[path], written: &written)
                runs += 1
            }
            fflush(nil)
        }
    }

    /// Runs one notebook and prints what differs from its previous result.
    private func check(_ path: String, previous: Result?, written: inout [String: [UInt8]]) -> Result {
        var result = Result()
        let notebook: Notebook
        do throws(DiagnosticError) {
            notebook = try NotebookParser.load(path: path)
        } catch {
            result.problem = error.diagnostics.map(\.formatted).joined(separator: "\n")
            if result.problem != previous?.problem { print(result.problem ?? "") }
            return result
        }
        let run = NotebookRun(notebook)
        for command in run.commands {
            if command.passed {
                result.passed += 1
            } else {
                result.failed += 1
                result.mismatches["\(command.command.line):\(command.outcome.lines.joined(separator: "\n"))"] = CheckReport.mismatch(command, source: notebook.source)
            }
        }
        let summary = "\(path): \(CheckReport.summary(passed: result.passed, failed: result.failed))"
        if let previous {
            let appeared = result.mismatches.keys.filter { previous.mismatches[$0] == nil }.sorted()
            let fixed = previous.mismatches.keys.filter { result.mismatches[$0] == nil }.count
            for key in appeared { if let text = result.mismatches[key] { print(text) } }
            if previous.problem != nil { print("\(path): it parses again") }
            print(summary + (appeared.isEmpty && fixed == 0 ? " (unchanged)" : (fixed > 0 ? " (\(fixed) fixed)" : "")))
        } else {
            for key in result.mismatches.keys.sorted() { if let text = result.mismatches[key] { print(text) } }
            print(summary)
        }
        if update, result.failed > 0 {
            let woven = Weaver.weave(run)
            // Not over an editor's newer save: the file must still be what ran (checked under the file's lock).
            do {
                _ = try AtomicFile.replace(path, expecting: notebook.source.bytes, with: woven)
                written[path] = woven
                print("\(path): outputs written")
            } catch is AtomicFile.ChangedMeanwhile {
                print("\(path): changed while it ran; not written (it runs again)")
            } catch {
                report("\(path):1:1: error: \(error)")
            }
        }
        return result
    }
}
