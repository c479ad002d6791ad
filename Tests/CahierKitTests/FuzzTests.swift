import CahierKit
import CahierLearning
import Testing

/// Random commands, made from the language's own pieces by a seeded generator,
/// must each end in a value or an `error:` line: never a crash or a hang.
@Suite("Random commands")
struct FuzzTests {
    static let pieces = [
        "1", "-2.5", "0", "1e308", "1e-308", "nan", "[1, 2]", "[[1, 2], [3, 4]]", "[]", "[[]]", "\"s\"", "true", "x", "m", "p",
        "+", "-", "*", "/", "@", "==", "<", "&&", "||", "!", "(", ")", "[", "]", ",", ".", ":",
        "zeros", "ones", "eye", "range", "rand", "reshape", "sum", "mean", "max", "argmax", "exp", "log", "softmax", "transpose",
        "shape", "T", "count", "axis", "rows", "tokenize", "Vocabulary", "Perceptron", "MLP", "SGD", "gates", "and", "xor",
        "fit", "predict", "weights", "layers", "epochs", "rate", "plotLines", "confusionMatrix", "accuracy", "crossEntropy",
    ]

    @Test("thousands of random commands run without crashing, the same way twice", arguments: [1, 2, 3] as [UInt64])
    func randomCommands(seed: UInt64) throws {
        var generator = Xoshiro256(seed: seed)
        var statements: [Program] = []
        for setup in ["let x = [[1, 2], [3, 4]]", "let m = [1, 2, 3]", "let p = Perceptron(features: 2)"] {
            statements.append(try Parser.parse(CommandText(setup)))
        }
        for _ in 0..<20_000 {
            let length = 1 + generator.nextIndex(below: 10)
            let text = (0..<length).map { _ in Self.pieces[generator.nextIndex(below: Self.pieces.count)] }.joined(separator: " ")
            // Most random texts are syntax errors, which the parser reports; the others run.
            if let statement = try? Parser.parse(CommandText(text)) { statements.append(statement) }
        }
        #expect(statements.count > 1000)
        func run() -> [[String]] {
            let interpreter = Interpreter(seed: seed)
            return statements.map { interpreter.run($0).lines }
        }
        let first = run()
        #expect(first == run())
        #expect(first.joined().contains { $0.hasPrefix("error: ") })
    }
}

/// Random notebooks, assembled line by line from Markdown and transcript
/// pieces: parsing never crashes, and weaving is idempotent — the woven
/// notebook parses again, and weaving it changes nothing more.
@Suite("Random notebooks")
struct NotebookFuzzTests {
    static let lines = [
        "```cahier", "```", "~~~cahier", "~~~", "````cahier", "````", "```python", "> 1 + 1", "> let a = [1, 2]", "> a * 2",
        "> print(\"> no\")", "| + 1", "2", "...", "\\> x", "", "text é 叶", "# Title", "- item", "  ```cahier", "  > 3", "  ```",
        "> ```cahier", "> > 4", "> ```", "\t> 5", "---", "title: x", "> sum(a)", "> log(0)", "3", "> rand(2)", "$x_1$", "  ",
    ]

    @Test("random notebooks parse or are refused, and weaving them is idempotent", arguments: [11, 12, 13] as [UInt64])
    func randomNotebooks(seed: UInt64) throws {
        var generator = Xoshiro256(seed: seed)
        var woven = 0
        for _ in 0..<3000 {
            let count = 1 + generator.nextIndex(below: 14)
            let text = (0..<count).map { _ in Self.lines[generator.nextIndex(below: Self.lines.count)] }.joined(separator: "\n")
                + (generator.nextIndex(below: 2) == 0 ? "\n" : "")
            guard let notebook = try? NotebookParser.parse(try SourceLoader.validate(path: "f.md", bytes: Array(text.utf8))) else { continue }
            let once = Weaver.weave(NotebookRun(notebook))
            let again = try NotebookParser.parse(try SourceLoader.validate(path: "f.md", bytes: once))
            #expect(Weaver.weave(NotebookRun(again)) == once, "\(text)")
            let allPass = NotebookRun(again).commands.allSatisfy { $0.passed }
            #expect(allPass, "\(text)")
            woven += 1
        }
        #expect(woven > 500)
    }
}
