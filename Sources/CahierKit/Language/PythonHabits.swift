/// What a student who knows Python, NumPy or PyTorch writes out of habit, and
/// what Cahier writes instead: the lexer, the parser and the evaluator consult
/// it when they meet such a habit, so that every error names the Cahier way at
/// the habit's own token. The habits of the syntax and Python's names are typed
/// (``PythonHabit``, ``CharacterHabit``, ``PythonName``, ``Misuse/PythonMethod``,
/// ``Misuse/CallAdvice``), their advice in the catalogues; the advice on modules' members is still English here.
///
/// Advice only replaces an error: a notebook that runs is never changed by it.
public enum PythonHabits {
    /// A syntax error explained by the Python habit at or just before its token, or nil.
    /// `tokens` are the command's tokens; the error's range is the failing token's.
    public static func explain(_ error: SyntaxError, tokens: [Token]) -> SyntaxError? {
        guard let k = tokens.firstIndex(where: { $0.range == error.range }) else { return nil }
        let token = tokens[k]
        if let word = token.word, let habit = PythonHabit(word: word), !habit.comesBefore {
            return SyntaxError(.python(habit), token.range)
        }
        if token.kind == .keyword(.for), k > 0, tokens[k - 1].endsOperand {
            return SyntaxError(.python(.comprehension), token.range)
        }
        if token.kind == .keyword(.if), k > 0, tokens[k - 1].endsOperand {
            return SyntaxError(.python(.conditional), token.range)
        }
        guard k > 0, let word = tokens[k - 1].word, let habit = PythonHabit(word: word), habit.comesBefore else { return nil }
        let startsOperand: Bool
        switch token.kind {
        case .identifier, .number, .string, .keyword(.true), .keyword(.false): startsOperand = true
        case .symbol(let s): startsOperand = s == .leftParen || s == .leftBracket || s == .bang || s == .minus || (habit == .lambda && s == .colon)
        default: startsOperand = false
        }
        guard startsOperand else { return nil }
        return SyntaxError(.python(habit), tokens[k - 1].range)
    }

    /// Advice after "unknown name 'x'" or "unknown function 'x'" for a Python name, in English, or nil
    /// (the unknown-name error itself carries the typed ``PythonName``).
    public static func name(_ name: String) -> String? {
        PythonName(name: name)?.advice(in: .english)
    }

    /// The hint for `module.member` where `module` is Python's name for NumPy,
    /// PyTorch or math: the builtin to call, with its signature, when Cahier has
    /// one of that name, else the module's own advice; nil for another name.
    public static func module(_ module: String, member: String, signature: String?) -> FailureReason.NameHint? {
        guard let python = PythonName(name: module), ["np", "numpy", "torch", "nn", "F", "optim", "math"].contains(module) else { return nil }
        guard let signature else { return .python(python) }
        return .builtin(module: module, member: member, signature: signature)
    }

    /// `zero_grad` → `zeroGrad`: Python's snake_case as Cahier's camelCase, or nil when there is no `_` inside.
    public static func camelCase(_ name: String) -> String? {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard parts.count > 1, !name.hasPrefix("_") else { return nil }
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

}

extension Token {
    /// The token's text when it is a word (a name or a keyword), else nil.
    var word: String? {
        switch kind {
        case .identifier(let name): return name
        case .keyword(let keyword): return keyword.rawValue
        default: return nil
        }
    }

    /// Whether the token may end an operand: a name, a literal, `)` or `]`
    /// (so that `x for` and `a if` read as Python's comprehension and conditional).
    var endsOperand: Bool {
        switch kind {
        case .identifier, .number, .string, .keyword(.true), .keyword(.false), .symbol(.rightParen), .symbol(.rightBracket): return true
        default: return false
        }
    }
}
