import CahierKit
import Testing

@Suite("The command language")
struct LanguageTests {
    @Test("evaluates arithmetic with the usual precedence", arguments: [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("-2 * -3", "6"),
        ("7 / 2", "3.5"),
        ("1 / 3", "0.333333"),
        ("2 - 3 - 4", "-5"),
        ("1 < 2 && 3 >= 3", "true"),
        ("!(1 == 1) || false", "false"),
        ("\"ab\" + \"c\"", "\"abc\""),
        ("1_000_000", "1000000"),
        ("1e20", "1e+20"),
        ("2.5e-7", "2.5e-07"),
    ])
    func arithmetic(command: String, expected: String) throws {
        #expect(try Support.output(command) == expected)
    }

    @Test("broadcasts element-wise operations the NumPy way")
    func broadcasting() throws {
        // [[1, 2], [3, 4]] + [10, 20]: the row is added to each row.
        #expect(try Support.output("[[1, 2], [3, 4]] + [10, 20]") == "[[11, 22],\n [13, 24]]")
        // A column [[1], [2]] times a row [1, 10] is their outer product.
        #expect(try Support.output("[[1], [2]] * [1, 10]") == "[[1, 10],\n [2, 20]]")
        #expect(try Support.output("[1, 2, 3] > 2") == "[0, 0, 1]")
    }

    @Test("multiplies matrices with @")
    func matrixProduct() throws {
        // By hand: [1 2; 3 4][5 6; 7 8] = [1·5+2·7, 1·6+2·8; 3·5+4·7, 3·6+4·8].
        #expect(try Support.output("[[1, 2], [3, 4]] @ [[5, 6], [7, 8]]") == "[[19, 22],\n [43, 50]]")
        // A vector on the left is a row: [1, 1] @ M sums the rows.
        #expect(try Support.output("[1, 1] @ [[5, 6], [7, 8]]") == "[12, 14]")
        #expect(try Support.output("[1, 2, 3] @ [4, 5, 6]") == "32")
    }

    @Test("keeps names across commands and blocks")
    func session() throws {
        let notebook = try Support.notebook("```cahier\n> let w = [1, 2]\n```\ntext\n```cahier\n> w * 2\n```\n")
        #expect(NotebookRun(notebook).outputs == [[[]], [["[2, 4]"]]])
    }

    @Test("indexes tensors and lists, negative indices from the end")
    func indexing() throws {
        let setup = ["let m = [[1, 2, 3], [4, 5, 6]]"]
        #expect(try Support.output("m[1]", after: setup) == "[4, 5, 6]")
        #expect(try Support.output("m[1, 2]", after: setup) == "6")
        #expect(try Support.output("m[-1, 0]", after: setup) == "4")
        #expect(try Support.output("[\"a\", \"b\"][1]") == "\"b\"")
        #expect(try Support.output("m[2]", after: setup) == "error: index 2 is out of range for an axis of extent 2")
        #expect(try Support.output("m[0.5]", after: setup) == "error: an index must be a whole number, got 0.5")
    }

    @Test("reports run-time errors as the command's output", arguments: [
        ("foo + 1", "error: unknown name 'foo'"),
        ("sums([1])", "error: unknown function 'sums'; did you mean 'sum'?"),
        ("sum([1, 2], axes: 0)", "error: sum: unexpected label 'axes:'; the signature is sum(_ x: Tensor, axis: Int?) -> Tensor"),
        ("sum(x: [1, 2])", "error: sum: missing an unlabeled argument for 'x' but found 'x:'; the signature is sum(_ x: Tensor, axis: Int?) -> Tensor"),
        ("zeros(\"3\")", "error: zeros: 'dims' must be an Int, got a String; the signature is zeros(_ dims: Int...) -> Tensor"),
        ("[1, 2] + [1, 2, 3]", "error: +: shapes [2] and [3] do not match"),
        ("[[1, 2]] @ [[1, 2]]", "error: @: shapes [1, 2] and [1, 2] do not match"),
        ("[[1, 2], [3]]", "error: the rows of an array must have the same shape; got [2] and [1]; to keep values of different shapes together, make a list: list(a, b)"),
        ("zeros(1e300)", "error: zeros: 'dims' must be a whole number, got 1e+300"),
        ("zeros(100000, 100000)", "error: a tensor of shape [100000, 100000] is over the limit of 10000000 elements"),
        ("ones(2000, 2000) @ ones(2000, 2000)", "error: this matrix product would take 2000×2000×2000 multiply-adds, over the limit of 2000000000"),
        ("range(0, 1, 0)", "error: range: start, end and step must be finite and step must not be 0"),
        ("exp", "func exp(_:)"),
        ("expect(1 > 2, \"one is more than two\")", "error: expectation failed: one is more than two"),
    ])
    func runtimeErrors(command: String, expected: String) throws {
        #expect(try Support.output(command) == expected)
    }

    @Test("shows IEEE results of huge numbers and NaN instead of crashing")
    func nonFinite() throws {
        #expect(try Support.output("1e308 * 10") == "inf")
        #expect(try Support.output("-1 / 0") == "-inf")
        #expect(try Support.output("log([0, -1])") == "[-inf, nan]")
        #expect(try Support.output("0 / 0") == "nan")
    }

    @Test("draws the same random numbers for the same seed, and others for another")
    func seeded() throws {
        let text = { (seed: Int) in "---\nseed: \(seed)\n---\n```cahier\n> rand(3)\n> randn(2, 2)\n```\n" }
        let a = NotebookRun(try Support.notebook(text(1))).outputs
        let b = NotebookRun(try Support.notebook(text(1))).outputs
        let c = NotebookRun(try Support.notebook(text(2))).outputs
        #expect(a == b)
        #expect(a != c)
    }

    @Test("reduces along axes; argmax takes the first of ties")
    func reductions() throws {
        let setup = ["let m = [[1, 5, 5], [7, 2, 0]]"]
        #expect(try Support.output("sum(m)", after: setup) == "20")
        #expect(try Support.output("sum(m, axis: 1)", after: setup) == "[11, 9]")
        #expect(try Support.output("mean(m, axis: 0)", after: setup) == "[4, 3.5, 2.5]")
        #expect(try Support.output("max(m, axis: -1)", after: setup) == "[5, 7]")
        #expect(try Support.output("argmax(m, axis: 1)", after: setup) == "[1, 0]")
        #expect(try Support.output("argmax(m)", after: setup) == "3")
        #expect(try Support.output("m.T.shape", after: setup) == "[3, 2]")
        #expect(try Support.output("reshape(m, -1)", after: setup) == "[1, 5, 5, 7, 2, 0]")
        #expect(try Support.output("sum(m, axis: 2)", after: setup) == "error: axis 2 is out of range for a tensor of rank 2")
    }
}
