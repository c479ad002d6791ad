/// A token of the command language, with the source range it came from.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case number(Double)
        case string(String)
        case identifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        /// A line break that ends a statement: one outside parentheses and brackets.
        case newline
        case end
    }

    public enum Keyword: String, Sendable, CaseIterable {
        case `let`, `var`, `func`, `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `return`, `true`, `false`
        case noGrad
    }

    public enum Symbol: String, Sendable, CaseIterable {
        case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", leftBrace = "{", rightBrace = "}"
        case comma = ",", colon = ":", semicolon = ";", dot = ".", equals = "=", question = "?", arrow = "->"
        case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", at = "@", power = "**"
        case plusEquals = "+=", minusEquals = "-=", starEquals = "*=", slashEquals = "/="
        case halfOpenRange = "..<", closedRange = "..."
        case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        case equalEqual = "==", bangEqual = "!=", bang = "!", andAnd = "&&", orOr = "||"
    }

    public var kind: Kind
    public var range: SourceRange
}
