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

    init(_ html: String) {
        var out = ""
        var headings: [Heading] = []
        var used: Set<String> = []
        var sections: [Section] = [Section(heading: nil, text: "")]
        var firstParagraph: String?
        var rest = Substring(html)
        while let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let digit = after.first, let level = digit.wholeNumberValue, (1...6).contains(level),
                  after.dropFirst().first == ">", let close = after.range(of: "</h\(level)>") else {
                out += rest[..<open.upperBound]
                sections[sections.count - 1].text += PageOutline.text(String(rest[..<open.upperBound]))
                rest = after
                continue
            }
            let before = String(rest[..<open.lowerBound])
            out += before
            sections[sections.count - 1].text += PageOutline.text(before)
            if firstParagraph == nil { firstParagraph = PageOutline.leadingSentence(Substring(before)) }
            let inner = String(after[after.index(after.startIndex, offsetBy: 2)..<close.lowerBound])
            let text = PageOutline.text(inner)
            var id = PageOutline.slug(text)
            if id.isEmpty { id = "section" }
            var candidate = id, n = 2
            while used.contains(candidate) { candidate = "\(id)-\(n)"; n += 1 }
            used.insert(candidate)
            let heading = Heading(level: level, id: candidate, text: text)
            headings.append(heading)
            if level == 2 { sections.append(Section(heading: heading, text: "")) }
            out += "<h\(level) id=\"\(candidate)\">\(inner)<a class=\"anchor\" href=\"#\(candidate)\" aria-label=\"Link to this section\">#</a></h\(level)>"
            rest = after[close.upperBound...]
        }
        out += rest
        sections[sections.count - 1].text += PageOutline.text(String(rest))
        if firstParagraph == nil { firstParagraph = PageOutline.leadingSentence(rest) }
        self.html = out
        self.headings = headings
        self.sections = sections.map { Section(heading: $0.heading, text: PageOutline.collapsed($0.text)) }.filter { $0.heading != nil || !$0.text.isEmpty }
        self.firstParagraph = firstParagraph.map(PageOutline.collapsed)
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

    /// The text of HTML: tags dropped (an SVG figure with its drawing), entities
    /// read back, math written as plain text (``MathText``), never as TeX.
    static func text(_ html: String) -> String {
        var out = ""
        var tag: String?
        var skipping = 0
        // The TeX of a math span being read (the renderer escapes it: it holds no tag).
        var math: String?
        for c in html {
            if var name = tag {
                if c == ">" {
                    let element = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                    if element == "svg" { skipping += name.hasPrefix("/") ? -1 : 1 }
                    skipping = max(0, skipping)
                    if blocks.contains(element) { out += " " }
                    if element == "span", name.hasPrefix("span class=\"math") {
                        math = ""
                    } else if let tex = math, name == "/span" {
                        out += MathText.plain(entities(tex))
                        math = nil
                    }
                    tag = nil
                } else {
                    name.append(c)
                    tag = name
                }
            } else if c == "<" {
                tag = ""
            } else if math != nil {
                math?.append(c)
            } else if skipping == 0 {
                out.append(c)
            }
        }
        return entities(out)
    }

    /// `&lt;` and the other entities HTML.escape and cmark write, read back.
    static func entities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Runs of white space as one space, and none at the ends.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A heading's anchor: lowercased letters and digits, runs of anything else as one `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for c in text.lowercased() {
            if c.isLetter || c.isNumber {
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
