extension String {
    /// The string with some Unicode scalars replaced: `replacement` gives the
    /// text for a scalar, or nil to keep it as it is. Every escaping in
    /// Cahier (HTML, XML, Markdown, string literals) is one of these.
    ///
    /// The result is built as UTF-8 bytes: an ASCII scalar is one byte, and a
    /// kept scalar is copied as the bytes it already has, never re-encoded
    /// through the string's scalar view (a large page's escaping once cost more
    /// than cmark's parse of it).
    func escaping(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + utf8.count / 8)
        var bytes = utf8.makeIterator()
        var scalarBytes: [UInt8] = []
        while let lead = bytes.next() {
            guard lead >= 0x80 else {
                let scalar = Unicode.Scalar(lead)
                if let text = replacement(scalar) { out += text.utf8 } else { out.append(lead) }
                continue
            }
            // A String's UTF-8 is valid: the lead byte says how many continuation bytes follow.
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            scalarBytes.removeAll(keepingCapacity: true)
            scalarBytes.append(lead)
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for _ in 1..<length {
                guard let next = bytes.next() else { break }
                scalarBytes.append(next)
                value = value << 6 | UInt32(next & 0x3F)
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            if let text = replacement(scalar) { out += text.utf8 } else { out += scalarBytes }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
