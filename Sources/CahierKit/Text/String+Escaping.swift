extension String {
    /// The string with some Unicode scalars replaced: `replacement` gives the
    /// text for a scalar, or nil to keep it as it is. Every escaping in
    /// Cahier (HTML, XML, Markdown, string literals) is one of these.
    func escaping(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let text = replacement(scalar) { out += text } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
