import CahierLearning
@testable import CahierKit
import Testing

/// One call protocol: a builtin and a notebook's function bind their
/// arguments by one matcher, so the same mistake gets the same message (only
/// the function's name and signature differ), under both lowerings, at a
/// call site's first call and at later ones (the plan kept for it).
@Suite("Call protocol")
struct CallProtocolTests {
    /// The lines the last command shows (its error as `error: …`) after the
    /// others, all in one block, lowered as `lowering`.
    static func shown(_ commands: [String], lowering: Lowering) throws -> [String] {
        let text = "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let run = NotebookRun(try Support.notebook(text), lowering: lowering)
        let outcome = try #require(run.blocks.first?.commands.last?.outcome)
        if let error = outcome.error { return ["error: " + error.message] }
        return outcome.output.map(\.text)
    }

    /// `sum` as the registry declares it: `sum(_ x: Tensor, axis: Int?) -> Tensor`.
    static let builtin = (name: "sum", signature: "sum(_ x: Tensor, axis: Int?) -> Tensor")
    /// A notebook's function with parameters of the same labels, names and kinds (its axis has a default instead).
    static let declaration = "func total(_ x: Tensor, axis: Int = 0) -> Tensor { return sum(x, axis: axis) }"
    static let user = (name: "total", signature: "total(_ x: Tensor, axis: Int = …) -> Tensor")

    /// Each mistake as a call of `F` and its message with `F` and `SIG` for
    /// the function's name and signature, written from the matching rule:
    /// arguments fit parameters in order, a labeled parameter needs its label,
    /// one with a default may be left out.
    static let mistakes: [(call: String, message: String)] = [
        // No argument for x: the first argument written is `axis:`, not an unlabeled one.
        ("F(axis: 0)", "error: F: missing an unlabeled argument for 'x' but found 'axis:'; the signature is SIG"),
        // No argument at all.
        ("F()", "error: F: missing an unlabeled argument for 'x'; the signature is SIG"),
        // `by:` fits neither x (unlabeled) nor axis (labeled axis).
        ("F([1, 2], by: 0)", "error: F: unexpected label 'by:'; the signature is SIG"),
        // The second unlabeled argument fits no parameter.
        ("F([1, 2], 0)", "error: F: too many arguments; the signature is SIG"),
        // A String where a Tensor is declared.
        ("F(\"a\")", "error: F: 'x' must be a Tensor, got a String; the signature is SIG"),
        // 0.5 is a Number but not a whole one: no signature, the Int's own words.
        ("F([1, 2], axis: 0.5)", "error: F: 'axis' must be a whole number, got 0.5"),
        // The kind is checked before the label: the wrong type comes first.
        ("F(\"a\", by: 0)", "error: F: 'x' must be a Tensor, got a String; the signature is SIG"),
    ]

    @Test("a builtin and a notebook's function say the same mistake the same way", arguments: mistakes, [Lowering.specialised, .plain])
    func sameMistake(mistake: (call: String, message: String), lowering: Lowering) throws {
        for function in [Self.builtin, Self.user] {
            let call = mistake.call.replacingOccurrences(of: "F(", with: function.name + "(")
            let expected = mistake.message.replacingOccurrences(of: "F:", with: function.name + ":")
                .replacingOccurrences(of: "SIG", with: function.signature)
            #expect(try Self.shown([Self.declaration, call], lowering: lowering) == [expected], "\(call)")
            // A second call from the same site binds by the plan kept there, with the same outcome.
            let twice = "for _ in 0..<2 { \(call) }"
            #expect(try Self.shown([Self.declaration, twice], lowering: lowering) == [expected], "\(twice)")
        }
    }

    @Test("a parameter left out takes its default, and a call site follows its name to another function", arguments: [Lowering.specialised, .plain])
    func defaults(lowering: Lowering) throws {
        // sum of [[1, 2], [3, 4]] down axis 0 is [1 + 3, 2 + 4] = [4, 6]; along axis 1 [1 + 2, 3 + 4] = [3, 7].
        #expect(try Self.shown([Self.declaration, "total([[1, 2], [3, 4]])"], lowering: lowering) == ["[4, 6]"])
        #expect(try Self.shown([Self.declaration, "total([[1, 2], [3, 4]], axis: 1)"], lowering: lowering) == ["[3, 7]"])
        // The same call site calls g, then g bound anew to a function with other labels: 2 · 3 = 6, then 2 + 10 = 12.
        let commands = ["func g(_ a: Number, by b: Number = 3) -> Number { return a * b }", "var results = []",
                        "func twice() { results.append(g(2)) }", "twice()",
                        "func g(_ a: Number, plus b: Number = 10) -> Number { return a + b }", "twice()", "results"]
        #expect(try Self.shown(commands, lowering: lowering) == ["[6, 12]"])
    }

    @Test("a T? parameter also takes a command that has no value", arguments: [Lowering.specialised, .plain])
    func optionalParameter(lowering: Lowering) throws {
        let declaration = "func shown(_ x: Number?) -> Bool { return true }"
        #expect(try Self.shown([declaration, "shown(print(1))"], lowering: lowering) == ["1", "true"])
        #expect(try Self.shown([declaration, "shown(\"a\")"], lowering: lowering)
            == ["error: shown: 'x' must be a Number, got a String; the signature is shown(_ x: Number?) -> Bool"])
    }

    @Test("a call's mistake is worded from the catalogue of the notebook's language", arguments: [
        (CallMistake.missing(function: "f", parameter: "k", wanted: .labeled("by"), found: .labeled("per"), signature: "f(by k: Number)"),
         "f: missing 'by:' for 'k' but found 'per:'; the signature is f(by k: Number)",
         "f\u{a0}: il manque l'argument 'by:' pour 'k'\u{202f}; on trouve 'per:' à sa place\u{202f}; la signature est f(by k: Number)"),
        (CallMistake.extra(function: "f", argument: .unlabeled, signature: "f()", misuse: nil),
         "f: too many arguments; the signature is f()", "f\u{a0}: trop d'arguments\u{202f}; la signature est f()"),
        (CallMistake.extra(function: "f", argument: .labeled("z"), signature: "f()", misuse: nil),
         "f: unexpected label 'z:'; the signature is f()", "f\u{a0}: étiquette 'z:' inattendue\u{202f}; la signature est f()"),
    ])
    func catalogueWording(mistake: CallMistake, english: String, french: String) {
        #expect(FailureReason.call(mistake).message(in: .english) == english)
        #expect(FailureReason.call(mistake).message(in: Language(tag: "fr")) == french)
    }

    /// The perceptron of the course's hand example (notebooks/02-perceptron.md): from w = 0,
    /// x = (1, 1) labelled 0 gives z = 0, ŷ = 1, a mistake, and w ← 0 + (0 − 1)·[1; 1; 1] = [−1; −1; −1];
    /// in a second epoch z = −3 < 0, ŷ = 0, right: converged.
    static let perceptron = ["let q = Perceptron(features: 2)", "let t = q.fit(dataset(x: [[1, 1]], y: [0]), epochs: 2)"]

    // A matrix shows one row a line, as the course's transcripts do.
    @Test("a data set's, a split's, a training's and a history's fields read as they are shown", arguments: [
        (["let d = dataset(x: [[1, 2], [3, 4]], y: [0, 1])"], "d.x", ["[[1, 2],", " [3, 4]]"]),
        (["let d = dataset(x: [[1, 2], [3, 4]], y: [0, 1])"], "d.y", ["[0, 1]"]),
        // Half of four examples are for the test part; each keeps its one column.
        (["let parts = split(dataset(x: [[1], [2], [3], [4]], y: [0, 1, 0, 1]), test: 0.5, stratify: false)"], "parts.test.y.count", ["2"]),
        (["let parts = split(dataset(x: [[1], [2], [3], [4]], y: [0, 1, 0, 1]), test: 0.5, stratify: false)"], "parts.train.x.shape", ["[2, 1]"]),
        (perceptron, "t.epochs", ["2"]), (perceptron, "t.converged", ["true"]), (perceptron, "t.errors", ["[1, 0]"]),
        (perceptron, "t.weights", ["[[-1, -1, -1],", " [-1, -1, -1]]"]),
        // Three epochs of gradient descent: one loss and one accuracy each.
        (["let m = LogisticRegression(features: 1)", "let h = m.fit(dataset(x: [[0], [1]], y: [0, 1]), rate: 1, epochs: 3)"], "h.epochs", ["3"]),
        (["let m = LogisticRegression(features: 1)", "let h = m.fit(dataset(x: [[0], [1]], y: [0, 1]), rate: 1, epochs: 3)"], "h.losses.shape", ["[3]"]),
        (["let m = LogisticRegression(features: 1)", "let h = m.fit(dataset(x: [[0], [1]], y: [0, 1]), rate: 1, epochs: 3)"], "h.accuracies.count", ["3"]),
        // A name that is no field: the fields are listed, in the order they are shown.
        (["let m = LogisticRegression(features: 1)", "let h = m.fit(dataset(x: [[0], [1]], y: [0, 1]), rate: 1, epochs: 3)"], "h.loss",
         ["error: a History has no member 'loss'; it has epochs, losses, accuracies"]),
        (perceptron, "t.weight", ["error: a Training has no member 'weight'; it has epochs, converged, errors, weights"]),
    ] as [([String], String, [String])])
    func memberRead(setup: [String], read: String, expected: [String]) throws {
        for lowering in [Lowering.specialised, .plain] {
            #expect(try Self.shown(setup + [read], lowering: lowering) == expected, "\(read), \(lowering)")
        }
    }

    @Test("a typed record's size, depth and objects are those of its fields, and each field reads as shown")
    func recordCounts() throws {
        let data = Dataset(x: .dense(Tensor(vector: [1, 2])), y: Tensor(vector: [0, 1]), classes: ["no", "yes"], shape: [1])
        let texts = Dataset(x: .dense(try Tensor(shape: [2, 0], scalars: [])), y: Tensor(vector: [0, 1]), texts: ["a", "bb"])
        let records: [Record] = [
            .dataset(data), .dataset(texts), .split(train: data, test: texts),
            .named(.gates, [("and", data.value)]),
        ]
        for record in records {
            let fields = record.fields
            // By the definitions: a record is one level deeper than its deepest field, and holds what its fields hold.
            let value = Value.record(record)
            #expect(value.nestingDepth == 1 + fields.map(\.value.nestingDepth).reduce(0, max))
            #expect(value.elementCount == fields.map(\.value.elementCount).reduce(0, +))
            #expect(value.holdsObjects == fields.contains { $0.value.holdsObjects })
            for field in fields { #expect(record[field.name].map { Display.inline($0) } == Display.inline(field.value)) }
        }
        // Counted by hand: x 2 + y 2 + classes ("no", "yes": 1 each) 2 + shape 1 = 7, one list deep.
        #expect(Value.record(.dataset(data)).elementCount == 7 && Value.record(.dataset(data)).nestingDepth == 2)
        // The empty x of texts is no field: y 2 + texts ("a", "bb": 1 each) 2 = 4.
        #expect(texts.value.elementCount == 4 && Record.dataset(texts).fields.map(\.name) == ["y", "texts"])
    }
}
