import CahierLearning

/// A parsed notebook: its source, settings and command blocks. Parsing never
/// runs anything; ``NotebookRun`` does.
public struct Notebook: Sendable {
    public let source: SourceText
    public var settings: NotebookSettings
    /// The last line of the front matter, or 0 without front matter.
    public let frontMatterLastLine: Int
    /// The plain text of the first heading, if there is one.
    public let firstHeading: String?
    public let blocks: [CommandBlock]
    /// The lines of every code block, command blocks or not (math is never looked for in them).
    public let codeLines: [ClosedRange<Int>]
    /// Warnings found while parsing (the notebook is still usable).
    public let warnings: [Diagnostic]

    /// The title: the front matter's, else the first heading's text, else nil.
    public var title: String? { settings.title ?? firstHeading }

    /// The path the notebook was read from.
    public var path: String { source.path }
}

/// A fenced code block whose info string starts with `cahier`.
public struct CommandBlock: Sendable {
    /// The block's index among all code blocks of the document, in cmark's order.
    public var ordinal: Int
    /// The line of the opening fence.
    public var openLine: Int
    /// The line of the closing fence.
    public var closeLine: Int
    public var options: BlockOptions
    public var commands: [Command]
}

/// One command of a transcript: the `> ` line, its `| ` continuation lines,
/// and the expected output under them.
public struct Command: Sendable {
    public var text: CommandText
    public var program: Program
    /// The line of the `> `.
    public var line: Int
    /// The last line of the command (its last continuation line).
    public var lastLine: Int
    public var expected: ExpectedOutput
}

/// The expected output of a command, as written in the notebook.
public struct ExpectedOutput: Sendable, Hashable {
    public enum Line: Sendable, Hashable {
        case text(String)
        /// `...`: matches any run of lines, none included.
        case wildcard
    }

    public var lines: [Line]
    /// The source lines that hold the output, trailing blank lines excluded;
    /// empty (at the line after the command) when there is no output.
    public var sourceLines: Range<Int>
    /// The container prefix (`> ` of a block quote, a list item's indentation)
    /// that new output lines get: the one of the command's line.
    public var prefix: [UInt8]
    /// The line terminator new output lines get: the one of the command's line.
    public var lineEnding: [UInt8]

    /// Whether no output is expected: no line, or only blank ones (which the
    /// comparison drops), so that only an outcome without a line matches.
    public var showsNothing: Bool {
        lines.allSatisfy { if case .text(let text) = $0 { text.trimmingTrailingWhitespace().isEmpty } else { false } }
    }
}
