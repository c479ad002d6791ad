import CahierKit
import Testing

/// A list may hold the same list many times: `l = list(l, l)` thirty times
/// reaches one number 2³⁰ ways. What a list holds is counted as it is made,
/// so counting, showing, coercing and protecting it never walks it once per
/// way (reproduced by the adversarial pass after reliability-2).
@Suite("Lists that share lists")
struct SharedListTests {
    static let doubled = ["var l = list(1)", "for i in 0..<30 { l = list(l, l) }"]

    @Test("counted, shown and refused as a tensor without walking every way to each item")
    func operations() throws {
        let out = try Support.outputs(Self.doubled + ["l.count", "l", "sum(l)", "l == l", "list(l, l).count"])
        #expect(out[2] == ["2"])
        // Lists nested more than three deep are shown by their count.
        #expect(out[3] == ["[List(2 items), List(2 items)]"])
        #expect(out[4] == ["error: sum: argument 'x' must be a Tensor; this List holds a List"])
        #expect(out[5] == ["error: the left operand of '==' must be a Tensor; this List holds a List"])
        #expect(out[6] == ["2"])
    }

    @Test("building it is charged for the numbers it holds, so doubling forty times stops at the work limit")
    func charged() throws {
        // Doubling k makes a list holding 2^(k+1) numbers, charged as read: past 2^33 the sum passes 10^10 operations.
        let out = try Support.outputs(["var l = list(1)", "for i in 0..<40 { l = list(l, l) }"])
        #expect(out[1] == ["error: work limit of 10000000000 operations reached (front matter max-operations)"])
    }

    @Test("an answer that changes such a list holding objects is checked against the sheet's objects in one pass")
    func protectedObjects() throws {
        let sheet = """
        ```cahier
        > let model = Perceptron(features: 2)
        ```

        ```cahier exercise=a points=1
        > // solution
        > let a = 1
        > // end solution
        ```

        ```cahier check=a
        > expect(a == 1, "a is 1")
        ```

        """
        let answer = "```cahier exercise=a\n> var m = list(Perceptron(features: 2))\n> for i in 0..<27 { m = list(m, m) }\n> m.append(1)\n> let a = m.count\n```\n"
        let result = try Support.grade(answer, sheet: sheet).result
        // m holds two lists and then 1: three items, so a = 3 and the check fails, having run.
        #expect(result.checks[0].message == "a is 1" && result.checks[0].feedback.map(\.plain) == ["a is 3"], "\(result.checks)")
    }
}
