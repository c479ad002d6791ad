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
    }

    /// An exercise sheet, offered as its student version.
    public struct Sheet: Sendable {
        /// The student version's path in the site (`exercises/01-perceptrons.md`).
        public var relativePath: String
        public var title: String
        /// The student version's bytes.
        public var studentVersion: [UInt8]
        /// A `data/` folder the sheet reads, copied beside it, or nil.
        public var dataFolder: String?

        public init(relativePath: String, title: String, studentVersion: [UInt8], dataFolder: String?) {
            self.relativePath = relativePath
            self.title = title
            self.studentVersion = studentVersion
            self.dataFolder = dataFolder
        }
    }

    /// The course's home: a title and an introduction (a rendered `index.md`).
    public struct Home: Sendable {
        public var title: String
        /// The introduction's HTML, or nil for none.
        public var introduction: String?

        public init(title: String = "Contents", introduction: String? = nil) {
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

    /// A rendered page: its outline and where it sits.
    struct Rendered {
        var page: Page
        var outline: PageOutline
        var summary: String?
    }

    /// Writes every page, the home page, the exercise sheets, the search
    /// documents and the assets into `directory`.
    public func write(_ pages: [Page], sheets: [Sheet] = [], home: Home = Home(), to directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AtomicFile.write(Array(Self.styleSheet.utf8), to: directory + "/cahier.css")
        try AtomicFile.write(Array(Self.script.utf8), to: directory + "/cahier.js")
        if let katexSource { try copyKaTeX(from: katexSource, to: directory + "/katex") }
        if let lunrSource { try AtomicFile.write([UInt8](try Data(contentsOf: URL(fileURLWithPath: lunrSource))), to: directory + "/lunr.min.js") }
        let rendered = pages.map { page -> Rendered in
            let outline = PageOutline(renderer.body(page.run))
            return Rendered(page: page, outline: outline, summary: outline.firstParagraph.map { PageOutline.summary($0) })
        }
        let site = Navigation(pages: rendered, sheets: sheets, home: home)
        for (i, item) in rendered.enumerated() {
            let path = directory + "/" + item.page.relativePath
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(Array(document(item, index: i, site).utf8), to: path)
            try AtomicFile.write(item.page.run.notebook.source.bytes, to: directory + "/" + item.page.sourcePath)
        }
        for sheet in sheets {
            let path = directory + "/" + sheet.relativePath
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(sheet.studentVersion, to: path)
            if let data = sheet.dataFolder {
                try copyFolder(data, to: (path as NSString).deletingLastPathComponent + "/data")
            }
        }
        try AtomicFile.write(Array(index(site).utf8), to: directory + "/index.html")
        try AtomicFile.write(Array(searchDocuments(rendered).utf8), to: directory + "/search-index.js")
    }

    /// The documents the search indexes: one per section of each page (its
    /// title, the section's heading, its text and its address), as a script
    /// that sets `CAHIER_SEARCH`, so that it loads from `file://` too.
    func searchDocuments(_ rendered: [Rendered]) -> String {
        struct Document: Encodable {
            var id: String
            var page: String
            var section: String
            var text: String
        }
        var documents: [Document] = []
        for item in rendered {
            for section in item.outline.sections {
                let link = item.page.relativePath + (section.heading.map { "#" + $0.id } ?? "")
                documents.append(Document(id: link, page: item.page.title, section: section.heading?.text ?? "", text: section.text))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(documents)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // Inside a script element, "</" must not appear: JSON lets "<" be written "\u003c".
        return "window.CAHIER_SEARCH = " + json.replacingOccurrences(of: "<", with: "\\u003c") + ";\n"
    }

    private func copyKaTeX(from source: String, to destination: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: destination + "/fonts", withIntermediateDirectories: true)
        for file in ["katex.min.js", "katex.min.css"] {
            try AtomicFile.write([UInt8](try Data(contentsOf: URL(fileURLWithPath: source + "/" + file))), to: destination + "/" + file)
        }
        // Debian's fonts folder is a link: copy the files it points to.
        let fonts = URL(fileURLWithPath: source + "/fonts").resolvingSymlinksInPath().path
        for name in try fm.contentsOfDirectory(atPath: fonts) where name.hasSuffix(".woff2") {
            try AtomicFile.write([UInt8](try Data(contentsOf: URL(fileURLWithPath: fonts + "/" + name))), to: destination + "/fonts/" + name)
        }
    }

    /// The regular files of a folder, copied (links are not followed: a data folder holds files).
    private func copyFolder(_ source: String, to destination: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source).sorted() where !name.hasPrefix(".") {
            let from = source + "/" + name
            guard let kind = try fm.attributesOfItem(atPath: from)[.type] as? FileAttributeType, kind == .typeRegular else { continue }
            try AtomicFile.write([UInt8](try Data(contentsOf: URL(fileURLWithPath: from))), to: destination + "/" + name)
        }
    }
}
