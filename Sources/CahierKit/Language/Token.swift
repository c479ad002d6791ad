/// A token of the command language, with the source range it came from.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case number(Double)
        case string(String)
        case identifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    public enum Keyword: String, Sendable, CaseIterable {
        case `let`, `true`, `false`
    }

    public enum Symbol: String, Sendable, CaseIterable {
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
        case comma = ",", colon = ":", dot = ".", equals = "="
        case plus = "+", minus = "-", star = "*", slash = "/", at = "@"
        case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case equalEqual = "==", bangEqual = "!=", bang = "!", andAnd = "&&", orOr = "||"
    }

    public var kind: Kind
    public var range: SourceRange

    /// How the token reads in a message: `'('`, `number 3`, `end of command`.
    public var described: String {
        switch kind {
        case .number: return "a number"
        case .string: return "a string"
        case .identifier(let name): return "'\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .symbol(let symbol): return "'\(symbol.rawValue)'"
        case .end: return "the end of the command"
        }
    }
}
