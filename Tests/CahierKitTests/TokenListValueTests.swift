import CahierKit
import Foundation
import Testing

/// A list that `tokenize` made keeps its words' ids for Vocabulary and encode;
/// to everything else it is the list of its Strings. Each operation runs on a
/// tokenized text and on the same words written as a literal list, and must
/// print the same (values, errors and all).
@Suite("Tokenized lists are lists of strings")
struct TokenListValueTests {
    // By hand: "Don't WIN the prize, win it!" lowercased, split at the comma, spaces and "!".
    static let text = "let X = tokenize(\"Don't WIN the prize, win it!\")"
    static let literal = "let X = [\"don't\", \"win\", \"the\", \"prize\", \"win\", \"it\"]"
    // Two texts; é precomposed in the first, decomposed (e + U+0301) in the second.
    static let texts = "let C = tokenize([\"Cash NOW, caf\u{E9}\", \"now cafe\u{301} CASH cash\"])"
    static let literals = "let C = [[\"cash\", \"now\", \"caf\u{E9}\"], [\"now\", \"cafe\u{301}\", \"cash\", \"cash\"]]"

    /// The outputs of `commands` (separated by " | ") after `setup`.
    static func outputs(_ setup: String, _ commands: String) throws -> [[String]] {
        Array(try Support.outputs([setup] + commands.components(separatedBy: " | ")).dropFirst())
    }

    @Test("One text: printing, indexing, slicing, comparing, iterating, len, joining, changing", arguments: [
        "X", "len(X)", "X[0]", "X[-1]", "X[5]", "X[6]", "X[1..<3]", "X == X", "X != X", "X + [\"x\"]", "[X, X]", "print(X)",
        "for w in X { print(w) }", "X.count", "X.shape", "X * 2", "sum(X)", "tokenize(X)",
        "Vocabulary([X]).words", "Vocabulary([X, X], minimumCount: 2).count", "Vocabulary([X]).encode(X, counts: true).dense()",
        "Vocabulary([[\"win\"], X]).encode([X, [\"it\"]]).dense()",
        "var Y = X | Y[0] = \"zz\" | print(Y, X) | print(Vocabulary([Y]).words) | print(Vocabulary([X]).encode(Y).dense())",
        "var Y = X | Y.append(\"aardvark\") | print(Vocabulary([Y, X]).words) | print(Vocabulary([Y]).encode([Y, X], counts: true).dense())",
    ])
    func oneText(command: String) throws {
        let fromTokens = try Self.outputs(Self.text, command)
        #expect(fromTokens == (try Self.outputs(Self.literal, command)))
        #expect(fromTokens.contains { !$0.isEmpty })
    }

    @Test("Several texts: the vocabulary, its order and the rows, and what changing a text does", arguments: [
        "C", "len(C)", "C[1]", "C[1][1]", "C[0] == C[1]",
        "Vocabulary(C).words", "Vocabulary(C, minimumCount: 2).words", "Vocabulary(C).encode(C, counts: true).dense()",
        "Vocabulary(C).encode(C[1]).dense()", "Vocabulary([C[1], C[0]]).words", "Vocabulary([C[0], [\"q\"], C[1]]).words",
        "Vocabulary(C).index(of: \"cafe\u{301}\")", "Vocabulary([C[1], C[0]]).encode(C).dense()",
        "var D = C | D[0][0] = \"zz\" | print(Vocabulary(D).words) | print(Vocabulary(C).encode(D).dense())",
        "var D = C | D[1].append(\"now\") | print(Vocabulary(D).encode(D, counts: true).dense())",
    ])
    func severalTexts(command: String) throws {
        #expect(try Self.outputs(Self.texts, command) == (try Self.outputs(Self.literals, command)))
    }

    @Test("A list keeps its ids without growing past the 40 bytes it had: items, element count, non-numeric count and ids 8 bytes each, depth 4, a flag 1 (37)")
    func listSize() {
        #expect(MemoryLayout<List>.size <= 40)
    }

    @Test("The tokenized texts' vocabulary and rows, derived by hand")
    func byHand() throws {
        // Words in byte order: "cafe◌́" (63 61 66 65 CC 81) is "café" (… C3 A9) as a String, spelt as first met
        // (precomposed, in the first text); then cash, now. Rows with counts: [1, 1, 1] and [1, 2, 1].
        let out = try Support.outputs([Self.texts, "let v = Vocabulary(C)", "v.words", "v.encode(C, counts: true).dense()", "len(C[1])"])
        #expect(out[2].map { Array($0.utf8) } == [Array("[\"caf\u{E9}\", \"cash\", \"now\"]".utf8)])
        #expect(out[3] == ["[[1, 1, 1],", " [1, 2, 1]]"])
        #expect(out[4] == ["4"])
    }
}
