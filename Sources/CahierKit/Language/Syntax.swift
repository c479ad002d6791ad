/// An expression of the command language with its source range.
public struct Expression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case number(Double)
        case string(String)
        case bool(Bool)
        case name(String)
        case array([Expression])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        case call(Expression, [CallArgument])
        case index(Expression, [Expression])
        case member(Expression, String)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A call argument, with its Swift-style label when it has one.
public struct CallArgument: Sendable, Hashable {
    public var label: String?
    public var value: Expression
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-", not = "!"
}

public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "&&", or = "||"
}

/// A whole command: a binding or an expression whose value is shown.
public enum Statement: Sendable, Hashable {
    case bind(name: String, nameRange: SourceRange, value: Expression)
    case expression(Expression)
    /// A command that is only a comment, such as `> // solution`: it does nothing.
    case empty(comment: String)
}
