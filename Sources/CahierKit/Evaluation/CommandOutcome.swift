/// What running one command gave: the lines it printed and the value it
/// showed, in order, the figures it drew, and the error that stopped it.
///
/// The transcript of a command (what `check` compares, `run --update` writes
/// and the site shows) is ``lines``: the output lines, then the error's lines.
public struct CommandOutcome: Sendable, Hashable {
    /// One line of output.
    public enum Line: Sendable, Hashable {
        /// A line of text, printed or showing a value.
        case text(String)
        /// A figure shown as a value (its transcript line is `[figure: TITLE]`).
        case figure(Figure)

        /// The line as the transcript has it.
        public var text: String {
            switch self {
            case .text(let text): return TranscriptText.visible(text)
            case .figure(let figure): return TranscriptText.visible(figure.transcriptLine)
            }
        }
    }

    /// What the command printed, then the lines showing its value.
    public var output: [Line]
    /// Every figure the command drew, shown or not, in the order drawn.
    public var figures: [Figure]
    /// Why the command stopped, when it failed.
    public var error: RuntimeError?

    /// The functions of students' answers the command called, by name, sorted.
    public var calledAnswers: [String] = []

    /// The command the error is placed in, and the language its lines are worded in.
    private let command: CommandText?
    private let language: Language

    /// The lines that say what the error was and where, within the command,
    /// worded when read: grading decides from the error's reason and words
    /// only the failures it reports, so a hand-in's errors cost no wording there.
    public var errorLines: [String] {
        error.map { ErrorText.lines($0, in: command, language: language).map(TranscriptText.visible) } ?? []
    }

    public init(output: [Line] = [], figures: [Figure] = [], error: RuntimeError? = nil, command: CommandText? = nil,
                language: Language = .english) {
        self.output = output
        self.figures = figures
        self.error = error
        self.command = error == nil ? nil : command
        self.language = language
    }

    /// The transcript lines: the output, then `error: …` (a message over several
    /// lines gives several lines).
    public var lines: [String] {
        output.map(\.text) + errorLines
    }
}
