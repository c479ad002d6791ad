import Foundation

/// The model of `cahier watch`: runs each notebook, and again each one saved,
/// and says only what changed since its last run (the mismatches that
/// appeared, how many went). With `update` it writes the actual outputs back,
/// never over a file that changed while it ran, and ignores the save that
/// its own write makes.
public final class NotebookWatch {
    /// The notebooks and directories named.
    public let arguments: [String]
    /// Whether the actual outputs are written back.
    public let update: Bool
    /// The notebooks watched so far (those found at the start, then new ones saved in a directory named).
    public private(set) var files: [String]
    private var results: [String: WatchedResult] = [:]
    /// What this watch wrote into each file and has not seen come back yet.
    private var written: [String: [UInt8]] = [:]

    public init(files: [String], arguments: [String], update: Bool) {
        self.files = files
        self.arguments = arguments
        self.update = update
        self.directories = Set(files.map { $0.parentPath }).union(arguments.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        })
    }

    /// The last result of a notebook, or nil before it ran.
    public func result(of path: String) -> WatchedResult? { results[path] }

    /// The folders to watch: each notebook's folder, and the directories named.
    public var folders: [String] {
        directories.sorted()
    }

    /// The folders of the notebooks found at the start, and the directories named.
    private let directories: Set<String>

    /// Runs every notebook once.
    public func start() -> [WatchLine] {
        var lines: [WatchLine] = []
        for file in files { results[file] = check(file, previous: nil, into: &lines) }
        return lines
    }

    /// Runs again each notebook among the paths saved that is watched (named,
    /// or in a directory named); returns what to print and how many ran.
    public func changed(_ paths: Set<String>) -> (lines: [WatchLine], runs: Int) {
        var lines: [WatchLine] = []
        var runs = 0
        let watched = Set(files)
        let directoryArguments = directories.subtracting(files.map { $0.parentPath })
        for path in paths.sorted() where NotebookFinder.isNotebookName(path) {
            let known = watched.contains(path) || results[path] != nil
            let underDirectory = arguments.contains { argument in path.hasPrefix(argument.hasSuffix("/") ? argument : argument + "/") }
            guard known || underDirectory || directoryArguments.contains(path.parentPath) else { continue }
            guard FileManager.default.fileExists(atPath: path) else { continue }
            // Our own write comes back as an event: nothing to do then.
            if let ours = written[path], let now = FileManager.default.contents(atPath: path), [UInt8](now) == ours {
                written[path] = nil
                continue
            }
            if !files.contains(path) { files.append(path) }
            results[path] = check(path, previous: results[path], into: &lines)
            runs += 1
        }
        return (lines, runs)
    }

    /// Runs one notebook and says what differs from its previous result.
    private func check(_ path: String, previous: WatchedResult?, into lines: inout [WatchLine]) -> WatchedResult {
        var result = WatchedResult()
        let notebook: Notebook
        do throws(DiagnosticError) {
            notebook = try NotebookParser.load(path: path)
        } catch {
            result.problem = error.diagnostics.map(\.formatted).joined(separator: "\n")
            if result.problem != previous?.problem { lines.append(WatchLine(result.problem ?? "")) }
            return result
        }
        let run = NotebookRun(notebook)
        for command in run.commands {
            if command.passed {
                result.passed += 1
            } else {
                result.failed += 1
                let key = "\(command.command.line):\(command.outcome.lines.joined(separator: "\n"))"
                result.mismatches[key] = CheckReport.mismatch(command, source: notebook.source, language: notebook.settings.language)
            }
        }
        let language = notebook.settings.language
        let summary = "\(path): \(CheckReport.summary(passed: result.passed, failed: result.failed, language: language))"
        if let previous {
            let appeared = result.mismatches.keys.filter { previous.mismatches[$0] == nil }.sorted()
            let fixed = previous.mismatches.keys.filter { result.mismatches[$0] == nil }.count
            for key in appeared { if let text = result.mismatches[key] { lines.append(WatchLine(text)) } }
            if previous.problem != nil { lines.append(WatchLine("\(path): " + language.text("watch.parses-again"))) }
            let change = appeared.isEmpty && fixed == 0 ? " " + language.text("watch.unchanged")
                : (fixed > 0 ? " " + language.text("watch.fixed", count: fixed) : "")
            lines.append(WatchLine(summary + change))
        } else {
            for key in result.mismatches.keys.sorted() { if let text = result.mismatches[key] { lines.append(WatchLine(text)) } }
            lines.append(WatchLine(summary))
        }
        if update, result.failed > 0 {
            let woven = Weaver.weave(run)
            // Not over an editor's newer save: the file must still be what ran (checked under the file's lock).
            do {
                _ = try AtomicFile.replace(path, expecting: notebook.source.bytes, with: woven)
                written[path] = woven
                lines.append(WatchLine("\(path): " + language.text("watch.written")))
            } catch is AtomicFile.ChangedMeanwhile {
                lines.append(WatchLine("\(path): changed while it ran; not written (it runs again)"))
            } catch {
                lines.append(WatchLine("\(path):1:1: error: \(error)", to: .error))
            }
        }
        return result
    }
}
