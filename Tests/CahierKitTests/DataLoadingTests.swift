import CahierKit
import Foundation
import Testing

/// `load` in a notebook: every refusal names the data file, its line and
/// column (or byte offset), and what was expected; nothing is guessed from
/// a file's name when its content disagrees.
@Suite("Loading data in a notebook")
struct DataLoadingTests {
    /// The outputs of `commands` in a notebook beside a copy of Tests/DataFiles.
    func outputs(_ commands: [String]) throws -> [[String]] {
        let folder = try Support.temporaryDirectory()
        let source = Support.root.appendingPathComponent("Tests/DataFiles")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let text = "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let path = folder.appendingPathComponent("n.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return NotebookRun(try NotebookParser.load(path: path)).outputs.first ?? []
    }

    @Test("refusals name the file, the line and the column", arguments: [
        ("load(\"missing.csv\")", "error: load: missing.csv:3:3: a missing value in column 'b'; fill it in or remove the row"),
        ("load(\"ragged.csv\")", "error: load: ragged.csv:3: expected 3 fields, as the header has columns, found 2"),
        ("load(\"quote.csv\")", "error: load: quote.csv:2:1: a quoted field opened here is never closed"),
        ("load(\"tabs.csv\")", "error: load: tabs.csv: its header is tab-separated, not what the name tabs.csv says; rename it .tsv or give delimiter:"),
        ("load(\"not-a-png.png\")", "error: load: not-a-png.png at byte 0: not a PNG file: it does not start with PNG's signature"),
        ("load(\"fortran.npy\")", "error: load: fortran.npy at byte 10: the array is in Fortran order; save it in C order: np.save(path, np.ascontiguousarray(a))"),
        ("load(\"big-endian.npy\")", "error: load: big-endian.npy at byte 10: the array is big-endian ('>f8'); save it little-endian: a.astype(a.dtype.newbyteorder('<'))"),
        ("load(\"grey16.png\", label: \"x\")", "error: load: label:, features:, text:, delimiter: and decimal: are for tables (.csv, .tsv); 'grey16.png' is not one"),
        ("load(\"missing.csv\", delimiter: \"|\")", "error: load: delimiter must be \",\", \";\" or \"tab\", got \"|\""),
    ])
    func refusals(command: String, expected: String) throws {
        #expect(try outputs([command]).first?.joined(separator: "\n") == expected)
    }

    @Test("the tab-separated file loads once its delimiter is said; a missing value is refused only where it is used")
    func delimiter() throws {
        let out = try outputs(["load(\"tabs.csv\", delimiter: \"tab\").x", "load(\"missing.csv\", features: [\"a\"]).x"])
        #expect(out[0] == ["[[1, 2]]"])
        #expect(out[1] == ["[[1],", " [3]]"])
    }

    @Test("each numeric type of NumPy loads as the same tensor", arguments: ["f4", "f2", "i4", "u2", "u1", "i1", "u8"])
    func numpyKinds(kind: String) throws {
        #expect(try outputs(["load(\"kind-\(kind).npy\")"]).first == ["[[1, 2, 3],", " [4, 5, 6]]"])
    }
}
