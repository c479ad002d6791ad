import ArgumentParser
import CahierKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and compare every output with the expected one.",
        discussion: "Prints each mismatch, then 'N passed, M failed' counted in commands. Exit 0 when all pass, 1 on any mismatch, 2 on bad input."
    )

    @OptionGroup var notebooks: NotebookArguments

    func run() throws {
        var status = Status.success
        var passed = 0, failed = 0
        for notebook in notebooks.load(&status) {
            for result in NotebookRun(notebook, progress: ProgressBar.reporter).commands {
                if result.passed {
                    passed += 1
                } else {
                    failed += 1
                    print(CheckReport.mismatch(result, source: notebook.source))
                }
            }
        }
        print(CheckReport.summary(passed: passed, failed: failed))
        if failed > 0 { status = max(status, .checksFailed) }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
