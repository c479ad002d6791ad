import CahierKit
import Testing

/// A command block that cannot be read at all is worded from the catalogues
/// in the notebook's or the sheet's language, and grades alike in every one.
@Suite("Block problems")
struct BlockProblemTests {
    struct Case: Sendable, CustomStringConvertible {
        var block: String
        var problem: BlockProblem
        /// Where the problem is, in the notebook below (front matter on lines 1–3).
        var line: Int
        var english: String
        var french: String
        var description: String { problem.rawValue }
    }

    static let cases = [
        // The block opens on line 4 and its first line, "bonjour", on line 5.
        Case(block: "```cahier\nbonjour\n> 1\n```\n", problem: .noCommand, line: 5,
             english: "a command block must start with a command: a line beginning with '> '",
             french: "un bloc de commandes doit commencer par une commande\u{A0}: une ligne qui débute par '> '"),
        // The fence on line 4 is never closed.
        Case(block: "```cahier\n> 1\n", problem: .neverClosed, line: 4,
             english: "this command block is never closed: add a closing fence",
             french: "ce bloc de commandes n'est jamais fermé\u{A0}: ajoutez la ligne ``` qui le termine"),
    ]

    @Test("a malformed block is refused at its line, in the notebook's language", arguments: cases)
    func notebook(_ wrong: Case) {
        for (frontMatter, expected) in [("lang: fr", wrong.french), ("title: Notes", wrong.english)] {
            let text = "---\n\(frontMatter)\n---\n" + wrong.block
            let error = #expect(throws: DiagnosticError.self) { try Support.notebook(text, path: "notes.md") }
            #expect(error?.diagnostics.map(\.message) == [expected])
            #expect(error?.diagnostics.first?.range.start.line == wrong.line)
        }
    }

    @Test("every block problem has its words in every catalogue", arguments: Language.catalogued)
    func everyKey(language: Language) throws {
        let catalogue = try CatalogueTests.catalogue(language.tag)
        for problem in BlockProblem.allCases {
            #expect(catalogue.entries["block." + problem.rawValue] != nil, "catalogues/\(language.tag).txt lacks block.\(problem.rawValue)")
        }
    }

    @Test("a hand-in whose answer block does not start with a command grades alike in every language; the student reads why in the sheet's")
    func handIn() throws {
        // Exercise a's block starts with "oops" (line 2): it cannot be read, its check counts 0;
        // exercise b is right (1 point): 1 of 2 points in every language.
        let handIn = "```cahier exercise=a\noops\n> let a = 2\n```\n```cahier exercise=b\n> let b = 3\n```\n"
        let problems = try SyntaxReasonTests.unreadableAnswer(handIn)
        #expect(problems[.english] == "the answer to a cannot be read: line 2, column 1: a command block must start with a command: a line beginning with '> '")
        #expect(problems[Language(tag: "fr")] == "la réponse à l'exercice a est illisible\u{A0}: ligne 2, colonne 1\u{A0}: un bloc de commandes doit commencer par une commande\u{A0}: une ligne qui débute par '> '")
        #expect(problems[.pseudo]?.hasPrefix("⟦") == true)
    }
}
