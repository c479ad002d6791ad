import CahierKit
import Foundation
import Testing

/// `load` on tables saved by a French spreadsheet: `;` and decimal commas
/// are read when said (`delimiter:`, `decimal:`) or when the file shows them
/// unambiguously; a decimal comma where points are read is an error at its
/// line and column that names the option.
@Suite("Loading French tables")
struct FrenchDataLoadingTests {
    /// The outputs of `commands` in a notebook beside the files `files` (name → text).
    func outputs(_ commands: [String], files: [String: String]) throws -> [[String]] {
        let folder = try Support.temporaryDirectory()
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let text = "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let path = folder.appendingPathComponent("n.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return NotebookRun(try NotebookParser.load(path: path)).outputs.first ?? []
    }

    static let files = [
        "fr.csv": "taille;poids;label\r\n7,5;182;1\r\n8,25;210;0\r\n",
        "fr.tsv": "taille\tlabel\n0,5\t1\n-1,5\t0\n",
        "mixed.csv": "taille;poids;label\n7,5;1;1\n8.2;2;0\n",
        "en.csv": "name,size,label\n\"1,000\",3,1\n\"2,500\",4,0\n",
        "whole.csv": "a;label\n1;0\n2;1\n",
        "ragged.csv": "a;b;label\n1;2;0\n3,4,1\n",
    ]

    @Test("what a file shows unambiguously, or what is said, is how it is read", arguments: [
        // ';' from the header, decimal commas from 7,5 and 8,25 (no number has a point).
        ("load(\"fr.csv\").x", ["[[ 7.5, 182],", " [8.25, 210]]"]),
        ("load(\"fr.csv\", decimal: \",\").x", ["[[ 7.5, 182],", " [8.25, 210]]"]),
        ("load(\"fr.csv\", delimiter: \";\", decimal: \",\").y", ["[1, 0]"]),
        ("load(\"fr.tsv\").x", ["[[ 0.5],", " [-1.5]]"]),
        ("load(\"whole.csv\").x", ["[[1],", " [2]]"]),
        // A Dataset of texts only (no numeric column besides the labels): len counts its examples.
        ("len(load(\"fr.tsv\", features: []))", ["2"]),
        // A comma-separated file's quoted "1,000" stays text: a thousands separator, not a decimal comma.
        ("load(\"en.csv\").texts", ["[\"1,000\", \"2,500\"]"]),
    ])
    func read(command: String, expected: [String]) throws {
        #expect(try outputs([command], files: Self.files).first == expected)
    }

    @Test("a decimal comma where points are read, or options that cannot go together, are errors that say where and what to write", arguments: [
        // Line 2 of fr.csv is "7,5;182;1": 7,5 is at column 1.
        ("load(\"fr.csv\", decimal: \".\")", "error: load: fr.csv:2:1: '7,5' in column 'taille' is not a number here: it looks like a decimal comma; read the file with decimal: \",\""),
        // 7,5 and 8.2 in one file: nothing is guessed; the decimal comma at line 2, column 1 is named.
        ("load(\"mixed.csv\")", "error: load: mixed.csv:2:1: '7,5' in column 'taille' is not a number here: it looks like a decimal comma; read the file with decimal: \",\""),
        // Read with decimal commas, 8.2 (line 3, column 1) is not a number.
        ("load(\"mixed.csv\", features: [\"taille\"], decimal: \",\")", "error: load: mixed.csv:3:1: '8.2', not a number, in column 'taille'; fill it in or remove the row"),
        ("load(\"fr.csv\", delimiter: \",\", decimal: \",\")", "error: load: with decimal: \",\" the fields cannot be separated by commas too; give delimiter: \";\" or \"tab\""),
        // The header says ';', line 3 does not split so: the error says how the file was read.
        ("load(\"ragged.csv\")", "error: load: ragged.csv:3: expected 3 fields, as the header has columns, found 1 (read as ';'-separated, as its header is; give delimiter: to choose)"),
        ("load(\"fr.csv\", decimal: \"x\")", "error: load: decimal must be \".\" or \",\", got \"x\""),
    ])
    func refused(command: String, expected: String) throws {
        #expect(try outputs([command], files: Self.files).first?.joined(separator: "\n") == expected)
    }
}
