import Foundation

/// A recursive-descent parser; each method is named after the grammar rule it reads.
///
///     statement      := "let" IDENT "=" expression | expression
///     expression     := or
///     or             := and ("||" and)*
///     and            := comparison ("&&" comparison)*
///     comparison     := additive (("<" | "<=" | ">" | ">=" | "==" | "!=") additive)?
///     additive       := multiplicative (("+" | "-") multiplicative)*
///     multiplicative := unary (("*" | "/" | "@") unary)*
///     unary          := ("-" | "!") unary | postfix
///     postfix        := primary ("(" arguments? ")" | "[" expression ("," expression)* "]" | "." IDENT)*
///     arguments      := argument ("," argument)*
///     argument       := (IDENT ":")? expression
///     primary        := NUMBER | STRING | "true" | "false" | IDENT | "(" expression ")" | "[" elements? "]"
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    /// Deep nesting is refused rather than allowed to exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 200

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses one command.
    public static func parse(_ command: CommandText) throws(SyntaxError) -> Statement {
        var lexer = Lexer(command)
        let tokens = try lexer.tokenize()
        if tokens.count == 1 {
            let text = command.text.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("//") { return .empty(comment: String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces)) }
        }
        var parser = Parser(tokens: tokens)
        return try parser.statement()
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func check(_ symbol: Token.Symbol) -> Bool { current.kind == .symbol(symbol) }

    private mutating func match(_ symbol: Token.Symbol) -> Bool {
        guard check(symbol) else { return false }
        _ = advance()
        return true
    }

    private mutating func expect(_ symbol: Token.Symbol, _ context: String) throws(SyntaxError) -> Token {
        guard check(symbol) else {
            throw SyntaxError("expected '\(symbol.rawValue)' \(context), found \(current.described)", current.range)
        }
        return advance()
    }

    mutating func statement() throws(SyntaxError) -> Statement {
        let result: Statement
        if current.kind == .keyword(.let) {
            _ = advance()
            guard case .identifier(let name) = current.kind else {
                throw SyntaxError("expected a name after 'let', found \(current.described)", current.range)
            }
            let nameRange = advance().range
            _ = try expect(.equals, "after the name in 'let'")
            result = .bind(name: name, nameRange: nameRange, value: try expression())
        } else {
            result = .expression(try expression())
        }
        guard current.kind == .end else {
            let hint = check(.equals) ? " (bind a name with 'let name = …')" : ""
            throw SyntaxError("expected the end of the command, found \(current.described)\(hint)", current.range)
        }
        return result
    }

    mutating func expression() throws(SyntaxError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw SyntaxError("the command nests more than \(Parser.maximumDepth) levels deep", current.range)
        }
        return try or()
    }

    private mutating func binaryLevel(
        _ operators: [Token.Symbol: BinaryOperator], repeats: Bool = true,
        operand: (inout Parser) throws(SyntaxError) -> Expression
    ) throws(SyntaxError) -> Expression {
        var left = try operand(&self)
        while case .symbol(let symbol) = current.kind, let op = operators[symbol] {
            _ = advance()
            let right = try operand(&self)
            left = Expression(.binary(op, left, right), SourceRange(start: left.range.start, end: right.range.end))
            if !repeats { break }
        }
        return left
    }

    mutating func or() throws(SyntaxError) -> Expression {
        try binaryLevel([.orOr: .or]) { (p: inout Parser) throws(SyntaxError) in try p.and() }
    }

    mutating func and() throws(SyntaxError) -> Expression {
        try binaryLevel([.andAnd: .and]) { (p: inout Parser) throws(SyntaxError) in try p.comparison() }
    }

    mutating func comparison() throws(SyntaxError) -> Expression {
        let operators: [Token.Symbol: BinaryOperator] = [
            .less: .less, .lessEqual: .lessEqual, .greater: .greater, .greaterEqual: .greaterEqual,
            .equalEqual: .equal, .bangEqual: .notEqual,
        ]
        let result = try binaryLevel(operators, repeats: false) { (p: inout Parser) throws(SyntaxError) in try p.additive() }
        if case .symbol(let symbol) = current.kind, operators[symbol] != nil {
            throw SyntaxError("comparisons cannot be chained; combine them with '&&'", current.range)
        }
        return result
    }

    mutating func additive() throws(SyntaxError) -> Expression {
        try binaryLevel([.plus: .add, .minus: .subtract]) { (p: inout Parser) throws(SyntaxError) in try p.multiplicative() }
    }

    mutating func multiplicative() throws(SyntaxError) -> Expression {
        try binaryLevel([.star: .multiply, .slash: .divide, .at: .matmul]) { (p: inout Parser) throws(SyntaxError) in try p.unary() }
    }

    mutating func unary() throws(SyntaxError) -> Expression {
        if check(.minus) || check(.bang) {
            let op = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Parser.maximumDepth else {
                throw SyntaxError("the command nests more than \(Parser.maximumDepth) levels deep", op.range)
            }
            let operand = try unary()
            let kind: UnaryOperator = op.kind == .symbol(.minus) ? .negate : .not
            return Expression(.unary(kind, operand), SourceRange(start: op.range.start, end: operand.range.end))
        }
        return try postfix()
    }

    mutating func postfix() throws(SyntaxError) -> Expression {
        var base = try primary()
        while true {
            if match(.leftParen) {
                let arguments = try self.arguments()
                let close = try expect(.rightParen, "to close the argument list")
                base = Expression(.call(base, arguments), SourceRange(start: base.range.start, end: close.range.end))
            } else if match(.leftBracket) {
                var indices = [try expression()]
                while match(.comma) { indices.append(try expression()) }
                let close = try expect(.rightBracket, "to close the index")
                base = Expression(.index(base, indices), SourceRange(start: base.range.start, end: close.range.end))
            } else if match(.dot) {
                guard case .identifier(let name) = current.kind else {
                    throw SyntaxError("expected a member name after '.', found \(current.described)", current.range)
                }
                let nameToken = advance()
                base = Expression(.member(base, name), SourceRange(start: base.range.start, end: nameToken.range.end))
            } else {
                return base
            }
        }
    }

    mutating func arguments() throws(SyntaxError) -> [CallArgument] {
        if check(.rightParen) { return [] }
        var result = [try argument()]
        while match(.comma) { result.append(try argument()) }
        return result
    }

    mutating func argument() throws(SyntaxError) -> CallArgument {
        if case .identifier(let label) = current.kind, tokens[position + 1].kind == .symbol(.colon) {
            _ = advance()
            _ = advance()
            return CallArgument(label: label, value: try expression())
        }
        return CallArgument(label: nil, value: try expression())
    }

    mutating func primary() throws(SyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Expression(.number(value), token.range)
        case .string(let value):
            _ = advance()
            return Expression(.string(value), token.range)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return Expression(.bool(token.kind == .keyword(.true)), token.range)
        case .identifier(let name):
            _ = advance()
            return Expression(.name(name), token.range)
        case .symbol(.leftParen):
            _ = advance()
            let inner = try expression()
            _ = try expect(.rightParen, "to close '('")
            return inner
        case .symbol(.leftBracket):
            _ = advance()
            var elements: [Expression] = []
            if !check(.rightBracket) {
                elements.append(try expression())
                while match(.comma) {
                    if check(.rightBracket) { break }
                    elements.append(try expression())
                }
            }
            let close = try expect(.rightBracket, "to close the array")
            return Expression(.array(elements), SourceRange(start: token.range.start, end: close.range.end))
        case .keyword(.let):
            throw SyntaxError("'let' can only start a command", token.range)
        case .end:
            throw SyntaxError("expected an expression, found \(token.described)", token.range)
        case .symbol:
            throw SyntaxError("expected an expression, found \(token.described)", token.range)
        }
    }
}
