import CahierKit
import Testing

/// Names as the lecture writes them: Python's identifier rule (Unicode
/// letters, then letters, digits and combining marks) with subscript digits
/// added and the product dot `·` left out; errors after such names still
/// point at the right column, counted in UTF-8 bytes as everywhere in Cahier,
/// with the caret under the right character.
@Suite("Unicode names")
struct UnicodeNamesTests {
    @Test("names with accents, Greek letters, hats and subscripts bind and read back", arguments: [
        (["let ŷ = 1", "ŷ + 1"], "2"),
        (["let étiquettes = [1, 0]", "étiquettes * 2"], "[2, 0]"),
        (["let α = 0.5", "α * 4"], "2"),
        (["let w₀ = 3", "w₀ * 2"], "6"),
        (["let x₁₂ = 7", "x₁₂"], "7"),
        (["let 叶 = 2", "叶 ** 3"], "8"),
        (["func f(_ ŷ: Number, _ y: Number) -> Number { return ŷ - y }", "f(5, 2)"], "3"),
        (["var Δw = 1", "Δw += 2", "Δw"], "3"),
        (["let _é1 = 4", "_é1"], "4"),
    ])
    func names(commands: [String], expected: String) throws {
        #expect(try Support.outputs(commands).last == [expected])
    }

    @Test("y and ŷ, w0 and w₀ are different names; é typed as one character or as e and an accent is the same name")
    func sameAndDifferent() throws {
        let out = try Support.outputs(["let y = 1", "let ŷ = 2", "y", "let w0 = 3", "let w₀ = 4", "w0", "let e\u{301}te = 5", "\u{E9}te"])
        #expect(out[2] == ["1"])
        #expect(out[5] == ["3"])
        #expect(out[7] == ["5"])
    }

    /// The first diagnostic of a one-command notebook.
    func diagnostic(_ command: String) throws -> Diagnostic {
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> \(command)\n```\n", path: "u.md") }
        return try #require(error?.diagnostics.first)
    }

    @Test("a syntax error after Unicode names is at its byte column, with the caret under the right character")
    func columns() throws {
        // "> let ŷ = 1 +* 2": '>' 1, ' ' 2, "let" 3–5, ' ' 6, ŷ (U+0177, two bytes) 7–8, ' ' 9, '=' 10, ' ' 11, '1' 12, ' ' 13, '+' 14, '*' 15.
        #expect(try diagnostic("let ŷ = 1 +* 2").formatted == """
            u.md:2:15: error: expected an expression, found '*'
                > let ŷ = 1 +* 2
                             ^
            """)
        // The same with ŷ as y and a combining circumflex (1 + 2 bytes): '*' is byte 16, the caret where it was.
        #expect(try diagnostic("let y\u{302} = 1 +* 2").formatted == """
            u.md:2:16: error: expected an expression, found '*'
                > let y\u{302} = 1 +* 2
                             ^
            """)
        // "> let étiquettes = α +* 2": é 7–8, "tiquettes" 9–17, ' ' 18, '=' 19, ' ' 20, α 21–22, ' ' 23, '+' 24, '*' 25.
        #expect(try diagnostic("let étiquettes = α +* 2").range.start == SourcePosition(line: 2, column: 25))
    }

    @Test("what is not a name is refused where it stands: the product dot, superscripts, a digit before a letter", arguments: [
        // "> let a·b = 2": '·' (two bytes) starts at column 8.
        ("let a·b = 2", "2:8: unexpected character '·'; multiply with * (and take a matrix product with @)"),
        // "> let x² = 2": '²' at column 8.
        ("let x² = 2", "2:8: unexpected character '²'; square with ** 2, as in x ** 2"),
        // "> 2α": α at column 4.
        ("2α", "2:4: a number cannot be followed directly by a letter"),
        // "> let ∑ = 1": '∑' (three bytes) at column 7.
        ("let ∑ = 1", "2:7: unexpected character '∑'"),
    ])
    func refused(command: String, expected: String) throws {
        let d = try diagnostic(command)
        #expect("\(d.range.start): \(d.message)" == expected)
    }

    @Test("a run-time error inside a function with Unicode names gives the byte column within the function")
    func runtimeColumn() throws {
        let out = try Support.outputs([
            "func pick(_ étiquettes: Tensor) -> Number {\n|   let ŷ = étiquettes[5]\n|   return ŷ\n| }",
            "pick([1, 0])",
        ])
        // "  let ŷ = étiquettes[5]": spaces 1–2, "let" 3–5, ' ' 6, ŷ 7–8, ' ' 9, '=' 10, ' ' 11, étiquettes from 12.
        #expect(out[1].first == "error: index 5 is out of range for an axis of extent 2")
        #expect(out[1].contains("  at line 2, column 12 of pick(_:)"), "\(out[1])")
    }
}
