/// The text of a page's HTML, read as UTF-8 bytes: the tags, entities and
/// spaces it looks for are ASCII, and a byte of a multi-byte character is
/// never one of them, so the bytes between them are copied as they are.
extension PageOutline {
    /// The text of HTML: tags dropped (an SVG figure with its drawing), entities
    /// read back, math written as plain text (``MathText``), never as TeX.
    static func text(_ html: String) -> String {
        text(Array(html.utf8)[...])
    }

    static func text(_ html: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        text(html, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``text(_:)-(ArraySlice<UInt8>)`` of `html` appended to `out` as UTF-8 bytes
    /// (its entities read back there, in what it appended only).
    static func text(_ html: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let start = out.count
        out.reserveCapacity(start + html.count)
        var inTag = false
        var name: [UInt8] = []
        var skipping = 0
        // The TeX of a math span being read (the renderer escapes it: it holds no tag).
        var math: [UInt8]?
        for b in html {
            if inTag {
                guard b == UInt8(ascii: ">") else {
                    name.append(b)
                    continue
                }
                inTag = false
                let closing = name.first == UInt8(ascii: "/")
                let element = ElementKey(name)
                if element == .svg { skipping += closing ? -1 : 1 }
                skipping = max(0, skipping)
                if element.isBlock { out.append(UInt8(ascii: " ")) }
                if element == .span, name.starts(with: "span class=\"math".utf8) {
                    math = []
                } else if let tex = math, name.elementsEqual("/span".utf8) {
                    out += MathText.plain(entities(String(decoding: tex, as: UTF8.self))).utf8
                    math = nil
                }
            } else if b == UInt8(ascii: "<") {
                inTag = true
                name.removeAll(keepingCapacity: true)
            } else if math != nil {
                math?.append(b)
            } else if skipping == 0 {
                out.append(b)
            }
        }
        readEntities(in: &out, from: start)
    }

    /// A tag's element, lowercased: its letters and digits after any `/`.
    static func elementName(_ tag: [UInt8]) -> String {
        guard tag.allSatisfy({ $0 < 0x80 }) else {
            // Letters beyond ASCII: Unicode's idea of a letter and of lowercase.
            return String(decoding: tag, as: UTF8.self).drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        }
        let name = tag.drop { $0 == UInt8(ascii: "/") }.prefix { isASCIILetterOrDigit($0) }
        return String(decoding: name.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }

    static func isASCIILetterOrDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// The entities HTML.escape and cmark write, and what each reads back as.
    static let entityTable: [(name: [UInt8], text: UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&quot;".utf8), UInt8(ascii: "\"")),
        (Array("&#39;".utf8), UInt8(ascii: "'")), (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    /// `&lt;` and the other entities HTML.escape and cmark write, read back,
    /// in one pass: `&amp;lt;` is `&lt;`, as an escaped `&lt;` should read.
    static func entities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return entities(Array(text.utf8))
    }

    static func entities(_ bytes: [UInt8]) -> String {
        var out = bytes
        readEntities(in: &out, from: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// ``entities(_:)-([UInt8])`` in place, on the bytes of `text` from `start`:
    /// what is read back is never longer than what it replaces.
    static func readEntities(in text: inout [UInt8], from start: Int) {
        guard text[start...].contains(UInt8(ascii: "&")) else { return }
        let n = text.count
        let kept = text.withUnsafeMutableBufferPointer { bytes -> Int in
            var i = start, kept = start
            scan: while i < n {
                if bytes[i] == UInt8(ascii: "&") {
                    for entity in entityTable where i + entity.name.count <= n && bytes[i..<(i + entity.name.count)].elementsEqual(entity.name) {
                        bytes[kept] = entity.text
                        kept += 1
                        i += entity.name.count
                        continue scan
                    }
                }
                bytes[kept] = bytes[i]
                kept += 1
                i += 1
            }
            return kept
        }
        text.removeLast(n - kept)
    }

    /// Runs of white space as one space, and none at the ends. A character
    /// is white space when its first scalar is (Unicode's definition, which
    /// includes U+00A0 and the like).
    ///
    /// The text is cut at its ASCII white space first, without reading it as
    /// characters: only a word with bytes beyond ASCII is read as characters,
    /// for the white space it may hold. Cutting there is exact when an ASCII
    /// white-space byte is a character of its own: so each such word must
    /// begin with a scalar that cannot join the one before it (a combining
    /// mark can) and end with one that cannot join the one after it (a
    /// prepended concatenation mark can); otherwise the whole text is read as characters.
    static func collapsed(_ text: String) -> String {
        collapsed(Array(text.utf8))
    }

    /// ``collapsed(_:)-(String)`` of the text whose UTF-8 bytes are `bytes`.
    static func collapsed(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let exact = bytes.withUnsafeBufferPointer { input -> Bool in
            let n = input.count
            var i = 0
            while i < n {
                while i < n, isASCIIWhitespace(input[i]) { i += 1 }
                guard i < n else { break }
                let start = i
                var beyondASCII = false
                while i < n, !isASCIIWhitespace(input[i]) {
                    beyondASCII = beyondASCII || input[i] >= 0x80
                    i += 1
                }
                let word = UnsafeBufferPointer(rebasing: input[start..<i])
                guard beyondASCII else {
                    if !out.isEmpty { out.append(UInt8(ascii: " ")) }
                    out.append(contentsOf: word)
                    continue
                }
                let string = String(decoding: word, as: UTF8.self)
                guard let first = string.unicodeScalars.first, let last = string.unicodeScalars.last,
                      startsAlone(first), endsAlone(last) else { return false }
                guard string.unicodeScalars.contains(where: isWhiteSpaceBeyondASCII) else {
                    // No character of the word starts with white space: it is one part, as it is.
                    if !out.isEmpty { out.append(UInt8(ascii: " ")) }
                    out.append(contentsOf: word)
                    continue
                }
                for part in string.split(whereSeparator: isWhitespace) {
                    if !out.isEmpty { out.append(UInt8(ascii: " ")) }
                    out += part.utf8
                }
            }
            return true
        }
        guard exact else {
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: isWhitespace).joined(separator: " ")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A scalar that always starts a character after ASCII: an ASCII one, or
    /// a cased letter, a digit, a symbol other than a modifier, a punctuation
    /// mark (never a mark, a format character, a modifier or an uncased
    /// letter, the classes whose members Unicode joins to what is before them).
    static func startsAlone(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .decimalNumber, .otherNumber, .mathSymbol, .currencySymbol, .otherSymbol,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// A scalar that never joins the ASCII after it: any but a format
    /// character or an uncased letter, the classes of Unicode's prepended
    /// concatenation marks (U+0600 and the like); a combining mark ends a word.
    static func endsAlone(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x80 else { return true }
        let category = scalar.properties.generalCategory
        return category != .format && category != .otherLetter
    }

    /// Unicode's White_Space beyond ASCII, without a look-up of the property
    /// table: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
    /// U+205F, U+3000 (the property's list, unchanged since Unicode 6.3).
    static func isWhiteSpaceBeyondASCII(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Space, tab, line feed, vertical tab, form feed, carriage return: the ASCII of Unicode's White_Space.
    static func isASCIIWhitespace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || (b >= 9 && b <= 13)
    }

    /// `Character.isWhitespace`, its properties looked up only beyond ASCII.
    static func isWhitespace(_ c: Character) -> Bool {
        guard let first = c.utf8.first, first < 0x80 else { return c.isWhitespace }
        return isASCIIWhitespace(first)
    }

    /// The first place at or after `start` where `needle` occurs in `bytes`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first, bytes[(i + 1)..<(i + needle.count)].elementsEqual(needle[1...]) { return i }
            i += 1
        }
        return nil
    }
}
