/// Splits a command into tokens. Works on UTF-8 bytes; positions are byte
/// offsets, so a column counts UTF-8 bytes as everywhere in Cahier.
/// Identifiers follow Python's rule (Unicode's XID_Start or `_`, then
/// XID_Continue), widened by ``IdentifierCharacters`` to subscripts and
/// superscripts (`w₀`, `x²`) and narrowed to leave out the middle dot `·`;
/// any other character outside strings and comments is a syntax error at its column.
///
/// A line break inside parentheses or brackets is white space; elsewhere
/// (at the top of the command or inside braces) it is a `.newline` token
/// that ends a statement. Several breaks in a row give one token.
public struct Lexer {
    private let command: CommandText
    private let bytes: [UInt8]
    private var offset = 0
    /// The open brackets, innermost last: `(`, `[` or `{`.
    private var open: [UInt8] = []
    /// The longest symbols first, so `..<` is not read as `.`.
    private static let symbols = Token.Symbol.allCases.sorted { $0.rawValue.utf8.count > $1.rawValue.utf8.count }

    public init(_ command: CommandText) {
        self.command = command
        self.bytes = Array(command.text.utf8)
    }

    /// All tokens, ending with `.end`, or the first lexical error.
    public mutating func tokenize() throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private mutating func next() throws(SyntaxError) -> Token {
        if let lineBreak = skipTrivia() { return lineBreak }
        let start = offset
        guard let byte = peek() else { return Token(kind: .end, range: command.range(start..<start)) }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return try number()
        }
        if let first = scalar(at: offset), IdentifierCharacters.isStart(first.scalar) {
            offset += first.length
            while let next = scalar(at: offset), IdentifierCharacters.isContinue(next.scalar) { offset += next.length }
            let word = String(decoding: bytes[start..<offset], as: UTF8.self)
            let kind: Token.Kind = Token.Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word)
            return Token(kind: kind, range: command.range(start..<offset))
        }
        if byte == UInt8(ascii: "\"") { return try string() }
        for symbol in Lexer.symbols where bytes[offset...].starts(with: symbol.rawValue.utf8) {
            offset += symbol.rawValue.utf8.count
            track(symbol)
            return Token(kind: .symbol(symbol), range: command.range(start..<offset))
        }
        let length = utf8Length(byte)
        let character = String(decoding: bytes[start..<min(start + length, bytes.count)], as: UTF8.self)
        throw SyntaxError(.unexpectedCharacter(character, habit: CharacterHabit(character: character)), command.range(start..<min(start + length, bytes.count)))
    }

    /// Skips spaces and comments; returns a `.newline` token for line breaks
    /// that end a statement.
    private mutating func skipTrivia() -> Token? {
        var lineBreak: Int?
        while let byte = peek() {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                offset += 1
            } else if byte == UInt8(ascii: "\n") {
                if lineBreak == nil, open.last != UInt8(ascii: "("), open.last != UInt8(ascii: "[") { lineBreak = offset }
                offset += 1
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while let b = peek(), b != UInt8(ascii: "\n") { offset += 1 }
            } else {
                break
            }
        }
        guard let lineBreak else { return nil }
        return Token(kind: .newline, range: command.range(lineBreak..<(lineBreak + 1)))
    }

    /// Keeps the stack of open brackets, so line breaks inside `(…)` and `[…]` are spaces.
    private mutating func track(_ symbol: Token.Symbol) {
        switch symbol {
        case .leftParen: open.append(UInt8(ascii: "("))
        case .leftBracket: open.append(UInt8(ascii: "["))
        case .leftBrace: open.append(UInt8(ascii: "{"))
        case .rightParen, .rightBracket, .rightBrace: if !open.isEmpty { open.removeLast() }
        default: break
        }
    }

    private mutating func number() throws(SyntaxError) -> Token {
        let start = offset
        while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { offset += 1 }
        if peek() == UInt8(ascii: "."), let after = peek(1), isDigit(after) {
            offset += 1
            while let b = peek(), isDigit(b) || b == UInt8(ascii: "_") { offset += 1 }
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { ahead = 2 }
            if let digit = peek(ahead), isDigit(digit) {
                offset += ahead
                while let b = peek(), isDigit(b) { offset += 1 }
            }
        }
        let range = command.range(start..<offset)
        if let next = scalar(at: offset), IdentifierCharacters.isStart(next.scalar) {
            throw SyntaxError(.letterAfterNumber, command.range(offset..<(offset + next.length)))
        }
        let literal = String(decoding: bytes[start..<offset].filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let value = Double(literal) else { throw SyntaxError(.malformedNumber(literal), range) }
        guard value.isFinite else {
            throw SyntaxError(.numberTooLarge(literal), range)
        }
        return Token(kind: .number(value), range: range)
    }

    private mutating func string() throws(SyntaxError) -> Token {
        let start = offset
        offset += 1
        var value: [UInt8] = []
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return Token(kind: .string(String(decoding: value, as: UTF8.self)), range: command.range(start..<offset))
            case UInt8(ascii: "\n"):
                throw SyntaxError(.unterminatedString, command.range(start..<offset))
            case UInt8(ascii: "\\"):
                let escapeStart = offset
                offset += 1
                switch peek() {
                case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
                default:
                    throw SyntaxError(.unknownEscape, command.range(escapeStart..<min(offset + 1, bytes.count)))
                }
                offset += 1
            default:
                value.append(byte)
                offset += 1
            }
        }
        throw SyntaxError(.unterminatedString, command.range(start..<offset))
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// The Unicode scalar whose UTF-8 encoding starts at `start`, and its length
    /// in bytes; nil at the end or inside an encoding (never the case for the
    /// valid UTF-8 of a String, but checked rather than assumed).
    private func scalar(at start: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard start < bytes.count else { return nil }
        let lead = bytes[start]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = utf8Length(lead)
        guard lead >= 0xC0, start + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length {
            let byte = bytes[start + k]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    private func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }
}
