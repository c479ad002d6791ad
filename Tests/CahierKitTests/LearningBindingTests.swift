import CahierKit
import Foundation
import Testing

@Suite("The learning library in notebooks")
struct LearningBindingTests {
    /// Runs commands in a notebook saved in `directory` (so `load` has a folder).
    func run(_ commands: [String], in directory: URL? = nil, frontMatter: String = "") throws -> [[String]] {
        let folder = try directory ?? Support.temporaryDirectory()
        let text = frontMatter + "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let path = folder.appendingPathComponent("n.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return NotebookRun(try NotebookParser.load(path: path)).outputs.first ?? []
    }

    @Test("models, layers and optimizers are objects: every name for one sees it train; tensors are values")
    func references() throws {
        let out = try run(["let p = Perceptron(features: 2)", "let q = p", "q.fit(gates.and, epochs: 20)", "p.weights",
                           "let l = Linear(weight: [[1, 1]], bias: [0])", "let net = Sequential(l, \"sigmoid\")",
                           "let h = net.fit(gates.and, loss: \"bce\", optimizer: SGD(rate: 1), epochs: 1)",
                           "all(l.weight.value == net.layers[0].weight.value)", "all(l.weight.value == [[1, 1]])",
                           "var a = [1, 2]", "var b = a", "b[0] = 5", "a", "b"])
        // By hand: the online rule from w = 0, rate 1, on AND (tools/reference/reference.json: epochs 6, weights [-3, 2, 1]).
        #expect(out[2] == ["Training(epochs: 6, converged: true, errors: [2, 3, 3, 2, 1, 0], weights: Tensor[6, 3])"])
        #expect(out[3] == ["[-3, 2, 1]"])
        // The layer bound to l is the one the network trained: one step of gradient descent moved it.
        #expect(out[7] == ["true"] && out[8] == ["false"])
        #expect(out[12] == ["[1, 2]"] && out[13] == ["[5, 2]"])
    }

    @Test("methods and properties are reported clearly when misused")
    func misuse() throws {
        let out = try run(["let p = Perceptron(features: 2)", "p.weights()", "p.fit", "p.train(gates.and)", "gates.maybe"])
        #expect(out[1] == ["error: 'weights' is a property of a Perceptron; read it without parentheses"])
        #expect(out[2] == ["error: 'fit' is a method of a Perceptron; call it with parentheses: .fit(…)"])
        #expect(out[3] == ["error: a Perceptron has no method 'train'; its methods are fit, predict, scores"])
        #expect(out[4] == ["error: a Gates has no member 'maybe'; it has and, or, nand, nor, xor, not"])
    }

    @Test("load reads only inside the notebook's folder: no absolute paths, no .., no links out", arguments: [
        ("/etc/passwd", "error: load: '/etc/passwd' is an absolute path; give a path inside the notebook's folder, like data/digits.csv"),
        ("../secret.csv", "error: load: '../secret.csv' leaves the notebook's folder"),
        ("data/../../secret.csv", "error: load: 'data/../../secret.csv' leaves the notebook's folder"),
        ("link/secret.csv", "error: load: 'link/secret.csv' leads outside the notebook's folder"),
        ("missing.csv", "error: load: no file 'missing.csv' in the notebook's folder"),
        ("bad.csv", "error: load: say which column of bad.csv holds the labels, as in load(\"bad.csv\", label: \"b\"); its columns are a, b"),
    ])
    func confinement(path: String, message: String) throws {
        let outside = try Support.temporaryDirectory()
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.csv"))
        let folder = try Support.temporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: outside.path)
        try Data("a,b\n1,2\n".utf8).write(to: folder.appendingPathComponent("bad.csv"))
        #expect(try run(["load(\"\(path)\")"], in: folder) == [[message]])
    }

    @Test("training and tensors stay within the work limits set in the front matter")
    func limits() throws {
        let out = try run(["MLP(sizes: [2, 4, 1]).fit(gates.xor, loss: \"bce\", optimizer: SGD(rate: 0.1), epochs: 10)",
                           "let m = MLP(sizes: [2, 4, 1])", "m.fit(gates.xor, loss: \"bce\", optimizer: SGD(rate: 0.1), epochs: 26)", "zeros(10, 10)"],
                          frontMatter: "---\nmax-training-examples: 100\nmax-elements: 50\n---\n")
        #expect(out[2] == ["error: training 26 epochs on 4 examples is over the limit of 100 example visits; raise max-training-examples in the front matter to allow it"])
        #expect(out[3] == ["error: a tensor of shape [10, 10] is over the limit of 50 elements"])
    }

    @Test("an array literal, the names of a notebook and a training call are bounded as a whole")
    func totals() throws {
        let out = try run(["[zeros(3000, 3000), zeros(3000, 3000)]",
                           "let a = zeros(3000, 3000)", "let b = zeros(3000, 3000)", "let c = zeros(3000, 3000)",
                           "let d = zeros(3000, 3000)", "let e = zeros(3000, 3000)", "let f = zeros(3000, 3000)",
                           "let m = MLP(sizes: [64, 1000, 1000, 10])",
                           "m.fit(dataset(x: zeros(100, 64), y: zeros(100)), loss: \"crossEntropy\", optimizer: SGD(rate: 0.1), epochs: 2000)"],
                      frontMatter: "---\nmax-memory: 400000000\n---\n")
        #expect(out[0] == ["error: this array holds more than the limit of 10000000 elements"])
        // Five 9,000,000-element tensors are 5 × 72 MB = 360 MB; a sixth would pass max-memory's 400 MB.
        #expect(out[5] == [])
        #expect(out[6] == ["error: a tensor of shape [3000, 3000] of 72 MB would take the notebook past its memory limit of 400 MB (front matter max-memory)"])
        // Parameters: 64·1000 + 1000 + 1000·1000 + 1000 + 1000·10 + 10 = 1,076,010; × 2000 epochs × 100 examples = 215,202,000,000.
        #expect(out[8] == ["error: training 2000 epochs on 100 examples with 1076010 parameters would take about 215202000000 multiply-adds, over the limit of 100000000000"])
    }

    @Test("figures are the same to the byte on every run, and their text is escaped")
    func figures() throws {
        let folder = try Support.temporaryDirectory()
        let text = "```cahier\n> plotData(noisyXOR(count: 50, noise: 0.1), title: \"<b>&\")\n> plotFunction(\"gelu\")\n```\n"
        let path = folder.appendingPathComponent("f.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let a = NotebookRun(try NotebookParser.load(path: path))
        let b = NotebookRun(try NotebookParser.load(path: path))
        #expect(a.outputs[0][0] == ["[figure: <b>&]"])
        #expect(a.blocks[0].figures == b.blocks[0].figures)
        let svg = try #require(a.blocks[0].figures.first?.svg)
        #expect(svg.contains("<title>&lt;b&gt;&amp;</title>"))
        #expect(!svg.contains("<b>"))
    }

    @Test("a rendered course page has its title, untouched math, inline figures and escaped output")
    func coursePage() throws {
        let root = Support.root.appendingPathComponent("notebooks")
        let site = try Support.temporaryDirectory()
        let result = try Support.cahier(["render", root.appendingPathComponent("02-perceptron.md").path, "--to", "html", "-o", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOf: site.appendingPathComponent("02-perceptron.html"), encoding: .utf8)
        #expect(page.contains("<title>2. The perceptron</title>"))
        #expect(page.contains("<span class=\"math display\">x = [1; x_1; \\dots; x_d], \\qquad w = [w_0; w_1; \\dots; w_d],</span>"))
        #expect(page.contains("<figure class=\"plot\"><svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(page.contains("<title>The perceptron&#39;s boundary and its w</title>"))
        #expect(page.contains("<span class=\"output\">Training(epochs: 2, converged: true, errors: [1, 0], weights: Tensor[2, 3])</span>"))
        #expect(!page.contains("[figure:"))
    }

    @Test("woven Markdown links each figure to an SVG file written beside it")
    func markdownFigures() throws {
        let folder = try Support.temporaryDirectory()
        try Data("```cahier\n> plotFunction(\"relu\")\n```\ntext\n".utf8).write(to: folder.appendingPathComponent("n.md"))
        #expect(try Support.cahier(["render", "n.md", "--to", "markdown", "-o", "out"], in: folder).status == 0)
        let woven = try String(contentsOf: folder.appendingPathComponent("out/n.md"), encoding: .utf8)
        #expect(woven == "```cahier\n> plotFunction(\"relu\")\n[figure: relu and its derivative]\n```\n\n![relu and its derivative](n-figure-1-1.svg)\ntext\n")
        let svg = try String(contentsOf: folder.appendingPathComponent("out/n-figure-1-1.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }
}

@Suite("Committed artefacts are current")
struct ArtefactTests {
    @Test("the README's figure is the one notebook 4 draws")
    func readmeFigure() throws {
        let out = try Support.temporaryDirectory()
        let notebook = Support.root.appendingPathComponent("notebooks/04-perceptron-to-mlp.md").path
        #expect(try Support.cahier(["render", notebook, "--to", "markdown", "-o", out.path]).status == 0)
        let drawn = try String(contentsOf: out.appendingPathComponent("04-perceptron-to-mlp-figure-3-1.svg"), encoding: .utf8)
        let committed = try String(contentsOf: Support.root.appendingPathComponent("docs/figures/two-triangles.svg"), encoding: .utf8)
        #expect(drawn == committed, "docs/figures/two-triangles.svg is stale: copy the figure again")
    }
}
