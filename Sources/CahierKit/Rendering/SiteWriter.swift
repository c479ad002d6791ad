import Foundation

/// Writes rendered notebooks into a folder: one page per notebook, an index,
/// a style sheet, and KaTeX (copied from Debian's `libjs-katex` when it is
/// installed, linked from a CDN otherwise).
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
    }

    /// Where KaTeX is found on Debian.
    public static let localKaTeX = "/usr/share/javascript/katex"
    static let cdnKaTeX = "https://cdn.jsdelivr.net/npm/katex@0.16.4/dist"

    public var renderer: PageRenderer
    public var katexSource: String?

    public init(renderer: PageRenderer, katexSource: String? = SiteWriter.localKaTeX) {
        self.renderer = renderer
        let exists = katexSource.map { FileManager.default.fileExists(atPath: $0 + "/katex.min.js") } ?? false
        self.katexSource = exists ? katexSource : nil
    }

    /// Writes every page, the index and the assets into `directory`.
    public func write(_ pages: [Page], to directory: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try AtomicFile.write(Array(Self.styleSheet.utf8), to: directory + "/cahier.css")
        try AtomicFile.write(Array(Self.script.utf8), to: directory + "/cahier.js")
        if let katexSource { try copyKaTeX(from: katexSource, to: directory + "/katex") }
        for (i, page) in pages.enumerated() {
            let path = directory + "/" + page.relativePath
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let html = document(page, previous: i > 0 ? pages[i - 1] : nil, next: i + 1 < pages.count ? pages[i + 1] : nil)
            try AtomicFile.write(Array(html.utf8), to: path)
        }
        try AtomicFile.write(Array(index(pages).utf8), to: directory + "/index.html")
    }

    /// The path from a page back to the site's root: `""` or `"../"` per folder level.
    private func root(of page: Page) -> String {
        String(repeating: "../", count: page.relativePath.split(separator: "/").count - 1)
    }

    func document(_ page: Page, previous: Page?, next: Page?) -> String {
        let up = root(of: page)
        var nav = "<nav class=\"pager\"><a href=\"\(up)index.html\">Contents</a>"
        if let previous { nav += " <a rel=\"prev\" href=\"\(HTML.link(up, previous.relativePath))\">← \(HTML.escape(previous.title))</a>" }
        if let next { nav += " <a rel=\"next\" href=\"\(HTML.link(up, next.relativePath))\">\(HTML.escape(next.title)) →</a>" }
        nav += "</nav>"
        return frame(title: page.title, root: up, body: nav + "\n<main>\n" + renderer.body(page.run) + "</main>\n" + nav)
    }

    func index(_ pages: [Page]) -> String {
        var list = "<main>\n<h1>Contents</h1>\n<ol class=\"contents\">\n"
        for page in pages {
            list += "<li><a href=\"\(HTML.link("", page.relativePath))\">\(HTML.escape(page.title))</a></li>\n"
        }
        return frame(title: "Contents", root: "", body: list + "</ol>\n</main>")
    }

    private func frame(title: String, root: String, body: String) -> String {
        let katex = katexSource == nil ? Self.cdnKaTeX : root + "katex"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="\(katex)/katex.min.css">
        <link rel="stylesheet" href="\(root)cahier.css">
        <script defer src="\(katex)/katex.min.js"></script>
        <script defer src="\(root)cahier.js"></script>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
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
}
