/// What a student who knows Python, NumPy or PyTorch writes out of habit, and
/// what Cahier writes instead: the lexer, the parser and the evaluator consult
/// it when they meet such a habit, so that every error names the Cahier way at
/// the habit's own token. The habits of the syntax and Python's names are typed
/// (``PythonHabit``, ``CharacterHabit``, ``PythonName``), their advice in the
/// catalogues; the advice on modules' members and methods is still English here.
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

    /// Advice for `module.member` where `module` is Python's name for NumPy,
    /// PyTorch or math: the builtin to call, with its signature, when Cahier has one of that name.
    public static func module(_ module: String, member: String, signature: String?) -> String? {
        guard let general = name(module), ["np", "numpy", "torch", "nn", "F", "optim", "math"].contains(module) else { return nil }
        guard let signature else { return general }
        return "Cahier needs no import: \(module).\(member) is the builtin \(signature)"
    }

    /// Advice for `x.name(…)` when x has no method `name` but Cahier has a
    /// function of that name (NumPy's `x.sum()`, `x.reshape(2, 2)`): the function call to write.
    public static func methodAsFunction(_ name: String, arguments: Int) -> String {
        "Cahier writes it as a function: \(name)(x\(arguments > 0 ? ", …" : "")) where NumPy writes x.\(name)(\(arguments > 0 ? "…" : ""))"
    }

    /// Advice for a method that Python objects have and Cahier's values do not, or nil.
    public static func method(_ name: String, on type: String) -> String? {
        switch name {
        case "append" where type == "Tensor":
            return "a tensor keeps its size; collect values in a list (var xs = list(); xs.append(v)) or join tensors with concat(a, b)"
        case "item": return "a number is already a number; x[0] reads the element of a one-element vector"
        case "size": return "read its shape with x.shape, and the length of its first axis with len(x)"
        case "numpy", "tolist", "cpu": return "Cahier's values need no conversion; use the value as it is"
        default: return nil
        }
    }

    /// `zero_grad` → `zeroGrad`: Python's snake_case as Cahier's camelCase, or nil when there is no `_` inside.
    public static func camelCase(_ name: String) -> String? {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard parts.count > 1, !name.hasPrefix("_") else { return nil }
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Advice for calling an object as a function (PyTorch's `net(x)`): the
    /// method that computes its output, given the methods its type has.
    public static func call(methods: [String]) -> String? {
        if methods.contains("forward") { return "its output is net.forward(x), which PyTorch writes net(x)" }
        if methods.contains("predict") { return "its predictions are model.predict(x)" }
        return nil
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
