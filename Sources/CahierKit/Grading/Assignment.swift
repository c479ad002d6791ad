/// The student version of an exercise sheet: every solution replaced by a
/// placeholder that fails clearly, the outputs of answer blocks cleared,
/// hidden check blocks removed, and HTML comments (teacher's notes) cut out.
/// Every other byte of the sheet is kept.
public enum Assignment {
    /// The student version of `sheet`. In an answer block, the commands
    /// between `> // solution` and `> // end solution` are the solution; a
    /// block without these markers is all solution.
    public static func studentVersion(of sheet: Sheet) throws(DiagnosticError) -> [UInt8] {
        let notebook = sheet.notebook
        let source = notebook.source
        var edits: [(lines: Range<Int>, replacement: [UInt8])] = []
        for (b, block) in notebook.blocks.enumerated() {
            if block.options.check != nil, !block.options.visible {
                edits.append(((block.openLine)..<(block.closeLine + 1), []))
                continue
            }
            guard let id = sheet.exercises.first(where: { $0.block == b })?.id else { continue }
            edits.append(((block.openLine + 1)..<block.closeLine, try content(of: block, id: id, source: source)))
        }
        var out: [UInt8] = []
        var line = 1
        for edit in edits.sorted(by: { $0.lines.lowerBound < $1.lines.lowerBound }) {
            while line < edit.lines.lowerBound { out += source.bytes[source.byteRange(ofLine: line)]; line += 1 }
            out += edit.replacement
            line = edit.lines.upperBound
            // Removing a whole block leaves its blank line before and after: drop one.
            let before = edit.lines.lowerBound - 1
            if edit.replacement.isEmpty, before >= 1, source.content(ofLine: before).isEmpty,
               line <= source.lineCount, source.content(ofLine: line).isEmpty {
                line += 1
            }
        }
        while line <= source.lineCount { out += source.bytes[source.byteRange(ofLine: line)]; line += 1 }
        // The front matter's lines are never edited above, so it ends on the same line.
        return try TeacherNotes.removingComments(from: SourceText(path: source.path, bytes: out), frontMatterLastLine: notebook.frontMatterLastLine)
    }

    /// The new lines inside an answer block: its commands without outputs,
    /// the solution replaced by `> todo("ID")`.
    static func content(of block: CommandBlock, id: String, source: SourceText) throws(DiagnosticError) -> [UInt8] {
        func isMarker(_ command: Command, _ word: String) -> Bool {
            return command.program.comment == word
        }
        let starts = block.commands.indices.filter { isMarker(block.commands[$0], "solution") }
        let ends = block.commands.indices.filter { isMarker(block.commands[$0], "end solution") }
        guard starts.count == ends.count, zip(starts, ends).allSatisfy({ $0 < $1 }),
              zip(ends.dropLast(), starts.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DiagnosticError([Diagnostic(.error, "each '> // solution' needs a later '> // end solution' in the same answer block", in: source,
                                              range: SourceRange(at: .init(line: block.openLine, column: 1)))])
        }
        let prefix = block.commands.first?.expected.prefix ?? []
        let ending = block.commands.first?.expected.lineEnding ?? Array("\n".utf8)
        let placeholder = prefix + Array("> todo(\"\(id)\")".utf8) + (ending.isEmpty ? Array("\n".utf8) : ending)
        guard !starts.isEmpty else { return placeholder }
        var out: [UInt8] = []
        var c = 0
        while c < block.commands.count {
            if let s = starts.firstIndex(of: c) {
                out += placeholder
                c = ends[s] + 1
                continue
            }
            let command = block.commands[c]
            for line in command.line...command.lastLine { out += source.bytes[source.byteRange(ofLine: line)] }
            c += 1
        }
        return out
    }
}
