import CahierLearning
import Foundation

/// Writes a course site: one page per notebook with a sidebar of chapters,
/// an "on this page" list, linkable headings, previous and next links, a
/// download link for the notebook and a copy button on each transcript; a
/// home page with the course's introduction, chapter summaries and the
/// exercise sheets (student versions) to download; a search over the whole
/// course (lunr, from Debian's `libjs-lunr`, with its documents written at
/// render time); KaTeX for the math (Debian's `libjs-katex`, a CDN
/// otherwise). Pages work from `file://` and from a web server alike.
public struct SiteWriter {
    /// A notebook to publish, with the path of its page relative to the site.
    public struct Page: Sendable {
        public var run: NotebookRun
        public var relativePath: String
        public var title: String

        public init(run: NotebookRun, relativePath: String) {
            self.run = run
            self.relativePath = relativePath
            let notebook = run.notebook
            self.title = notebook.title
                ?? URL(fileURLWithPath: notebook.path).deletingPathExtension().lastPathComponent
        }

        /// Where the page's notebook is offered for download, beside the page.
        var sourcePath: String { (relativePath as NSString).deletingPathExtension + ".md" }
        /// Where the notebook and the data it reads are offered as one zip, beside the page.
        var bundlePath: String { (relativePath as NSString).deletingPathExtension + ".zip" }
        /// The page's folder in the site ("" at the top).
        var siteFolder: String { relativePath.parentPath }
    }

    /// An exercise sheet, offered as its student version: a page that shows
    /// it as written, the file, and a zip of the file with the data it reads.
    public struct Sheet: Sendable {
        /// The student version's path in the site (`exercises/01-perceptrons.md`).
        public var relativePath: String
        public var title: String
        /// The student version, run where the teacher's sheet lies (so its
        /// `load`s read the sheet's data, and say which files it needs).
        public var student: NotebookRun
        /// A `data/` folder beside the sheet, published whole, or nil.
        public var dataFolder: String?
        /// The largest data file published, in bytes: the sheet's
        /// `max-file-bytes`, since `load` would refuse a larger one.
        public var maximumFileBytes: Int

        public init(relativePath: String, title: String, student: NotebookRun, dataFolder: String?,
                    maximumFileBytes: Int = DataFile.defaultMaximumBytes) {
            self.relativePath = relativePath
            self.title = title
            self.student = student
            self.dataFolder = dataFolder
            self.maximumFileBytes = maximumFileBytes
        }

        /// The student version's bytes.
        public var studentVersion: [UInt8] { student.notebook.source.bytes }

        /// The sheet's page, which shows the student version as written.
        var page: Page {
            var page = Page(run: student, relativePath: (relativePath as NSString).deletingPathExtension + ".html")
            page.title = title
            return page
        }
    }

    /// One language's edition of a course: its pages, sheets and home page,
    /// in a folder of the site (`""` at the top, `fr/` for a French edition
    /// made from `notebooks/fr/`). A page's translation is the page with the
    /// same path in another edition.
    public struct Edition: Sendable {
        /// The edition's folder in the site: `""`, or a path ending in `/`.
        public var folder: String
        public var language: Language
        public var pages: [Page]
        public var sheets: [Sheet]
        public var home: Home

        public init(folder: String, language: Language, pages: [Page], sheets: [Sheet], home: Home) {
            self.folder = folder
            self.language = language
            self.pages = pages
            self.sheets = sheets
            self.home = home
        }
    }

    /// The course's home: a title and an introduction (a rendered `index.md`).
    public struct Home: Sendable {
        public var title: String
        /// The introduction's HTML, or nil for none.
        public var introduction: String?

        public init(title: String = Language.english.text("site.contents"), introduction: String? = nil) {
            self.title = title
            self.introduction = introduction
        }
    }

    /// Where KaTeX is found on Debian.
    public static let localKaTeX = "/usr/share/javascript/katex"
    static let cdnKaTeX = "https://cdn.jsdelivr.net/npm/katex@0.16.4/dist"
    /// Where lunr is found on Debian.
    public static let localLunr = "/usr/share/javascript/lunr/lunr.min.js"

    public var renderer: PageRenderer
    public var katexSource: String?
    public var lunrSource: String?

    public init(renderer: PageRenderer, katexSource: String? = SiteWriter.localKaTeX, lunrSource: String? = SiteWriter.localLunr) {
        self.renderer = renderer
        let exists = katexSource.map { FileManager.default.fileExists(atPath: $0 + "/katex.min.js") } ?? false
        self.katexSource = exists ? katexSource : nil
        self.lunrSource = lunrSource.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// A rendered page: its outline and where it sits, and the data files its
    /// notebook reads, as published.
    struct Rendered {
        var page: Page
        var outline: PageOutline
        var summary: String?
        var data: [PublishedData.File] = []
    }

    /// Writes every edition's pages, home page, exercise sheets and search
    /// documents, and the assets, into `directory`.
    public func write(_ site: CourseSite, to directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (path, bytes) in try files(site).sorted(by: { $0.key < $1.key }) {
            let target = directory + "/" + path
            try fm.createDirectory(atPath: target.parentPath, withIntermediateDirectories: true)
            try AtomicFile.write(bytes, to: target)
        }
    }

    /// Writes a one-edition site of `pages`, `sheets` and `home` in English.
    public func write(_ pages: [Page], sheets: [Sheet] = [], home: Home = Home(), data: Bool = true, to directory: String) throws {
        var site = CourseSite(editions: [Edition(folder: "", language: .english, pages: pages, sheets: sheets, home: home)])
        site.publishesData = data
        try write(site, to: directory)
    }

    /// The site's files, by path: what ``write(_:to:)`` writes, and what
    /// `cahier serve` serves from memory. With the site's `publishesData`, the
    /// files the notebooks read and the sheets' data folders are published
    /// beside them, and each page offers a zip of its notebook and its data,
    /// each edition's home page one of its course; without, only the pages
    /// and notebooks. Each edition lies in its folder with its own home page
    /// and search, in its language, and each page links its translations.
    public func files(_ site: CourseSite) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        files["cahier.css"] = Array(Self.styleSheet.utf8)
        files["cahier.js"] = Array(Self.script.utf8)
        if let katexSource { try addKaTeX(from: katexSource, to: &files) }
        if let lunrSource {
            files["lunr.min.js"] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: lunrSource)))
            for edition in site.editions {
                for (name, text) in Self.searchPipeline(for: edition.language) { files[name] = Array(text.utf8) }
            }
        }
        let editions = site.editions.map { Navigation.Edition(folder: $0.folder, language: $0.language, home: $0.home,
                                                               pages: Set(($0.pages.map(\.relativePath) + $0.sheets.map(\.page.relativePath)))) }
        let everyPage = editions.reduce(into: Set<String>()) { $0.formUnion($1.pages) }
        for (k, edition) in site.editions.enumerated() {
            let others = editions.enumerated().filter { $0.offset != k }.map(\.element)
            try add(edition, translations: others, pages: everyPage, data: site.publishesData, to: &files)
        }
        return files
    }

    /// One edition's pages, sheets, home page, search documents, data and zips.
    private func add(_ edition: Edition, translations: [Navigation.Edition], pages everyPage: Set<String>, data includeData: Bool,
                     to files: inout [String: [UInt8]]) throws {
        var data = PublishedData()
        // The notebooks are deflated for the zips beside the rendering, in the order of `rendered + sheetPages`.
        let sources = edition.pages.map(\.run.notebook.source.bytes) + edition.sheets.map(\.page.run.notebook.source.bytes)
        let deflated = includeData ? BackgroundWork { sources.map(ZipWriter.prepare) } : nil
        func render(_ page: Page, maximumFileBytes: Int, asWritten: Bool) throws -> Rendered {
            let outline = PageOutline(asWritten ? renderer.body(asWritten: page.run.notebook) : renderer.body(page.run))
            let read = includeData
                ? try data.addRead(page.run.filesRead, in: NotebookRun.folder(of: page.run.notebook.path), as: page.siteFolder,
                                   maximumFileBytes: maximumFileBytes)
                : []
            return Rendered(page: page, outline: outline, summary: outline.firstParagraph.map { PageOutline.summary($0) }, data: read)
        }
        let rendered = try edition.pages.map { try render($0, maximumFileBytes: $0.run.notebook.settings.limits.maximumFileBytes, asWritten: false) }
        let sheetPages = try edition.sheets.map { try render($0.page, maximumFileBytes: $0.maximumFileBytes, asWritten: true) }
        for sheet in edition.sheets where includeData {
            if let folder = sheet.dataFolder {
                try data.add(folder, as: (sheet.relativePath.parentPath as NSString).appendingPathComponent("data"), maximumFileBytes: sheet.maximumFileBytes)
            }
        }
        let courseBundle = Self.courseBundle(besides: rendered + sheetPages, in: edition.folder)
        let site = Navigation(pages: rendered, sheets: edition.sheets, sheetPages: sheetPages,
                              edition: Navigation.Edition(folder: edition.folder, language: edition.language, home: edition.home, pages: []),
                              translations: translations, sitePages: everyPage, data: data.folders, bundles: includeData, courseBundle: courseBundle)
        for (i, item) in rendered.enumerated() {
            files[item.page.relativePath] = Array(document(item, index: i, site).utf8)
            files[item.page.sourcePath] = item.page.run.notebook.source.bytes
        }
        for item in sheetPages {
            files[item.page.relativePath] = Array(sheetDocument(item, site).utf8)
            files[item.page.sourcePath] = item.page.run.notebook.source.bytes
        }
        for folder in data.folders {
            for file in folder.files { files[folder.path + "/" + file.publishedName] = file.bytes }
        }
        for item in rendered + sheetPages {
            for file in item.data { files[file.publishedName] = file.bytes }
        }
        if let deflated {
            try addBundles(rendered + sheetPages, sources: deflated.result(), courseBundle: courseBundle, edition: edition.folder, to: &files)
        }
        files[edition.folder + "index.html"] = Array(index(site).utf8)
        files[edition.folder + "search-index.js"] = searchDocuments(rendered + sheetPages)
    }

    /// The lunr-languages files that index and search `language` (its stemmer
    /// and stop words), by their names in the site, or none for English (lunr's own).
    static func searchPipeline(for language: Language) -> [(String, String)] {
        guard language.tag != "en", let pipeline = EmbeddedFiles.files["lunr-languages/lunr.\(language.tag).js"],
              let support = EmbeddedFiles.files["lunr-languages/lunr.stemmer.support.js"] else { return [] }
        return [("lunr.stemmer.support.js", support), ("lunr.\(language.tag).js", pipeline)]
    }

    private func addKaTeX(from source: String, to files: inout [String: [UInt8]]) throws {
        for file in ["katex.min.js", "katex.min.css"] {
            files["katex/" + file] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source + "/" + file)))
        }
        // Debian's fonts folder is a link: copy the files it points to.
        let fonts = URL(fileURLWithPath: source + "/fonts").resolvingSymlinksInPath().path
        for name in try FileManager.default.contentsOfDirectory(atPath: fonts) where name.hasSuffix(".woff2") {
            files["katex/fonts/" + name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fonts + "/" + name)))
        }
    }
}
