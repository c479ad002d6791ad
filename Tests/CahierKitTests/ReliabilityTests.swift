import CahierFuzzTargets
import CahierKit
import CahierLearning
import Foundation
import Testing

/// One test for each defect of the outside reliability pass
/// (shared/reproducers/reliability/README.md), named after it, and tests of
/// the classes of defect they belong to.
@Suite("Reliability: hostile input ends in an error, never a signal")
struct ReliabilityTests {
    func output(_ commands: [String], frontMatter: String = "") throws -> [[String]] {
        let text = frontMatter + "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        return NotebookRun(try Support.notebook(text)).outputs[0]
    }

    @Test("01: a chain of 2,100 operators, members or indices is a syntax error, not a stack overflow")
    func stackOverflowChain() throws {
        for chain in [(0..<2100).map { _ in "1" }.joined(separator: " + "), "m" + String(repeating: ".T", count: 2100),
                      "v" + String(repeating: "[0]", count: 2100), (0..<2100).map { _ in "m" }.joined(separator: " @ ")] {
            let error = #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> \(chain)\n```\n") }
            #expect(error?.diagnostics.first?.message.hasPrefix("the command nests more than 200 levels deep") == true)
        }
    }

    @Test("02: string temporaries are bounded: concatenation past the string limit is an error")
    func stringTemporaries() throws {
        let out = try output(["var s = \"0123456789abcdef\"", "while true { s = s + s }", "let t = s + s + s + s + s + s + s + s + s + s + s + s + s + s + s + s + s + s + s + s"])
        #expect(out[1] == ["error: a string of 1048576 bytes is over the limit of 1000000"])
        #expect(out[2].first?.hasPrefix("error: a string of") == true)
    }

    @Test("02b: printed output is bounded per command and per notebook")
    func outputAmplification() throws {
        let out = try output(["var s = \"0123456789abcdef\"", "for i in 0..<15 { s = s + s }", "print(s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s)"])
        #expect(out[2] == ["error: output limit of 1000000 bytes for one command reached (front matter max-output)"])
        let many = try output(["var s = \"0123456789abcdef\"", "for i in 0..<15 { s = s + s }"] + Array(repeating: "print(s)", count: 5),
                              frontMatter: "---\nmax-notebook-output: 2000000\n---\n")
        #expect(many.last == ["error: output limit of 2000000 bytes for the notebook reached (front matter max-notebook-output)"])
    }

    @Test("03: a tensor of rank 20,000 is refused at its creation, so it is never shown")
    func highRank() throws {
        let out = try output(["zeros(" + Array(repeating: "1", count: 20_000).joined(separator: ", ") + ")"])
        #expect(out[0] == ["error: a tensor of rank 20000 is over the limit of 32 axes"])
    }

    @Test("03b: an empty tensor whose other extents multiply past the limit is refused, however it is made (found by the fuzzer)")
    func emptyButHuge() throws {
        let out = try output(["zeros(1010100, 100, 0)", "reshape(zeros(0), 1010100, 100, 0)", "zeros(0, 5)", "zeros(3, 0)"])
        let refused = "error: a tensor of shape [1010100, 100, 0] is over the limit of 10000000 elements (its extents other than 0 multiply to more)"
        #expect(out[0] == [refused] && out[1] == [refused])
        #expect(out[2] == ["[]"] && out[3] == ["[[],", " [],", " []]"])
        // Selections from an empty tensor select nothing, whatever their indices (a crash the fuzzer found).
        let selected = try output(["randn(100, 0, 0, 0)[[[1, 2]]].shape", "zeros(3, 0)[[1, 2]].shape", "zeros(4, 0)[1:3, :].shape"])
        #expect(selected == [["[1, 2, 0, 0, 0]"], ["[2, 0]"], ["[2, 0]"]])
    }

    @Test("04: confusionMatrix with a NaN, infinite or fractional class is an error")
    func confusionMatrixNaN() throws {
        let out = try output(["confusionMatrix([0/0], [1], classes: 2)", "confusionMatrix([1/0], [1], classes: 2)", "confusionMatrix([1], [0.5], classes: 2)"])
        #expect(out[0] == ["error: confusion matrix: the predicted class of example 0 must be a whole number from 0 to 1, got nan"])
        #expect(out[1] == ["error: confusion matrix: the predicted class of example 0 must be a whole number from 0 to 1, got inf"])
        #expect(out[2] == ["error: confusion matrix: the true class of example 0 must be a whole number from 0 to 1, got 0.5"])
    }

    @Test("05: blobs without centers is an error")
    func blobsEmptyCenters() throws {
        #expect(try output(["blobs(centers: zeros(0, 2), count: 5)"])[0] == ["error: blobs: centers must be a matrix [k, 2] with at least one center"])
    }

    @Test("06: blobs whose count times centers overflows is an error")
    func blobsCountOverflow() throws {
        let out = try output(["blobs(centers: zeros(1024, 2), count: 9007199254740992)", "blobs(centers: zeros(3, 2), count: 5000000)"])
        #expect(out[0] == ["error: blobs: 9007199254740992 points around each of 1024 centers are over the limit of 10000000 elements"])
        #expect(out[1] == ["error: a tensor of shape [15000000, 2] is over the limit of 10000000 elements"])
    }

    @Test("07: an elided tensor of 10 million shows only its corners")
    func elidedDisplay() throws {
        // Only the 6 shown numbers are formatted; the output is one line with the three first and three last.
        let out = try output(["zeros(10000000) + 2"])
        #expect(out[0] == ["[2, 2, 2, ..., 2, 2, 2]"])
    }

    @Test("08: one command's work is bounded: a hundred maximal products stop at the work limit")
    func unboundedCommand() throws {
        let products = Array(repeating: "sum(a @ b)", count: 100).joined(separator: ", ")
        let out = try output(["let a = zeros(1000, 2000)", "let b = zeros(2000, 1000)", "[\(products)].count"])
        #expect(out[2] == ["error: work limit of 10000000000 operations reached (front matter max-operations)"])
    }

    @Test("09: a training call whose work is over the budget is refused before it starts")
    func longTrainingCall() throws {
        let out = try output(["let d = blobs(centers: [[0, 0], [3, 3]], count: 900, std: 1)", "let m = MLP(sizes: [2, 200, 2])",
                              "m.fit(d, loss: \"crossEntropy\", optimizer: SGD(rate: 0.01), epochs: 11000, batchSize: 1)"])
        #expect(out[2] == ["error: work limit of 10000000000 operations reached (front matter max-operations)"])
    }

    @Test("10 and 11: outputs that look like fences, commands, escapes or wildcards, and multi-line errors, weave to a fixed point")
    func weavingFixedPoint() throws {
        for command in ["print(\"```\")", "print(\"~~~~\")", "print(\"   ```cahier\")", "expect(1 > 2, \"x\\n> 6 * 7\")", "print(\"a\\n> 6 * 8\\n| y\\n...\\n\\\\z\")",
                        "print(\"\\t```\")", "print(\"line\\n\\n\\nafter blanks\")"] {
            let text = "```cahier\n> \(command)\n> 1 + 1\n2\n```\n\nafter\n"
            let once = Weaver.weave(NotebookRun(try Support.notebook(text)))
            let again = try NotebookParser.parse(try SourceLoader.validate(path: "test.md", bytes: once))
            #expect(again.blocks.count == 1 && again.blocks[0].commands.count == 2, "\(command)")
            #expect(NotebookRun(again).commands.allSatisfy { $0.passed }, "\(command)")
            #expect(Weaver.weave(NotebookRun(again)) == once, "\(command)")
        }
    }

    @Test("weaving is a fixed point for any output text: controls, CR, NUL, fences, prefixes", arguments: [1, 2, 3] as [UInt64])
    func weavingAnyText(seed: UInt64) throws {
        // A builtin that prints hostile text, since a notebook's own strings cannot hold NUL or CR.
        let pieces = ["```", "~~~", ">", "|", "\\", "...", "\r", "\n", "\0", "\u{1B}[2J", "\u{7}", "\u{85}", "\u{2028}", "a", " ", "\t", "é", "叶", "`", "~"]
        var random = Xoshiro256(seed: seed)
        var registry = try Registry.makeStandard()
        let texts = (0..<200).map { _ in (0..<(1 + random.nextIndex(below: 8))).map { _ in pieces[random.nextIndex(below: pieces.count)] }.joined() }
        try registry.register(Builtin("hostile", [.positional("i", .integer)], returns: "Void", topic: "Tests", summary: "Prints a hostile text.") { context, arguments in
            try context.print(texts[try arguments.integer("i")])
            return .void
        })
        let text = "```cahier\n" + (0..<texts.count).map { "> hostile(\($0))\n" }.joined() + "```\n"
        let notebook = try Support.notebook(text)
        let once = Weaver.weave(NotebookRun(notebook, registry: registry))
        let again = try NotebookParser.parse(try SourceLoader.validate(path: "test.md", bytes: once))
        #expect(again.blocks.count == 1 && again.blocks[0].commands.count == texts.count)
        let run = NotebookRun(again, registry: registry)
        #expect(run.commands.allSatisfy { $0.passed })
        #expect(Weaver.weave(run) == once)
        #expect(!once.contains(0) && !once.contains(0x1B))
    }

    @Test("12: page links are percent-encoded and relative, so no file name becomes a scheme")
    func renderJavascriptFileName() throws {
        #expect(HTML.link("", "javascript:alert(document.cookie).html") == "./javascript%3Aalert%28document.cookie%29.html")
        #expect(HTML.link("../", "a b/50%#x?.html") == "../a%20b/50%25%23x%3F.html")
    }

    @Test("13: run --update writes a symlinked notebook's target, refuses a read-only file, and is not stopped by a file at an old temporary name")
    func updateSymlinkReadOnlyLitter() throws {
        let folder = try Support.temporaryDirectory()
        let real = folder.appendingPathComponent("real.md"), link = folder.appendingPathComponent("link.md")
        try Data("old".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.md")
        try AtomicFile.write(Array("new".utf8), to: link.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.md")
        #expect(try String(contentsOf: real, encoding: .utf8) == "new")
        let readOnly = folder.appendingPathComponent("ro.md")
        try Data("kept".utf8).write(to: readOnly)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly.path)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(Array("lost".utf8), to: readOnly.path) }
        #expect(try String(contentsOf: readOnly, encoding: .utf8) == "kept")
        let stale = folder.appendingPathComponent(".real.md.cahier.tmp")
        try Data(repeating: 65, count: 1000).write(to: stale)
        try AtomicFile.write(Array("newer".utf8), to: real.path)
        // Temporary names are unique to each write now: another file is never touched.
        #expect(FileManager.default.fileExists(atPath: stale.path))
        #expect(try String(contentsOf: real, encoding: .utf8) == "newer")
    }

    @Test("14: control characters from a notebook never reach a terminal raw")
    func terminalEscape() throws {
        let text = "```cahier\n> \"\u{1B}]0;pwned\u{7}\u{1B}[1A\"\n```\n"
        let run = NotebookRun(try Support.notebook(text))
        #expect(run.commands[0].outcome.lines == ["\"\\u{1B}]0;pwned\\u{7}\\u{1B}[1A\""])
        let report = CheckReport.mismatch(run.commands[0], source: run.notebook.source)
        #expect(!report.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7 })
        let diagnostic = Diagnostic(.error, "bad \u{1B}[2J", path: "x\u{1B}.md", range: SourceRange(at: .init(line: 1, column: 1)), sourceLine: "\u{1B}[1A")
        #expect(!diagnostic.formatted.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("15: load refuses a file over the size limit without reading it, and a pipe")
    func loadWholeFile() throws {
        let folder = try Support.temporaryDirectory()
        let huge = folder.appendingPathComponent("huge.csv")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 20_000_000_000)
        try handle.close()
        let notebook = folder.appendingPathComponent("n.md")
        try Data("```cahier\n> load(\"huge.csv\")\n```\n".utf8).write(to: notebook)
        let out = NotebookRun(try NotebookParser.load(path: notebook.path)).outputs[0][0]
        #expect(out == ["error: load: huge.csv: the file is 20000000000 bytes, over the limit of 100000000 (front matter max-file-bytes)"])
    }

    @Test("16: CR-only line endings are named as such")
    func crOnlyLineEndings() throws {
        let error = #expect(throws: DiagnosticError.self) { try SourceLoader.validate(path: "m.md", bytes: Array("# old mac\r```cahier\r> 1 + 1\r2\r```\r".utf8)) }
        #expect(error?.diagnostics.first?.message == "this file's lines end with a carriage return (CR) alone, the old Mac line ending; save it with LF or CRLF line endings")
        #expect(error?.diagnostics.first?.range.start == SourcePosition(line: 1, column: 10))
        let lone = #expect(throws: DiagnosticError.self) { try SourceLoader.validate(path: "m.md", bytes: Array("a\nb\rc\n".utf8)) }
        #expect(lone?.diagnostics.first?.range.start == SourcePosition(line: 2, column: 2))
    }

    @Test("grading: symlinked, oversized, badly named and hostile hand-ins are refused or bounded")
    func hostileHandIns() throws {
        let folder = try Support.temporaryDirectory()
        let sheet = Support.root.appendingPathComponent("notebooks/exercises/01-perceptrons.md").path
        // A link to the sheet is not read: it would score full marks.
        let link = folder.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: sheet)
        let linkError = #expect(throws: DiagnosticError.self) { try HandIn.read(link) }
        #expect(linkError?.diagnostics.first?.message.hasPrefix("a symbolic link, not a hand-in") == true)
        // Size is checked on what is read.
        let big = folder.appendingPathComponent("big.md")
        try Data(repeating: UInt8(ascii: "y"), count: HandIn.maximumBytes + 1).write(to: big)
        let bigError = #expect(throws: DiagnosticError.self) { try HandIn.read(big.path) }
        #expect(bigError?.diagnostics.first?.message == "the file is larger than 10 MB, the most a hand-in may be")
        // A file of exactly the limit is read whole; so are files around the reading buffer's first sizes and doublings.
        for size in [0, 1, 4095, 4096, 4097, 8193, 70_001, HandIn.maximumBytes] {
            let file = folder.appendingPathComponent("size\(size).md")
            let bytes = (0..<size).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            try Data(bytes).write(to: file)
            #expect(try HandIn.read(file.path).bytes == bytes, "a hand-in of \(size) bytes")
        }
        // A file that claims no size (as /proc's do) is still read to its end.
        // This process's memory map: a line per mapping, more than the first 4096 bytes.
        let claimsNothing = try HandIn.read("/proc/self/maps")
        #expect(claimsNothing.bytes.count > 4096 && claimsNothing.bytes.last == UInt8(ascii: "\n"))
        // IDs that would name a folder outside the reports, or hold what XML cannot, are refused with a reason.
        let (entries, refused) = try GradeBatch.entries(["in/ok.md", "in/...md", "in/..md", "in/\u{FFFF}x.md", "in/a\u{FFFD}.md", "in/t\u{1B}.md"])
        #expect(entries.map(\.id) == ["ok"])
        #expect(refused.map(\.message) == [
            "hand-in refused: its name gives the ID '..', which would name a folder outside the reports; rename the file",
            "hand-in refused: its name gives the ID '.', which would name a folder outside the reports; rename the file",
            "hand-in refused: its name holds a control character or a character XML cannot hold; rename the file",
            "hand-in refused: its name is not UTF-8; rename the file",
            "hand-in refused: its name holds a control character or a character XML cannot hold; rename the file",
        ])
    }

    @Test("grading: a huge error message reaches the reports cut to 1,000 characters")
    func hugeErrors() throws {
        let sheet = try Sheet(try Support.notebook("```cahier exercise=a points=1\n> let a = 1\n```\n```cahier check=a\n> expect(a == 1, \"a\")\n```\n"))
        let message = String(repeating: "x", count: 33_000_000)
        let failure = CheckFailure(reason: .other(message)).bounded()
        let events: [Grader.Event] = [.answers(["a": .ready]), .answerError(exercise: "a", line: 1, failure: failure), .check(number: 1, outcome: .failed(failure)), .done]
        let result = GradeResult(sheet: sheet, handIn: "h", events: events, stopped: nil)
        let size = GradeReports.feedback(result).utf8.count + GradeReports.junit(result).utf8.count + (try GradeReports.gradescope(result)).utf8.count
        #expect(size < 20_000)
        #expect(Grader.bounded(message).hasSuffix("… (32999000 more characters)"))
    }

    @Test("grading: an answer's random draws cannot shift the sheet's")
    func sheetRandomness() throws {
        let sheet = "---\nseed: 1\n---\n```cahier exercise=warmup points=1\n> let a = 1\n```\n```cahier check=warmup\n> expect(a == 1, \"a\")\n```\n```cahier\n> let sample = rand(3)\n> sample\n...\n```\n"
        func sample(_ answer: String) throws -> [String] {
            let text = sheet.replacingOccurrences(of: "> let a = 1\n", with: answer)
            return NotebookRun(try Support.notebook(text)).blocks[2].commands[1].outcome.lines
        }
        #expect(try sample("> let a = 1\n") == (try sample("> let a = 1\n> let burn = rand(100)\n")))
    }

    @Test("XML reports drop the characters XML 1.0 cannot hold")
    func xmlCharacters() throws {
        let sheet = try Sheet(try Support.notebook("```cahier exercise=a points=1\n> let a = 1\n```\n```cahier check=a\n> expect(a == 1, \"\u{FFFE}\u{1}bad\")\n```\n"))
        let events: [Grader.Event] = [.answers(["a": .ready]), .check(number: 1, outcome: .failed(CheckFailure(reason: .other("\u{FFFF}")))), .done]
        let result = GradeResult(sheet: sheet, handIn: "h", events: events, stopped: nil)
        let xml = GradeReports.junit(result)
        #expect(!xml.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF || $0.value == 1 })
    }
}
