@testable import CahierKit
import Foundation
import Testing

/// Issue #27: the REPL's line editor, assign's student version, and messages (reproducers 13, 15, 17).
@Suite("The command line's messages and student versions")
struct CommandLineMessageTests {
    // MARK: 13 the line editor

    @Test("a 5,000-character line pasted into the REPL is answered (a redraw costs the terminal's width, not the line's)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func paste() throws {
        let folder = try Support.temporaryDirectory()
        let terminal = try TerminalSession(arguments: ["repl"], in: folder, environment: ["CAHIER_HISTORY": folder.appendingPathComponent("h").path])
        defer { _ = terminal.finish() }
        #expect(terminal.wait(for: "Ctrl-D leaves."))
        // The string has 5,000 characters, so its count is 5000. Before, such a paste never finished (cubic redraws);
        // the wait (20 s) is only a hang guard.
        terminal.type("\"" + String(repeating: "a", count: 5000) + "\".count\r")
        #expect(terminal.wait(for: "\n5000\n"))
        terminal.type("\u{4}")
    }

    // MARK: 15 teacher's notes

    static let sheet = """
        ---
        title: T
        ---
        # Sheet <!-- secret 1 -->

        Text <!-- secret
           2 --> more *x* <b>kept</b>

        <!-- secret
        3 -->

        > quote <!-- secret
        > 4 --> end

        - item <!-- secret 5 -->

        <div>
        keep <!-- secret 6 --> keep2
        </div>

        Code `<!-- kept -->` and é<!--secret 7-->叶

        ```cahier exercise=e points=1
        > let a = 1 // <!-- kept in code -->
        ```

        ```cahier check=e
        > expect(a == 42, "a should be 42")
        ```

        """

    @Test("assign drops every HTML comment outside code, byte for byte, and warns of a hidden check that shows its value")
    func teacherNotes() throws {
        let folder = try Support.temporaryDirectory()
        try Data(Self.sheet.utf8).write(to: folder.appendingPathComponent("s.md"))
        let result = try Support.cahier(["assign", "s.md", "-o", "student.md"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let student = try String(contentsOf: folder.appendingPathComponent("student.md"), encoding: .utf8)
        // Written by hand from the sheet: each comment cut, the block comment's lines dropped (a blank line before it),
        // the solution a todo, the hidden check block gone (the blank line before it stays: the sheet ends there).
        #expect(student == """
            ---
            title: T
            ---
            # Sheet 

            Text  more *x* <b>kept</b>


            > quote  end

            - item 

            <div>
            keep  keep2
            </div>

            Code `<!-- kept -->` and é叶

            ```cahier exercise=e points=1
            > todo("e")
            ```


            """)
        // The hidden check's message holds 42, the value its condition compares with; the message's quote is column 19.
        #expect(result.stderr.contains("s.md:28:19: warning: this hidden check's message shows what it checks (42)"), "\(result.stderr)")
    }

    /// (Markdown, the same with its comments cut), each derived by hand from CommonMark 0.30's rules.
    static let cuts: [(String, String)] = [
        // Inline over two CRLF lines: from <!-- to --> with the line break and the next line's indentation.
        ("a <!-- x\r\n  y --> b\r\n", "a  b\r\n"),
        ("> > deep <!-- x\n> > y --> z\n", "> > deep  z\n"),
        // A comment block of its own lines after a blank line: the lines go.
        ("1. item\n\n   <!-- in\n   item -->\n", "1. item\n\n"),
        // A tab makes an indented code block: text, not a comment.
        ("\t<!-- tab --> x\n", "\t<!-- tab --> x\n"),
        // Never closed: the comment runs to the end of the document.
        ("<!-- never closed\nstill\n", ""),
        ("<div>\n<!-- a --><!-- b -->\n</div>\n", "<div>\n\n</div>\n"),
        ("- a <!--\n  -->\n- b\n", "- a \n- b\n"),
        // After a paragraph line: the line stays (blank), so the paragraphs stay apart.
        ("text\n<!-- c -->\nmore\n", "text\n\nmore\n"),
        ("<!-- a -->\n<!-- b -->\n", "\n"),
        // <!----> is an empty comment; <!-- -- --> is not one in CommonMark 0.30 (it holds --) and shows as text.
        ("x <!---->y<!-- -- -->\n", "x y<!-- -- -->\n"),
    ]

    @Test("assign's cut takes each comment however the Markdown holds it, and nothing else", arguments: cuts)
    func cut(markdown: String, expected: String) throws {
        let cut = try TeacherNotes.removingComments(from: SourceText(path: "n.md", bytes: Array(markdown.utf8)), frontMatterLastLine: 0)
        #expect(String(decoding: cut, as: UTF8.self) == expected)
        #expect(try TeacherNotes.commentRanges(in: SourceText(path: "n.md", bytes: cut), frontMatterLastLine: 0).isEmpty)
    }

    @Test("a path's parent is taken without Foundation's trap on '.'", arguments: [(".", ""), ("a.md", ""), ("./a.md", "."), ("fr/exercises/a.md", "fr/exercises"), ("/a", "/")])
    func parentPath(path: String, parent: String) {
        #expect(path.parentPath == parent)
    }

    @Test("no handout in the repository holds an HTML comment")
    func handouts() throws {
        let folder = Support.root.appendingPathComponent("handouts")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            + FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("fr").path).map { "fr/" + $0 }
        #expect(names.contains("fr/01-perceptrons.md"))
        for name in names where name.hasSuffix(".md") {
            let source = SourceText(path: name, bytes: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
            #expect(try TeacherNotes.commentRanges(in: source, frontMatterLastLine: 0).isEmpty, "\(name)")
        }
    }

    // MARK: 17 messages

    @Test("a FIFO or a device given as a notebook is refused at once, saying what it is")
    func fifo() throws {
        let folder = try Support.temporaryDirectory()
        #expect(mkfifo(folder.appendingPathComponent("fifo.md").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("zero.md").path, withDestinationPath: "/dev/zero")
        let result = try Support.cahier(["check", "fifo.md", "zero.md"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("fifo.md:1:1: error: is a pipe (FIFO), not a notebook file"), "\(result.stderr)")
        #expect(result.stderr.contains("zero.md:1:1: error: is a device, not a notebook file"), "\(result.stderr)")
        #expect(!result.stderr.contains("permission"))
    }

    @Test("a notebook's extension is .md in any case; another file among hand-ins is reported", arguments: [
        ("bob.MD", true), ("bob.Md", true), ("bob.md", true), ("bob.txt", false), (".md", false), ("bob.mdx", false),
    ])
    func notebookNames(name: String, isNotebook: Bool) {
        #expect(NotebookFinder.isNotebookName(name) == isNotebook)
    }

    @Test("bidirectional controls and invisible characters are shown escaped, joiners kept", arguments: [
        ("abc\u{202E}123", "abc\\u{202E}123"), ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"), ("a\u{200B}b", "a\\u{200B}b"),
        ("\u{FEFF}x", "\\u{FEFF}x"), ("\u{200F}", "\\u{200F}"), ("👨\u{200D}👩", "👨\u{200D}👩"), ("é叶", "é叶"),
    ])
    func bidi(text: String, shown: String) {
        #expect(TranscriptText.visible(text) == shown)
    }

    @Test("a mutual recursion's trace shows its cycle once, then how many frames like these", arguments: [
        // g, h, g, h, … 10 lines then the command: the cycle (2 lines) once, 8 more frames folded.
        (Array(repeating: ["g", "h"], count: 5).flatMap { $0 } + ["cmd"], ["g", "h", "  … 8 more frames like these", "cmd"]),
        // A direct recursion reads as before.
        (Array(repeating: "f", count: 4) + ["cmd"], ["f", "  … the same call 3 more times", "cmd"]),
        // Three functions, two full cycles and a part: one cycle folded, the part kept.
        (["a", "b", "c", "a", "b", "c", "a", "cmd"], ["a", "b", "c", "  … 3 more frames like these", "a", "cmd"]),
        (["x", "y", "cmd"], ["x", "y", "cmd"]),
    ])
    func traces(calls: [String], folded: [String]) {
        #expect(ErrorText.collapsed(calls) == folded)
    }
}
