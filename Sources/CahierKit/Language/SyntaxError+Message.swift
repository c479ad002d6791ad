extension SyntaxError {
    /// The message, in `language`: the catalogue's `syntax.…` and `python.…` keys.
    public func message(in language: Language) -> String {
        reason.message(in: language)
    }
}

extension SyntaxError.Reason {
    /// The reason's words in `language`.
    public func message(in language: Language) -> String {
        func found(_ kind: Token.Kind) -> String { kind.described(in: language) }
        switch self {
        case .unexpectedCharacter(let character, let habit?):
            return language.text("syntax.unexpected-character-habit", ["character": character, "advice": habit.advice(in: language)])
        case .unexpectedCharacter(let character, nil):
            return language.text("syntax.unexpected-character", ["character": character])
        case .letterAfterNumber: return language.text("syntax.letter-after-number")
        case .malformedNumber(let number): return language.text("syntax.malformed-number", ["number": number])
        case .numberTooLarge(let number): return language.text("syntax.number-too-large", ["number": number])
        case .unterminatedString: return language.text("syntax.unterminated-string")
        case .unknownEscape: return language.text("syntax.unknown-escape")
        case .expected(let symbol, let context, let kind):
            return language.text("syntax.expected", ["symbol": symbol.rawValue, "context": context.words(in: language), "found": found(kind)])
        case .expectedBlock(let context, let kind):
            let expected = language.text("syntax.expected", ["symbol": "{", "context": context.words(in: language), "found": found(kind)])
            return kind == .symbol(.colon) ? expected + language.text("syntax.block-colon") : expected
        case .keywordAsName(let keyword, let role):
            return language.text("syntax.keyword-as-name", ["keyword": keyword.rawValue, "what": role.words(in: language)])
        case .expectedName(let role, let kind):
            return language.text("syntax.expected-name", ["what": role.words(in: language), "found": found(kind)])
        case .tooDeep(let limit, let split):
            return language.text(split ? "syntax.too-deep-split" : "syntax.too-deep", ["limit": String(limit)])
        case .endOfCommandExpected(let kind):
            let key =
                switch kind {
                case .symbol(.equals): "syntax.end-of-command.equals"
                case .symbol(.rightBrace): "syntax.end-of-command.brace"
                default: "syntax.end-of-command"
                }
            return language.text(key, ["found": found(kind)])
        case .endOfStatementExpected(let kind): return language.text("syntax.end-of-statement", ["found": found(kind)])
        case .functionNotAtTop: return language.text("syntax.function-not-at-top")
        case .outsideLoop(let keyword): return language.text("syntax.outside-loop", ["keyword": keyword.rawValue])
        case .returnOutsideFunction: return language.text("syntax.return-outside-function")
        case .missingEquals(let keyword, let kind):
            return language.text("syntax.missing-equals", ["keyword": keyword.rawValue, "found": found(kind)])
        case .missingParameterName: return language.text("syntax.missing-parameter-name")
        case .expectedType(let kind): return language.text("syntax.expected-type", ["found": found(kind)])
        case .forWithoutIn(let kind): return language.text("syntax.for-without-in", ["found": found(kind)])
        case .badAssignmentTarget: return language.text("syntax.bad-assignment-target")
        case .chainedComparison: return language.text("syntax.chained-comparison")
        case .memberName(let kind): return language.text("syntax.member-name", ["found": found(kind)])
        case .labelEquals(let label): return language.text("syntax.label-equals", ["label": label])
        case .keywordInExpression(let keyword): return language.text("syntax.keyword-in-expression", ["keyword": keyword.rawValue])
        case .expectedExpression(let kind): return language.text("syntax.expected-expression", ["found": found(kind)])
        case .python(let habit): return habit.advice(in: language)
        }
    }
}

extension SyntaxError.Context {
    /// What the expected symbol does there, in `language` ("to close the argument list").
    public func words(in language: Language) -> String {
        language.text("syntax.context." + rawValue)
    }
}

extension SyntaxError.NameRole {
    /// The name expected, in `language` ("a name after 'let'").
    public func words(in language: Language) -> String {
        switch self {
        case .binding(let keyword): return language.text("syntax.name.binding", ["keyword": keyword.rawValue])
        case .function: return language.text("syntax.name.function")
        case .parameter: return language.text("syntax.name.parameter")
        case .loopVariable: return language.text("syntax.name.loop-variable")
        }
    }
}

extension Token.Kind {
    /// How the token reads in a message, in `language`: `'('`, `a number`, `the end of the command`.
    public func described(in language: Language) -> String {
        switch self {
        case .number: return language.text("syntax.found.number")
        case .string: return language.text("syntax.found.string")
        case .identifier(let name): return language.text("syntax.found.token", ["token": name])
        case .keyword(let keyword): return language.text("syntax.found.token", ["token": keyword.rawValue])
        case .symbol(let symbol): return language.text("syntax.found.token", ["token": symbol.rawValue])
        case .newline: return language.text("syntax.found.line-end")
        case .end: return language.text("syntax.found.command-end")
        }
    }
}
