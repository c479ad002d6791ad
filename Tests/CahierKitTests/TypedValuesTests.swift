import CahierLearning
@testable import CahierKit
import Testing

/// Types written in a program: a user function's parameters and result and a
/// typed `let` resolve to the kinds builtins declare, and are checked in the
/// builtins' words, under both lowerings.
@Suite("Typed values")
struct TypedValuesTests {
    /// The last command's error (message, and where it starts in the
    /// notebook) after running `commands` in one block, which starts at line 2:
    /// a command's first character is at column 3, after "> ".
    static func failure(_ commands: [String], lowering: Lowering) throws -> (message: String, start: SourcePosition?)? {
        let text = "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let run = NotebookRun(try Support.notebook(text), lowering: lowering)
        guard let error = run.blocks.first?.commands.last?.outcome.error else { return nil }
        return (error.message, error.range?.start)
    }

    static let lowerings: [Lowering] = [.specialised, .plain]

    static let types = "the types are Number, Int, Bool, String, Tensor, List, Dataset, Function, Any, and the library's Range, Figure, Void, "
        + "Split, Training, History, Gates, Gradient, Arrays, Perceptron, LogisticRegression, SoftmaxRegression, MLP, Layer, Parameter, SGD, "
        + "Vocabulary, Standardizer, SparseMatrix"

    // Columns: "> " takes columns 1–2, so a command's character k is at column k + 2.
    @Test("an unknown type is an error where it is written, when the function is declared, naming the types", arguments: [
        // "func f(_ x: " is 12 characters: the type starts at character 13, column 15.
        ("func f(_ x: Tensr) { }", "unknown type 'Tensr'; \(types); did you mean 'Tensor'?", 15),
        // "func f() -> " is 12 characters.
        ("func f() -> Nmber { return 1 }", "unknown type 'Nmber'; \(types); did you mean 'Number'?", 15),
        ("func f(_ x: Double) { }", "unknown type 'Double'; \(types); Cahier writes Number", 15),
        ("func f(_ x: [Number]) { }", "unknown type '[Number]'; \(types); an array of numbers is a Tensor: write Tensor", 15),
        ("func f(_ x: [String]) { }", "unknown type '[String]'; \(types); an array of other values is a List: write List", 15),
        // "let x: " is 7 characters: the type is at column 10.
        ("let x: Tensr = 1", "unknown type 'Tensr'; \(types); did you mean 'Tensor'?", 10),
    ] as [(String, String, Int)], TypedValuesTests.lowerings)
    func unknownType(example: (command: String, message: String, column: Int), lowering: Lowering) throws {
        let (command, message, column) = example
        let failure = try #require(try Self.failure([command], lowering: lowering))
        #expect(failure.message == message)
        #expect(failure.start == SourcePosition(line: 2, column: column))
    }

    @Test("a function with an unknown type is not declared, even if it is never called", arguments: TypedValuesTests.lowerings)
    func notDeclared(lowering: Lowering) throws {
        let failure = try #require(try Self.failure(["func f(_ x: Tensr) { }", "f(1)"], lowering: lowering))
        #expect(failure.message.hasPrefix("unknown function 'f'"))
    }

    @Test("a user function's argument or result of the wrong kind reads as a builtin's", arguments: [
        // The builtin's own message, for comparison: the same sentence with its name and signature.
        ("zeros(\"3\")", "zeros: 'dims' must be an Int, got a String; the signature is zeros(_ dims: Int...) -> Tensor"),
        ("count(\"3\")", "count: 'dims' must be an Int, got a String; the signature is count(_ dims: Int) -> Tensor"),
        ("count(2.5)", "count: 'dims' must be a whole number, got 2.5"),
        ("scale([1], by: true)", "scale: 'k' must be a Number, got a Bool; the signature is scale(_ x: Tensor, by k: Number = …) -> Tensor"),
        ("scale(\"a\")", "scale: 'x' must be a Tensor, got a String; the signature is scale(_ x: Tensor, by k: Number = …) -> Tensor"),
        ("twin(1)", "twin: 'net' must be an MLP, got a Number; the signature is twin(_ net: MLP) -> MLP"),
        ("broken()", "broken: the value returned must be a Tensor, got a String; the signature is broken() -> Tensor"),
        ("nothing()", "nothing: the value returned must be a Number, got a Void; the signature is nothing() -> Number"),
    ] as [(String, String)], TypedValuesTests.lowerings)
    func mismatch(example: (command: String, message: String), lowering: Lowering) throws {
        let (command, message) = example
        let setup = ["func count(_ dims: Int) -> Tensor { return zeros(dims) }", "func scale(_ x: Tensor, by k: Number = 2) -> Tensor { return x * k }",
                     "func twin(_ net: MLP) -> MLP { return net }", "func broken() -> Tensor { return \"no\" }", "func nothing() -> Number { }"]
        let failure = try #require(try Self.failure(setup + [command], lowering: lowering))
        #expect(failure.message == message)
    }

    @Test("values of the declared kinds pass: numbers and arrays as Tensor, optionals, library types", arguments: [
        ("count(3)", "[0, 0, 0]"), ("scale(2)", "4"), ("scale([1, 2], by: 3)", "[3, 6]"), ("scale(0..<3)", "[0, 2, 4]"),
        ("maybe()", ""), ("let m = twin(MLP(sizes: [1, 1]))", ""),
    ] as [(String, String)])
    func accepted(command: String, expected: String) throws {
        let setup = ["func count(_ dims: Int) -> Tensor { return zeros(dims) }", "func scale(_ x: Tensor, by k: Number = 2) -> Tensor { return x * k }",
                     "func twin(_ net: MLP) -> MLP { return net }", "func maybe() -> Number? { }"]
        #expect(try Support.output(command, after: setup) == expected)
    }

    @Test("let and var with a type check the value, at the value, naming the name and the type", arguments: [
        // "let x: Tensor = " is 16 characters: the value is at column 19.
        ("let x: Tensor = \"s\"", "'x' must be a Tensor, got a String", 19),
        // "var n: Int = " is 13 characters.
        ("var n: Int = 0.5", "'n' must be a whole number, got 0.5", 16),
        ("var n: Int = [1, 2]", "'n' must be an Int, got a Tensor", 16),
        // Inside a loop, the name is local (the specialised lowering fuses local bindings): "for i in 0..<2 { let q: Bool = " is 31 characters.
        ("for i in 0..<2 { let q: Bool = i }", "'q' must be a Bool, got a Number", 34),
        // In a function: "func f() { let d: Dataset = " is 28 characters.
        ("func f() { let d: Dataset = 1 }\n| f()", "'d' must be a Dataset, got a Number", 31),
    ] as [(String, String, Int)], TypedValuesTests.lowerings)
    func typedBinding(example: (command: String, message: String, column: Int), lowering: Lowering) throws {
        let (command, message, column) = example
        let failure = try #require(try Self.failure([command], lowering: lowering))
        #expect(failure.message == message)
        #expect(failure.start == SourcePosition(line: 2, column: column))
    }

    @Test("a typed binding of the right kind binds as an untyped one", arguments: [
        ("let x: Tensor = [1, 2]", "x", "[1, 2]"), ("var n: Int = 3", "n + 1", "4"), ("let s: String? = \"a\"", "s", "\"a\""),
        ("let a: Any = true", "a", "true"), ("var t: Number = 0\n| for i in 0..<3 { let u: Number = i\n|   t += u }", "t", "3"),
    ] as [(String, String, String)])
    func typedBindingPasses(binding: String, read: String, expected: String) throws {
        #expect(try Support.output(read, after: [binding]) == expected)
    }

    @Test("only a Dataset reads as a data set, with as many inputs as labels; anything else is refused naming its type", arguments: [
        (Value.string("s"), "data must be a Dataset (a record with x and y), got a String"),
        (Value.record(.named(.gates, [])), "data must be a Dataset (a record with x and y), got a Gates"),
        // Two inputs (the rows of a vector) for one label.
        (Dataset(x: .dense(Tensor(vector: [1, 2])), y: Tensor(vector: [0])).value, "data has 2 inputs but 1 labels"),
    ] as [(Value, String)])
    func notADataset(value: Value, message: String) throws {
        let error = #expect(throws: RuntimeError.self) { try Dataset(value, "data") }
        #expect(error?.message == message)
    }

    @Test("a data set of texts may leave x out; any other reads back as written")
    func datasetRoundTrip() throws {
        // Texts without inputs: x is not a field, and reads back empty.
        let textsOnly = Dataset(x: .dense(try Tensor(shape: [2, 0], scalars: [])), y: Tensor(vector: [0, 1]), texts: ["a", "b"]).value
        guard case .record(let record) = textsOnly else { Issue.record("a Dataset is a record"); return }
        #expect(record["x"] == nil && record.fields.map(\.name) == ["y", "texts"])
        let texts = try Dataset(textsOnly, "data")
        #expect(texts.x.count == 0 && texts.texts == ["a", "b"])
        let written = Dataset(x: .dense(Tensor(vector: [1, 2])), y: Tensor(vector: [0, 1]), classes: ["no", "yes"], shape: [1])
        let read = try Dataset(written.value, "data")
        #expect(read.y.scalars == [0, 1] && read.classes == ["no", "yes"] && read.shape == [1] && read.x.count == 2)
    }
}
