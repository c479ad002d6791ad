import CahierKit
import Testing

@Suite("Syntax errors")
struct SyntaxErrorTests {
    @Test("reports a syntax error at the column of the bad token, counted in UTF-8 bytes")
    func columnAfterNonASCII() throws {
        // "> " is 2 bytes, `"é叶😀"` is 1 + 2 + 3 + 4 + 1 = 11 bytes, " + " 3 more: '*' is byte 17, column 17 + 2 = … see below.
        let text = "```cahier\n> \"é叶😀\" + * 2\n```\n"
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook(text) }
        let diagnostic = try #require(error?.diagnostics.first)
        // Columns: '>' 1, ' ' 2, '"' 3, é 4–5, 叶 6–8, 😀 9–12, '"' 13, ' ' 14, '+' 15, ' ' 16, '*' 17.
        #expect(diagnostic.range.start == SourcePosition(line: 2, column: 17))
        #expect(diagnostic.formatted == """
            test.md:2:17: error: expected an expression, found '*'
                > "é叶😀" + * 2
                            ^
            """)
    }

    @Test("reports every syntax error of a notebook in one run, each at its own line")
    func allErrors() throws {
        let text = "```cahier\n> (1\n> 1 +\n```\n\n```cahier\n> let = 2\n> 3 3\n```\n"
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook(text) }
        #expect(error?.diagnostics.map { $0.range.start } == [
            SourcePosition(line: 2, column: 5), SourcePosition(line: 3, column: 6),
            SourcePosition(line: 7, column: 7), SourcePosition(line: 8, column: 5),
        ])
    }

    @Test("finds the line of an error in repeated identical lines and in continuation lines")
    func repeatedLines() throws {
        let text = "```cahier\n> 1 +\n> 1 +\n> sum([1,\n| 2,, 3])\n```\n"
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook(text) }
        #expect(error?.diagnostics.map { $0.range.start } == [
            SourcePosition(line: 2, column: 6), SourcePosition(line: 3, column: 6), SourcePosition(line: 5, column: 5),
        ])
    }

    @Test("refuses numbers too large for a Double, and nesting deep enough to exhaust the stack")
    func limits() throws {
        #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> 1e400\n```\n") }
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> \(deep)\n```\n") }
        #expect(error?.diagnostics.first?.message.contains("nests more than") == true)
    }

    @Test("reports bad block options and front matter keys with their positions")
    func options() throws {
        let error = #expect(throws: DiagnosticError.self) {
            try Support.notebook("---\ntitle: T\ntolerence: 1\n---\n```cahier tolerance=x colour=red\n> 1\n```\n")
        }
        #expect(error?.diagnostics.map(\.formatted) == [
            "test.md:3:1: error: unknown front matter key 'tolerence'; did you mean 'tolerance'? Known keys: title, seed, tolerance, max-elements, max-training-examples, max-operations, max-notebook-operations, check-work-factor, check-work-floor, max-call-depth, max-output, max-notebook-output, max-file-bytes, max-memory, lang, digits\n    tolerence: 1\n    ^~~~~~~~~",
        ])
        let blockError = #expect(throws: DiagnosticError.self) {
            try Support.notebook("```cahier tolerance=x colour=red\n> 1\n```\n")
        }
        #expect(blockError?.diagnostics.map { $0.range.start } == [SourcePosition(line: 1, column: 11), SourcePosition(line: 1, column: 23)])
    }
}
