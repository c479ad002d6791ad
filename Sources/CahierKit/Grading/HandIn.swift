import Foundation

/// The answers of a student's hand-in: for each exercise ID, the commands of
/// its first answer block. Nothing else of the hand-in is read: checks, front
/// matter, data paths and expected outputs all come from the teacher's sheet.
public struct HandIn: Sendable {
    public enum Answer: Sendable {
        case commands([Command])
        /// The answer block exists but cannot be run; the reason is for the student.
        case invalid(String)
    }

    public var answers: [String: Answer] = [:]
    /// Remarks for the feedback, such as an exercise answered twice.
    public var notes: [String] = []

    /// Hand-ins larger than this are refused unread.
    public static let maximumBytes = 10_000_000

    /// Reads the answer blocks of `source` (already checked to be UTF-8 text).
    public init(_ source: SourceText) {
        var markdown = source.bytes
        // A hand-in's front matter is not used; when it is malformed, cmark simply sees it as text.
        if let frontMatter = try? FrontMatter.read(source) {
            markdown = NotebookParser.maskingLines(source, through: frontMatter.lastLine)
        }
        var firstLine: [String: Int] = [:]
        for (ordinal, node) in CommonMark.parse(markdown).codeBlocks.enumerated() {
            let info = Array(node.info.utf8)
            guard node.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first == Substring(NotebookParser.blockWord),
                  let id = BlockOptions.read(BlockOptions.words(info), problem: { _, _ in }).exercise else { continue }
            if let first = firstLine[id] {
                notes.append("exercise \(id) is answered again at line \(node.startLine); only the first answer, at line \(first), was graded")
                continue
            }
            firstLine[id] = node.startLine
            var parser = BlockParser(source: source, node: node, ordinal: ordinal)
            let block = parser.parse(readOptions: false)
            if let problem = parser.diagnostics.first {
                answers[id] = .invalid("the answer to \(id) cannot be read: line \(problem.range.start.line), column \(problem.range.start.column): \(problem.message)")
            } else if let block {
                answers[id] = .commands(block.commands)
            }
        }
    }
}

extension HandIn {
    /// Reads a hand-in file: untrusted, so its size is checked before it is read.
    public static func read(_ path: String) throws(DiagnosticError) -> SourceText {
        // When the size cannot be read, SourceLoader.load below says why the file cannot be read.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maximumBytes {
            throw DiagnosticError([Diagnostic(.error, "the file is \(size / 1_000_000) MB; a hand-in may be at most \(maximumBytes / 1_000_000) MB",
                                              path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        return try SourceLoader.load(path: path)
    }
}
