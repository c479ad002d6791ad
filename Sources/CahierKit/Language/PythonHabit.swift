/// A Python habit in the syntax of a command, as data: the word or form a
/// student used to Python writes where Cahier writes something else. Its
/// advice is the catalogue's `python.KEY` in the notebook's ``Language``.
public enum PythonHabit: String, Sendable, Hashable, Codable, CaseIterable {
    case def, lambda, `import`, from, not, and, or, elif, `is`, pass, with, `class`
    /// `[x * 2 for x in xs]`: a list comprehension or a generator.
    case comprehension
    /// `a if c else b`: Python's conditional expression.
    case conditional

    /// The habit of a Python word, or nil for a word Cahier reads as its own.
    public init?(word: String) {
        guard let habit = PythonHabit(rawValue: word), habit != .comprehension, habit != .conditional else { return nil }
        self = habit
    }

    /// Whether the word comes just before the token that fails (`def f`, `not x`)
    /// rather than being that token itself (`a and b` fails at `and`).
    var comesBefore: Bool {
        switch self {
        case .def, .lambda, .import, .from, .not, .with, .class: return true
        case .and, .or, .elif, .is, .pass, .comprehension, .conditional: return false
        }
    }

    /// What Cahier writes instead, in `language`.
    public func advice(in language: Language) -> String {
        language.text("python." + rawValue)
    }
}

/// A character the lexer refuses that comes from a habit (Python's `#` and
/// `'`, the lecture's `·`, `×`, `≤`, `²`…), as data; its advice is the
/// catalogue's `python.character.KEY`.
public enum CharacterHabit: String, Sendable, Hashable, Codable, CaseIterable {
    case comment, quote, multiply, divide, minus
    case lessEqual = "less-equal", greaterEqual = "greater-equal", notEqual = "not-equal"
    case square, cube, root, caret, ampersand, bar, tilde

    /// The habit `character` comes from, or nil.
    public init?(character: String) {
        switch character {
        case "#": self = .comment
        case "'": self = .quote
        case "·", "×": self = .multiply
        case "÷": self = .divide
        case "−", "–": self = .minus
        case "≤": self = .lessEqual
        case "≥": self = .greaterEqual
        case "≠": self = .notEqual
        case "²": self = .square
        case "³": self = .cube
        case "√": self = .root
        case "^": self = .caret
        case "&": self = .ampersand
        case "|": self = .bar
        case "~": self = .tilde
        default: return nil
        }
    }

    /// What to write instead, in `language`.
    public func advice(in language: Language) -> String {
        language.text("python.character." + rawValue)
    }
}

/// A Python, NumPy or PyTorch name that Cahier does not bind (`True`, `np`),
/// as data: the unknown-name error adds the catalogue's `python.name.KEY`.
public enum PythonName: String, Sendable, Hashable, Codable, CaseIterable {
    case trueValue = "true", falseValue = "false", noneValue = "none", selfValue = "self"
    case numpy, torch, math, not, enumerate, zip, int, float, pass

    /// The habit of `name`, or nil for a name that is not one.
    public init?(name: String) {
        switch name {
        case "True": self = .trueValue
        case "False": self = .falseValue
        case "None": self = .noneValue
        case "np", "numpy": self = .numpy
        case "torch", "nn", "F", "optim": self = .torch
        case "math": self = .math
        case "not": self = .not
        case "enumerate": self = .enumerate
        case "zip": self = .zip
        case "int": self = .int
        case "float": self = .float
        case "self": self = .selfValue
        case "pass": self = .pass
        default: return nil
        }
    }

    /// What Cahier writes instead, in `language`.
    public func advice(in language: Language) -> String {
        language.text("python.name." + rawValue)
    }
}
