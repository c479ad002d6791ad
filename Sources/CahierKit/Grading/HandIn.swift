import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The answers of a student's hand-in: for each exercise ID, the commands of
/// its first answer block. Nothing else of the hand-in is read: checks, front
/// matter, data paths and expected outputs all come from the teacher's sheet.
public struct HandIn: Sendable {
    public enum Answer: Sendable {
        case commands([Command])
        /// The answer block exists but cannot be run; the reason is for the student.
        case invalid(Unreadable)
    }

    /// Why an answer block cannot be run, and where: the first problem of the block.
    public struct Unreadable: Sendable, Hashable {
        public var exercise: String
        public var position: SourcePosition
        public var problem: Problem

        public enum Problem: Sendable, Hashable {
            /// A command of the answer has a syntax error.
            case syntax(SyntaxError.Reason)
            /// The block itself cannot be read (never closed, a line that does not start a command).
            case block(BlockProblem)
            /// Any other diagnostic of the block, as written.
            case other(String)
        }

        /// The words for the student, in the sheet's `language`.
        public func message(in language: Language) -> String {
            let problem: String
            switch self.problem {
            case .syntax(let reason): problem = reason.message(in: language)
            case .block(let block): problem = block.message(in: language)
            case .other(let message): problem = language.wording(of: message)
            }
            return language.text("grade.unreadable-answer", [
                "exercise": exercise, "line": String(position.line), "column": String(position.column), "problem": problem,
            ])
        }
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
            if let diagnostic = parser.diagnostics.first, let problem = parser.problems.first {
                answers[id] = .invalid(Unreadable(exercise: id, position: diagnostic.range.start, problem: problem))
            } else if let block {
                answers[id] = .commands(block.commands)
            }
        }
    }
}

extension HandIn {
    /// Reads a hand-in file: untrusted, so a symbolic link is not followed,
    /// only a regular file is read, and at most ``maximumBytes`` (plus one, to
    /// tell a larger file) are read, whatever size the file claims.
    public static func read(_ path: String) throws(DiagnosticError) -> SourceText {
        func refuse(_ message: String) -> DiagnosticError {
            DiagnosticError([Diagnostic(.error, message, path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw refuse("a symbolic link, not a hand-in: hand-ins are read only from regular files") }
            throw refuse("cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw refuse("not a regular file (a device, a pipe or a directory): hand-ins are read only from regular files")
        }
        // The buffer starts at the size the file claims and grows (doubling) while
        // more comes, up to the limit plus one: a buffer of the whole limit would
        // zero 10 MB, 2,400 page faults, for every hand-in.
        let claimed = Swift.max(0, Int(clamping: info.st_size))
        var bytes = [UInt8](repeating: 0, count: Swift.min(maximumBytes + 1, Swift.max(4096, claimed + 1)))
        var count = 0
        while count <= maximumBytes {
            if count == bytes.count {
                bytes.append(contentsOf: repeatElement(0, count: Swift.min(bytes.count, maximumBytes + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(fd, base + count, buffer.count - count)
            }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw refuse("cannot read the file: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            count += n
        }
        guard count <= maximumBytes else {
            throw refuse("the file is larger than \(maximumBytes / 1_000_000) MB, the most a hand-in may be")
        }
        return try SourceLoader.validate(path: path, bytes: Array(bytes[..<count]))
    }
}
