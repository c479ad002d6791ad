/// A character the lexer refuses that comes from a habit (Python's `#` and
/// `'`, the lecture's `·`, `×`, `≤`, `²`…), as data; its advice is the
/// catalogue's `python.character.KEY`.
public enum CharacterHabit: String, Sendable, Hashable, Codable, CaseIterable {
    case comment, quote, multiply, divide, minus
    case lessEqual = "less-equal", greaterEqual = "greater-equal", notEqual = "not-equal"
    case square, cube, root, caret, ampersand, bar, tilde

    /// The habit `character` comes from, or nil.
    public init?(character: String) {
        switch character {
        case "#": self = .comment
        case "'": self = .quote
        case "·", "×": self = .multiply
        case "÷": self = .divide
        case "−", "–": self = .minus
        case "≤": self = .lessEqual
        case "≥": self = .greaterEqual
        case "≠": self = .notEqual
        case "²": self = .square
        case "³": self = .cube
        case "√": self = .root
        case "^": self = .caret
        case "&": self = .ampersand
        case "|": self = .bar
        case "~": self = .tilde
        default: return nil
        }
    }

    /// What to write instead, in `language`.
    public func advice(in language: Language) -> String {
        language.text("python.character." + rawValue)
    }
}
