import CahierLearning

/// A failure while running a command: what went wrong, where, and through
/// which calls. It ends the command (its outcome carries it) and the notebook
/// goes on.
public struct RuntimeError: Error, Sendable, Hashable {
    /// One function call on the way to the failure.
    public struct Frame: Sendable, Hashable {
        /// The function that was running, as `name(_:label:)`.
        public var function: String
        /// Where it was called, in the file.
        public var callSite: SourceRange
        /// The command that declared the function.
        public var definition: CommandText
        /// Whether a student's answer declared the function (its lines are the student's to see).
        public var isAnswer: Bool

        public init(function: String, callSite: SourceRange, definition: CommandText, isAnswer: Bool = false) {
            self.function = function
            self.callSite = callSite
            self.definition = definition
            self.isAnswer = isAnswer
        }
    }

    /// Why the command failed, as data: what checking and grading decide from.
    public var reason: FailureReason
    /// The expression that failed, in the file, when known.
    public var range: SourceRange?
    /// The calls that led to the failure, innermost first.
    public var trace: [Frame] = []
    /// What an `expect`'s condition had computed when comparing failed (`==` of
    /// shapes that do not pair): the sides, for the reader.
    public var compared: [Expectation.Comparison] = []
    /// The side of an `expect`'s comparison that was being computed when it failed, as written,
    /// when it is the student's (`accuracy(mlp.classify(test.x), test.y)`).
    public var computing: String?

    /// What went wrong, for the reader, in English; it holds no position.
    public var message: String { reason.message() }

    /// What went wrong, in `language`.
    public func message(in language: Language) -> String { reason.message(in: language) }

    /// Whether the command was stopped by an ``Interruption`` (Ctrl-C), not by what it did.
    public var interrupted: Bool { reason == .interrupted }

    /// A failure whose reason is only its words.
    public init(_ message: String, at range: SourceRange? = nil) {
        self.init(.other(message), at: range)
    }

    public init(_ reason: FailureReason, at range: SourceRange? = nil) {
        self.reason = reason
        self.range = range
    }
}

extension RuntimeError {
    /// A tensor operation's failure: typed, so that its message follows the
    /// notebook's language (an argument's own message stays in its words).
    init(_ error: TensorError) {
        if case .invalid(let message) = error {
            self.init(message)
        } else {
            self.init(.tensor(error))
        }
    }
}
