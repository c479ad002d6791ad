import CahierLearning
import Foundation

/// What an HTML site is made of: a page per notebook run, the exercise sheets
/// as their student versions (never with their solutions), and the home
/// page's introduction from an `index.md`. `cahier render` writes it and
/// `cahier serve` serves it.
public struct CourseSite: Sendable {
    public var pages: [SiteWriter.Page]
    public var sheets: [SiteWriter.Sheet]
    public var home: SiteWriter.Home
    /// What kept a sheet out of the site (it does not read as a sheet, or its
    /// student version cannot be made); the rest of the site is made without it.
    public var diagnostics: [Diagnostic]
    /// Whether the data the notebooks read is published (`cahier serve` serves
    /// the pages without it when it cannot be).
    public var publishesData = true

    /// Sorts the notebooks parsed from `paths` into chapters, sheets and the
    /// home page, and runs the chapters (`progress` hears their trainings).
    public init(_ loaded: [Notebook], paths: [String], unsafe: Bool, progress: (@Sendable (EpochReport) -> Void)? = nil) {
        var sheets: [SiteWriter.Sheet] = []
        var diagnostics: [Diagnostic] = []
        var home = SiteWriter.Home()
        var sheetFolders: Set<String> = []
        for notebook in loaded where Self.isSheet(notebook) {
            do throws(DiagnosticError) {
                let sheet = try Sheet(notebook)
                let folder = (notebook.path as NSString).deletingLastPathComponent
                // The student version, run where the sheet lies: its page shows it, its loads say what data it needs.
                let student = try NotebookParser.parse(try SourceLoader.validate(path: notebook.path, bytes: try Assignment.studentVersion(of: sheet)))
                sheets.append(SiteWriter.Sheet(relativePath: Self.relativePath(of: notebook.path, in: paths, extension: "md"),
                                               title: notebook.title ?? "Exercise sheet",
                                               student: NotebookRun(student),
                                               dataFolder: Self.dataFolder(beside: notebook.path),
                                               maximumFileBytes: notebook.settings.limits.maximumFileBytes))
                sheetFolders.insert(folder)
            } catch {
                diagnostics += error.diagnostics
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
            return !Self.isSheet(notebook) && (notebook.path as NSString).lastPathComponent != "index.md" && !inSheetData
        }
        self.pages = chapters.map { notebook in
            SiteWriter.Page(run: NotebookRun(notebook, progress: progress), relativePath: Self.relativePath(of: notebook.path, in: paths, extension: "html"))
        }
        self.sheets = sheets
        self.home = home
        self.diagnostics = diagnostics
    }

    /// Whether a notebook is an exercise sheet: it has an answer block.
    public static func isSheet(_ notebook: Notebook) -> Bool {
        notebook.blocks.contains { $0.options.exercise != nil }
    }

    /// The `data` folder beside a notebook, or nil when there is none.
    static func dataFolder(beside path: String) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        let data = (folder.isEmpty ? "." : folder) + "/data"
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory) && isDirectory.boolValue ? data : nil
    }

    /// The page's path in the site: relative to the directory argument it came
    /// from, or its file name when it was named directly.
    public static func relativePath(of path: String, in paths: [String], extension ext: String) -> String {
        var relative = (path as NSString).lastPathComponent
        for directory in paths {
            let base = directory.hasSuffix("/") ? directory : directory + "/"
            if path.hasPrefix(base) { relative = String(path.dropFirst(base.count)) }
        }
        return (relative as NSString).deletingPathExtension + "." + ext
    }
}
