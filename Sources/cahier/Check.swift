import ArgumentParser
import CahierKit
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run notebooks and compare every output with the expected one.",
        discussion: """
            Prints each mismatch, then 'N passed, M failed' counted in commands. Exit 0 when all pass, 1 on any mismatch, 2 on bad input. \
            Several notebooks run at once, each with its own interpreter and generator, so the results are those of one at a time; \
            they are printed in the order of the notebooks.
            """
    )

    @OptionGroup var notebooks: NotebookArguments

    @Option(help: "Notebooks run at once (default: the number of cores).")
    var jobs: Int?

    /// For CI's comparison of the plain and the specialised lowering (`CAHIER_PLAIN=1`):
    /// every command's place, work charged and transcript, written to this file.
    @Option(help: .hidden)
    var transcript: String?

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be from 1 to 256") }
    }

    func run() throws {
        var status = Status.success
        var passed = 0, failed = 0
        let loaded = notebooks.load(&status)
        let jobs = min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, max(loaded.count, 1))
        // One progress bar at a time on the terminal: only when one notebook runs at once.
        let progress = jobs == 1 ? ProgressBar.reporter : nil
        let runs = GradePool(jobs: jobs).map(loaded) { notebook in NotebookRun(notebook, progress: progress) }
        for (notebook, run) in zip(loaded, runs) {
            for result in run.commands {
                if result.passed {
                    passed += 1
                    if let shown = CheckReport.answerShows(result, source: notebook.source, language: notebook.settings.language) { print(shown) }
                } else {
                    failed += 1
                    print(CheckReport.mismatch(result, source: notebook.source, language: notebook.settings.language))
                }
            }
        }
        if let transcript {
            let text = zip(loaded, runs).map { notebook, run in CheckReport.transcript(run, path: notebook.path) }.joined()
            do {
                try text.write(toFile: transcript, atomically: true, encoding: .utf8)
            } catch {
                report("cahier: error: cannot write \(transcript): \(error.localizedDescription)")
                status = max(status, .badInput)
            }
        }
        // In the notebooks' language when they share one, else in English.
        let languages = Set(loaded.map(\.settings.language))
        print(CheckReport.summary(passed: passed, failed: failed, language: languages.count == 1 ? languages.first ?? .english : .english))
        if failed > 0 { status = max(status, .checksFailed) }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
