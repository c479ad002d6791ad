/// A position in a source file.
///
/// The unit, stated once for the whole package: lines are 1-based, columns are
/// 1-based UTF-8 byte offsets within the line, exactly as cmark reports them.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source positions; `end` is just past the last byte.
public struct SourceRange: Sendable, Hashable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A range that covers one point (a caret with no extent).
    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }
}

/// The bytes of a source file and the offsets where its lines start.
///
/// A line ends at `\n`; a `\r` just before it belongs to the terminator, so a
/// CRLF file reports the same line contents as an LF file.
public struct SourceText: Sendable {
    /// The path the text was read from, as given by the user.
    public let path: String
    /// The file's bytes, unchanged.
    public let bytes: [UInt8]
    /// The byte offset where each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        // A final newline does not open another line.
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
        self.lineStarts = starts
    }

    /// The number of lines (an empty file has one empty line).
    public var lineCount: Int { lineStarts.count }

    /// The byte range of line `line` (1-based), terminator included.
    public func byteRange(ofLine line: Int) -> Range<Int> {
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : bytes.count
        return start..<end
    }

    /// The bytes of line `line` (1-based) without its `\n` or `\r\n`.
    public func content(ofLine line: Int) -> ArraySlice<UInt8> {
        let range = byteRange(ofLine: line)
        var end = range.upperBound
        if end > range.lowerBound, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > range.lowerBound, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return bytes[range.lowerBound..<end]
    }

    /// The terminator of line `line`: `\r\n`, `\n`, or empty for a last line without one.
    public func terminator(ofLine line: Int) -> ArraySlice<UInt8> {
        let range = byteRange(ofLine: line)
        return bytes[(range.lowerBound + content(ofLine: line).count)..<range.upperBound]
    }

    /// Line `line` (1-based) as text, without its terminator.
    public func text(ofLine line: Int) -> String {
        String(decoding: content(ofLine: line), as: UTF8.self)
    }

    /// The position of a byte offset.
    public func position(ofOffset offset: Int) -> SourcePosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// The byte offset of a position.
    public func offset(of position: SourcePosition) -> Int {
        lineStarts[position.line - 1] + position.column - 1
    }
}
