/// Writes actual outputs into a notebook by splicing source lines.
///
/// Only the expected outputs of commands whose verdict is `differs` (and the
/// values an answer's commands show, see ``Verdict/answered``) are rewritten, and within them the lines that still hold are kept (see
/// ``OutputMerge``); every other byte of the file is copied as it is, so a
/// notebook whose outputs match comes back byte for byte.
public enum Weaver {
    public static func weave(_ run: NotebookRun) -> [UInt8] {
        splice(run).bytes
    }

    /// The woven bytes, and the line of each block's closing fence in them.
    static func splice(_ run: NotebookRun) -> (bytes: [UInt8], closeLines: [Int]) {
        let source = run.notebook.source
        var out: [UInt8] = []
        out.reserveCapacity(source.bytes.count)
        var copied = 0
        var delta = 0
        var closeLines: [Int] = []
        for block in run.blocks {
            // A student's answer shows its values too, so the student sees what their code gives.
            for command in block.commands where command.verdict == .differs || command.verdict == .answered && !command.outcome.lines.isEmpty {
                let expected = command.command.expected
                let lines = expected.sourceLines
                let start = source.byteRange(ofLine: lines.lowerBound).lowerBound
                let end = lines.isEmpty ? start : source.byteRange(ofLine: lines.upperBound - 1).upperBound
                out += source.bytes[copied..<start]
                let ending = expected.lineEnding.isEmpty ? Array("\n".utf8) : expected.lineEnding
                let merged = OutputMerge.merge(expected.lines, OutputComparison.trimmedLines(command.outcome.lines), tolerance: block.tolerance)
                for line in merged {
                    switch line {
                    case .kept(let k):
                        out += source.content(ofLine: lines.lowerBound + k)
                    case .actual(let text):
                        out += expected.prefix
                        out += ExpectedOutput.escape(text).utf8
                    }
                    out += ending
                }
                delta += merged.count - lines.count
                copied = end
            }
            closeLines.append(block.block.closeLine + delta)
        }
        out += source.bytes[copied...]
        return (out, closeLines)
    }

    /// The woven notebook for publishing as Markdown: after each command block
    /// that drew figures, a line `![TITLE](NAME)` per figure, NAME given by
    /// `fileName(block, index)`; returns the text and the SVG files to write.
    public static func weaveWithFigures(_ run: NotebookRun, fileName: (Int, Int) -> String) -> (bytes: [UInt8], files: [(name: String, svg: String)]) {
        let (woven, closeLines) = splice(run)
        let wovenSource = SourceText(path: run.notebook.path, bytes: woven)
        var files: [(name: String, svg: String)] = []
        var out: [UInt8] = []
        var copied = 0
        for (b, block) in run.blocks.enumerated() {
            let figures = block.figures
            guard !figures.isEmpty else { continue }
            var text = "\n"
            for (k, figure) in figures.enumerated() {
                let name = fileName(b, k)
                files.append((name, figure.svg))
                text += "![\(figure.title.replacingOccurrences(of: "]", with: "\\]"))](\(name))\n"
            }
            // After the block's closing fence (which may be the last line, without a newline).
            let end = wovenSource.byteRange(ofLine: closeLines[b]).upperBound
            out += woven[copied..<end]
            if end == 0 || woven[end - 1] != UInt8(ascii: "\n") { out += Array("\n".utf8) }
            out += Array(text.utf8)
            copied = end
        }
        out += woven[copied...]
        return (out, files)
    }
}
