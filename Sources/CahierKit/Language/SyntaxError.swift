/// A syntax error in a command: why, as data, and the range of the offending text.
///
/// The words are derived from the reason in a ``Language`` (``message(in:)``),
/// so a French notebook reads its syntax errors in French, and nothing that
/// decides (a grade, an exit code) reads them.
public struct SyntaxError: Error, Sendable, Hashable {
    public var reason: Reason
    public var range: SourceRange

    public init(_ reason: Reason, _ range: SourceRange) {
        self.reason = reason
        self.range = range
    }

    /// Why a command cannot be read.
    public enum Reason: Sendable, Hashable {
        /// A character outside strings and comments that no token starts with, and the habit it comes from.
        case unexpectedCharacter(String, habit: CharacterHabit?)
        /// `2x`: a letter right after a number.
        case letterAfterNumber
        /// Digits that do not make a number.
        case malformedNumber(String)
        /// A number past the largest `Double`.
        case numberTooLarge(String)
        /// A string without its closing quote on the line.
        case unterminatedString
        /// A backslash before a character that has no escape.
        case unknownEscape
        /// A symbol that must come here, what it does there, and the token found instead.
        case expected(Token.Symbol, Context, found: Token.Kind)
        /// A block's `{` missing (after `:` Python's block is named).
        case expectedBlock(Context, found: Token.Kind)
        /// A keyword where a name must come.
        case keywordAsName(Token.Keyword, NameRole)
        /// Something else where a name must come.
        case expectedName(NameRole, found: Token.Kind)
        /// Nesting deeper than ``Parser/maximumDepth``; `split` advises splitting an expression with `let`.
        case tooDeep(limit: Int, split: Bool)
        /// More after a complete command.
        case endOfCommandExpected(found: Token.Kind)
        /// More after a complete statement on its line.
        case endOfStatementExpected(found: Token.Kind)
        /// `func` inside a block or a function.
        case functionNotAtTop
        /// `break` or `continue` outside a loop.
        case outsideLoop(Token.Keyword)
        /// `return` outside a function.
        case returnOutsideFunction
        /// `let x` or `var x` without `=`.
        case missingEquals(Token.Keyword, found: Token.Kind)
        /// A parameter `_` without its name.
        case missingParameterName
        /// Something else where a type must come.
        case expectedType(found: Token.Kind)
        /// `for x` without `in`.
        case forWithoutIn(found: Token.Kind)
        /// An assignment to something other than a name or an element.
        case badAssignmentTarget
        /// `a < b < c`.
        case chainedComparison
        /// Something else than a name after `.`.
        case memberName(found: Token.Kind)
        /// `f(label=…)`: Python's keyword argument.
        case labelEquals(String)
        /// A keyword that starts a statement, met inside an expression.
        case keywordInExpression(Token.Keyword)
        /// Something else where an expression must come.
        case expectedExpression(found: Token.Kind)
        /// A Python habit in the syntax: what Cahier writes instead.
        case python(PythonHabit)
    }

    /// What an expected symbol or block does where it was expected.
    public enum Context: String, Sendable, Hashable, CaseIterable {
        case afterFunctionName = "after-function-name"
        case closeParameters = "close-parameters"
        case closeArrayType = "close-array-type"
        case betweenConditionalValues = "between-conditional-values"
        case closeArguments = "close-arguments"
        case closeIndex = "close-index"
        case closeParenthesis = "close-parenthesis"
        case closeArray = "close-array"
        case closeBlock = "close-block"
        case whileCondition = "while-condition"
        case ifCondition = "if-condition"
        case forSequence = "for-sequence"
        case afterElse = "after-else"
        case afterNoGrad = "after-no-grad"
        case functionBody = "function-body"
    }

    /// Which name was expected.
    public enum NameRole: Sendable, Hashable {
        /// The name bound by `let` or `var`.
        case binding(Token.Keyword)
        /// The function's name after `func`.
        case function
        /// A parameter's name or label.
        case parameter
        /// The loop variable after `for`.
        case loopVariable
    }
}
