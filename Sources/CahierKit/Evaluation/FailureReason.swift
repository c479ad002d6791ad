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
    /// A tensor operation refused its operands: shapes that do not match, an index out of range…
    case tensor(TensorError)
    /// A call's arguments that do not fit the function's parameters: one missing, one too many.
    case call(CallMistake)
    /// A value of another kind than a parameter, a result or a typed binding asks for.
    case wrongKind(WrongKind)
    /// A builtin, a method or the language asked for what it does not do: a value of
    /// the wrong kind or out of its domain, a member a value does not have, a name that cannot be bound.
    case misuse(Misuse)
    /// Any other failure, in English words written where it happened.
    case other(String)

    /// What to write instead of an unknown name.
    public enum NameHint: Sendable, Hashable, Codable {
        /// Names bound or built in that it may be a misspelling of.
        case closeNames([String])
        /// Cahier's camelCase spelling of a snake_case name (`zeroGrad` for `zero_grad`).
        case camelCase(String)
        /// Cahier's way for a Python name (`True`, `None`, `np`), from the catalogue.
        case python(PythonName)
        /// `module.member` for Python's module `module` (`np.zeros`): Cahier's builtin `member`, with its signature.
        case builtin(module: String, member: String, signature: String)
        /// Advice in English words written where it happened.
        case advice(String)
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
        switch self {
        case .unknownName(let name, let hint):
            return language.text("reason.unknown-name", ["name": NameSuggestions.shown(name)]) + hint.words(in: language)
        case .unknownFunction(let name, let hint):
            return language.text("reason.unknown-function", ["name": NameSuggestions.shown(name)]) + hint.words(in: language)
        case .undeclared(let name):
            return language.text("reason.undeclared", ["name": NameSuggestions.shown(name)])
        case .expectationFailed(let expectation):
            return language.text("reason.expectation-failed", ["message": expectation.message])
        case .notDone(let exercise):
            return language.text("reason.not-done", ["exercise": exercise])
        case .limit(let limit):
            return limit.message(in: language)
        case .interrupted:
            return language.text("reason.interrupted")
        case .tensor(let error):
            return Self.message(of: error, in: language)
        case .call(let mistake):
            return mistake.message(in: language)
        case .wrongKind(let wrong):
            return wrong.message(in: language)
        case .misuse(let misuse):
            return misuse.message(in: language)
        case .other(let message):
            return language.wording(of: message)
        }
    }
}

extension FailureReason {
    /// A tensor operation's refusal, in `language`.
    static func message(of error: TensorError, in language: Language) -> String {
        switch error {
        case .invalidShape(let shape): return language.text("tensor.invalid-shape", ["shape": Tensor.describe(shape)])
        case .countMismatch(let shape, let count):
            return language.text("tensor.count-mismatch", ["count": String(count), "shape": Tensor.describe(shape)])
        case .shapeMismatch(let operation, let a, let b):
            return language.text("tensor.shape-mismatch", ["operation": operation, "left": Tensor.describe(a), "right": Tensor.describe(b)])
        case .axisOutOfRange(let axis, let rank): return language.text("tensor.axis-out-of-range", ["axis": String(axis), "rank": String(rank)])
        case .indexOutOfRange(let index, let extent):
            return language.text("tensor.index-out-of-range", ["index": String(index), "extent": String(extent)])
        case .rankMismatch(let operation, let expected, let actual):
            // `expected` is English words written where the check was made ("a matrix").
            return language.text("tensor.rank-mismatch", ["operation": operation, "expected": expected, "rank": String(actual)])
        case .empty(let operation): return language.text("tensor.empty", ["operation": operation])
        case .invalid(let message): return language.wording(of: message)
        }
    }
}

extension FailureReason.NameHint {
    /// The hint's words after the message ("; did you mean 'a' or 'b'?"), or nothing.
    func words(in language: Language) -> String {
        switch self {
        case .closeNames(let names):
            return names.isEmpty ? "" : language.text("hint.did-you-mean", ["names": language.list(names.prefix(3).map { "'\($0)'" }, "list.or")])
        case .camelCase(let name): return language.text("hint.camel-case", ["name": name])
        case .python(let habit): return language.text("hint.python", ["advice": habit.advice(in: language)])
        case .builtin(let module, let member, let signature):
            return language.text("hint.builtin", ["module": module, "member": member, "signature": signature])
        case .advice(let advice): return language.wording(of: "; " + advice)
        }
    }
}

extension FailureReason.Limit {
    /// The limit's message, in `language`.
    func message(in language: Language) -> String {
        switch self {
        case .commandWork(let n): return language.text("limit.command-work", ["limit": String(n)])
        case .notebookWork(let n): return language.text("limit.notebook-work", ["limit": String(n)])
        case .callDepth(let n): return language.text("limit.call-depth", ["limit": String(n)])
        case .memory(let n): return language.text("limit.memory", ["limit": Memory.describe(n)])
        case .memoryFor(let what, let bytes, let limit):
            return language.text("limit.memory-for", ["what": what, "bytes": Memory.describe(bytes), "limit": Memory.describe(limit)])
        case .commandOutput(let n): return language.text("limit.command-output", ["limit": String(n)])
        case .notebookOutput(let n): return language.text("limit.notebook-output", ["limit": String(n)])
        case .elements(let what, let limit): return language.text("limit.elements", ["what": what, "limit": String(limit)])
        case .time(let seconds): return language.text("limit.time", ["seconds": language.number(seconds)])
        case .checkWork(let limit, let solution, let factor):
            let (scaled, overflow) = solution.multipliedReportingOverflow(by: factor)
            let values = ["limit": String(limit), "solution": String(solution), "factor": String(factor)]
            return language.text(!overflow && scaled == limit ? "limit.check-work" : "limit.check-work-floor", values)
        }
    }
}
