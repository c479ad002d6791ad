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
