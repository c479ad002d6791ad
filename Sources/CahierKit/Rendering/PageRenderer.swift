/// Renders a run notebook as an HTML page body: the author's Markdown through
/// cmark (safe mode unless `unsafe`), math protected for KaTeX, and each
/// command block replaced by its transcript with the actual outputs.
public struct PageRenderer {
    public var unsafe: Bool

    public init(unsafe: Bool = false) {
        self.unsafe = unsafe
    }

    /// The HTML of the notebook's content (no `<html>` wrapper).
    public func body(_ run: NotebookRun) -> String {
        var transcripts: [Int: String] = [:]
        for block in run.blocks { transcripts[block.block.ordinal] = transcript(block) }
        return body(run.notebook, transcripts: transcripts)
    }

    /// The HTML of a notebook as written, each transcript with the outputs the
    /// file holds (`...` shown as `…`): an exercise sheet's student version,
    /// whose answers are still to be written, reads as its author wrote it.
    public func body(asWritten notebook: Notebook) -> String {
        var transcripts: [Int: String] = [:]
        for block in notebook.blocks { transcripts[block.ordinal] = transcript(asWritten: block) }
        return body(notebook, transcripts: transcripts)
    }

    private func body(_ notebook: Notebook, transcripts: [Int: String]) -> String {
        let text = NotebookParser.maskingLines(notebook.source, through: notebook.frontMatterLastLine)
        let math = MathMasker(text, source: notebook.source, codeLines: notebook.codeLines)
        // cmark reads the text a second time here: the math must be hidden from it,
        // and finding the math needs the code lines of the notebook's own parse.
        let document = CommonMark.parse(math.masked, html: .init(unsafe: unsafe) { ordinal, _ in transcripts[ordinal] })
        return math.restore(in: document.html ?? "")
    }

    /// A transcript: each command after a prompt, then its actual output, a
    /// figure it shows drawn in place, its error marked as one.
    func transcript(_ block: BlockRun) -> String {
        var html = "<div class=\"transcript\">"
        var pre = ""
        func flush() {
            if !pre.isEmpty { html += "<pre>" + pre + "</pre>" }
            pre = ""
        }
        for command in block.commands {
            pre += prompt(command.command.text.text)
            for line in command.outcome.output {
                switch line {
                case .figure(let figure):
                    flush()
                    html += "<figure class=\"plot\">" + figure.svg + "</figure>"
                case .text:
                    pre += "<span class=\"output\">\(HTML.escape(line.text.trimmingTrailingWhitespace()))</span>\n"
                }
            }
            for line in command.outcome.errorLines {
                pre += "<span class=\"output error\">\(HTML.escape(line.trimmingTrailingWhitespace()))</span>\n"
            }
        }
        flush()
        return html + "</div>\n"
    }

    /// A transcript as the file holds it: each command after a prompt, then
    /// its expected output.
    func transcript(asWritten block: CommandBlock) -> String {
        var pre = ""
        for command in block.commands {
            pre += prompt(command.text.text)
            for line in command.expected.lines {
                switch line {
                case .text(let text): pre += "<span class=\"output\">\(HTML.escape(text.trimmingTrailingWhitespace()))</span>\n"
                case .wildcard: pre += "<span class=\"output\">…</span>\n"
                }
            }
        }
        return "<div class=\"transcript\">" + (pre.isEmpty ? "" : "<pre>" + pre + "</pre>") + "</div>\n"
    }

    /// A command's lines after their prompts (`>`, then `|`).
    private func prompt(_ text: String) -> String {
        var pre = ""
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            pre += "<span class=\"prompt\">\(i == 0 ? "&gt;" : "|")</span> <span class=\"command\">\(HTML.escape(String(line)))</span>\n"
        }
        return pre
    }

    /// A page body without its first `<h1>`, for a home page that has its own title.
    public static func droppingFirstHeading(_ html: String) -> String {
        guard let open = html.range(of: "<h1>"), let close = html.range(of: "</h1>", range: open.upperBound..<html.endIndex) else { return html }
        var out = html
        out.removeSubrange(open.lowerBound..<close.upperBound)
        return out
    }
}
