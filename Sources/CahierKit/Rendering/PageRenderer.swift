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
        for (b, block) in notebook.blocks.enumerated() {
            transcripts[block.ordinal] = transcript(block, outputs: run.outputs[b], figures: run.figures[b])
        }
        let html = CommonMark.renderHTML(math.masked, unsafe: unsafe) { ordinal, _ in transcripts[ordinal] }
        return math.restore(in: html)
    }

    /// A transcript: each command after a prompt, then its actual output;
    /// a figure's line `[figure: TITLE]` is replaced by the figure itself.
    func transcript(_ block: CommandBlock, outputs: [[String]], figures: [[Figure]]) -> String {
        var html = "<div class=\"transcript\">"
        var pre = ""
        func flush() {
            if !pre.isEmpty { html += "<pre>" + pre + "</pre>" }
            pre = ""
        }
        for (c, command) in block.commands.enumerated() {
            let lines = command.text.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                pre += "<span class=\"prompt\">\(i == 0 ? "&gt;" : "|")</span> <span class=\"command\">\(HTML.escape(String(line)))</span>\n"
            }
            var pending = c < figures.count ? figures[c] : []
            for line in OutputComparison.trimmedLines(c < outputs.count ? outputs[c] : []) {
                if let k = pending.firstIndex(where: { $0.transcriptLine == line }) {
                    flush()
                    html += "<figure class=\"plot\">" + pending[k].svg + "</figure>"
                    pending.remove(at: k)
                    continue
                }
                let kind = line.hasPrefix("error: ") ? "output error" : "output"
                pre += "<span class=\"\(kind)\">\(HTML.escape(line))</span>\n"
            }
        }
        flush()
        return html + "</div>\n"
    }
}
