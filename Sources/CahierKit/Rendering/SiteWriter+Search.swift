/// The search's documents, written straight into bytes: the JSON that
/// `JSONEncoder` wrote for them (keys sorted, `/` unescaped), without its
/// tree of values or its second pass for `<` (a large page's index once took
/// a tenth of its render through it).
extension SiteWriter {
    /// The documents the search indexes: one per section of each page (its
    /// title, the section's heading, its text and its address), as a script
    /// that sets `CAHIER_SEARCH`, so that it loads from `file://` too.
    func searchDocuments(_ rendered: [Rendered]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + rendered.reduce(0) { $0 + $1.outline.sections.reduce(0) { $0 + $1.text.utf8.count + 128 } })
        out += "window.CAHIER_SEARCH = [".utf8
        var first = true
        for item in rendered {
            for section in item.outline.sections {
                // Encoded as the page links are (`./`, percent-encoded parts): the script follows
                // only addresses of this form, so no file name becomes a `javascript:` link.
                let link = HTML.href("", item.page.relativePath, fragment: section.heading?.id)
                out += (first ? "{\"id\":" : ",{\"id\":").utf8
                first = false
                Self.appendJSONString(link, to: &out)
                out += ",\"page\":".utf8
                Self.appendJSONString(item.page.title, to: &out)
                out += ",\"section\":".utf8
                Self.appendJSONString(section.heading?.text ?? "", to: &out)
                out += ",\"text\":".utf8
                Self.appendJSONString(section.text, to: &out)
                out.append(UInt8(ascii: "}"))
            }
        }
        out += "];\n".utf8
        return out
    }

    /// `text` as a JSON string, as `JSONEncoder` writes it: `"` and `\` after
    /// a backslash, the control characters as `\b` `\t` `\n` `\f` `\r` or
    /// `\u00xx` (lower-case hexadecimal), every other character as it is,
    /// except `<`, written `\u003c`: inside a script element, `</` must not appear.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "<") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                copied = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                default: out += [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
