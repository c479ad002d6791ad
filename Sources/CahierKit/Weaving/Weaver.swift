/// Writes actual outputs into a notebook by splicing source lines.
///
/// Only the expected-output lines of commands whose output no longer matches
/// (as `cahier check` compares, tolerance and `...` included) are replaced;
/// every other byte of the file is copied as it is, so a notebook whose
/// outputs match comes back byte for byte.
public enum Weaver {
    public static func weave(_ run: NotebookRun) -> [UInt8] {
        let source = run.notebook.source
        var out: [UInt8] = []
        out.reserveCapacity(source.bytes.count)
        var copied = 0
        for (b, block) in run.notebook.blocks.enumerated() {
            let tolerance = block.options.tolerance ?? run.notebook.settings.tolerance
            for (c, command) in block.commands.enumerated() {
                let actual = run.outputs[b][c]
                let expected = command.expected
                if OutputComparison.matches(expected.lines, actual, tolerance: tolerance) { continue }
                let lines = expected.sourceLines
                let start = source.byteRange(ofLine: lines.lowerBound).lowerBound
                let end = lines.isEmpty ? start : source.byteRange(ofLine: lines.upperBound - 1).upperBound
                out += source.bytes[copied..<start]
                for line in OutputComparison.trimmedLines(actual) {
                    out += expected.prefix
                    out += ExpectedOutput.escape(line).utf8
                    out += expected.lineEnding.isEmpty ? Array("\n".utf8) : expected.lineEnding
                }
                copied = end
            }
        }
        out += source.bytes[copied...]
        return out
    }
}
