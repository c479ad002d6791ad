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

        public init(function: String, callSite: SourceRange, definition: CommandText) {
            self.function = function
            self.callSite = callSite
            self.definition = definition
        }
    }

    /// What went wrong, for the reader; it holds no position.
    public var message: String
    /// The expression that failed, in the file, when known.
    public var range: SourceRange?
    /// The calls that led to the failure, innermost first.
    public var trace: [Frame] = []
    /// Whether the command was stopped by an ``Interruption`` (Ctrl-C), not by what it did.
    public var interrupted = false

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

extension RuntimeError {
    /// A tensor operation's failure, in its own words.
    init(_ error: TensorError) { self.init(error.description) }
}
