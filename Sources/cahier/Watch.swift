import ArgumentParser
import CahierKit
import Foundation

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

    func run() throws {
        let files: [String]
        do { files = try notebooks.files() } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
        let watch = NotebookWatch(files: files, arguments: notebooks.paths, update: update)
        show(watch.start())
        print("watching \(files.count) notebook\(files.count == 1 ? "" : "s"); Ctrl-C stops")
        fflush(nil)
        let watcher: FolderWatcher
        do { watcher = try FolderWatcher(watch.folders) } catch { throw ValidationError("\(error)") }
        var runs = 0
        while stopAfter.map({ runs < $0 }) ?? true {
            guard let changed = watcher.next() else { break }
            let (lines, count) = watch.changed(changed)
            show(lines)
            runs += count
            fflush(nil)
        }
    }

    private func show(_ lines: [WatchLine]) {
        for line in lines {
            switch line.stream {
            case .output: print(line.text)
            case .error: report(line.text)
            }
        }
    }
}
