import Foundation

/// A recursive-descent parser; each method is named after the grammar rule it reads.
///
///     command        := statements
///     statements     := SEP* (statement (SEP+ statement)*)? SEP*        SEP: a line break or ";"
///     statement      := binding | function | if | for | while | "break" | "continue" | return | noGrad | assignment
///     binding        := ("let" | "var") IDENT (":" type)? "=" expression
///     function       := "func" IDENT "(" parameters? ")" ("->" type)? block
///     parameter      := (IDENT | "_")? IDENT (":" type)? ("=" expression)?
///     if             := "if" expression block ("else" (if | block))?
///     for            := "for" IDENT "in" expression block
///     while          := "while" expression block
///     return         := "return" expression?
///     noGrad         := "noGrad" block
///     block          := "{" statements "}"
///     assignment     := expression (("=" | "+=" | "-=" | "*=" | "/=") expression)?
///     expression     := conditional
///     conditional    := or ("?" expression ":" expression)?
///     or             := and ("||" and)*
///     and            := comparison ("&&" comparison)*
///     comparison     := range (("<" | "<=" | ">" | ">=" | "==" | "!=") range)?
///     range          := additive (("..<" | "...") additive)?
///     additive       := multiplicative (("+" | "-") multiplicative)*
///     multiplicative := unary (("*" | "/" | "%" | "@") unary)*
///     unary          := ("-" | "!") unary | power
///     power          := postfix ("**" unary)?
///     postfix        := primary ("(" arguments? ")" | "[" index ("," index)* "]" | "." IDENT)*
///     index          := expression | expression? ":" expression? (":" expression?)?
///     arguments      := argument ("," argument)*
///     argument       := (IDENT ":")? expression
///     primary        := NUMBER | STRING | "true" | "false" | IDENT | "(" expression ")" | "[" elements? "]"
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    /// How deep the parser is in nested rules; deep nesting is refused
    /// rather than allowed to exhaust the stack.
    private var nesting = 0
    /// How many loops, functions and blocks enclose the current statement.
    private var loops = 0, functions = 0, blocks = 0
    /// The deepest nesting of expressions and blocks a command may have.
    public static let maximumDepth = 200

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses one command.
    public static func parse(_ command: CommandText) throws(SyntaxError) -> Program {
        var lexer = Lexer(command)
        let tokens = try lexer.tokenize()
        if tokens.allSatisfy({ $0.kind == .end || $0.kind == .newline }) {
            let text = command.text.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("//") { return Program(text: command, statements: [], comment: String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces)) }
        }
        var parser = Parser(tokens: tokens)
        do throws(SyntaxError) {
            let statements = try parser.statements()
            guard parser.current.kind == .end else {
                throw SyntaxError(.endOfCommandExpected(found: parser.current.kind), parser.current.range)
            }
            return Program(text: command, statements: statements)
        } catch {
            // A Python habit at the failing token (or just before it) says what Cahier writes instead.
            throw PythonHabits.explain(error, tokens: tokens) ?? error
        }
    }

    // MARK: Tokens

    private var current: Token { tokens[position] }

    private func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func check(_ symbol: Token.Symbol) -> Bool { current.kind == .symbol(symbol) }
    private func check(_ keyword: Token.Keyword) -> Bool { current.kind == .keyword(keyword) }

    private mutating func match(_ symbol: Token.Symbol) -> Bool {
        guard check(symbol) else { return false }
        _ = advance()
        return true
    }

    private mutating func expect(_ symbol: Token.Symbol, _ context: SyntaxError.Context) throws(SyntaxError) -> Token {
        skipNewlines(before: symbol)
        guard check(symbol) else {
            throw SyntaxError(.expected(symbol, context, found: current.kind), current.range)
        }
        return advance()
    }

    /// Line breaks may stand before a closing brace or an `else`.
    private mutating func skipNewlines(before symbol: Token.Symbol) {
        if current.kind == .newline, peekPastNewlines().kind == .symbol(symbol) { _ = advance() }
    }

    private func peekPastNewlines() -> Token {
        var k = 0
        while peek(k).kind == .newline { k += 1 }
        return peek(k)
    }

    /// Line breaks after an operator or `=` do not end the statement: the operand follows.
    private mutating func skipLineBreaks() {
        while current.kind == .newline { _ = advance() }
    }

    private mutating func skipSeparators() {
        while current.kind == .newline || check(.semicolon) { _ = advance() }
    }

    private mutating func name(_ what: SyntaxError.NameRole) throws(SyntaxError) -> Binding.Name {
        guard case .identifier(let text) = current.kind else {
            if case .keyword(let keyword) = current.kind, keyword != .true, keyword != .false {
                throw SyntaxError(.keywordAsName(keyword, what), current.range)
            }
            throw SyntaxError(.expectedName(what, found: current.kind), current.range)
        }
        return Binding.Name(text: text, range: advance().range)
    }

    /// Counts one more level of nesting, refusing more than ``maximumDepth``.
    private mutating func enter(_ range: SourceRange) throws(SyntaxError) {
        nesting += 1
        guard nesting <= Parser.maximumDepth else {
            throw SyntaxError(.tooDeep(limit: Parser.maximumDepth, split: false), range)
        }
    }

    /// A new expression node, refused when it would nest too deep.
    private func node(_ kind: Expression.Kind, _ range: SourceRange, children: [Expression]) throws(SyntaxError) -> Expression {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        guard depth <= Parser.maximumDepth else {
            throw SyntaxError(.tooDeep(limit: Parser.maximumDepth, split: true), range)
        }
        return Expression(kind, range, depth: depth)
    }

    // MARK: Statements

    mutating func statements() throws(SyntaxError) -> [Statement] {
        var result: [Statement] = []
        skipSeparators()
        while current.kind != .end, !check(.rightBrace) {
            result.append(try statement())
            guard current.kind == .newline || check(.semicolon) || current.kind == .end || check(.rightBrace) else {
                if current.kind == .symbol(.equals), case .expression? = result.last?.kind {
                    throw SyntaxError(.endOfCommandExpected(found: current.kind), current.range)
                }
                throw SyntaxError(.endOfStatementExpected(found: current.kind), current.range)
            }
            skipSeparators()
        }
        return result
    }

    mutating func statement() throws(SyntaxError) -> Statement {
        let start = current.range.start
        switch current.kind {
        case .keyword(.let), .keyword(.var): return try binding()
        case .keyword(.func):
            guard blocks == 0 else {
                throw SyntaxError(.functionNotAtTop, current.range)
            }
            return try function()
        case .keyword(.if): return try ifStatement()
        case .keyword(.for): return try forStatement()
        case .keyword(.while):
            _ = advance()
            let condition = try expression()
            loops += 1
            defer { loops -= 1 }
            let body = try block(.whileCondition)
            return Statement(.whileLoop(condition: condition, body: body.statements), SourceRange(start: start, end: body.end))
        case .keyword(.break), .keyword(.continue):
            guard loops > 0 else { throw SyntaxError(.outsideLoop(current.kind == .keyword(.break) ? .break : .continue), current.range) }
            let token = advance()
            return Statement(token.kind == .keyword(.break) ? .breakLoop : .continueLoop, token.range)
        case .keyword(.return):
            guard functions > 0 else { throw SyntaxError(.returnOutsideFunction, current.range) }
            let keyword = advance()
            if current.kind == .newline || current.kind == .end || check(.semicolon) || check(.rightBrace) {
                return Statement(.returnValue(nil), keyword.range)
            }
            let value = try expression()
            return Statement(.returnValue(value), SourceRange(start: start, end: value.range.end))
        case .keyword(.noGrad):
            _ = advance()
            let body = try block(.afterNoGrad)
            return Statement(.noGrad(body.statements), SourceRange(start: start, end: body.end))
        default:
            return try assignment()
        }
    }

    mutating func binding() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let mutable = keyword.kind == .keyword(.var)
        let word: Token.Keyword = mutable ? .var : .let
        let name = try self.name(.binding(word))
        var type: TypeAnnotation?
        if match(.colon) { type = try self.type() }
        guard check(.equals) else {
            throw SyntaxError(.missingEquals(word, found: current.kind), current.range)
        }
        _ = advance()
        skipLineBreaks()
        let value = try expression()
        return Statement(.binding(Binding(mutable: mutable, name: name, value: value, type: type)), SourceRange(start: keyword.range.start, end: value.range.end))
    }

    mutating func function() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let name = try self.name(.function)
        _ = try expect(.leftParen, .afterFunctionName)
        var parameters: [FunctionDeclaration.Parameter] = []
        if !check(.rightParen) {
            repeat {
                parameters.append(try parameter())
            } while match(.comma)
        }
        _ = try expect(.rightParen, .closeParameters)
        var returns: TypeAnnotation?
        if match(.arrow) { returns = try type() }
        functions += 1
        let loopsOutside = loops
        loops = 0
        defer { functions -= 1; loops = loopsOutside }
        let body = try block(.functionBody)
        let declaration = FunctionDeclaration(name: name, parameters: parameters, returns: returns, body: body.statements)
        return Statement(.function(declaration), SourceRange(start: keyword.range.start, end: body.end))
    }

    /// `x`, `_ x`, `rate r`, each with an optional `: Type` and `= default`.
    mutating func parameter() throws(SyntaxError) -> FunctionDeclaration.Parameter {
        var label: String?
        let first = try name(.parameter)
        var name = first
        if case .identifier(let second) = current.kind {
            label = first.text == "_" ? nil : first.text
            name = Binding.Name(text: second, range: advance().range)
        } else {
            guard first.text != "_" else { throw SyntaxError(.missingParameterName, current.range) }
            label = first.text
        }
        var type: TypeAnnotation?
        if match(.colon) { type = try self.type() }
        var defaultValue: Expression?
        if match(.equals) { defaultValue = try expression() }
        return FunctionDeclaration.Parameter(label: label, name: name, type: type, defaultValue: defaultValue)
    }

    mutating func type() throws(SyntaxError) -> TypeAnnotation {
        let start = current.range
        if match(.leftBracket) {
            let element = try type()
            let close = try expect(.rightBracket, .closeArrayType)
            return TypeAnnotation(name: "[\(element.name)]", optional: match(.question), range: SourceRange(start: start.start, end: close.range.end))
        }
        guard case .identifier(let text) = current.kind else {
            throw SyntaxError(.expectedType(found: current.kind), current.range)
        }
        _ = advance()
        let optional = match(.question)
        return TypeAnnotation(name: text, optional: optional, range: start)
    }

    mutating func ifStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let condition = try expression()
        let then = try block(.ifCondition)
        var end = then.end
        var otherwise: [Statement]?
        if current.kind == .newline, peekPastNewlines().kind == .keyword(.else) { _ = advance() }
        if check(.else) {
            _ = advance()
            if check(.if) {
                try enter(current.range)
                defer { nesting -= 1 }
                let nested = try ifStatement()
                otherwise = [nested]
                end = nested.range.end
            } else {
                let block = try block(.afterElse)
                otherwise = block.statements
                end = block.end
            }
        }
        return Statement(.ifElse(condition: condition, then: then.statements, otherwise: otherwise), SourceRange(start: keyword.range.start, end: end))
    }

    mutating func forStatement() throws(SyntaxError) -> Statement {
        let keyword = advance()
        let variable = try name(.loopVariable)
        guard check(.in) else {
            throw SyntaxError(.forWithoutIn(found: current.kind), current.range)
        }
        _ = advance()
        let sequence = try expression()
        loops += 1
        defer { loops -= 1 }
        let body = try block(.forSequence)
        return Statement(.forIn(variable: variable, sequence: sequence, body: body.statements), SourceRange(start: keyword.range.start, end: body.end))
    }

    mutating func block(_ context: SyntaxError.Context) throws(SyntaxError) -> (statements: [Statement], end: SourcePosition) {
        skipNewlines(before: .leftBrace)
        guard check(.leftBrace) else {
            throw SyntaxError(.expectedBlock(context, found: current.kind), current.range)
        }
        try enter(current.range)
        blocks += 1
        defer { nesting -= 1; blocks -= 1 }
        _ = advance()
        let statements = try self.statements()
        guard check(.rightBrace) else {
            throw SyntaxError(.expected(.rightBrace, .closeBlock, found: current.kind), current.range)
        }
        return (statements, advance().range.end)
    }

    mutating func assignment() throws(SyntaxError) -> Statement {
        let target = try expression()
        let operators: [Token.Symbol: BinaryOperator?] = [.equals: nil, .plusEquals: .add, .minusEquals: .subtract, .starEquals: .multiply, .slashEquals: .divide]
        guard case .symbol(let symbol) = current.kind, let op = operators[symbol] else {
            return Statement(.expression(target), target.range)
        }
        switch target.kind {
        case .name, .index: break
        default:
            throw SyntaxError(.badAssignmentTarget, target.range)
        }
        let operatorToken = advance()
        skipLineBreaks()
        let value = try expression()
        return Statement(.assignment(target: target, op: op, value: value), SourceRange(start: target.range.start, end: value.range.end),
                         operatorRange: operatorToken.range)
    }

    // MARK: Expressions

    mutating func expression() throws(SyntaxError) -> Expression {
        try enter(current.range)
        defer { nesting -= 1 }
        return try conditional()
    }

    mutating func conditional() throws(SyntaxError) -> Expression {
        let condition = try or()
        guard match(.question) else { return condition }
        skipLineBreaks()
        let whenTrue = try expression()
        _ = try expect(.colon, .betweenConditionalValues)
        skipLineBreaks()
        let whenFalse = try expression()
        return try node(.conditional(condition, whenTrue, whenFalse), SourceRange(start: condition.range.start, end: whenFalse.range.end),
                        children: [condition, whenTrue, whenFalse])
    }

    private mutating func binaryLevel(
        _ operators: [Token.Symbol: BinaryOperator], repeats: Bool = true,
        operand: (inout Parser) throws(SyntaxError) -> Expression
    ) throws(SyntaxError) -> Expression {
        var left = try operand(&self)
        while case .symbol(let symbol) = current.kind, let op = operators[symbol] {
            _ = advance()
            skipLineBreaks()
            let right = try operand(&self)
            left = try node(.binary(op, left, right), SourceRange(start: left.range.start, end: right.range.end), children: [left, right])
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
        let result = try binaryLevel(operators, repeats: false) { (p: inout Parser) throws(SyntaxError) in try p.rangeExpression() }
        if case .symbol(let symbol) = current.kind, operators[symbol] != nil {
            throw SyntaxError(.chainedComparison, current.range)
        }
        return result
    }

    mutating func rangeExpression() throws(SyntaxError) -> Expression {
        let lower = try additive()
        guard check(.halfOpenRange) || check(.closedRange) else { return lower }
        let closed = advance().kind == .symbol(.closedRange)
        skipLineBreaks()
        let upper = try additive()
        return try node(.range(lower, upper, closed: closed), SourceRange(start: lower.range.start, end: upper.range.end), children: [lower, upper])
    }

    mutating func additive() throws(SyntaxError) -> Expression {
        try binaryLevel([.plus: .add, .minus: .subtract]) { (p: inout Parser) throws(SyntaxError) in try p.multiplicative() }
    }

    mutating func multiplicative() throws(SyntaxError) -> Expression {
        try binaryLevel([.star: .multiply, .slash: .divide, .percent: .remainder, .at: .matmul]) { (p: inout Parser) throws(SyntaxError) in try p.unary() }
    }

    mutating func unary() throws(SyntaxError) -> Expression {
        if check(.minus) || check(.bang) {
            let op = advance()
            try enter(op.range)
            defer { nesting -= 1 }
            let operand = try unary()
            let kind: UnaryOperator = op.kind == .symbol(.minus) ? .negate : .not
            return try node(.unary(kind, operand), SourceRange(start: op.range.start, end: operand.range.end), children: [operand])
        }
        return try power()
    }

    /// `**` binds tighter than a prefix minus on its left (−2 ** 2 is −4) and
    /// groups to the right (2 ** 3 ** 2 is 2 ** 9).
    mutating func power() throws(SyntaxError) -> Expression {
        let base = try postfix()
        guard match(.power) else { return base }
        skipLineBreaks()
        try enter(base.range)
        defer { nesting -= 1 }
        let exponent = try unary()
        return try node(.binary(.power, base, exponent), SourceRange(start: base.range.start, end: exponent.range.end), children: [base, exponent])
    }

    mutating func postfix() throws(SyntaxError) -> Expression {
        var base = try primary()
        while true {
            if match(.leftParen) {
                let arguments = try self.arguments()
                let close = try expect(.rightParen, .closeArguments)
                base = try node(.call(base, arguments), SourceRange(start: base.range.start, end: close.range.end),
                                children: [base] + arguments.map(\.value))
            } else if match(.leftBracket) {
                var items = [try indexItem()]
                while match(.comma) { items.append(try indexItem()) }
                let close = try expect(.rightBracket, .closeIndex)
                let children = items.flatMap { item -> [Expression] in
                    switch item {
                    case .value(let e): return [e]
                    case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }
                    }
                }
                base = try node(.index(base, items), SourceRange(start: base.range.start, end: close.range.end), children: [base] + children)
            } else if check(.dot) {
                _ = advance()
                guard case .identifier(let name) = current.kind else {
                    throw SyntaxError(.memberName(found: current.kind), current.range)
                }
                let nameToken = advance()
                base = try node(.member(base, name), SourceRange(start: base.range.start, end: nameToken.range.end), children: [base])
            } else {
                return base
            }
        }
    }

    /// One index: an expression, or a slice `start:end:step` with any part left out.
    mutating func indexItem() throws(SyntaxError) -> IndexItem {
        var start: Expression?
        if !check(.colon) {
            start = try expression()
            guard check(.colon) else { return .value(start ?? Expression(.number(0), current.range)) }
        }
        _ = advance()
        var end: Expression?, step: Expression?
        if !check(.colon), !check(.comma), !check(.rightBracket) { end = try expression() }
        if match(.colon), !check(.comma), !check(.rightBracket) { step = try expression() }
        return .slice(start: start, end: end, step: step)
    }

    mutating func arguments() throws(SyntaxError) -> [CallArgument] {
        if check(.rightParen) { return [] }
        var result = [try argument()]
        while match(.comma) { result.append(try argument()) }
        return result
    }

    mutating func argument() throws(SyntaxError) -> CallArgument {
        if case .identifier(let label) = current.kind {
            if peek(1).kind == .symbol(.colon) {
                _ = advance()
                _ = advance()
                return CallArgument(label: label, value: try expression())
            }
            if peek(1).kind == .symbol(.equals) {
                throw SyntaxError(.labelEquals(label), peek(1).range)
            }
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
            _ = try expect(.rightParen, .closeParenthesis)
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
            if check(.for) {
                throw SyntaxError(.python(.comprehension), current.range)
            }
            let close = try expect(.rightBracket, .closeArray)
            return try node(.array(elements), SourceRange(start: token.range.start, end: close.range.end), children: elements)
        case .keyword(let keyword):
            throw SyntaxError(.keywordInExpression(keyword), token.range)
        case .newline, .end:
            throw SyntaxError(.expectedExpression(found: token.kind), token.range)
        case .symbol:
            throw SyntaxError(.expectedExpression(found: token.kind), token.range)
        }
    }
}
