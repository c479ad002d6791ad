import Foundation

/// The HTML around the pages: the frame every page shares (header with the
/// search, sidebar of chapters, "on this page"), and the home page.
extension SiteWriter {
    /// What every page links to: the chapters, the sheets and the home.
    struct Navigation {
        var pages: [Rendered]
        var sheets: [Sheet]
        /// The sheets' pages, in the order of `sheets`.
        var sheetPages: [Rendered] = []
        /// The edition these pages belong to.
        var edition: Edition
        /// The other editions, where each page's translation is found.
        var translations: [Edition] = []
        /// Every page of the site, in every edition.
        var sitePages: Set<String> = []
        /// The sheets' data folders, as published.
        var data: [PublishedData.Folder] = []
        /// Whether the pages offer zips of their notebooks with their data.
        var bundles = true
        /// The course's zip, at the top of the site.
        var courseBundle = "course.zip"

        var home: Home { edition.home }
        var language: Language { edition.language }

        /// An edition: its folder, language and home, and the paths of its pages and sheets.
        struct Edition {
            var folder: String
            var language: Language
            var home: Home
            var pages: Set<String>
        }
    }

    /// `html` with each relative link to a notebook of the site (`06-gradient-descent.md`,
    /// `../02-perceptron.md#the-rule`) leading to its page instead (`….html`); other links
    /// stay as written (a notebook outside the site is still offered as its file).
    static func pageLinks(_ html: String, from page: String, _ pages: Set<String>) -> String {
        // Read as UTF-8 bytes: `.md`, `href="` and `"` are ASCII, and each search starts where the last ended.
        let bytes = Array(html.utf8)
        guard PageOutline.find(Array(".md".utf8), in: bytes, from: 0) != nil else { return html }
        let marker = Array("href=\"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var rest = 0
        while let start = PageOutline.find(marker, in: bytes, from: rest),
              let end = bytes[(start + marker.count)...].firstIndex(of: UInt8(ascii: "\"")) {
            out += bytes[rest..<(start + marker.count)]
            let value = String(decoding: bytes[(start + marker.count)..<end], as: UTF8.self)
            out += (pageLink(value, from: page, pages) ?? value).utf8
            rest = end
        }
        out += bytes[rest...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The page a link to a notebook leads to, or nil when it is not a relative link to a page of the site.
    private static func pageLink(_ href: String, from page: String, _ pages: Set<String>) -> String? {
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md"), !path.hasPrefix("/"), !path.contains(":"), !path.contains("?") else { return nil }
        var resolved = page.parentPath.split(separator: "/").map(String.init)
        for component in (path.removingPercentEncoding ?? path).split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !resolved.isEmpty else { return nil }
                resolved.removeLast()
            default: resolved.append(String(component))
            }
        }
        let target = (resolved.joined(separator: "/") as NSString).deletingPathExtension + ".html"
        guard pages.contains(target) else { return nil }
        return String(path.dropLast(3)) + ".html" + (parts.count > 1 ? "#" + parts[1] : "")
    }

    /// The message `key` of the site's interface in `language`, as HTML:
    /// the catalogue's text escaped, then `values`, already HTML, put in.
    static func html(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        Catalogue.filling(HTML.escape(language.text(key)), values)
    }

    /// The path from a page back to the site's root: `""` or `"../"` per folder level.
    static func root(of relativePath: String) -> String {
        String(repeating: "../", count: relativePath.split(separator: "/").count - 1)
    }

    func document(_ item: Rendered, index i: Int, _ site: Navigation) -> String {
        let page = item.page
        let up = Self.root(of: page.relativePath)
        var pager = "<nav class=\"pager\" aria-label=\"\(Self.html("site.previous-next", site.language))\">"
        if i > 0 {
            let previous = site.pages[i - 1].page
            pager += "<a rel=\"prev\" href=\"\(HTML.link(up, previous.relativePath))\">← \(HTML.escape(previous.title))</a>"
        } else {
            pager += "<a rel=\"prev\" href=\"\(HTML.link(up, site.edition.folder + "index.html"))\">← \(HTML.escape(site.home.title))</a>"
        }
        if i + 1 < site.pages.count {
            let next = site.pages[i + 1].page
            pager += "<a rel=\"next\" href=\"\(HTML.link(up, next.relativePath))\">\(HTML.escape(next.title)) →</a>"
        }
        pager += "</nav>"
        let tools = "<p class=\"page-tools\">" + downloads(item, site, noun: "notebook") + "</p>"
        let toc = contents(item, site.language)
        let main = "<main id=\"content\">\n" + tools + "\n" + Self.pageLinks(item.outline.html, from: page.relativePath, site.sitePages) + pager + "\n</main>"
        return frame(title: page.title, root: up, current: page.relativePath, site, body: main + toc)
    }

    /// The links that download a page's notebook, and its zip when there are zips.
    func downloads(_ item: Rendered, _ site: Navigation, noun: String) -> String {
        let name = (item.page.sourcePath as NSString).lastPathComponent
        var links = "<a class=\"download\" href=\"\(HTML.link("", name))\" download>"
            + Self.html(noun == "sheet" ? "site.download-sheet" : "site.download-notebook", site.language, ["file": HTML.escape(name)]) + "</a>"
        if site.bundles {
            let zip = (item.page.bundlePath as NSString).lastPathComponent
            let key = item.data.isEmpty ? "site.download-zip" : "site.download-zip-data"
            links += " <a class=\"download bundle\" href=\"\(HTML.link("", zip))\" download>" + Self.html(key, site.language, ["file": HTML.escape(zip)]) + "</a>"
        }
        return links
    }

    /// The "On this page" list of a page's second- and third-level headings.
    func contents(_ item: Rendered, _ language: Language) -> String {
        let listed = item.outline.headings.filter { $0.level == 2 || $0.level == 3 }
        guard !listed.isEmpty else { return "" }
        let title = Self.html("site.on-this-page", language)
        var toc = "<aside class=\"toc\" aria-label=\"\(title)\"><h2>\(title)</h2><ol>"
        for heading in listed {
            toc += "<li class=\"level\(heading.level)\"><a href=\"#\(heading.id)\">\(HTML.escape(heading.text))</a></li>"
        }
        return toc + "</ol></aside>"
    }

    /// An exercise sheet's page: its student version as written, how to check
    /// oneself and hand in, and its downloads.
    func sheetDocument(_ item: Rendered, _ site: Navigation) -> String {
        let page = item.page
        let name = (page.sourcePath as NSString).lastPathComponent
        let zip = (page.bundlePath as NSString).lastPathComponent
        let tools = "<p class=\"page-tools\">" + downloads(item, site, noun: "sheet") + "</p>"
        let language = site.language
        let fetch = site.bundles
            ? Self.html(item.data.isEmpty ? "site.how-to.fetch-zip" : "site.how-to.fetch-zip-data", language,
                        ["zip": "<a href=\"\(HTML.link("", zip))\" download>\(HTML.escape(zip))</a>"])
            : Self.html("site.how-to.fetch", language, ["file": "<a href=\"\(HTML.link("", name))\" download>\(HTML.escape(name))</a>"])
        let title = Self.html("site.how-to", language)
        let howTo = """
            <section class="how-to" aria-label="\(title)"><h2 id="check-yourself-and-hand-in">\(title)</h2><ol>
            <li>\(fetch)</li>
            <li>\(Self.html("site.how-to.answer", language, ["exercise": "<code>exercise=…</code>", "todo": "<code>todo(…)</code>"]))</li>
            <li>\(Self.html("site.how-to.check", language, ["command": "<code>cahier check \(HTML.escape(name))</code>"]))</li>
            <li>\(Self.html("site.how-to.hand-in", language, ["file": "<code>\(HTML.escape(name))</code>"]))</li>
            </ol></section>

            """
        // Under the sheet's title, or first when it has none.
        var body = Self.pageLinks(item.outline.html, from: page.relativePath, site.sitePages)
        if let title = body.range(of: "</h1>") {
            body.insert(contentsOf: "\n" + howTo, at: title.upperBound)
        } else {
            body = howTo + body
        }
        let main = "<main id=\"content\">\n" + tools + "\n" + body + "\n</main>"
        return frame(title: page.title, root: Self.root(of: page.relativePath), current: page.relativePath, site, body: main + contents(item, language))
    }

    func index(_ site: Navigation) -> String {
        let language = site.language
        let home = site.edition.folder + "index.html"
        let up = Self.root(of: home)
        var body = "<main id=\"content\" class=\"home\">\n<h1>\(HTML.escape(site.home.title))</h1>\n"
        if let introduction = site.home.introduction { body += "<div class=\"introduction\">" + introduction + "</div>\n" }
        body += "<h2 id=\"chapters\">\(Self.html("site.chapters", language))</h2>\n"
        if site.bundles {
            body += "<p class=\"page-tools\"><a class=\"download bundle\" href=\"\(HTML.link(up, site.courseBundle))\" download>"
                + Self.html("site.download-course", language, ["file": HTML.escape((site.courseBundle as NSString).lastPathComponent)]) + "</a></p>\n"
        }
        body += "<ul class=\"contents\">\n"
        for item in site.pages {
            body += "<li><a href=\"\(HTML.link(up, item.page.relativePath))\">\(HTML.escape(item.page.title))</a>"
            if let summary = item.summary { body += "<p class=\"summary\">\(HTML.escape(summary))</p>" }
            body += "</li>\n"
        }
        body += "</ul>\n"
        if !site.sheets.isEmpty {
            body += "<h2 id=\"exercise-sheets\">\(Self.html("site.exercise-sheets", language))</h2>\n<p>"
                + Self.html("site.sheets-intro", language, ["command": "<code>cahier check</code>"])
            if site.sheets.contains(where: { $0.dataFolder != nil }) { body += " " + Self.html("site.sheets-data", language) }
            body += "</p>\n<ul class=\"sheets\">\n"
            for item in site.sheetPages {
                body += "<li><a href=\"\(HTML.link(up, item.page.relativePath))\">\(HTML.escape(item.page.title))</a>"
                if let summary = item.summary { body += "<p class=\"summary\">\(HTML.escape(summary))</p>" }
                body += "</li>\n"
            }
            body += "</ul>\n"
            for folder in site.data where !folder.files.isEmpty {
                // A file that could run as a page is published as text and downloaded under its own name.
                body += "<p class=\"data\">" + Self.html("site.data", language) + " " + folder.files.map { file in
                    let name = file.publishedName == file.name ? "download" : "download=\"\(HTML.escape(file.name))\""
                    return "<a href=\"\(HTML.link(up, folder.path + "/" + file.publishedName))\" \(name)>\(HTML.escape(file.name))</a>"
                }.joined(separator: ", ") + "</p>\n"
            }
        }
        body += "</main>"
        return frame(title: site.home.title, root: up, current: home, site, body: body)
    }

    /// The links to this page in the other editions: its translation, or that edition's home page when it has none.
    private func languages(root: String, current: String, _ site: Navigation) -> (nav: String, head: String) {
        guard !site.translations.isEmpty else { return ("", "") }
        let path = current.hasPrefix(site.edition.folder) ? String(current.dropFirst(site.edition.folder.count)) : current
        var nav = "<nav class=\"languages\" aria-label=\"\(Self.html("site.languages", site.language))\"><ul>"
        var head = ""
        for other in site.translations {
            let translated = other.pages.contains(other.folder + path) || path == "index.html"
            let target = translated ? other.folder + path : other.folder + "index.html"
            let tag = HTML.escape(other.language.tag)
            nav += "<li><a href=\"\(HTML.link(root, target))\" hreflang=\"\(tag)\" lang=\"\(tag)\">\(Self.html("site.language-name", other.language))</a></li>"
            if translated { head += "<link rel=\"alternate\" hreflang=\"\(tag)\" href=\"\(HTML.link(root, target))\">\n" }
        }
        return (nav + "</ul></nav>", head)
    }

    private func frame(title: String, root: String, current: String, _ site: Navigation, body: String) -> String {
        let language = site.language
        let home = site.edition.folder + "index.html"
        let katex = katexSource == nil ? Self.cdnKaTeX : root + "katex"
        let chapters = Self.html("site.chapters", language)
        var sidebar = "<nav class=\"sidebar\" id=\"sidebar\" aria-label=\"\(chapters)\"><ol>"
        sidebar += "<li\(current == home ? " class=\"current\"" : "")><a href=\"\(HTML.link(root, home))\">\(HTML.escape(site.home.title))</a></li>"
        for item in site.pages {
            let here = item.page.relativePath == current
            sidebar += "<li\(here ? " class=\"current\"" : "")><a href=\"\(HTML.link(root, item.page.relativePath))\"\(here ? " aria-current=\"page\"" : "")>\(HTML.escape(item.page.title))</a></li>"
        }
        sidebar += "</ol>"
        if !site.sheets.isEmpty {
            sidebar += "<h2>\(Self.html("site.exercise-sheets", language))</h2><ul>"
            for item in site.sheetPages {
                let here = item.page.relativePath == current
                sidebar += "<li\(here ? " class=\"current\"" : "")><a href=\"\(HTML.link(root, item.page.relativePath))\"\(here ? " aria-current=\"page\"" : "")>\(HTML.escape(item.page.title))</a></li>"
            }
            sidebar += "</ul>"
        }
        sidebar += "</nav>"
        var scripts = ""
        if lunrSource != nil {
            scripts += "<script defer src=\"\(root)lunr.min.js\"></script>\n"
            for (name, _) in Self.searchPipeline(for: language) { scripts += "<script defer src=\"\(root)\(name)\"></script>\n" }
        }
        let (switcher, alternates) = languages(root: root, current: current, site)
        let search = Self.html("site.search", language)
        // The script's words, in the page's language.
        let words = ["copy": "site.copy", "copy-label": "site.copy-label", "copied": "site.copied", "nothing": "site.nothing-found"]
            .sorted { $0.key < $1.key }
            .map { " data-\($0.key)=\"\(HTML.escape(language.text($0.value)))\"" }.joined()
        return """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language.tag))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <link rel="icon" href="data:,">
        <title>\(HTML.escape(title))</title>
        \(alternates)<link rel="stylesheet" href="\(katex)/katex.min.css">
        <link rel="stylesheet" href="\(root)cahier.css">
        <script defer src="\(katex)/katex.min.js"></script>
        <script defer src="\(root)\(HTML.escape(site.edition.folder))search-index.js"></script>
        \(scripts)<script defer src="\(root)cahier.js"></script>
        </head>
        <body data-root="\(HTML.escape(root))"\(words)>
        <a class="skip" href="#content">\(Self.html("site.skip", language))</a>
        <header class="top">
        <button class="menu" type="button" aria-controls="sidebar" aria-expanded="false" aria-label="\(chapters)">☰</button>
        <a class="site" href="\(HTML.link(root, home))">\(HTML.escape(site.home.title))</a>
        <div class="search" role="search"><input type="search" id="search" placeholder="\(search)" aria-label="\(search)" autocomplete="off"><ol id="results" hidden></ol></div>
        \(switcher)
        </header>
        <div class="layout">
        \(sidebar)
        \(body)
        </div>
        </body>
        </html>

        """
    }
}
