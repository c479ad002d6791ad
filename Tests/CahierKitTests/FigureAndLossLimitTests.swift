import CahierKit
import CahierLearning
import Foundation
import Testing

/// Figures are bounded before they are drawn and their SVG counts as output
/// (reproducer 20 of reliability-2); losses and metrics refuse shapes they
/// cannot pair (reproducer 21).
@Suite("Figure and loss limits")
struct FigureAndLossLimitTests {
    /// The run of one block of commands under `frontMatter`.
    func run(_ commands: [String], frontMatter: String = "") throws -> NotebookRun {
        let text = frontMatter + "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        return NotebookRun(try Support.notebook(text))
    }

    func output(_ commands: [String], frontMatter: String = "") throws -> [[String]] {
        try run(commands, frontMatter: frontMatter).outputs[0]
    }

    // MARK: Figures

    @Test("20: the reproducer's three plotData of 3,000,000 points each end with the point limit, drawing nothing")
    func reproducer20() throws {
        let figures = try run(["let d = dataset(x: randn(3000000, 2), y: zeros(3000000))", "plotData(d)", "plotData(d)", "plotData(d)"])
        let error = "error: plotData: a figure draws at most 100000 points, got 3000000; plot a sample of them"
        #expect(figures.outputs[0] == [[], [error], [error], [error]])
        #expect(figures.blocks[0].figures.isEmpty)
    }

    @Test("every data-set figure refuses one point over the limit, naming the limit and the count", arguments: [
        "plotData(d)", "plotBoundary(p, d)", "plotRegions(p, d)",
    ])
    func pointLimit(command: String) throws {
        let name = String(command.prefix { $0 != "(" })
        let out = try output(["let d = dataset(x: zeros(100001, 2), y: zeros(100001))", "let p = Perceptron(features: 2)", command])
        #expect(out[2] == ["error: \(name): a figure draws at most 100000 points, got 100001; plot a sample of them"])
    }

    @Test("plotLines refuses an 11th line and a line of 100,001 values")
    func lineLimits() throws {
        let out = try output(["plotLines(zeros(11, 3))", "plotLines(zeros(100001))", "plotLines(zeros(10, 3))"])
        #expect(out[0] == ["error: plotLines: give 1 to 10 series of 1 to 100000 values, got 11 series"])
        #expect(out[1] == ["error: plotLines: give 1 to 10 series of 1 to 100000 values, got 1 series of up to 100001 values"])
        #expect(out[2] == ["[figure: ]"])
    }

    @Test("plotImages counts images and pixels before drawing, and a shape whose product overflows is refused, not a trap")
    func imageLimits() throws {
        let out = try output([
            "plotImages(zeros(401, 4))",
            // 2 images of 1000 × 2001 pixels: 4,002,000 in all, each under 4,000,000.
            "plotImages(zeros(2, 1000, 2001))",
            "plotImages(zeros(2, 4), shape: [4294967296, 4294967296, 1])",
            "plotImages(zeros(2, 4), shape: [-2, -2, 1])",
            "plotImages(zeros(400, 4))",
        ], frontMatter: "---\nmax-output: 100000000\n---\n")
        #expect(out[0] == ["error: plotImages: give from 1 to 400 images, got 401"])
        #expect(out[1] == ["error: plotImages: a figure draws at most 4000000 pixels in all, got 4002000 in 2 images"])
        #expect(out[2] == ["error: plotImages: rows of 4 values do not make images of shape [4294967296, 4294967296, 1] [H, W, C]"])
        #expect(out[3] == ["error: plotImages: rows of 4 values do not make images of shape [-2, -2, 1] [H, W, C]"])
        #expect(out[4] == ["[figure: Images]"])
    }

    @Test("a figure's title and labels are weighed against the output left before it is drawn, and only as many labels as images are read")
    func labelTexts() throws {
        let out = try output([
            "var s = \"0123456789abcdef\"", "for i in 0..<15 { s = s + s }",
            "func same(_ i: Number) -> String { return s }", "let many = map(same, range(400))",
            "plotImages(zeros(400, 4), labels: many)",
            "plotImages(zeros(2, 4), labels: [[1, 2], \"a\"])",
            "plotImages(zeros(2, 4), labels: range(10000000))",
        ])
        // s is 16 · 2¹⁵ = 524,288 bytes; 400 of them and the title "Images" (6 bytes) make 209,715,206.
        #expect(out[4] == ["error: plotImages: the figure's title and labels (209715206 bytes) are over the output limit of 1000000 bytes for one command (front matter max-output)"])
        #expect(out[5] == ["error: plotImages: a label is a string or a number, got a Tensor"])
        #expect(out[6] == ["[figure: Images]"])
    }

    @Test("plotLines counts its series before copying any: a matrix of a million rows is refused by its row count")
    func seriesCountedFirst() throws {
        #expect(try output(["plotLines(zeros(1000000, 2))"]) == [["error: plotLines: give 1 to 10 series of 1 to 100000 values, got 1000000 series"]])
    }

    @Test("points and lines at ±1e308, whose ranges overflow, are drawn, not a trap", arguments: [
        "plotData(dataset(x: [[-1e308, 0], [1e308, 1]], y: [0, 1]))",
        "plotRegions(Perceptron(features: 2), dataset(x: [[-1e308, 0], [1e308, 1]], y: [0, 1]))",
        "plotBoundary(Perceptron(weights: [1, 1, 1]), dataset(x: [[1e308, 0], [1.7e308, 1e-300]], y: [0, 1]))",
        "plotLines([-1.7e308, 1.7e308])",
    ])
    func extremeRanges(command: String) throws {
        let out = try output([command])
        #expect(out[0].count == 1 && out[0][0].hasPrefix("[figure: "))
    }

    @Test("a figure's SVG counts against max-output: one byte short of the figure is an error naming both")
    func commandOutput() throws {
        let setup = ["let d = dataset(x: [[0, 0], [1, 1], [2, 0]], y: [0, 1, 0])", "plotData(d)"]
        let drawn = try run(setup, frontMatter: "---\nmax-output: 1000000\n---\n").blocks[0]
        let size = try #require(drawn.figures.first).svg.utf8.count
        // Drawn and shown in one command, it counts once: its SVG and its line "[figure: Data]" (14 bytes and a newline).
        let fits = try output(setup, frontMatter: "---\nmax-output: \(size + 15)\n---\n")
        #expect(fits[1] == ["[figure: Data]"])
        let over = try output(setup, frontMatter: "---\nmax-output: \(size - 1)\n---\n")
        #expect(over[1] == ["error: plotData: the figure's \(size) bytes of SVG are over the output limit of \(size - 1) bytes for one command (front matter max-output)"])
    }

    @Test("figures count towards the notebook's output, and a figure shown again counts again")
    func notebookOutput() throws {
        let setup = ["let d = dataset(x: [[0, 0], [1, 1], [2, 0]], y: [0, 1, 0])", "let f = plotData(d)"]
        let size = try #require(try run(setup).blocks[0].figures.first).svg.utf8.count
        let line = "[figure: Data]".utf8.count + 1
        // Room for the figure drawn once and shown twice more (each time its SVG and its line), not a third time.
        let budget = size + 2 * (size + line)
        let out = try output(setup + ["f", "f", "f"], frontMatter: "---\nmax-notebook-output: \(budget)\n---\n")
        #expect(out[2] == ["[figure: Data]"])
        #expect(out[3] == ["[figure: Data]"])
        #expect(out[4] == ["error: output limit of \(budget) bytes for the notebook reached (front matter max-notebook-output)"])
        // A new figure past the notebook's budget is refused before it is kept (20 bytes left: room for its title "Data" and
        // axis labels "x₁" and "x₂", 4 + 4 + 4 bytes in UTF-8, not its SVG).
        let drawn = try run(setup + ["plotData(d)"], frontMatter: "---\nmax-notebook-output: \(size + 20)\n---\n")
        #expect(drawn.outputs[0][2] == ["error: plotData: the figure's \(size) bytes of SVG are over the output limit of \(size + 20) bytes for the notebook (front matter max-notebook-output)"])
        // With fewer bytes left than its title and labels, it is refused before it is drawn.
        let early = try run(setup + ["plotData(d)"], frontMatter: "---\nmax-notebook-output: \(size + 3)\n---\n")
        #expect(early.outputs[0][2] == ["error: plotData: the figure's title and labels (12 bytes) are over the output limit of \(size + 3) bytes for the notebook (front matter max-notebook-output)"])
        #expect(drawn.blocks[0].figures.count == 1)
    }

    @Test("plotRegions charges its classifier's work: a grid of 150 × 150 cells through a network of 1.1 million numbers stops at the work limit")
    func regionsWork() throws {
        // 22,500 cells × (1,102,001 + 1) operations ≈ 2.5·10¹⁰ > the default limit of 10¹⁰.
        let out = try output(["let d = dataset(x: [[0, 0], [1, 1]], y: [0, 1])", "let m = MLP(sizes: [2, 1000, 1000, 1])",
                              "plotRegions(m, d, resolution: 150)"])
        #expect(out[2] == ["error: work limit of 10000000000 operations reached (front matter max-operations)"])
    }

    // MARK: Losses and metrics

    @Test("21: the reproducer's losses and accuracy refuse a column against a row, naming both shapes")
    func reproducer21() throws {
        let out = try output(["mse([[1], [2], [3]], [[1, 2, 4]])", "mean(([[1], [2], [3]] - [[1, 2, 4]]) ** 2)",
                              "lossGradient(\"mse\", [[1], [2], [3]], [[1, 2, 4]])", "accuracy([[1], [0]], [[1, 0]])"])
        let mse = "error: mse: predictions of shape [3, 1] and targets of shape [1, 3] do not match; give both the same shape (reshape one of them)"
        #expect(out[0] == [mse])
        // By hand: the [3, 3] differences are 0 −1 −3 / 1 0 −2 / 2 1 −1, squares sum to 21, mean 21/9 = 2.33333.
        #expect(out[1] == ["2.33333"])
        #expect(out[2] == [mse])
        #expect(out[3] == ["error: accuracy: predictions of shape [2, 1] and truth of shape [1, 2] do not match; give both the same shape (reshape one of them)"])
    }

    @Test("every loss and metric builtin refuses shapes it cannot pair, whatever the reduction and when autograd follows", arguments: [
        ("bce([[0.5], [0.5]], [1, 0])", "bce: predictions of shape [2, 1] and targets of shape [2]"),
        // The shapes are the first thing wrong, before the values out of range.
        ("bce([2, 3], [[1], [0]])", "bce: predictions of shape [2] and targets of shape [2, 1]"),
        ("bceWithLogits([0, 0], [[1], [0]])", "bceWithLogits: predictions of shape [2] and targets of shape [2, 1]"),
        ("perceptronLoss([[1, 2]], [1, 1], reduction: \"sum\")", "perceptronLoss: predictions of shape [1, 2] and targets of shape [2]"),
        ("zeroOneLoss([[1, 2]], [[1], [1]], reduction: \"none\")", "zeroOneLoss: predictions of shape [1, 2] and targets of shape [2, 1]"),
        ("mse(param([[1], [2]]), [1, 2])", "mse: predictions of shape [2, 1] and targets of shape [2]"),
        ("mse(param([[1], [2]]), [1, 2], reduction: \"none\")", "mse: predictions of shape [2, 1] and targets of shape [2]"),
        ("lossGradient(\"bce\", [0.5, 0.5], [[1, 0]])", "bce: predictions of shape [2] and targets of shape [1, 2]"),
        ("confusionMatrix([1, 0], [[1], [0]], classes: 2)", "confusionMatrix: predictions of shape [2] and truth of shape [2, 1]"),
        ("precision([1, 0], [[1], [0]])", "precision: predictions of shape [2] and truth of shape [2, 1]"),
        ("recall([1, 0], [[1], [0]])", "recall: predictions of shape [2] and truth of shape [2, 1]"),
        ("f1([1, 0], [[1], [0]])", "f1: predictions of shape [2] and truth of shape [2, 1]"),
    ])
    func builtinRefusals(command: String, message: String) throws {
        #expect(try output([command]) == [["error: " + message + " do not match; give both the same shape (reshape one of them)"]])
    }

    @Test("lossGradient checks the values as its loss does: bce's probabilities in [0, 1]")
    func lossGradientValidates() throws {
        // By hand: (p − y) / (p(1 − p)) = −0.5 / 0.25 = −2.
        #expect(try output(["lossGradient(\"bce\", [2], [1])", "lossGradient(\"bce\", [0.5], [1])"])
            == [["error: bce: every probability must be between 0 and 1, got 2"], ["[-2]"]])
    }

    @Test("crossEntropy refuses classes that are not one per row of logits")
    func crossEntropyRefusal() throws {
        #expect(try output(["crossEntropy([[0, 0]], [[1]])"])
            == [["error: crossEntropy: logits of shape [1, 2] and classes of shape [1, 1] do not match; logits are [n, k] and classes [n]"]])
    }

    @Test("losses of the same shapes are computed: mse([[1], [2], [3]], [[1], [2], [4]]) is 1/3 and its gradient [[0], [0], −2/3]")
    func sameShapes() throws {
        let out = try output(["mse([[1], [2], [3]], [[1], [2], [4]])", "let g = lossGradient(\"mse\", [[1], [2], [3]], [[1], [2], [4]])",
                              "shape(g)", "[g[0, 0], g[1, 0], g[2, 0]]", "accuracy([[1], [0]], [[1], [1]])"])
        // By hand: squares 0, 0, 1, mean 1/3; gradient 2(p − y)/3 = 0, 0, −2/3 in the prediction's shape; one of two right.
        #expect(out[0] == ["0.333333"])
        #expect(out[2] == ["[3, 1]"])
        #expect(out[3] == ["[0, 0, -0.666667]"])
        #expect(out[4] == ["0.5"])
    }

    @Test("training still pairs a model of one output with labels [n]: an MLP fit on mse and a LogisticRegression")
    func trainingPairs() throws {
        let out = try output(["let d = dataset(x: [[0, 0], [1, 1]], y: [0, 1])", "let m = MLP(sizes: [2, 1])",
                              "m.fit(d, loss: \"mse\", optimizer: SGD(m, rate: 0.1), epochs: 1).losses.count",
                              "let r = LogisticRegression(features: 2)", "r.fit(d, rate: 0.1, epochs: 1).losses.count"])
        #expect(out[2] == ["1"])
        #expect(out[4] == ["1"])
    }
}
