/// Teacher's notes in a sheet: its HTML comments, wherever Markdown has them
/// (a block of their own, inside another HTML block, or inline in a
/// paragraph, a heading or a list, over one line or several), found with
/// cmark and cut out byte for byte. Code blocks, where `<!--` is just text,
/// are left alone, and so is everything that is not a comment.
public enum TeacherNotes {
    /// `source` without its HTML comments; the front matter (through
    /// `frontMatterLastLine`) is not Markdown and is kept as it is.
    public static func removingComments(from source: SourceText, frontMatterLastLine: Int) throws(DiagnosticError) -> [UInt8] {
        let ranges = try commentRanges(in: source, frontMatterLastLine: frontMatterLastLine)
        var out: [UInt8] = []
        out.reserveCapacity(source.bytes.count)
        var next = 0
        for comment in ranges where comment.lowerBound >= next {
            let whole = wholeLines(comment, in: source)
            let range = whole.map { $0.lowerBound >= next ? $0 : comment } ?? comment
            out += source.bytes[next..<range.lowerBound]
            next = range.upperBound
        }
        out += source.bytes[next...]
        return out
    }

    /// The lines `comment` fills, terminators included, when nothing but
    /// spaces and tabs shares them and a blank line (or the start of the file)
    /// comes before, so that dropping them joins no paragraphs; else nil.
    static func wholeLines(_ comment: Range<Int>, in source: SourceText) -> Range<Int>? {
        let first = source.position(ofOffset: comment.lowerBound).line
        let last = source.position(ofOffset: max(comment.lowerBound, comment.upperBound - 1)).line
        func blank(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
        let start = source.byteRange(ofLine: first).lowerBound
        let end = source.byteRange(ofLine: last).lowerBound + source.content(ofLine: last).count
        guard comment.upperBound <= end, blank(source.bytes[start..<comment.lowerBound]), blank(source.bytes[comment.upperBound..<end]),
              first == 1 || blank(source.content(ofLine: first - 1)) else { return nil }
        return start..<source.byteRange(ofLine: last).upperBound
    }

    /// The byte ranges of `source`'s HTML comments, in order.
    public static func commentRanges(in source: SourceText, frontMatterLastLine: Int) throws(DiagnosticError) -> [Range<Int>] {
        let markdown = NotebookParser.maskingLines(source, through: frontMatterLastLine)
        var ranges: [Range<Int>] = []
        for node in CommonMark.htmlNodes(markdown) {
            let literal = Array(node.literal.utf8)
            let spans = node.isBlock ? comments(inHTML: literal) : (literal.starts(with: opening) ? [0..<literal.count] : [])
            guard !spans.isEmpty else { continue }
            guard let map = LiteralMap(node, literal: literal, in: source) else {
                throw DiagnosticError([Diagnostic(.error, "cannot tell where this HTML comment lies in the file, so the student version would keep it; "
                                                  + "put the teacher's note in a comment of its own lines", in: source,
                                                  range: SourceRange(at: .init(line: node.startLine, column: node.startColumn)))])
            }
            for span in spans where !span.isEmpty {
                ranges.append(map.offset(span.lowerBound)..<(map.offset(span.upperBound - 1) + 1))
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    static let opening = Array("<!--".utf8)

    /// The comments in the text of an HTML block, as HTML reads them: from
    /// `<!--` to the first `-->` after it (`<!-->` and `<!--->` end at once),
    /// or to the end of the block when it is never closed.
    static func comments(inHTML bytes: [UInt8]) -> [Range<Int>] {
        let dash = UInt8(ascii: "-"), close = UInt8(ascii: ">")
        var found: [Range<Int>] = []
        var i = 0
        while i + opening.count <= bytes.count {
            guard bytes[i..<(i + opening.count)].elementsEqual(opening) else { i += 1; continue }
            var end = i + opening.count
            if end < bytes.count, bytes[end] == close {
                end += 1
            } else if end + 1 < bytes.count, bytes[end] == dash, bytes[end + 1] == close {
                end += 2
            } else {
                while end < bytes.count, !(end >= i + 6 && bytes[end] == close && bytes[end - 1] == dash && bytes[end - 2] == dash) { end += 1 }
                if end < bytes.count {
                    end += 1
                } else {
                    // Never closed: to the end of the block, its last newline kept.
                    while end > i, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                }
            }
            found.append(i..<end)
            i = end
        }
        return found
    }
}

/// Where each byte of an HTML node's text is in the file: each of its lines
/// is placed on the file's line cmark numbers, and checked to be there.
struct LiteralMap {
    /// The file offset of each literal line's first byte, and where that line starts in the literal.
    private var fileStarts: [Int] = []
    private var literalStarts: [Int] = []

    /// Nil when a line of the text is not where it must be (the file is not as cmark read it).
    init?(_ node: HTMLNode, literal: [UInt8], in source: SourceText) {
        let newline = UInt8(ascii: "\n")
        var lines = literal.split(separator: newline, omittingEmptySubsequences: false)
        var start = 0
        if node.isBlock, lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        for (k, piece) in lines.enumerated() {
            let number = node.startLine + k
            guard number >= 1, number <= source.lineCount else { return nil }
            let content = Array(source.content(ofLine: number))
            var text = Array(piece)
            if text.last == UInt8(ascii: "\r") { text.removeLast() }
            guard let column = LiteralMap.column(of: text, in: content, line: k, node: node) else { return nil }
            fileStarts.append(source.lineStarts[number - 1] + column)
            literalStarts.append(start)
            start += piece.count + 1
        }
    }

    /// Where `text` (line `k` of the node's literal) starts in the file's line `content`, 0-based.
    /// A block's line is the end of its file line (after its container prefix); an inline piece's first
    /// line starts at cmark's column, and its later lines right after the line's prefix of spaces, tabs
    /// and block-quote markers, which cmark strips.
    private static func column(of text: [UInt8], in content: [UInt8], line k: Int, node: HTMLNode) -> Int? {
        func fits(_ p: Int) -> Bool { p >= 0 && p + text.count <= content.count && content[p..<(p + text.count)].elementsEqual(text) }
        if node.isBlock {
            let p = content.count - text.count
            return fits(p) ? p : nil
        }
        if k == 0 { return fits(node.startColumn - 1) ? node.startColumn - 1 : nil }
        var p = 0
        while true {
            if fits(p) { return p }
            guard p < content.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">")].contains(content[p]) else { return nil }
            p += 1
        }
    }

    /// The file offset of byte `offset` of the literal.
    func offset(_ offset: Int) -> Int {
        var k = 0
        while k + 1 < literalStarts.count, literalStarts[k + 1] <= offset { k += 1 }
        return fileStarts[k] + (offset - literalStarts[k])
    }
}
