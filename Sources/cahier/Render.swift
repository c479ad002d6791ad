import ArgumentParser
import CahierKit
import CahierLearning
import Foundation

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render notebooks as an HTML site or as woven Markdown.",
        discussion: "HTML: a course site with a page per notebook, a home page (the introduction of an index.md, the chapters' summaries, the exercise sheets as student versions with their data), a sidebar, an outline of each page, linkable headings, a search over the course (lunr from Debian's libjs-lunr), math typeset by KaTeX (Debian's libjs-katex when installed). Exercise sheets are published as student versions only. Raw HTML written by authors is dropped unless --unsafe."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, markdown
    }

    @OptionGroup var notebooks: NotebookArguments

    @Option(help: "html or markdown.")
    var to: Format

    @Option(name: .shortAndLong, help: "The directory to write into.")
    var output: String

    @Flag(help: "Keep the authors' raw HTML (only for notebooks you trust).")
    var unsafe = false

    func run() throws {
        var status = Status.success
        let loaded = notebooks.load(&status)
        do {
            switch to {
            case .html:
                let site = CourseSite(loaded, paths: notebooks.paths, unsafe: unsafe, progress: ProgressBar.reporter)
                for diagnostic in site.diagnostics { report(diagnostic.formatted) }
                if !site.diagnostics.isEmpty { status = max(status, .badInput) }
                try SiteWriter(renderer: PageRenderer(unsafe: unsafe)).write(site, to: output)
            case .markdown:
                let runs = loaded.map { notebook in
                    (run: NotebookRun(notebook, progress: ProgressBar.reporter),
                     relativePath: CourseSite.relativePath(of: notebook.path, in: notebooks.paths, extension: "md"))
                }
                try WovenSite.write(runs, to: output)
            }
        } catch let error as SiteDataError {
            report(error.description)
            status = max(status, .badInput)
        } catch {
            report("\(output):1:1: error: \(error)")
            status = max(status, .badInput)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
