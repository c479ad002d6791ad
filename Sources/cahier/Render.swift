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
        let (pages, sheets, home) = to == .html
            ? Self.site(loaded, paths: notebooks.paths, unsafe: unsafe, progress: ProgressBar.reporter, status: &status)
            : (loaded.map { SiteWriter.Page(run: NotebookRun($0, progress: ProgressBar.reporter), relativePath: Self.relativePath(of: $0.path, in: notebooks.paths, extension: "md")) }, [], SiteWriter.Home())
        do {
            switch to {
            case .html:
                try SiteWriter(renderer: PageRenderer(unsafe: unsafe)).write(pages, sheets: sheets, home: home, to: output)
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
        } catch let error as SiteDataError {
            report(error.description)
            status = max(status, .badInput)
        } catch {
            report("\(output):1:1: error: \(error)")
            status = max(status, .badInput)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// What an HTML site is made of: a page per notebook run, the exercise
    /// sheets as their student versions (never with their solutions), and the
    /// home page's introduction from an index.md. Also used by `cahier serve`.
    static func site(_ loaded: [Notebook], paths: [String], unsafe: Bool, progress: (@Sendable (EpochReport) -> Void)? = nil,
                     status: inout Status) -> (pages: [SiteWriter.Page], sheets: [SiteWriter.Sheet], home: SiteWriter.Home) {
        var sheets: [SiteWriter.Sheet] = []
        var home = SiteWriter.Home()
        var sheetFolders: Set<String> = []
        for notebook in loaded where notebook.blocks.contains(where: { $0.options.exercise != nil }) {
            do throws(DiagnosticError) {
                let sheet = try Sheet(notebook)
                let folder = (notebook.path as NSString).deletingLastPathComponent
                var isDirectory: ObjCBool = false
                let data = FileManager.default.fileExists(atPath: folder + "/data", isDirectory: &isDirectory) && isDirectory.boolValue ? folder + "/data" : nil
                sheets.append(SiteWriter.Sheet(relativePath: relativePath(of: notebook.path, in: paths, extension: "md"), title: notebook.title ?? "Exercise sheet",
                                               studentVersion: try Assignment.studentVersion(of: sheet), dataFolder: data,
                                               maximumFileBytes: notebook.settings.limits.maximumFileBytes))
                sheetFolders.insert(folder)
            } catch {
                report(error)
                status = max(status, .badInput)
            }
        }
        // The home page's introduction: an index.md of a directory named.
        if let intro = loaded.first(where: { ($0.path as NSString).lastPathComponent == "index.md" }) {
            let body = PageRenderer(unsafe: unsafe).body(NotebookRun(intro))
            home = SiteWriter.Home(title: intro.title ?? "Contents", introduction: PageRenderer.droppingFirstHeading(body))
        }
        let chapters = loaded.filter { notebook in
            let folder = (notebook.path as NSString).deletingLastPathComponent
            let inSheetData = sheetFolders.contains { folder == $0 + "/data" || folder.hasPrefix($0 + "/data/") }
            return !notebook.blocks.contains(where: { $0.options.exercise != nil }) && (notebook.path as NSString).lastPathComponent != "index.md" && !inSheetData
        }
        let pages = chapters.map { notebook in
            SiteWriter.Page(run: NotebookRun(notebook, progress: progress), relativePath: relativePath(of: notebook.path, in: paths, extension: "html"))
        }
        return (pages, sheets, home)
    }

    /// The page's path in the site: relative to the directory argument it came
    /// from, or its file name when it was named directly.
    static func relativePath(of path: String, in paths: [String], extension ext: String) -> String {
        var relative = (path as NSString).lastPathComponent
        for directory in paths {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            if path.hasPrefix(base) { relative = String(path.dropFirst(base.count)) }
        }
        return (relative as NSString).deletingPathExtension + "." + ext
    }
}
