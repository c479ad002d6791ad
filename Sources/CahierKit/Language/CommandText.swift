/// The text of one command, gathered from its lines, with the map back to the file.
///
/// A command may span several lines (continuation lines); `text` joins the
/// pieces with `\n` and `pieces` records where each piece starts in `text` and
/// in the source file, so every offset converts back to a file position.
public struct CommandText: Sendable, Hashable {
    public struct Piece: Sendable, Hashable {
        /// The byte offset in `text` where this piece starts.
        public var offset: Int
        /// The file position of the piece's first byte.
        public var position: SourcePosition
    }

    public private(set) var text: String = ""
    public private(set) var pieces: [Piece] = []

    public init() {}

    /// A command of one piece, at `position` (line 1, column 1 by default).
    public init(_ text: String, at position: SourcePosition = SourcePosition(line: 1, column: 1)) {
        append(text, at: position)
    }

    public mutating func append(_ piece: String, at position: SourcePosition) {
        if !pieces.isEmpty { text += "\n" }
        pieces.append(Piece(offset: text.utf8.count, position: position))
        text += piece
    }

    /// The file position of a byte offset in `text`.
    public func position(ofOffset offset: Int) -> SourcePosition {
        guard var piece = pieces.first else { return SourcePosition(line: 1, column: 1) }
        for candidate in pieces where candidate.offset <= offset { piece = candidate }
        return SourcePosition(line: piece.position.line, column: piece.position.column + offset - piece.offset)
    }

    public func range(_ bytes: Range<Int>) -> SourceRange {
        SourceRange(start: position(ofOffset: bytes.lowerBound), end: position(ofOffset: bytes.upperBound))
    }
}
