import CahierLearning
import Foundation

/// Turns a source file into a ``Notebook``: front matter, command blocks and
/// their transcripts, every command parsed. All syntax errors of the file are
/// reported together.
public enum NotebookParser {
    /// The word that opens a command block's info string.
    public static let blockWord = "cahier"

    /// Parses `source`. Its syntax errors are written in its front matter's
    /// `lang`, else in `courseLanguage()`'s (which then becomes the notebook's), else in English.
    public static func parse(_ source: SourceText, courseLanguage: () -> Language? = { nil }) throws(DiagnosticError) -> Notebook {
        var frontMatter = try FrontMatter.read(source)
        if !frontMatter.settings.languageIsGiven, let language = courseLanguage() {
            frontMatter.settings.language = language
        }
        let markdown = maskingLines(source, through: frontMatter.lastLine)
        var diagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var blocks: [CommandBlock] = []
        let document = CommonMark.parse(markdown)
        let codeBlocks = document.codeBlocks
        for (ordinal, node) in codeBlocks.enumerated() {
            let words = node.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.first == Substring(blockWord) else { continue }
            var parser = BlockParser(source: source, node: node, ordinal: ordinal, language: frontMatter.settings.language)
            if let block = parser.parse() { blocks.append(block) }
            diagnostics += parser.diagnostics
        }
        if source.bytes.isEmpty {
            warnings.append(Diagnostic(.warning, "empty notebook: there is nothing to run", path: source.path,
                                       range: SourceRange(at: .init(line: 1, column: 1))))
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return Notebook(source: source, settings: frontMatter.settings, frontMatterLastLine: frontMatter.lastLine,
                        firstHeading: document.firstHeading, blocks: blocks, codeLines: codeBlocks.map { $0.startLine...max($0.startLine, $0.endLine) }, warnings: warnings)
    }

    /// The text cmark sees: the front matter's lines emptied (terminators kept),
    /// so every line number cmark reports is a line number of the file.
    static func maskingLines(_ source: SourceText, through lastLine: Int) -> [UInt8] {
        guard lastLine > 0 else { return source.bytes }
        var bytes: [UInt8] = []
        for line in 1...lastLine { bytes += source.terminator(ofLine: line) }
        bytes += source.bytes[source.byteRange(ofLine: lastLine).upperBound...]
        return bytes
    }
}

/// Reads one command block: its options, then its transcript.
struct BlockParser {
    let source: SourceText
    let node: CodeBlockNode
    let ordinal: Int
    /// The language syntax errors are written in.
    let language: Language
    var diagnostics: [Diagnostic] = []
    /// For each diagnostic, in order, what it is as data: a syntax error's reason, the block's own problem, or other words.
    var problems: [HandIn.Unreadable.Problem] = []

    /// A content line of the block with its container prefix split off.
    struct Line {
        var number: Int
        var prefix: [UInt8]
        var text: String
    }

    init(source: SourceText, node: CodeBlockNode, ordinal: Int, language: Language = .english) {
        self.source = source
        self.node = node
        self.ordinal = ordinal
        self.language = language
    }

    mutating func error(_ message: String, _ range: SourceRange) {
        diagnostics.append(Diagnostic(.error, message, in: source, range: range))
        problems.append(.other(message))
    }

    /// A problem of the block itself, in the block's language.
    mutating func error(_ problem: BlockProblem, _ range: SourceRange) {
        diagnostics.append(Diagnostic(.error, problem.message(in: language), in: source, range: range))
        problems.append(.block(problem))
    }

    /// A syntax error of a command, in the block's language.
    mutating func error(_ error: SyntaxError) {
        diagnostics.append(Diagnostic(.error, error.message(in: language), in: source, range: error.range))
        problems.append(.syntax(error.reason))
    }

    /// The block, or nil when it cannot be read (diagnostics say why). With
    /// `readOptions` false the info string's options are not checked.
    mutating func parse(readOptions: Bool = true) -> CommandBlock? {
        let fenceStart = SourcePosition(line: node.startLine, column: node.startColumn)
        var literal = node.literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if literal.last == "" { literal.removeLast() }
        let closeLine = node.startLine + 1 + literal.count
        guard closeLine <= node.endLine, closeLine <= source.lineCount, isClosingFence(closeLine) else {
            error(.neverClosed, SourceRange(start: fenceStart, end: SourcePosition(line: fenceStart.line, column: fenceStart.column + 3)))
            return nil
        }
        let options = readOptions ? parseOptions() : BlockOptions()
        var lines: [Line] = []
        for (i, text) in literal.enumerated() {
            let number = node.startLine + 1 + i
            let content = Array(source.content(ofLine: number))
            var stripped = Array(text.utf8)
            if stripped.last == UInt8(ascii: "\r") { stripped.removeLast() }
            guard content.count >= stripped.count, Array(content.suffix(stripped.count)) == stripped else {
                error(.prefix, SourceRange(at: SourcePosition(line: number, column: 1)))
                return nil
            }
            lines.append(Line(number: number, prefix: Array(content.prefix(content.count - stripped.count)), text: String(decoding: stripped, as: UTF8.self)))
        }
        let commands = parseTranscript(lines, closeLine: closeLine)
        return CommandBlock(ordinal: ordinal, openLine: node.startLine, closeLine: closeLine, options: options, commands: commands)
    }

    /// The opening fence: its character and length, read at the column cmark reports.
    var fence: (character: UInt8, length: Int) {
        let bytes = Array(source.content(ofLine: node.startLine))
        let start = node.startColumn - 1
        guard start < bytes.count else { return (UInt8(ascii: "`"), 3) }
        var end = start
        while end < bytes.count, bytes[end] == bytes[start] { end += 1 }
        return (bytes[start], end - start)
    }

    /// Whether `line` ends with a fence that closes this block: at least as many
    /// of the same fence characters, after the container prefix and indentation.
    func isClosingFence(_ line: Int) -> Bool {
        var bytes = Array(source.content(ofLine: line))
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        let (character, length) = fence
        var count = 0
        while count < bytes.count, bytes[bytes.count - 1 - count] == character { count += 1 }
        guard count >= length else { return false }
        let before = bytes.count - count
        return before == 0 || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">")].contains(bytes[before - 1])
    }

    /// The `key=value` words after `cahier` on the opening fence.
    mutating func parseOptions() -> BlockOptions {
        let lineBytes = Array(source.content(ofLine: node.startLine))
        // The info string starts after the fence characters.
        let start = min(node.startColumn - 1 + fence.length, lineBytes.count)
        let words = BlockOptions.words(lineBytes, from: start)
        var problems: [(String, SourceRange)] = []
        let options = BlockOptions.read(words) { message, index in
            let word = words[index]
            problems.append((message, SourceRange(start: .init(line: node.startLine, column: word.offset + 1),
                                                  end: .init(line: node.startLine, column: word.offset + 1 + word.text.utf8.count))))
        }
        for (message, range) in problems { error(message, range) }
        return options
    }

    /// The commands of a transcript: `> ` starts a command, `| ` continues it,
    /// and the lines after it up to the next command are its expected output.
    mutating func parseTranscript(_ lines: [Line], closeLine: Int) -> [Command] {
        var commands: [Command] = []
        var i = 0
        while i < lines.count, lines[i].text.allSatisfy({ $0 == " " || $0 == "\t" }) { i += 1 }
        if i < lines.count, !isCommand(lines[i].text) {
            error(.noCommand, SourceRange(at: .init(line: lines[i].number, column: lines[i].prefix.count + 1)))
            return []
        }
        while i < lines.count {
            let first = lines[i]
            var text = CommandText()
            text.append(String(first.text.dropFirst(2)), at: SourcePosition(line: first.number, column: first.prefix.count + 3))
            i += 1
            while i < lines.count, isContinuation(lines[i].text) {
                text.append(String(lines[i].text.dropFirst(2)), at: SourcePosition(line: lines[i].number, column: lines[i].prefix.count + 3))
                i += 1
            }
            let lastLine = i > 0 ? lines[i - 1].number : first.number
            let outputStart = i
            while i < lines.count, !isCommand(lines[i].text) { i += 1 }
            var outputEnd = i
            while outputEnd > outputStart, lines[outputEnd - 1].text.allSatisfy({ $0 == " " || $0 == "\t" }) { outputEnd -= 1 }
            let outputLines = lines[outputStart..<outputEnd]
            let expected = ExpectedOutput(
                lines: outputLines.map { ExpectedOutput.parseLine($0.text) },
                sourceLines: (lastLine + 1)..<(lastLine + 1 + outputLines.count),
                prefix: first.prefix,
                lineEnding: Array(source.terminator(ofLine: first.number))
            )
            do throws(SyntaxError) {
                let program = try Parser.parse(text)
                commands.append(Command(text: text, program: program, line: first.number, lastLine: lastLine, expected: expected))
            } catch {
                self.error(error)
            }
        }
        return commands
    }

    private func isCommand(_ text: String) -> Bool { text.hasPrefix("> ") || text == ">" }
    private func isContinuation(_ text: String) -> Bool { text.hasPrefix("| ") || text == "|" }
}

extension ExpectedOutput {
    static func parseLine(_ text: String) -> Line {
        if text.trimmingTrailingWhitespace() == "..." { return .wildcard }
        if text.hasPrefix("\\") { return .text(String(text.dropFirst())) }
        return .text(text)
    }

    /// How an actual output line is written into a transcript.
    public static func escape(_ line: String) -> String {
        TranscriptText.written(line)
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension NotebookParser {
    /// Reads and parses the notebook at `path`. Without `lang` in its front
    /// matter, it takes its course's: the `lang` of the nearest `index.md` in
    /// its folder or the ``courseLevels`` folders above (`notebooks/fr/index.md`
    /// for `notebooks/fr/exercises/01.md`).
    public static func load(path: String) throws(DiagnosticError) -> Notebook {
        try parse(try SourceLoader.load(path: path)) { courseLanguage(of: path) }
    }

    /// How many folders above a notebook's own its course's `index.md` may lie.
    static let courseLevels = 2

    /// The `lang` of the nearest `index.md` above `path`, if it gives one. An
    /// index that cannot be read gives none here: checking it reports why.
    static func courseLanguage(of path: String) -> Language? {
        // Absolute URLs: Foundation's string path functions trap on some relative forms ("." has no last component).
        let notebook = URL(fileURLWithPath: path).standardizedFileURL
        var folder = notebook.deletingLastPathComponent()
        for _ in 0...courseLevels {
            let index = folder.appendingPathComponent("index.md")
            if index.path != notebook.path, FileManager.default.fileExists(atPath: index.path) {
                guard let source = try? SourceLoader.load(path: index.path), let settings = try? FrontMatter.read(source).settings else { return nil }
                return settings.languageIsGiven ? settings.language : nil
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
        return nil
    }
}
