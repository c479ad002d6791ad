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
        var home: Home
        /// The sheets' data folders, as published.
        var data: [PublishedData.Folder] = []
        /// Whether the pages offer zips of their notebooks with their data.
        var bundles = true
        /// The course's zip, at the top of the site.
        var courseBundle = "course.zip"
    }

    /// The path from a page back to the site's root: `""` or `"../"` per folder level.
    static func root(of relativePath: String) -> String {
        String(repeating: "../", count: relativePath.split(separator: "/").count - 1)
    }

    func document(_ item: Rendered, index i: Int, _ site: Navigation) -> String {
        let page = item.page
        let up = Self.root(of: page.relativePath)
        var pager = "<nav class=\"pager\" aria-label=\"Previous and next\">"
        if i > 0 {
            let previous = site.pages[i - 1].page
            pager += "<a rel=\"prev\" href=\"\(HTML.link(up, previous.relativePath))\">← \(HTML.escape(previous.title))</a>"
        } else {
            pager += "<a rel=\"prev\" href=\"\(HTML.link(up, "index.html"))\">← \(HTML.escape(site.home.title))</a>"
        }
        if i + 1 < site.pages.count {
            let next = site.pages[i + 1].page
            pager += "<a rel=\"next\" href=\"\(HTML.link(up, next.relativePath))\">\(HTML.escape(next.title)) →</a>"
        }
        pager += "</nav>"
        let tools = "<p class=\"page-tools\">" + downloads(item, site, noun: "notebook") + "</p>"
        let toc = contents(item)
        let main = "<main id=\"content\">\n" + tools + "\n" + item.outline.html + pager + "\n</main>"
        return frame(title: page.title, root: up, current: page.relativePath, site, body: main + toc)
    }

    /// The links that download a page's notebook, and its zip when there are zips.
    func downloads(_ item: Rendered, _ site: Navigation, noun: String) -> String {
        let name = (item.page.sourcePath as NSString).lastPathComponent
        var links = "<a class=\"download\" href=\"\(HTML.link("", name))\" download>Download this \(noun) (\(HTML.escape(name)))</a>"
        if site.bundles {
            let zip = (item.page.bundlePath as NSString).lastPathComponent
            let what = item.data.isEmpty ? "as a zip" : "with the data it reads, as a zip"
            links += " <a class=\"download bundle\" href=\"\(HTML.link("", zip))\" download>Download it \(what) (\(HTML.escape(zip)))</a>"
        }
        return links
    }

    /// The "On this page" list of a page's second- and third-level headings.
    func contents(_ item: Rendered) -> String {
        let listed = item.outline.headings.filter { $0.level == 2 || $0.level == 3 }
        guard !listed.isEmpty else { return "" }
        var toc = "<aside class=\"toc\" aria-label=\"On this page\"><h2>On this page</h2><ol>"
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
        let fetch = site.bundles
            ? "Download <a href=\"\(HTML.link("", zip))\" download>\(HTML.escape(zip))</a> (the sheet\(item.data.isEmpty ? "" : " and the data it reads")) and unzip it."
            : "Download <a href=\"\(HTML.link("", name))\" download>\(HTML.escape(name))</a>."
        let howTo = """
            <section class="how-to" aria-label="Check yourself and hand in"><h2 id="check-yourself-and-hand-in">Check yourself and hand in</h2><ol>
            <li>\(fetch)</li>
            <li>Write your answers in the answer blocks (<code>exercise=…</code>), in place of each <code>todo(…)</code> line.</li>
            <li>Run <code>cahier check \(HTML.escape(name))</code> in its folder: the visible checks say whether you are on the right track; an exercise you have not done yet shows as failing.</li>
            <li>Hand in your <code>\(HTML.escape(name))</code> as your teacher asks. Only your answer blocks are read, and the grade also counts checks you do not see.</li>
            </ol></section>

            """
        // Under the sheet's title, or first when it has none.
        var body = item.outline.html
        if let title = body.range(of: "</h1>") {
            body.insert(contentsOf: "\n" + howTo, at: title.upperBound)
        } else {
            body = howTo + body
        }
        let main = "<main id=\"content\">\n" + tools + "\n" + body + "\n</main>"
        return frame(title: page.title, root: Self.root(of: page.relativePath), current: page.relativePath, site, body: main + contents(item))
    }

    func index(_ site: Navigation) -> String {
        var body = "<main id=\"content\" class=\"home\">\n<h1>\(HTML.escape(site.home.title))</h1>\n"
        if let introduction = site.home.introduction { body += "<div class=\"introduction\">" + introduction + "</div>\n" }
        body += "<h2 id=\"chapters\">Chapters</h2>\n"
        if site.bundles {
            body += "<p class=\"page-tools\"><a class=\"download bundle\" href=\"\(HTML.link("", site.courseBundle))\" download>Download the whole course with its data (\(HTML.escape(site.courseBundle)))</a></p>\n"
        }
        body += "<ul class=\"contents\">\n"
        for item in site.pages {
            body += "<li><a href=\"\(HTML.link("", item.page.relativePath))\">\(HTML.escape(item.page.title))</a>"
            if let summary = item.summary { body += "<p class=\"summary\">\(HTML.escape(summary))</p>" }
            body += "</li>\n"
        }
        body += "</ul>\n"
        if !site.sheets.isEmpty {
            body += "<h2 id=\"exercise-sheets\">Exercise sheets</h2>\n<p>Each sheet's page shows it and says how to check yourself and hand in; download it with the data it reads, fill in its answer blocks, and run <code>cahier check</code> on it to see the visible checks."
            if site.sheets.contains(where: { $0.dataFolder != nil }) { body += " The sheets' data folders are published whole below." }
            body += "</p>\n<ul class=\"sheets\">\n"
            for item in site.sheetPages {
                body += "<li><a href=\"\(HTML.link("", item.page.relativePath))\">\(HTML.escape(item.page.title))</a>"
                if let summary = item.summary { body += "<p class=\"summary\">\(HTML.escape(summary))</p>" }
                body += "</li>\n"
            }
            body += "</ul>\n"
            for folder in site.data where !folder.files.isEmpty {
                // A file that could run as a page is published as text and downloaded under its own name.
                body += "<p class=\"data\">The data: " + folder.files.map { file in
                    let name = file.publishedName == file.name ? "download" : "download=\"\(HTML.escape(file.name))\""
                    return "<a href=\"\(HTML.link("", folder.path + "/" + file.publishedName))\" \(name)>\(HTML.escape(file.name))</a>"
                }.joined(separator: ", ") + "</p>\n"
            }
        }
        body += "</main>"
        return frame(title: site.home.title, root: "", current: "index.html", site, body: body)
    }

    private func frame(title: String, root: String, current: String, _ site: Navigation, body: String) -> String {
        let katex = katexSource == nil ? Self.cdnKaTeX : root + "katex"
        var sidebar = "<nav class=\"sidebar\" id=\"sidebar\" aria-label=\"Chapters\"><ol>"
        sidebar += "<li\(current == "index.html" ? " class=\"current\"" : "")><a href=\"\(HTML.link(root, "index.html"))\">\(HTML.escape(site.home.title))</a></li>"
        for item in site.pages {
            let here = item.page.relativePath == current
            sidebar += "<li\(here ? " class=\"current\"" : "")><a href=\"\(HTML.link(root, item.page.relativePath))\"\(here ? " aria-current=\"page\"" : "")>\(HTML.escape(item.page.title))</a></li>"
        }
        sidebar += "</ol>"
        if !site.sheets.isEmpty {
            sidebar += "<h2>Exercise sheets</h2><ul>"
            for item in site.sheetPages {
                let here = item.page.relativePath == current
                sidebar += "<li\(here ? " class=\"current\"" : "")><a href=\"\(HTML.link(root, item.page.relativePath))\"\(here ? " aria-current=\"page\"" : "")>\(HTML.escape(item.page.title))</a></li>"
            }
            sidebar += "</ul>"
        }
        sidebar += "</nav>"
        let lunr = lunrSource == nil ? "" : "<script defer src=\"\(root)lunr.min.js\"></script>\n"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <link rel="icon" href="data:,">
        <title>\(HTML.escape(title))</title>
        <link rel="stylesheet" href="\(katex)/katex.min.css">
        <link rel="stylesheet" href="\(root)cahier.css">
        <script defer src="\(katex)/katex.min.js"></script>
        <script defer src="\(root)search-index.js"></script>
        \(lunr)<script defer src="\(root)cahier.js"></script>
        </head>
        <body data-root="\(HTML.escape(root))">
        <a class="skip" href="#content">Skip to the content</a>
        <header class="top">
        <button class="menu" type="button" aria-controls="sidebar" aria-expanded="false" aria-label="Chapters">☰</button>
        <a class="site" href="\(HTML.link(root, "index.html"))">\(HTML.escape(site.home.title))</a>
        <div class="search" role="search"><input type="search" id="search" placeholder="Search the course" aria-label="Search the course" autocomplete="off"><ol id="results" hidden></ol></div>
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
