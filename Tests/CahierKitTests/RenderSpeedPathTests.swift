@testable import CahierKit
@testable import CahierLearning
import Foundation
import Testing

/// The render's faster paths (issue 26 item 8) against the plain definitions
/// they replaced: the search documents written straight into bytes against
/// `JSONEncoder`, the outline's text built in one buffer against the
/// concatenation of each piece's text, white space collapsed over bytes
/// against the character definition, the zips deflated beside the pages
/// against deflating them in turn.
@Suite struct RenderSpeedPathTests {
    typealias Random = RenderScaleTests.Random

    /// The definition the search documents had: `JSONEncoder` (keys sorted,
    /// `/` unescaped), then each `<` written `\u003c`.
    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self).escaping { $0 == "<" ? "\\u003c" : nil }
    }

    static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        SiteWriter.appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("a string written as JSON by bytes is what JSONEncoder wrote, on every control character, quotes, backslashes, < and beyond ASCII")
    func jsonStringMatchesEncoder() throws {
        // Every ASCII character, then characters beyond it, among them the line separators JSON allows as they are.
        let ascii = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
        let pieces = ["a", " ", "\"", "\\", "/", "<", "</script>", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{8}", "\u{C}",
                      "é", "\u{2028}", "\u{2029}", "\u{FEFF}", "😀", "\u{301}", "x"]
        var random = Random(state: 8)
        var texts = [ascii, "", "<", "\\u003c"]
        for _ in 0..<500 { texts.append(random.string(pieces, count: random.next(24))) }
        for text in texts {
            #expect(Self.jsonString(text) == (try Self.encoded([text])).dropFirst().dropLast(), "\(text.debugDescription)")
        }
        // By hand, from RFC 8259 and the script's rule: quote and backslash escaped, a tab as \t, < as \u003c, é and / as they are.
        #expect(Self.jsonString("a\"b\\c\td<é/") == #""a\"b\\c\td\u003cé/""#)
        #expect(Self.jsonString("\u{1}") == #""\u0001""#)
    }

    /// A document of the search as the site's script reads it.
    struct Document: Codable, Equatable {
        var id: String
        var page: String
        var section: String
        var text: String
    }

    @Test("a site's search documents, read back and written again by JSONEncoder, are the same bytes")
    func searchDocumentsMatchEncoder() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = """
            # Quotes "and" <tags> \\ back

            Text with `code <b>` and $x_1 < y$ and a tab\there.

            ## Second "part" / é

            More text: \\u003c &amp; &lt;/script&gt; 😀.

            ## Second "part" / é

            The same heading again, and `"quoted"`.

            """
        try notebook.write(to: folder.appendingPathComponent("01-a.md"), atomically: true, encoding: .utf8)
        try "# B\n\nSecond page.\n".write(to: folder.appendingPathComponent("02-b.md"), atomically: true, encoding: .utf8)
        let files = try DownloadBundleTests.site(folder)
        let script = String(decoding: try #require(files["search-index.js"]), as: UTF8.self)
        let prefix = "window.CAHIER_SEARCH = ", suffix = ";\n"
        #expect(script.hasPrefix(prefix) && script.hasSuffix(suffix))
        let json = String(script.dropFirst(prefix.count).dropLast(suffix.count))
        let documents = try JSONDecoder().decode([Document].self, from: Data(json.utf8))
        // Two pages: the first with its opening section and two second-level ones, the second with one.
        #expect(documents.count == 4)
        #expect(documents.map(\.section) == ["", "Second \"part\" / é", "Second \"part\" / é", ""])
        #expect(documents.map(\.id).last == "./02-b.html")
        #expect(json == (try Self.encoded(documents)))
        #expect(!script.contains("</"))
        let empty = SiteWriter(renderer: PageRenderer()).searchDocuments([])
        #expect(String(decoding: empty, as: UTF8.self) == prefix + (try Self.encoded([Document]())) + suffix)
    }

    @Test("the outline's text built in one buffer equals each piece's text concatenated, entities split between pieces included")
    func textIntoBufferMatchesPieces() {
        var random = Random(state: 5)
        let pieces = ["<p>", "</p>", "<em>", "</em>", "<h2>", "</h2>", "<svg>", "</svg>", "<span class=\"math inline\">", "</span>",
                      "\\hat y", "x_1", "&amp;", "&lt;", "&", "lt;", "amp;", "é", "λ", "😀", " ", "\n", "word", "<", ">", "<hr />"]
        for _ in 0..<400 {
            let parts = (0..<random.next(5)).map { _ in random.string(pieces, count: random.next(12)) }
            var buffer: [UInt8] = Array("kept &amp; as it is ".utf8)
            for part in parts { PageOutline.text(Array(part.utf8)[...], into: &buffer) }
            let expected = "kept &amp; as it is " + parts.map { PageOutline.text($0) }.joined()
            #expect(String(decoding: buffer, as: UTF8.self) == expected, "\(parts)")
        }
    }

    @Test("entities read back in place from an offset leave what is before it and equal reading them in a copy")
    func entitiesInPlace() {
        var random = Random(state: 9)
        let pieces = ["&", "amp;", "lt;", "gt;", "quot;", "#39;", "&amp;", "&lt;", "x", "é", ";"]
        for _ in 0..<500 {
            let head = random.string(pieces, count: random.next(6)), tail = random.string(pieces, count: random.next(20))
            var bytes = Array((head + tail).utf8)
            PageOutline.readEntities(in: &bytes, from: head.utf8.count)
            #expect(String(decoding: bytes, as: UTF8.self) == head + RenderScaleTests.entitiesInTurn(tail))
        }
    }

    @Test("white space collapsed over bytes equals Character.isWhitespace's split, with marks that join across spaces")
    func collapsedBytesMatchCharacters() {
        var random = Random(state: 13)
        let pieces = ["a", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "é", "e\u{301}", "\u{301}",
                      "\u{1680}", "\u{2000}", "\u{200A}", "\u{200B}", "\u{202F}", "\u{205F}", "x\u{A0}y", "ŷ\u{2009}=", "‖w‖₂",
                      "\u{600}", "\u{D4E}", "\u{200D}", "👍🏽", "日本", "x"]
        for _ in 0..<2000 {
            let text = random.string(pieces, count: random.next(20))
            #expect(PageOutline.collapsed(Array(text.utf8)) == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "),
                    "\(text.debugDescription)")
        }
        // By hand: runs of spaces as one, none at the ends; a no-break space is white space.
        #expect(PageOutline.collapsed(Array("  a \t b\u{A0}c  ".utf8)) == "a b c")
    }

    @Test("work done in the background gives what it gives in turn, and its result can be taken twice")
    func backgroundWorkMatches() {
        let inputs: [[UInt8]] = [[], Array("123456789".utf8), Array(repeating: Array("0123456789,".utf8), count: 500).flatMap { $0 }]
        let work = BackgroundWork { inputs.map(ZipWriter.prepare) }
        let inTurn = inputs.map(ZipWriter.prepare)
        for _ in 0..<2 {
            let result = work.result()
            #expect(result.map(\.data) == inTurn.map(\.data) && result.map(\.crc) == inTurn.map(\.crc) && result.map(\.method) == inTurn.map(\.method))
        }
        // CRC-32 of "123456789" is CBF43926 (the check value of the CRC-32 catalogue); nine bytes are stored, not deflated.
        #expect(work.result()[1].crc == 0xCBF4_3926 && work.result()[1].method == 0)
    }
}

extension RenderSpeedPathTests {
    @Test("a tag's element read without a string is a block, svg or span exactly when its name says so")
    func elementKeyMatchesName() {
        var random = Random(state: 21)
        let pieces = ["/", "p", "P", "li", "h2", "H6", "svg", "SVG", "span", "blockquote", "blockquotes", "figure", "hr", "br", " ",
                      "class=\"math\"", "é", "É", "\u{212A}", "x", "1", "-", "abcdefghijklmnop", "q", "/br", "td", "dt"]
        var tags = PageOutline.blocks.map { Array($0.utf8) } + [Array("svg".utf8), Array("span".utf8), [], Array("/".utf8)]
        for _ in 0..<3000 { tags.append(Array(random.string(pieces, count: random.next(6)).utf8)) }
        for tag in tags {
            let name = PageOutline.elementName(tag)
            let key = PageOutline.ElementKey(tag)
            #expect(key.isBlock == PageOutline.blocks.contains(name), "\(String(decoding: tag, as: UTF8.self))")
            #expect((key == .svg) == (name == "svg") && (key == .span) == (name == "span"), "\(String(decoding: tag, as: UTF8.self))")
        }
    }
}

extension RenderSpeedPathTests {
    @Test("a character is a letter, or a letter or a number, quickly exactly when Unicode says so: every ASCII character, CR LF, and beyond")
    func quickLettersMatchUnicode() {
        var characters: [Character] = (0..<0x80).compactMap { Unicode.Scalar($0).map(Character.init) }
        characters += ["\r\n", "é", "É", "λ", "Ω", "\u{212A}", "ª", "²", "½", "٣", "〇", "Ⅻ", "e\u{301}", "\u{301}", "😀", "日", "\u{A0}", "_", "ß"]
        for c in characters {
            #expect(c.isLetterQuickly == c.isLetter, "\(c.debugDescription)")
            #expect(c.isLetterOrNumberQuickly == (c.isLetter || c.isNumber), "\(c.debugDescription)")
        }
        // By hand: ASCII letters are exactly A-Z and a-z; digits are numbers, not letters; @ [ ` { sit beside the letters.
        #expect(Array("azAZ").allSatisfy(\.isLetterQuickly) && !Array("@[`{09").contains(where: \.isLetterQuickly))
        #expect(Array("09aZ").allSatisfy(\.isLetterOrNumberQuickly) && !Array("/:@[`{ ").contains(where: \.isLetterOrNumberQuickly))
    }
}

extension RenderSpeedPathTests {
    @Test("white space beyond ASCII, listed, is exactly Unicode's White_Space property above U+007F, over every scalar")
    func whiteSpaceListMatchesProperty() {
        let differing = (UInt32(0x80)...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            PageOutline.isWhiteSpaceBeyondASCII($0) != $0.properties.isWhitespace
        }
        #expect(differing.isEmpty, "\(differing.map { "U+" + String($0.value, radix: 16) })")
        // By hand, from Unicode's PropList.txt: 25 White_Space scalars, 6 of them ASCII (U+0009–U+000D, U+0020), so 19 beyond; U+200B is not one (a format character).
        #expect((UInt32(0x80)...0x10FFFF).compactMap(Unicode.Scalar.init).filter(PageOutline.isWhiteSpaceBeyondASCII).count == 19)
        #expect(!PageOutline.isWhiteSpaceBeyondASCII("\u{200B}"))
    }
}
