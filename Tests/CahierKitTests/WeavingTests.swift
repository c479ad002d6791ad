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
        #expect(NotebookRun(try Support.notebook(woven)).results.allSatisfy(\.passed))
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
}
