/// A message about a place in a file, printed as `file:line:col: error: message`
/// followed by the source line and a caret under the column.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    /// The file the message is about, as the user named it.
    public var path: String
    /// Where in the file; the caret goes under `range.start`.
    public var range: SourceRange
    /// The text of the line at `range.start`, shown under the message.
    public var sourceLine: String?

    public init(_ severity: Severity, _ message: String, path: String, range: SourceRange, sourceLine: String? = nil) {
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.sourceLine = sourceLine
    }

    /// A diagnostic about a position of `source`, quoting its line.
    public init(_ severity: Severity, _ message: String, in source: SourceText, range: SourceRange) {
        let line = range.start.line
        let quoted = line >= 1 && line <= source.lineCount ? source.text(ofLine: line) : nil
        self.init(severity, message, path: source.path, range: range, sourceLine: quoted)
    }

    /// The printed form: header, then the quoted line and a caret when there is one.
    /// Control characters of the file or the message are shown as `\u{XX}`, never sent to a terminal.
    public var formatted: String {
        var out = TranscriptText.visible("\(path):\(range.start.line):\(range.start.column): \(severity.rawValue): ") + TranscriptText.visibleLines(message)
        if let sourceLine {
            let (shown, caretColumn) = Diagnostic.visible(sourceLine, byteColumn: range.start.column)
            let width = range.end.line == range.start.line
                ? Swift.max(1, Diagnostic.displayWidth(byteSpan(sourceLine, from: range.start.column, to: range.end.column)))
                : 1
            out += "\n    " + shown + "\n    " + String(repeating: " ", count: caretColumn)
                + "^" + String(repeating: "~", count: width - 1)
        }
        return out
    }

    private func byteSpan(_ line: String, from: Int, to: Int) -> String {
        let bytes = Array(line.utf8)
        let a = Swift.min(Swift.max(from - 1, 0), bytes.count)
        let b = Swift.min(Swift.max(to - 1, a), bytes.count)
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    /// The line with tabs shown as single spaces, and the display column of a byte column.
    static func visible(_ line: String, byteColumn: Int) -> (String, Int) {
        let bytes = Array(line.utf8)
        let prefixEnd = Swift.min(Swift.max(byteColumn - 1, 0), bytes.count)
        let prefix = String(decoding: bytes[..<prefixEnd], as: UTF8.self)
        let shown = TranscriptText.visible(line.replacingTabs())
        return (shown, displayWidth(TranscriptText.visible(prefix.replacingTabs())))
    }

    /// Terminal columns a string takes: East Asian wide characters and emoji take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0x200D
                || (0xFE00...0xFE0F).contains(scalar.value) {
                return width
            }
            return width + (isWide(scalar) ? 2 : 1)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}

/// One or more diagnostics that stopped an operation.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
