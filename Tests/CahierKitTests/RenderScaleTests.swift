@testable import CahierKit
import Testing

/// Rendering reads a page's bytes once: the fast paths must say exactly what
/// the character-by-character definitions they replaced said.
@Suite struct RenderScaleTests {
    /// A deterministic generator (SplitMix64), so every run tests the same strings.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        mutating func string(_ pieces: [String], count: Int) -> String {
            (0..<count).map { _ in pieces[next(pieces.count)] }.joined()
        }
    }

    /// The definition escaping had before its byte path: scalar by scalar.
    static func escapedByScalars(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let text = replacement(scalar) { out += text } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    @Test("escaping by bytes gives what escaping scalar by scalar gives, on ASCII and on 2-, 3- and 4-byte characters")
    func escapingMatchesScalars() {
        var random = Random(state: 26)
        let pieces = ["a", " ", "&", "<", ">", "\"", "'", "é", "λ", "€", "→", "𝔼", "😀", "\u{301}", "\n", "\u{E000}", "x"]
        // A replacement of non-ASCII scalars too, as a string literal's escaping does.
        let wide: (Unicode.Scalar) -> String? = { $0.value > 0xFFFF ? "\\u{\(String($0.value, radix: 16))}" : $0 == "λ" ? "lambda" : nil }
        let html: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        for _ in 0..<300 {
            let text = random.string(pieces, count: random.next(40))
            #expect(HTML.escape(text) == Self.escapedByScalars(text) { html[$0] })
            #expect(text.escaping(wide) == Self.escapedByScalars(text, wide))
        }
        // By hand: each of the five characters, and the rest kept.
        #expect(HTML.escape("a<b & \"c\" 'é'>") == "a&lt;b &amp; &quot;c&quot; &#39;é&#39;&gt;")
    }

    /// Entities read back one after another, `&amp;` last, as the outline once did.
    static func entitiesInTurn(_ text: String) -> String {
        var out = Array(text.utf8)
        for (name, replacement) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            let needle = Array(name.utf8)
            var next: [UInt8] = []
            var i = 0
            while i < out.count {
                if i + needle.count <= out.count, Array(out[i..<(i + needle.count)]) == needle {
                    next += replacement.utf8
                    i += needle.count
                } else {
                    next.append(out[i])
                    i += 1
                }
            }
            out = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("entities read back in one pass equal reading each entity in turn")
    func entitiesInOnePass() {
        var random = Random(state: 7)
        let pieces = ["&", "amp;", "lt;", "gt;", "quot;", "#39;", "&amp;", "&lt;", "x", "é", ";", "#"]
        for _ in 0..<500 {
            let text = random.string(pieces, count: random.next(20))
            #expect(PageOutline.entities(text) == Self.entitiesInTurn(text))
        }
        #expect(PageOutline.entities("&amp;lt; &lt;b&gt;") == "&lt; <b>")
    }

    @Test("white space collapsed by bytes equals white space collapsed by characters")
    func collapsedMatchesCharacters() {
        var random = Random(state: 11)
        let pieces = ["a", "bc", " ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1F}", "é", "\u{A0}", "\u{3000}", "x y",
                      "\u{301}", "y\u{302}", "\u{600}", "\u{D4E}", "日", "→", "👍🏽", "\u{200D}", "«", "€5"]
        for _ in 0..<2000 {
            let text = random.string(pieces, count: random.next(16))
            #expect(PageOutline.collapsed(text) == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
        }
    }

    /// The definition of a page's text before its byte path: character by character.
    static func textByCharacters(_ html: String) -> String {
        var out = ""
        var tag: String?
        var skipping = 0
        var math: String?
        for c in html {
            if var name = tag {
                if c == ">" {
                    let element = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                    if element == "svg" { skipping += name.hasPrefix("/") ? -1 : 1 }
                    skipping = max(0, skipping)
                    if PageOutline.blocks.contains(element) { out += " " }
                    if element == "span", name.hasPrefix("span class=\"math") {
                        math = ""
                    } else if let tex = math, name == "/span" {
                        out += MathText.plain(entitiesInTurn(tex))
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
        return entitiesInTurn(out)
    }

    @Test("a page's text read by bytes equals its text read character by character (no combining mark after a tag)")
    func textMatchesCharacters() {
        var random = Random(state: 3)
        let pieces = ["<p>", "</p>", "<em>", "</em>", "<h2>", "</h2>", "<svg viewBox=\"0 0 1 1\">", "</svg>", "<path d=\"M0\"/>",
                      "<span class=\"math inline\">", "<span class=\"math display\">", "</span>", "x_1", "\\hat y", "&amp;", "&lt;",
                      "é", "Zürich", "λ", " ", "\n", "word", "<DIV>", "<pé>", "<br />", "<", ">", "1"]
        for _ in 0..<400 {
            let html = random.string(pieces, count: random.next(30))
            #expect(PageOutline.text(html) == Self.textByCharacters(html), "\(html)")
        }
    }

    @Test("the outline of a page of 20 000 sections is the concatenation of each section's outline")
    func outlineOfManySections() {
        // Section k as cmark writes it, and with its anchor as the outline writes it (by hand, from the format).
        func section(_ k: Int) -> String { "<h2>Part \(k) é</h2>\n<p>Text <code>&lt;\(k)&gt;</code> and <span class=\"math inline\">x_1</span>.</p>\n" }
        func anchored(_ k: Int) -> String {
            "<h2 id=\"part-\(k)-é\">Part \(k) é<a class=\"anchor\" href=\"#part-\(k)-é\" aria-label=\"Link to this section\">#</a></h2>\n<p>Text <code>&lt;\(k)&gt;</code> and <span class=\"math inline\">x_1</span>.</p>\n"
        }
        let count = 20_000
        let html = (0..<count).map(section).joined()
        let outline = PageOutline(html)
        #expect(outline.html == (0..<count).map(anchored).joined())
        #expect(outline.headings.count == count)
        #expect(outline.headings.last?.id == "part-\(count - 1)-é")
        #expect(outline.sections.count == count)
        // x_1 is x₁ in plain text; the code's entities read back.
        #expect(outline.sections.first?.text == "Text <0> and x₁.")
        #expect(outline.firstParagraph == "Text <0> and x₁.")
    }

    @Test("a tag that starts like a heading (a thematic break, <header>) is read whole: no piece of it reaches the search text")
    func tagsThatStartLikeHeadings() {
        // cmark writes a thematic break as <hr />: a block, so it reads as a space between the two sentences.
        let html = "<h2>A</h2>\n<p>One.</p>\n<hr />\n<p>Two.</p>\n<header>Three.</header>\n<h2>B</h2>\n<p>Four.</p>\n"
        let outline = PageOutline(html)
        #expect(outline.sections.map(\.text) == ["One. Two. Three.", "Four."])
        #expect(outline.headings.map(\.id) == ["a", "b"])
        // The page itself is only given its anchors.
        #expect(outline.html == html.replacingOccurrences(of: "<h2>A</h2>", with: "<h2 id=\"a\">A<a class=\"anchor\" href=\"#a\" aria-label=\"Link to this section\">#</a></h2>")
            .replacingOccurrences(of: "<h2>B</h2>", with: "<h2 id=\"b\">B<a class=\"anchor\" href=\"#b\" aria-label=\"Link to this section\">#</a></h2>"))
    }
}
