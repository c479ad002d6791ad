import CahierLearning

/// Why a command failed, as data. Checking, grading and exit codes decide from
/// the reason, never from its words: the message is derived from it, in the
/// notebook's ``Language``, so rewording or translating a message changes no
/// verdict and no grade.
public enum FailureReason: Sendable, Hashable, Codable {
    /// A name read that nothing binds; the names it may be a misspelling of.
    case unknownName(String, hint: NameHint)
    /// A call of a function that nothing declares.
    case unknownFunction(String, hint: NameHint)
    /// An assignment `x = …` to a name never declared.
    case undeclared(String)
    /// `expect(…)` whose condition did not hold, with what it compared.
    case expectationFailed(Expectation)
    /// `todo("ex1")`: the exercise's answer is still to be written.
    case notDone(exercise: String)
    /// A limit of the notebook's front matter was reached.
    case limit(Limit)
    /// The command was stopped by Ctrl-C, not by what it did.
    case interrupted
    /// Any other failure, in English words written where it happened.
    case other(String)

    /// What to write instead of an unknown name.
    public enum NameHint: Sendable, Hashable, Codable {
        /// Names bound or built in that it may be a misspelling of.
        case closeNames([String])
        /// Cahier's camelCase spelling of a snake_case name (`zeroGrad` for `zero_grad`).
        case camelCase(String)
        /// Cahier's way for a Python habit (`True`, `np`), in words.
        case advice(String)

        var english: String {
            switch self {
            case .closeNames(let names): return FailureReason.hint(names)
            case .camelCase(let name): return "; Cahier's names are camelCase: \(name)"
            case .advice(let advice): return "; " + advice
            }
        }
    }

    /// A limit that stopped a command.
    public enum Limit: Sendable, Hashable, Codable {
        /// The operations one command may do (max-operations).
        case commandWork(Int)
        /// The operations the whole notebook may do (max-notebook-operations).
        case notebookWork(Int)
        /// Nested calls (max-call-depth).
        case callDepth(Int)
        /// Heap memory the notebook holds (max-memory), in bytes.
        case memory(Int)
        /// Heap memory a value about to be made would take past the limit: what, its bytes, the limit.
        case memoryFor(what: String, bytes: Int, limit: Int)
        /// Output of one command (max-output), in bytes.
        case commandOutput(Int)
        /// Output of the whole notebook (max-notebook-output), in bytes.
        case notebookOutput(Int)
        /// The elements of one tensor or list (max-elements): what was to be made, the limit.
        case elements(what: String, limit: Int)
        /// The seconds a grader gives one hand-in.
        case time(seconds: Double)
        /// The operations a grader gives one command: `factor` times the `solution`
        /// operations it needed with the sheet's own solutions (an answer's command, its
        /// solution block) (check-work-factor), or a floor when that is more (check-work-floor).
        case checkWork(limit: Int, solution: Int, factor: Int)
    }

    /// Whether the reason is a limit (work, depth, memory, output, time).
    public var isLimit: Bool {
        if case .limit = self { return true }
        return false
    }

    /// The message, in `language`.
    public func message(in language: Language = .english) -> String {
        language.wording(of: englishMessage)
    }

    /// The message in English, the language the words are written in here.
    private var englishMessage: String {
        switch self {
        case .unknownName(let name, let hint):
            return "unknown name '\(NameSuggestions.shown(name))'" + hint.english
        case .unknownFunction(let name, let hint):
            return "unknown function '\(NameSuggestions.shown(name))'" + hint.english
        case .undeclared(let name):
            return "unknown name '\(NameSuggestions.shown(name))'; declare it first with var \(NameSuggestions.shown(name)) = …"
        case .expectationFailed(let expectation):
            return "expectation failed: " + expectation.message
        case .notDone(let exercise):
            return "exercise \(exercise) is not done yet"
        case .limit(let limit):
            return limit.englishMessage
        case .interrupted:
            return "interrupted (Ctrl-C)"
        case .other(let message):
            return message
        }
    }

    /// "; did you mean 'a' or 'b'?", or nothing.
    static func hint(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; did you mean " + suggestions.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
}

extension FailureReason.Limit {
    fileprivate var englishMessage: String {
        switch self {
        case .commandWork(let n): return "work limit of \(n) operations reached (front matter max-operations)"
        case .notebookWork(let n): return "work limit of \(n) operations for the notebook reached (front matter max-notebook-operations)"
        case .callDepth(let n): return "recursion limit of \(n) nested calls reached (front matter max-call-depth)"
        case .memory(let n):
            return "memory limit of \(Memory.describe(n)) reached (front matter max-memory); values bound to names keep their memory until the names are bound to something smaller"
        case .memoryFor(let what, let bytes, let limit):
            return "\(what) of \(Memory.describe(bytes)) would take the notebook past its memory limit of \(Memory.describe(limit)) (front matter max-memory)"
        case .commandOutput(let n): return "output limit of \(n) bytes for one command reached (front matter max-output)"
        case .notebookOutput(let n): return "output limit of \(n) bytes for the notebook reached (front matter max-notebook-output)"
        case .elements(let what, let limit): return "\(what) is over the limit of \(limit) elements"
        case .time(let seconds): return "time limit of \(Display.number(seconds)) seconds reached (the grader's --timeout)"
        case .checkWork(let limit, let solution, let factor):
            let (scaled, overflow) = solution.multipliedReportingOverflow(by: factor)
            if !overflow, scaled == limit {
                return "work limit of \(limit) operations reached: \(factor) times the \(solution) the sheet's own solution needed here (front matter check-work-factor)"
            }
            return "work limit of \(limit) operations reached, the least a command of the sheet is given (front matter check-work-floor); the sheet's own solution needed \(solution) here"
        }
    }
}
