import CahierKit
import Testing

/// Work that grows with the data is charged before or as it is done, so a
/// command stops at the work limit about when the steps would (the inputs
/// come from the adversarial pass after reliability-2).
@Suite("Work charges")
struct WorkChargeTests {
    /// The outputs of one block under a front matter of `limits`.
    func outputs(_ commands: [String], limits: String) throws -> [[String]] {
        let text = "---\n\(limits)\n---\n```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        return NotebookRun(try Support.notebook(text)).outputs.first ?? []
    }

    @Test("copying list items is charged: a slice of a list in a loop stops at the work limit")
    func listCopies() throws {
        // 2,000 items a slice at 250 operations an item: 500,000 a slice, so 10⁹ operations allow about 2,000 slices.
        let slices = try outputs(["var l = list()", "for i in 0..<2000 { l.append(i) }", "var total = 0",
                                  "for i in 0..<100000 { total += l[1:].count }"], limits: "max-operations: 1000000000")
        #expect(slices[3] == ["error: work limit of 1000000000 operations reached (front matter max-operations)"])
    }

    @Test("polygons charges each point against each vertex before it draws any")
    func polygons() throws {
        // 40,000 vertices × 100,000 points × 4 operations = 1.6·10¹⁰, over 10¹⁰.
        let out = try Support.outputs(["let big = zeros(40000, 2) + [1, 1]", "let d = polygons(big, count: 100000)"])
        #expect(out[1] == ["error: work limit of 10000000000 operations reached (front matter max-operations)"])
    }
}
