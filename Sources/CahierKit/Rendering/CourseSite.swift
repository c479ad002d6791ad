import CahierLearning
import Foundation

/// What an HTML site is made of: a page per notebook run, the exercise sheets
/// as their student versions (never with their solutions), and the home
/// page's introduction from an `index.md`. `cahier render` writes it and
/// `cahier serve` serves it.
public struct CourseSite: Sendable {
    /// The course in each of its languages: the folder named first, and each
    /// folder under it that holds an `index.md` (`notebooks/fr/`), with the
    /// notebooks below it.
    public var editions: [SiteWriter.Edition]
    /// What kept a sheet out of the site (it does not read as a sheet, or its
    /// student version cannot be made); the rest of the site is made without it.
    public var diagnostics: [Diagnostic] = []
    /// Whether the data the notebooks read is published (`cahier serve` serves
    /// the pages without it when it cannot be).
    public var publishesData = true

    public init(editions: [SiteWriter.Edition]) {
        self.editions = editions
    }

    /// Sorts the notebooks parsed from `paths` into editions (the top folder,
    /// and each folder whose `index.md` sets another `lang`), each into
    /// chapters, sheets and its home page, and runs the chapters (`progress`
    /// hears their trainings). An edition's language is its `index.md`'s `lang`.
    public init(_ loaded: [Notebook], paths: [String], unsafe: Bool, progress: (@Sendable (EpochReport) -> Void)? = nil) {
        // The top starts an edition, and so does each folder whose index.md sets another language.
        func folder(of notebook: Notebook) -> String {
            Self.relativePath(of: notebook.path, in: paths, extension: "md").parentPath
        }
        let homes = loaded.filter { ($0.path as NSString).lastPathComponent == "index.md" }
        let top = homes.first { folder(of: $0).isEmpty }?.settings.language ?? .english
        var folders = Set(homes.filter { $0.settings.language != top }.map(folder(of:)))
        folders.insert("")
        func edition(of notebook: Notebook) -> String {
            let folder = Self.relativePath(of: notebook.path, in: paths, extension: "md").parentPath
            return folders.filter { $0.isEmpty || folder == $0 || folder.hasPrefix($0 + "/") }.max { $0.count < $1.count } ?? ""
        }
        var editions: [SiteWriter.Edition] = []
        var diagnostics: [Diagnostic] = []
        for folder in folders.sorted() {
            let members = loaded.filter { edition(of: $0) == folder }
            let intro = members.first { ($0.path as NSString).lastPathComponent == "index.md" && edition(of: $0) == folder
                && Self.relativePath(of: $0.path, in: paths, extension: "md").parentPath == folder }
            let language = intro?.settings.language ?? .english
            let (pages, sheets, home, problems) = Self.edition(members, intro: intro, language: language, paths: paths, unsafe: unsafe, progress: progress)
            if pages.isEmpty && sheets.isEmpty && intro == nil { continue }
            editions.append(SiteWriter.Edition(folder: folder.isEmpty ? "" : folder + "/", language: language, pages: pages, sheets: sheets, home: home))
            diagnostics += problems
        }
        self.editions = editions
        self.diagnostics = diagnostics
    }

    /// One edition's chapters, sheets and home page.
    private static func edition(_ loaded: [Notebook], intro: Notebook?, language: Language, paths: [String], unsafe: Bool,
                                progress: (@Sendable (EpochReport) -> Void)?)
        -> ([SiteWriter.Page], [SiteWriter.Sheet], SiteWriter.Home, [Diagnostic]) {
        var sheets: [SiteWriter.Sheet] = []
        var diagnostics: [Diagnostic] = []
        var home = SiteWriter.Home(title: language.text("site.contents"))
        var sheetFolders: Set<String> = []
        for notebook in loaded where Self.isSheet(notebook) {
            do throws(DiagnosticError) {
                let sheet = try Sheet(notebook)
                let folder = notebook.path.parentPath
                // The student version, run where the sheet lies: its page shows it, its loads say what data it needs.
                let student = try NotebookParser.parse(try SourceLoader.validate(path: notebook.path, bytes: try Assignment.studentVersion(of: sheet)))
                sheets.append(SiteWriter.Sheet(relativePath: Self.relativePath(of: notebook.path, in: paths, extension: "md"),
                                               title: notebook.title ?? language.text("site.exercise-sheet"),
                                               student: NotebookRun(student),
                                               dataFolder: Self.dataFolder(beside: notebook.path),
                                               maximumFileBytes: notebook.settings.limits.maximumFileBytes))
                sheetFolders.insert(folder)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if let intro {
            let body = PageRenderer(unsafe: unsafe).body(NotebookRun(intro))
            home = SiteWriter.Home(title: intro.title ?? language.text("site.contents"), introduction: PageRenderer.droppingFirstHeading(body))
        }
        let chapters = loaded.filter { notebook in
            let folder = notebook.path.parentPath
            let inSheetData = sheetFolders.contains { folder == $0 + "/data" || folder.hasPrefix($0 + "/data/") }
            return !Self.isSheet(notebook) && (notebook.path as NSString).lastPathComponent != "index.md" && !inSheetData
        }
        let pages = chapters.map { notebook in
            SiteWriter.Page(run: NotebookRun(notebook, progress: progress), relativePath: Self.relativePath(of: notebook.path, in: paths, extension: "html"))
        }
        return (pages, sheets, home, diagnostics)
    }

    /// Whether a notebook is an exercise sheet: it has an answer block.
    public static func isSheet(_ notebook: Notebook) -> Bool {
        notebook.blocks.contains { $0.options.exercise != nil }
    }

    /// The `data` folder beside a notebook, or nil when there is none.
    static func dataFolder(beside path: String) -> String? {
        let folder = path.parentPath
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
