/// What the site needs to know about a rendered page: its headings, given
/// anchors that can be linked, its sections as plain text for the search,
/// and a summary for the home page. It reads the HTML the renderer made
/// (cmark's and Cahier's own, never an author's raw HTML, which safe mode
/// drops), so a small scanner of its tags is enough.
struct PageOutline {
    struct Heading: Hashable {
        var level: Int
        var id: String
        var text: String
    }

    struct Section: Hashable {
        /// The heading the section starts at; nil for the text before the first second-level heading.
        var heading: Heading?
        var text: String
    }

    /// The page's HTML with an `id` and a link to itself on every heading.
    var html: String
    var headings: [Heading]
    var sections: [Section]
    /// The text of the page's first paragraph (and those it runs on into, see ``leadingSentence(_:)``).
    var firstParagraph: String?

    /// Reads `html` once, front to back, as UTF-8 bytes: every tag it looks
    /// for is ASCII, so no search ever starts again from the beginning and no
    /// character is decoded (a 20 MB page once took seconds of `range(of:)`
    /// over the rest of the page at each heading).
    init(_ html: String) {
        let bytes = Array(html.utf8)
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 8)
        var headings: [Heading] = []
        var used: Set<String> = []
        // Each section's text, as the bytes of its pieces one after another, collapsed once at the end.
        var sections: [(heading: Heading?, text: [UInt8])] = [(nil, [])]
        var firstParagraph: String?
        // `rest`: where the text not yet copied starts; `next`: where to look for the next `<h`.
        // An `<h` that opens no heading (`<hr />`, `<head>`) stays inside the run around it,
        // so that its tag is read whole.
        var rest = 0, next = 0
        while let open = PageOutline.find(Array("<h".utf8), in: bytes, from: next) {
            let after = open + 2
            guard after + 1 < n, (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[after]), bytes[after + 1] == UInt8(ascii: ">"),
                  case let level = Int(bytes[after] - UInt8(ascii: "0")),
                  let close = PageOutline.find(Array("</h\(level)>".utf8), in: bytes, from: after) else {
                next = after
                continue
            }
            let before = bytes[rest..<open]
            out += before
            PageOutline.text(before, into: &sections[sections.count - 1].text)
            if firstParagraph == nil { firstParagraph = PageOutline.leadingSentence(Substring(String(decoding: before, as: UTF8.self))) }
            let inner = bytes[(after + 2)..<close]
            let text = PageOutline.text(inner)
            var id = PageOutline.slug(text)
            if id.isEmpty { id = "section" }
            var candidate = id, k = 2
            while used.contains(candidate) { candidate = "\(id)-\(k)"; k += 1 }
            used.insert(candidate)
            let heading = Heading(level: level, id: candidate, text: text)
            headings.append(heading)
            if level == 2 { sections.append((heading, [])) }
            out += "<h\(level) id=\"\(candidate)\">".utf8
            out += inner
            out += "<a class=\"anchor\" href=\"#\(candidate)\" aria-label=\"Link to this section\">#</a></h\(level)>".utf8
            rest = close + 5
            next = rest
        }
        out += bytes[rest...]
        PageOutline.text(bytes[rest...], into: &sections[sections.count - 1].text)
        if firstParagraph == nil { firstParagraph = PageOutline.leadingSentence(Substring(String(decoding: bytes[rest...], as: UTF8.self))) }
        self.html = String(decoding: out, as: UTF8.self)
        self.headings = headings
        self.sections = sections.map { Section(heading: $0.heading, text: PageOutline.collapsed($0.text)) }.filter { $0.heading != nil || !$0.text.isEmpty }
        self.firstParagraph = firstParagraph.map { PageOutline.collapsed($0) }
    }

    /// The text of the first paragraph of `html`, with the paragraphs after it
    /// while it has not ended a sentence (an author's sentence that runs on
    /// through a displayed formula), at most four; nil without a paragraph.
    static func leadingSentence(_ html: Substring) -> String? {
        var text: String?
        var rest = html
        for _ in 0..<4 {
            guard let p = rest.range(of: "<p>"), let end = rest.range(of: "</p>", range: p.upperBound..<rest.endIndex) else { break }
            let paragraph = collapsed(PageOutline.text(String(rest[p.upperBound..<end.lowerBound])))
            text = text.map { $0 + " " + paragraph } ?? paragraph
            rest = rest[end.upperBound...]
            if let last = text?.last, ".!?…:".contains(last) { break }
        }
        return text
    }

    /// The elements that end a run of text: their tags read as a space; other
    /// tags (`em`, `code`, `a`, `span`) are dropped without one.
    static let blocks: Set<String> = ["p", "li", "ol", "ul", "pre", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "table", "tr", "td", "th", "blockquote", "figure", "hr", "dd", "dt"]

    /// A heading's anchor: lowercased letters and digits, runs of anything else as one `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for c in text.lowercased() {
            if c.isLetterOrNumberQuickly {
                if dash && !out.isEmpty { out.append("-") }
                out.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }

    /// At most `limit` characters, cut at a word, with an ellipsis when cut.
    static func summary(_ text: String, limit: Int = 220) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word.trimmingCharacters(in: ",;:") + "…"
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let last = s.last, set.contains(last) { s = s.dropLast() }
        return String(s)
    }
}
