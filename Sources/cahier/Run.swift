import ArgumentParser
import CahierKit
import Foundation

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Execute notebooks and print them woven with their actual outputs.",
        discussion: "With --update the outputs are written into the notebooks in place (atomically); a notebook with syntax errors is never touched."
    )

    @OptionGroup var notebooks: NotebookArguments

    @Flag(help: "Write the actual outputs into the notebooks in place.")
    var update = false

    @Option(name: .shortAndLong, help: "Write the woven notebook to this file (a directory when there are several notebooks).")
    var output: String?

    func validate() throws {
        if update && output != nil { throw ValidationError("--update writes in place; it cannot be used with --output") }
    }

    func run() throws {
        var status = Status.success
        let loaded = notebooks.load(&status)
        for notebook in loaded {
            let woven = Weaver.weave(NotebookRun(notebook, progress: ProgressBar.reporter))
            do {
                if update {
                    // Under the file's lock, and only over what was read: a concurrent run that wrote the same
                    // outputs is fine, any other change is kept and reported.
                    if woven != notebook.source.bytes { _ = try AtomicFile.replace(notebook.path, expecting: notebook.source.bytes, with: woven) }
                } else if let output {
                    let target = loaded.count > 1 || notebooks.paths.count > 1
                        ? output + "/" + (notebook.path as NSString).lastPathComponent : output
                    if loaded.count > 1 { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) }
                    try AtomicFile.write(woven, to: target)
                } else {
                    FileHandle.standardOutput.write(Data(woven))
                }
            } catch {
                report("\(notebook.path):1:1: error: \(error)")
                status = max(status, .badInput)
            }
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
