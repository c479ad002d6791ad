/// Protects `$…$` and `$$…$$` math from cmark, which would read `*` and `_`
/// in TeX as emphasis and drop `\{`: each span is replaced by a placeholder
/// before parsing and put back, escaped, after rendering.
///
/// Math is only looked for in prose: never in code blocks or code spans, and
/// `\$` is a literal dollar. Inline math stays on one line; `$` followed by a
/// space does not open it, and a closing `$` must not be preceded by a space or
/// followed by a digit (so "$5 and $6" is not math). Math may span lines
/// within a paragraph, never a blank line or a code block.
public struct MathMasker {
    public struct Span: Sendable, Hashable {
        public var tex: String
        public var display: Bool
    }

    public private(set) var masked: [UInt8] = []
    public private(set) var spans: [Span] = []

    /// The placeholder of span `i`: private-use characters cmark copies unchanged.
    static func placeholder(_ i: Int) -> String { "\u{E000}\(i)\u{E001}" }

    /// Masks the math in `bytes`, leaving the lines in `codeLines` (code blocks) untouched.
    public init(_ bytes: [UInt8], source: SourceText, codeLines: [ClosedRange<Int>]) {
        masked.reserveCapacity(bytes.count)
        var lineIsCode = Array(repeating: false, count: source.lineCount + 2)
        for range in codeLines {
            for line in range where line >= 1 && line <= source.lineCount { lineIsCode[line] = true }
        }
        var i = 0
        var line = 1
        let n = bytes.count
        let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`"), newline = UInt8(ascii: "\n")
        while i < n {
            if lineIsCode[line] {
                // Copy the whole code line.
                while i < n, bytes[i] != newline { masked.append(bytes[i]); i += 1 }
                if i < n { masked.append(newline); i += 1; line += 1 }
                continue
            }
            let b = bytes[i]
            if b != newline && b != backslash && b != backtick && b != dollar {
                // A run of bytes none of the cases below looks at, copied at once.
                var j = i + 1
                while j < n, bytes[j] != newline, bytes[j] != backslash, bytes[j] != backtick, bytes[j] != dollar { j += 1 }
                masked += bytes[i..<j]
                i = j
            } else if b == newline {
                masked.append(b); i += 1; line += 1
            } else if b == backslash, i + 1 < n, bytes[i + 1] == dollar || bytes[i + 1] == backslash || bytes[i + 1] == backtick {
                masked += bytes[i...(i + 1)]
                i += 2
            } else if b == backtick {
                var run = 0
                while i + run < n, bytes[i + run] == backtick { run += 1 }
                if let end = MathMasker.closingBackticks(bytes, from: i + run, run: run, lineIsCode: lineIsCode, line: line) {
                    for k in i..<end where bytes[k] == newline { line += 1 }
                    masked += bytes[i..<end]
                    i = end
                } else {
                    masked += bytes[i..<(i + run)]
                    i += run
                }
            } else if b == dollar, i + 1 < n, bytes[i + 1] == dollar,
                      let close = MathMasker.closingDisplay(bytes, from: i + 2, lineIsCode: lineIsCode, line: line) {
                append(bytes[(i + 2)..<close], display: true)
                for k in i..<close where bytes[k] == newline { line += 1 }
                i = close + 2
            } else if b == dollar, i + 1 < n, bytes[i + 1] != UInt8(ascii: " "), bytes[i + 1] != newline, bytes[i + 1] != dollar,
                      let close = MathMasker.closingInline(bytes, from: i + 1, lineIsCode: lineIsCode, line: line) {
                append(bytes[(i + 1)..<close], display: false)
                for k in i..<close where bytes[k] == newline { line += 1 }
                i = close + 1
            } else {
                masked.append(b)
                i += 1
            }
        }
    }

    private mutating func append(_ tex: ArraySlice<UInt8>, display: Bool) {
        masked += MathMasker.placeholder(spans.count).utf8
        spans.append(Span(tex: String(decoding: tex, as: UTF8.self), display: display))
    }

    /// The closing `$` of inline math opened before `start`: within the same
    /// paragraph (a line break is allowed, a blank line or a code line is not).
    private static func closingInline(_ bytes: [UInt8], from start: Int, lineIsCode: [Bool], line: Int) -> Int? {
        var i = start
        var line = line
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                if MathMasker.isCode(line, lineIsCode) { return nil }
                var j = i + 1
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") || bytes[j] == UInt8(ascii: "\r") { j += 1 }
                if j >= bytes.count || bytes[j] == UInt8(ascii: "\n") { return nil }
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if bytes[i] == UInt8(ascii: "$") {
                let before = bytes[i - 1]
                let after: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
                if before != UInt8(ascii: " "), before != UInt8(ascii: "\n"), after.map({ $0 < 48 || $0 > 57 }) ?? true { return i }
                return nil
            }
            i += 1
        }
        return nil
    }

    private static func closingDisplay(_ bytes: [UInt8], from start: Int, lineIsCode: [Bool], line: Int) -> Int? {
        var i = start
        var line = line
        var lineStart = true
        var blank = true
        while i + 1 < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                if blank && !lineStart { return nil }
                line += 1
                if MathMasker.isCode(line, lineIsCode) { return nil }
                lineStart = false
                blank = true
                i += 1
                continue
            }
            if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") && b != UInt8(ascii: "\r") { blank = false }
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "$") { return i }
            i += 1
        }
        return nil
    }

    private static func closingBackticks(_ bytes: [UInt8], from start: Int, run: Int, lineIsCode: [Bool], line: Int) -> Int? {
        var i = start
        var line = line
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                if MathMasker.isCode(line, lineIsCode) { return nil }
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "`") {
                var length = 0
                while i + length < bytes.count, bytes[i + length] == UInt8(ascii: "`") { length += 1 }
                if length == run { return i + length }
                i += length
                continue
            }
            i += 1
        }
        return nil
    }

    private static func isCode(_ line: Int, _ lineIsCode: [Bool]) -> Bool {
        line < lineIsCode.count && lineIsCode[line]
    }

    /// Puts the math back into rendered HTML as escaped TeX for KaTeX.
    /// Works on UTF-8 bytes: U+E000 is EE 80 80 and U+E001 is EE 80 81.
    public func restore(in html: String) -> String {
        guard !spans.isEmpty else { return html }
        var html = html
        return html.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + spans.count * 32)
            // The bytes before `i` not yet copied start at `copied`: they are copied in runs, between placeholders.
            var i = 0, copied = 0
            let n = bytes.count
            while i < n {
                guard bytes[i] == 0xEE else {
                    i += 1
                    continue
                }
                if i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                    var j = i + 3
                    var index = 0
                    while j < n, bytes[j] >= 48, bytes[j] <= 57, index <= spans.count {
                        index = index * 10 + Int(bytes[j] - 48)
                        j += 1
                    }
                    if j > i + 3, j + 2 < n, bytes[j] == 0xEE, bytes[j + 1] == 0x80, bytes[j + 2] == 0x81, index < spans.count {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                        let span = spans[index]
                        let kind = span.display ? "math display" : "math inline"
                        out += "<span class=\"\(kind)\">\(HTML.escape(span.tex))</span>".utf8
                        i = j + 3
                        copied = i
                        continue
                    }
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<n]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
