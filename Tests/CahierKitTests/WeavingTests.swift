import CahierLearning
import CahierKit
import Foundation
import Testing

@Suite("Weaving outputs into notebooks")
struct WeavingTests {
    func weave(_ text: String) throws -> String {
        String(decoding: Weaver.weave(NotebookRun(try Support.notebook(text))), as: UTF8.self)
    }

    @Test("a notebook whose outputs match is a fixed point, byte for byte", arguments: [
        "# Title\r\n\r\n```cahier\r\n> 1 + 1\r\n2\r\n```\r\n",
        "---\ntitle: é叶😀\n---\n\tTabs\u{20}\u{20}\n~~~~ cahier\n> 2\n2\n~~~~\n no newline at the end",
        "```cahier\n> 1 / 3\n0.3333333\n\n> let x = 1\n\n```\n",
        "```cahier\n> range(3)\n...\n```\n",
    ])
    func fixedPoint(text: String) throws {
        #expect(try weave(text) == text)
    }

    @Test("writes outputs with the line endings and container prefix of the command")
    func prefixes() throws {
        #expect(try weave("```cahier\r\n> 1 + 1\r\n```\r\n") == "```cahier\r\n> 1 + 1\r\n2\r\n```\r\n")
        #expect(try weave("> ```cahier\n> > 6 / 2\n> 9\n> ```\n") == "> ```cahier\n> > 6 / 2\n> 3\n> ```\n")
        #expect(try weave("1. item\n\n   ```cahier\n   > [1, 2]\n   ```\n") == "1. item\n\n   ```cahier\n   > [1, 2]\n   [1, 2]\n   ```\n")
    }

    @Test("replaces only the output of the command that changed, among identical lines")
    func onlyChanged() throws {
        let text = "```cahier\n> 1\n1\n> 1\n5\n> 1\n1\n```\n"
        #expect(try weave(text) == "```cahier\n> 1\n1\n> 1\n1\n> 1\n1\n```\n")
    }

    @Test("escapes output lines that would read as commands, continuations or wildcards")
    func escaping() throws {
        let text = "```cahier\n> print(\"> x\")\n> print(\"...\")\n> print(\"| y\")\n```\n"
        let woven = try weave(text)
        #expect(woven == "```cahier\n> print(\"> x\")\n\\> x\n> print(\"...\")\n\\...\n> print(\"| y\")\n\\| y\n```\n")
        #expect(try weave(woven) == woven)
        #expect(NotebookRun(try Support.notebook(woven)).commands.allSatisfy(\.passed))
    }

    @Test("refuses a block whose line prefixes cannot be kept, rather than corrupt it")
    func tabs() throws {
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook("-\t```cahier\n-\t> 1\n-\t```\n") }
        _ = error
        let quoted = #expect(throws: DiagnosticError.self) { try Support.notebook(">\t```cahier\n>\t> 1\n>\t```\n") }
        #expect(quoted?.diagnostics.first?.message.contains("cannot keep this line's prefix") == true)
    }

    @Test("leaves text outside command blocks alone, other code blocks included")
    func otherBlocks() throws {
        let text = "```python\n> 1 + 1\n```\n\n    > indented\n\n```cahier\n> 2\n```\n"
        #expect(try weave(text) == text.replacingOccurrences(of: "> 2\n```", with: "> 2\n2\n```"))
    }

    @Test("keeps the author's ... lines and matching lines where the new output still fits them", arguments: [
        // The last row changed: the first row and the wildcard stay, the last row is rewritten.
        ("```cahier\n> reshape(range(12), 4, 3) * [[1], [1], [1], [2]]\n[[ 0,  1,  2],\n...\n [ 9, 10, 11]]\n```\n",
         "```cahier\n> reshape(range(12), 4, 3) * [[1], [1], [1], [2]]\n[[ 0,  1,  2],\n...\n [18, 20, 22]]\n```\n"),
        // A line written within the tolerance is kept as written; the wrong one is replaced.
        ("```cahier\n> print(1 / 3)\n> print(\"tail\")\n> [1, 2]\n0.3333333\nhead\n```\n",
         "```cahier\n> print(1 / 3)\n0.333333\n> print(\"tail\")\ntail\n> [1, 2]\n[1, 2]\n```\n"),
        ("```cahier\n> [[1, 2], [1 / 3, 4], [5, 6]]\n[[1, 2],\n [0.3333333, 4],\n [5, 7]]\n```\n",
         "```cahier\n> [[1, 2], [1 / 3, 4], [5, 6]]\n[[1, 2],\n [0.3333333, 4],\n [       5, 6]]\n```\n"),
        // A wildcard in the middle survives a change at the end and at the start.
        ("```cahier\n> range(2000) + 1\n[0, ..., 1999]\n...\n```\n", "```cahier\n> range(2000) + 1\n[1, 2, 3, ..., 1998, 1999, 2000]\n...\n```\n"),
    ])
    func mergeKeepsWildcards(input: String, expected: String) throws {
        let woven = try weave(input)
        #expect(woven == expected)
        #expect(NotebookRun(try Support.notebook(woven)).commands.allSatisfy(\.passed))
        #expect(try weave(woven) == woven)
    }
}
