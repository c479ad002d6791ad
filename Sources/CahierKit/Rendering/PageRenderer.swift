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
        let notebook = run.notebook
        let text = NotebookParser.maskingLines(notebook.source, through: notebook.frontMatterLastLine)
        let math = MathMasker(text, source: notebook.source, codeLines: notebook.codeLines)
        var transcripts: [Int: String] = [:]
        for block in run.blocks { transcripts[block.block.ordinal] = transcript(block) }
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
            let lines = command.command.text.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                pre += "<span class=\"prompt\">\(i == 0 ? "&gt;" : "|")</span> <span class=\"command\">\(HTML.escape(String(line)))</span>\n"
            }
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

    /// A page body without its first `<h1>`, for a home page that has its own title.
    public static func droppingFirstHeading(_ html: String) -> String {
        guard let open = html.range(of: "<h1>"), let close = html.range(of: "</h1>", range: open.upperBound..<html.endIndex) else { return html }
        var out = html
        out.removeSubrange(open.lowerBound..<close.upperBound)
        return out
    }
}
