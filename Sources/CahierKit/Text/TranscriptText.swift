/// The text of transcripts as people and notebooks see it.
///
/// Output may hold any character; a transcript shows control characters
/// (C0 but the tab, DEL, C1, and the line and paragraph separators) as
/// `\u{1B}`, so no output can move a terminal's cursor, set its title, end
/// a line where a notebook does not, or hide a NUL in a file. Bidirectional
/// controls (which reorder what a terminal or a page shows, as in Trojan
/// Source) and invisible characters (zero-width space, word joiner, byte
/// order mark) are shown the same way, so no output reads as another. The
/// same form is what `check` compares, what diagnostics print and what
/// `run --update` writes.
public enum TranscriptText {
    /// `text` with every control character written as `\u{XX}`.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return text.escaping { isControl($0) ? "\\u{" + String($0.value, radix: 16, uppercase: true) + "}" : nil }
    }

    /// Like ``visible(_:)``, but line feeds stay (for printing several lines).
    public static func visibleLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { visible(String($0)) }.joined(separator: "\n")
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        // Bidirectional marks, embeddings, overrides and isolates.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        // Invisible: zero-width space, word joiner and invisible operators, byte order mark.
        // (Zero-width joiners stay: emoji and many scripts need them.)
        case 0x200B, 0x2060...0x2064, 0xFEFF: return true
        default: return false
        }
    }

    /// An output line as a notebook holds it: visible, and with a leading `\`
    /// when it would otherwise read as a command (`>`), a continuation (`|`),
    /// an escape (`\`), a wildcard (`...`) or a fence that closes the block
    /// (three or more backticks or tildes after at most three spaces).
    public static func written(_ line: String) -> String {
        let text = visible(line)
        return needsEscape(text) ? "\\" + text : text
    }

    static func needsEscape(_ line: String) -> Bool {
        if line.trimmingTrailingWhitespace() == "..." || line.hasPrefix(">") || line.hasPrefix("|") || line.hasPrefix("\\") { return true }
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count, i < 3, bytes[i] == UInt8(ascii: " ") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "~") else { return false }
        var run = 0
        while i + run < bytes.count, bytes[i + run] == bytes[i] { run += 1 }
        return run >= 3
    }
}
