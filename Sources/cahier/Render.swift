import ArgumentParser
import CahierKit
import Foundation

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render notebooks as an HTML site or as woven Markdown.",
        discussion: "HTML: one page per notebook, an index, math typeset by KaTeX (local copy from Debian's libjs-katex when installed). Raw HTML written by authors is dropped unless --unsafe."
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
        let pages = loaded.map { notebook in
            SiteWriter.Page(run: NotebookRun(notebook, progress: ProgressBar.reporter), relativePath: relativePath(of: notebook.path, extension: to == .html ? "html" : "md"))
        }
        do {
            switch to {
            case .html:
                try SiteWriter(renderer: PageRenderer(unsafe: unsafe)).write(pages, to: output)
            case .markdown:
                for page in pages {
                    let path = output + "/" + page.relativePath
                    let folder = (path as NSString).deletingLastPathComponent
                    let stem = ((page.relativePath as NSString).lastPathComponent as NSString).deletingPathExtension
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    let (bytes, figures) = Weaver.weaveWithFigures(page.run) { block, index in "\(stem)-figure-\(block + 1)-\(index + 1).svg" }
                    for figure in figures { try AtomicFile.write(Array(figure.svg.utf8), to: folder + "/" + figure.name) }
                    try AtomicFile.write(bytes, to: path)
                }
            }
        } catch {
            report("\(output):1:1: error: \(error)")
            status = max(status, .badInput)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// The page's path in the site: relative to the directory argument it came
    /// from, or its file name when it was named directly.
    private func relativePath(of path: String, extension ext: String) -> String {
        var relative = (path as NSString).lastPathComponent
        for directory in notebooks.paths {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            if path.hasPrefix(base) { relative = String(path.dropFirst(base.count)) }
        }
        return (relative as NSString).deletingPathExtension + "." + ext
    }
}
