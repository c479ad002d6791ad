/// What a student who knows Python, NumPy or PyTorch writes out of habit, and
/// what Cahier writes instead: one table that the lexer, the parser and the
/// evaluator consult when they meet such a habit, so that every error names
/// the Cahier way at the habit's own token.
///
/// Advice only replaces an error: a notebook that runs is never changed by it.
public enum PythonHabits {
    /// Advice for a character the lexer refuses: `#`, `'`, and the lecture's `·`, `×`, `−`, `≤`, `²`….
    public static func character(_ character: String) -> String? {
        switch character {
        case "#": return "a comment starts with //, not # as in Python"
        case "'": return "a string is written in double quotes, \"like this\""
        case "·", "×": return "multiply with * (and take a matrix product with @)"
        case "÷": return "divide with /"
        case "−", "–": return "subtract with - (the ASCII minus)"
        case "≤": return "write <="
        case "≥": return "write >="
        case "≠": return "write !="
        case "²": return "square with ** 2, as in x ** 2"
        case "³": return "cube with ** 3, as in x ** 3"
        case "√": return "write sqrt(x)"
        case "^": return "raise to a power with **, as in x ** 2"
        case "&": return "write && for and"
        case "|": return "write || for or"
        case "~": return "write ! for not"
        default: return nil
        }
    }

    /// A Python word that, met where a statement or an operator should be, explains the error.
    /// Keyed by the word; `before` says the word comes just before the failing token.
    private static let words: [String: (before: Bool, advice: String)] = [
        "def": (true, "'def' is Python's; Cahier declares a function with func, as in func double(_ x: Number) -> Number { return 2 * x }"),
        "lambda": (true, "'lambda' is Python's; Cahier has no anonymous functions: declare one with func, as in func addOne(_ x: Number) -> Number { return x + 1 }, and pass its name"),
        "import": (true, "'import' is Python's; Cahier imports nothing: tensors, layers and losses are built in, so np.zeros(3) is zeros(3) (cahier help lists them all)"),
        "from": (true, "'from … import' is Python's; Cahier imports nothing: tensors, layers and losses are built in, so np.zeros(3) is zeros(3) (cahier help lists them all)"),
        "not": (true, "'not' is Python's; Cahier writes !x"),
        "and": (false, "'and' is Python's; Cahier writes a && b"),
        "or": (false, "'or' is Python's; Cahier writes a || b"),
        "elif": (false, "'elif' is Python's; Cahier writes else if: if a { … } else if b { … } else { … }"),
        "is": (false, "'is' is Python's; Cahier compares with == and !="),
        "pass": (false, "'pass' is Python's; a block of Cahier may be empty: { }"),
        "with": (true, "'with' is Python's; Cahier writes noGrad { … } where PyTorch writes with torch.no_grad():"),
        "class": (true, "'class' is Python's; Cahier has no classes: a function takes what it needs as arguments, and the library's models and layers are built in"),
    ]

    /// Advice for `for` inside brackets or parentheses: Python's comprehension or generator.
    public static let comprehension = "a list comprehension [… for x in xs] is Python's; Cahier computes on whole tensors (xs * 2 doubles every element of xs), or builds a list in a loop: var ys = list(); for x in xs { ys.append(x * 2) }"

    /// A syntax error explained by the Python habit at or just before its token, or nil.
    /// `tokens` are the command's tokens; the error's range is the failing token's.
    public static func explain(_ error: SyntaxError, tokens: [Token]) -> SyntaxError? {
        guard let k = tokens.firstIndex(where: { $0.range == error.range }) else { return nil }
        let token = tokens[k]
        if let word = token.word, let habit = words[word], !habit.before {
            return SyntaxError(habit.advice, token.range)
        }
        if token.kind == .keyword(.for), k > 0, tokens[k - 1].endsOperand {
            return SyntaxError(comprehension, token.range)
        }
        if token.kind == .keyword(.if), k > 0, tokens[k - 1].endsOperand {
            return SyntaxError("'a if c else b' is Python's; Cahier writes c ? a : b", token.range)
        }
        guard k > 0, let word = tokens[k - 1].word, let habit = words[word], habit.before else { return nil }
        let startsOperand: Bool
        switch token.kind {
        case .identifier, .number, .string, .keyword(.true), .keyword(.false): startsOperand = true
        case .symbol(let s): startsOperand = s == .leftParen || s == .leftBracket || s == .bang || s == .minus || (word == "lambda" && s == .colon)
        default: startsOperand = false
        }
        guard startsOperand else { return nil }
        return SyntaxError(habit.advice, tokens[k - 1].range)
    }

    /// Advice after "unknown name 'x'" or "unknown function 'x'" for a Python name, or nil.
    public static func name(_ name: String) -> String? {
        switch name {
        case "True": return "Cahier writes true"
        case "False": return "Cahier writes false"
        case "None": return "Cahier has no None: leave an optional argument out, and end a function that gives nothing with return"
        case "np", "numpy": return "Cahier needs no NumPy: tensors and their functions are built in, so np.zeros(3) is zeros(3)"
        case "torch", "nn", "F", "optim":
            return "Cahier needs no PyTorch: tensors, layers, losses and optimizers are built in, so torch.tensor([1, 2]) is [1, 2] and nn.Linear(2, 1) is Linear(inputs: 2, outputs: 1)"
        case "math": return "Cahier's mathematical functions are built in, so math.exp(x) is exp(x)"
        case "not": return "Cahier writes !x for Python's not x"
        case "enumerate": return "Cahier writes for i in 0..<len(xs) { let x = xs[i] … }"
        case "zip": return "Cahier writes for i in 0..<len(xs) { let x = xs[i]; let y = ys[i] … }"
        case "int": return "Cahier's numbers need no conversion; floor(x) rounds down"
        case "float": return "Cahier's numbers need no conversion"
        case "self": return "Cahier has no classes: a function takes what it needs as arguments"
        case "pass": return "a block of Cahier may be empty: { }"
        default: return nil
        }
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
