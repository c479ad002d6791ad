/// The printed form of a check: one diagnostic per mismatch with a small
/// expected/actual diff, then the closing line `N passed, M failed`.
public enum CheckReport {
    /// `file:line:col: error: …` for a command whose output differs, then the
    /// command and the lines of both outputs (`-` expected, `+` actual).
    public static func mismatch(_ result: CommandRun, source: SourceText, language: Language = .english) -> String {
        let command = result.command
        var lines = header(command, "error: " + language.text("check.output-differs"), source: source)
        let expected = command.expected.lines.map { line -> String in
            if case .text(let t) = line { return TranscriptText.visible(t.trimmingTrailingWhitespace()) }
            return "..."
        }
        let actual = OutputComparison.trimmedLines(result.outcome.lines)
        let shown = 12
        for line in expected.prefix(shown) { lines.append("  - " + line) }
        if expected.count > shown { lines.append("  - " + language.text("check.more-lines", count: expected.count - shown)) }
        if expected.isEmpty { lines.append("  - " + language.text("check.no-output")) }
        for line in actual.prefix(shown) { lines.append("  + " + line) }
        if actual.count > shown { lines.append("  + " + language.text("check.more-lines", count: actual.count - shown)) }
        if actual.isEmpty { lines.append("  + " + language.text("check.no-output")) }
        return lines.joined(separator: "\n")
    }

    /// `file:line:col: note: your answer shows` and the value, for a command of
    /// a student's answer that shows one: the student sees what their code
    /// gives (nil for a command that shows nothing, or outside an answer).
    public static func answerShows(_ result: CommandRun, source: SourceText, language: Language = .english) -> String? {
        guard result.verdict == .answered else { return nil }
        let actual = OutputComparison.trimmedLines(result.outcome.lines)
        guard !actual.isEmpty else { return nil }
        var lines = header(result.command, "note: " + language.text("check.answer-shows"), source: source)
        let shown = 12
        for line in actual.prefix(shown) { lines.append("    " + line) }
        if actual.count > shown { lines.append("    " + language.text("check.more-lines", count: actual.count - shown)) }
        return lines.joined(separator: "\n")
    }

    /// `file:line:col: WHAT` at the command's `>`, then the command as written.
    private static func header(_ command: Command, _ what: String, source: SourceText) -> [String] {
        let start = command.text.pieces.first?.position ?? SourcePosition(line: command.line, column: 3)
        let at = SourcePosition(line: start.line, column: max(1, start.column - 2))
        var lines = [TranscriptText.visible("\(source.path):\(at.line):\(at.column): \(what)")]
        for (i, line) in command.text.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            lines.append("    " + (i == 0 ? "> " : "| ") + TranscriptText.visible(String(line)))
        }
        return lines
    }

    public static func summary(passed: Int, failed: Int, language: Language = .english) -> String {
        language.text("check.summary", ["passed": String(passed), "failed": String(failed)])
    }

    /// Every command of a run: `path:line: N operations`, then its transcript
    /// lines indented. Two lowerings of one notebook give the same text exactly
    /// when they give the same outputs, errors and work charges.
    public static func transcript(_ run: NotebookRun, path: String) -> String {
        var text = ""
        for result in run.commands {
            text += "\(path):\(result.command.line): \(result.work) operations\n"
            for line in result.outcome.lines { text += "    " + line + "\n" }
        }
        return text
    }
}
