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
        #if canImport(Glibc)
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
        let inotify = inotify_init1(Int32(IN_CLOEXEC))
        guard inotify >= 0 else { throw ValidationError("inotify is not available: \(String(cString: strerror(errno)))") }
        defer { close(inotify) }
        // Directories are watched, not files: editors save by writing a new file and renaming it.
        var folders: [Int32: String] = [:]
        let directories = Set(files.map { ($0 as NSString).deletingLastPathComponent }).union(
            notebooks.paths.filter { path in var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue })
        for directory in directories.sorted() {
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)
            let descriptor = inotify_add_watch(inotify, directory.isEmpty ? "." : directory, mask)
            if descriptor >= 0 { folders[descriptor] = directory }
        }
        var runs = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while stopAfter.map({ runs < $0 }) ?? true {
            let count = read(inotify, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            var changed = Set(names(in: buffer, count: count, folders: folders))
            // A save is often several events: wait for the burst to end.
            var poller = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
            while poll(&poller, 1, 150) > 0 {
                let more = read(inotify, &buffer, buffer.count)
                if more > 0 { changed.formUnion(names(in: buffer, count: more, folders: folders)) }
            }
            let watched = Set(files)
            let directoryArguments = directories.subtracting(files.map { ($0 as NSString).deletingLastPathComponent })
            for path in changed.sorted() where path.hasSuffix(".md") {
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
        #else
        throw ValidationError("watch needs Linux's inotify")
        #endif
    }

    /// The paths an inotify read names.
    private func names(in buffer: [UInt8], count: Int, folders: [Int32: String]) -> [String] {
        var found: [String] = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (descriptor, length) = buffer.withUnsafeBytes { raw -> (Int32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            if let folder = folders[descriptor], !nameBytes.isEmpty {
                let name = String(decoding: nameBytes, as: UTF8.self)
                found.append(folder.isEmpty || folder == "." ? name : folder + "/" + name)
            }
            offset += header + length
        }
        return found
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
            // Not over an editor's newer save: the file must still be what ran.
            if let now = FileManager.default.contents(atPath: path), [UInt8](now) == notebook.source.bytes {
                do {
                    try AtomicFile.write(woven, to: path)
                    written[path] = woven
                    print("\(path): outputs written")
                } catch {
                    report("\(path):1:1: error: \(error)")
                }
            } else {
                print("\(path): changed while it ran; not written (it runs again)")
            }
        }
        return result
    }
}
