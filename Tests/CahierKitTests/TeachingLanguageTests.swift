import CahierKit
import CahierLearning
import Foundation
import Testing

/// The statements, indexing, functions, limits and semantics of the language
/// (docs/language.md); expected values are worked out by hand in comments.
@Suite("The teaching language")
struct TeachingLanguageTests {
    /// The transcript lines of one multi-line command, after `setup` commands.
    func run(_ lines: [String], after setup: [String] = [], frontMatter: String = "") throws -> [String] {
        var text = frontMatter + "```cahier\n"
        for command in setup { text += "> " + command + "\n" }
        text += "> " + lines[0] + "\n" + lines.dropFirst().map { "| " + $0 + "\n" }.joined() + "```\n"
        return NotebookRun(try Support.notebook(text)).outputs[0].last ?? []
    }

    @Test("every statement: let, var, assignment, compound assignment, if, for, while, break, continue, func, return", arguments: [
        (["var x = 1", "x = x + 1", "x *= 10", "x -= 5", "x /= 3", "x"], "5"),                    // ((1+1)·10−5)/3 = 5
        (["let a = 1; let b = 2; a + b"], "3"),
        (["var s = 0", "for i in 0..<4 { s += i }", "s"], "6"),                                     // 0+1+2+3
        (["var s = 0", "for i in 1...4 { s += i }", "s"], "10"),
        (["var s = 0", "for x in [2, 3] { s += x }", "s"], "5"),
        (["var s = 0", "for row in [[1, 2], [3, 4]] { s += row[1] }", "s"], "6"),                   // 2 + 4
        (["var s = \"\"", "for w in [\"a\", \"b\"] { s = s + w }", "s"], "\"ab\""),
        (["var n = 0", "while n < 5 { n += 2 }", "n"], "6"),
        (["var n = 0", "for i in 0..<10 { if i == 3 { break }; n += 1 }", "n"], "3"),
        (["var n = 0", "for i in 0..<6 { if i % 3 == 0 { continue }; n += 1 }", "n"], "4"),         // 1, 2, 4, 5
        (["var r = 0", "let x = 5", "if x < 0 { r = -1 } else if x == 0 { r = 0 } else { r = 1 }", "r"], "1"),
        (["func twice(_ v: Number) -> Number { return 2 * v }", "twice(21)"], "42"),
        (["func scale(_ v: Number, by k: Number = 3) -> Number { return v * k }", "scale(2) + scale(2, by: 10)"], "26"),
        (["func fib(_ n: Int) -> Int { return n < 2 ? n : fib(n - 1) + fib(n - 2) }", "fib(15)"], "610"),
        (["func nothing() { }", "nothing()"], ""),
        (["func early(_ x: Number) -> Number {", "  if x > 0 { return 1 }", "  return -1", "}", "early(3) + early(-3)"], "0"),
    ])
    func statements(lines: [String], expected: String) throws {
        let text = "```cahier\n> " + lines[0] + "\n" + lines.dropFirst().map { "| " + $0 + "\n" }.joined() + "```\n"
        let output = NotebookRun(try Support.notebook(text)).outputs[0][0]
        #expect(output.joined(separator: "\n") == expected, "\(lines)")
    }

    @Test("operators: **, %, ranges and ?: with their precedence", arguments: [
        ("2 ** 10", "1024"), ("-3 ** 2", "-9"), ("2 ** -1", "0.5"), ("2 ** 3 ** 2", "512"),
        ("10 % 4", "2"), ("-10 % 4", "2"), ("10 % -4", "-2"), ("[5, -5] % 3", "[2, 1]"),
        ("1 + 2 * 3 ** 2", "19"), ("true ? 1 : 2", "1"), ("1 > 2 ? \"a\" : \"b\"", "\"b\""),
        ("sum(0..<5)", "10"), ("sum(1...5)", "15"), ("(2..<5)", "2..<5"), ("[1, 2, 3] ** 2", "[1, 4, 9]"),
    ])
    func operators(command: String, expected: String) throws {
        #expect(try Support.output(command) == expected)
    }

    @Test("indexing has NumPy's meaning: slices, steps, negative indices, positions and masks", arguments: [
        ("x[1:3]", "[1, 2]"), ("x[:2]", "[0, 1]"), ("x[3:]", "[3, 4, 5]"), ("x[::2]", "[0, 2, 4]"), ("x[::-1]", "[5, 4, 3, 2, 1, 0]"),
        ("x[-2:]", "[4, 5]"), ("x[4:100]", "[4, 5]"), ("x[5:1:-2]", "[5, 3]"), ("x[1..<3]", "[1, 2]"), ("x[1...3]", "[1, 2, 3]"),
        ("x[[5, 0, 5]]", "[5, 0, 5]"), ("x[x % 2 == 0]", "[0, 2, 4]"), ("x[-1]", "5"),
        ("m[:, 1]", "[1, 4]"), ("m[1, ::-1]", "[5, 4, 3]"), ("m[:, [2, 0]]", "[[2, 0],\n [5, 3]]"), ("m[m > 3]", "[4, 5]"),
        ("m[[1, 0]]", "[[3, 4, 5],\n [0, 1, 2]]"), ("m[0][2]", "2"), ("m[1:, 1:]", "[[4, 5]]"),
        ("x[6]", "error: index 6 is out of range for an axis of extent 6"),
        ("x[1, 2]", "error: too many indices for a tensor of rank 1"),
        ("x[0:4:0]", "error: a slice's step cannot be 0"),
        ("x[[1.5]]", "error: an index tensor must hold whole numbers, got 1.5"),
        ("m[[0], [1]]", "error: only one index may be a tensor of positions or a mask"),
        ("x[true]", "error: an index cannot be a Bool; a mask (a tensor of comparisons, like x > 0) selects elements"),
        ("3[0]", "error: a Number cannot be indexed; it has no elements"),
    ])
    func indexing(command: String, expected: String) throws {
        // x = [0 1 2 3 4 5]; m = [0 1 2; 3 4 5].
        #expect(try Support.output(command, after: ["let x = range(6)", "let m = reshape(range(6), 2, 3)"]) == expected)
    }

    @Test("element and slice assignment write into a var, broadcasting the value", arguments: [
        ("v[1] = 9", "v", "[0, 9, 0, 0]"),
        ("v[1:3] = [7, 8]", "v", "[0, 7, 8, 0]"),
        ("v[::2] = 1", "v", "[1, 0, 1, 0]"),
        ("v[v == 0] = 2", "v", "[2, 2, 2, 2]"),
        ("g[:, 0] = [1, 2]", "g", "[[1, 0],\n [2, 0]]"),
        ("g[1] += 5", "g", "[[0, 0],\n [5, 5]]"),
        ("l[0] = \"z\"", "l", "[\"z\", \"b\"]"),
        ("v[9] = 1", "v", "error: index 9 is out of range for an axis of extent 4"),
        ("v[0:2] = [1, 2, 3]", "v", "error: a value of shape [3] cannot be written to a selection of shape [2]"),
        ("k[0] = 1", "k", "error: cannot assign to 'k': it is a constant, bound with let; bind it with var to change it"),
        ("l[0:1] = [\"q\"]", "l", "error: one item of a list is assigned at a time, as in xs[2] = value"),
    ])
    func assignment(statement: String, name: String, expected: String) throws {
        let setup = ["var v = zeros(4)", "var g = zeros(2, 2)", "var l = [\"a\", \"b\"]", "let k = zeros(2)"]
        let out = try run([statement], after: setup)
        if expected.hasPrefix("error: ") {
            #expect(out.first == expected)
        } else {
            #expect(out.isEmpty)
            #expect(try Support.output(name, after: setup + [statement]) == expected)
        }
    }

    @Test("values are copied on binding and assignment; objects are shared")
    func semantics() throws {
        let setup = ["var a = [1, 2, 3]", "var b = a", "b[0] = 9", "var items = [\"x\"]", "var other = items", "other.append(\"y\")",
                     "func change(_ t: Tensor) -> Tensor { var u = t; u[0] = -1; return u }", "let changed = change(a)",
                     "let w = Linear(weight: [[1, 2]], bias: [0])", "let net = Sequential(w)", "let opt = SGD(rate: 1)"]
        #expect(try Support.output("a", after: setup) == "[1, 2, 3]")
        #expect(try Support.output("b", after: setup) == "[9, 2, 3]")
        #expect(try Support.output("items", after: setup) == "[\"x\"]")
        #expect(try Support.output("changed", after: setup) == "[-1, 2, 3]")
        // One step of plain gradient descent on the mean squared error of x·wᵀ against 0 at x = (1, 1):
        // the output is 3, dL/dw = 2·3·x = (6, 6), so w goes from (1, 2) to (−5, −4) — in the layer bound to w.
        let trained = setup + ["let h = net.fit(dataset(x: [[1, 1]], y: [0]), loss: \"mse\", optimizer: opt, epochs: 1)"]
        #expect(try Support.output("w.weight.value", after: trained) == "[[-5, -4]]")
    }

    @Test("the interpreter's shortcuts keep the general path's values, errors and value semantics", arguments: [
        // A literal of numbers is made once, yet each turn binds a vector of its own: changing one changes no other.
        (["var kept = []", "for k in 0..<3 { var v = [1, -2]; v[0] = k; kept.append(v) }", "kept"], "[[0, -2], [1, -2], [2, -2]]"),
        // w += … changes w's elements in place only when no other name holds them: b keeps its values.
        (["var a = [1, 2]", "let b = a", "a += [10, 10]", "a *= 2", "b"], "[1, 2]"),
        (["var a = [1, 2]", "let b = a", "a += [10, 10]", "a *= 2", "a"], "[22, 24]"),             // (1+10)·2, (2+10)·2
        (["var a = [1, 2]", "a -= 1", "a /= 4", "a"], "[0, 0.25]"),                                // (1−1)/4, (2−1)/4
        (["var a = [1, 2]", "a += [1, 2, 3]"], "error: +: shapes [2] and [3] do not match"),
        (["[1, 2] @ [3, 4]"], "11"),                                                                 // 1·3 + 2·4
        (["[1, 2] @ [1, 2, 3]"], "error: @: shapes [2] and [3] do not match"),
        (["concat([1], [2, 3], axis: -1)"], "[1, 2, 3]"),
        (["concat([1], [[2, 3]])"], "error: concatenate: shapes [1] and [1, 2] do not match"),
        (["concat([1], [2, 3], axis: 1)"], "error: axis 1 is out of range for a tensor of rank 1"),
        (["let X = [[1, 2], [3, 4]]", "X[-1]"], "[3, 4]"),
        (["let X = [[1, 2], [3, 4]]", "X[2]"], "error: index 2 is out of range for an axis of extent 2"),
        // x += a * b to a local changes x in place: another name keeps its values, each product is rounded, then added.
        (["var kept = []", "for k in 0..<1 { var v = [1, 2]; let u = v; v += 2 * [3, 4]; v -= [1, 1] * 0.5; kept.append(v); kept.append(u) }", "kept"],
         "[[6.5, 9.5], [1, 2]]"),                                                                    // 1+2·3−0.5, 2+2·4−0.5
        (["var out = 0", "for k in 0..<1 { var v = [1, 2]; v += 2 * v; out = v }", "out"], "[3, 6]"),  // the product of the old v
        // The product is rounded before the sum (Python: 0.99 + 3 * 0.9); a fused multiply-add would give 3.69.
        (["var out = 0", "for k in 0..<1 { var v = [0.99]; v += 3 * [0.9]; out = v }", "print(out[0], digits: 17)"], "3.6900000000000004"),
        (["for k in 0..<1 { var v = [1, 2]; v += 2 * [1, 2, 3] }"], "error: +: shapes [2] and [3] do not match"),
        (["for k in 0..<1 { let v = [1, 2]; v += 2 * [1, 1] }"],
         "error: cannot assign to 'v': it is a constant, bound with let; bind it with var to change it"),
    ])
    func shortcuts(commands: [String], expected: String) throws {
        #expect(try run([commands.last ?? ""], after: Array(commands.dropLast())).first == expected)
    }

    @Test("a shortcut charges the work budget what the general path charges")
    func shortcutCharges() throws {
        // Each pair computes the same thing from the same kinds of syntax; in the first the
        // interpreter takes a shortcut (a literal made once, an update in place, a dot product,
        // vectors joined), in the second a mask or a name sends it down the general path.
        let setup = ["let one = 1", "let two = 2", "let t = [1, 1]", "let m = [1, 2] > 0", "var w = [1, 2]", "var u = [1, 2] > 0"]
        let pairs = [("[1, -2, 3]", "[one, -two, 3]"), ("w += [3, 4]", "u += [3, 4]"), ("t @ [3, 4]", "m @ [3, 4]"),
                     ("concat([1], t)", "concat([1], m)"),
                     ("for k in 0..<1 { var v = [1, 2]; v += 2 * t }", "for k in 0..<1 { var v = [1, 2]; v += 2 * m }")]
        for (shortcut, general) in pairs {
            func charge(_ command: String) throws -> Int {
                let session = Session()
                for line in setup { try session.must(line) }
                try session.must(command)
                return session.interpreter.context.budget.command
            }
            #expect(try charge(shortcut) == charge(general), "\(shortcut) against \(general)")
        }
    }

    @Test("names: scopes of blocks and functions, constants, builtins", arguments: [
        (["for i in 0..<2 { let inner = i }", "inner"], "error: unknown name 'inner'"),
        (["func f() -> Number { return local }", "f()"], "error: unknown name 'local'"),
        (["let g = 1", "func f() -> Number { return g + 1 }", "f()"], "2"),
        (["var g = 1", "func f() { g = 5 }", "f()", "g"], "5"),
        (["func f(_ x: Number) -> Number { x = 2; return x }", "f(1)"], "error: cannot assign to 'x': it is a constant, bound with let; bind it with var to change it"),
        (["for i in 0..<1 { i = 3 }"], "error: cannot assign to 'i': it is a constant, bound with let; bind it with var to change it"),
        (["var sum = 1"], "error: 'sum' is the name of a builtin function; choose another name"),
        (["func exp() { }"], "error: 'exp' is the name of a builtin function; choose another name"),
        (["sum = 2"], "error: 'sum' is the name of a builtin function and cannot be assigned to"),
        (["let f = sum", "f([1, 2, 3])"], "6"),
    ])
    func names(commands: [String], expected: String) throws {
        #expect(try Support.output(commands.last ?? "", after: Array(commands.dropLast())).hasPrefix(expected))
    }

    @Test("calls: labels, defaults, types and the forms that were meant", arguments: [
        ("f(1)", "2"), ("f(1, by: 3)", "3"), ("f(by: 3)", "error: f: missing an unlabeled argument for 'x' but found 'by:'; the signature is f(_ x: Number, by k: Number = …) -> Number"),
        ("f(1, 2)", "error: f: too many arguments; the signature is f(_ x: Number, by k: Number = …) -> Number"),
        ("f(1, per: 2)", "error: f: unexpected label 'per:'; the signature is f(_ x: Number, by k: Number = …) -> Number"),
        ("f(\"a\")", "error: f: 'x' must be a Number, got a String; the signature is f(_ x: Number, by k: Number = …) -> Number"),
        ("g(2.5)", "error: g: 'n' must be a whole number, got 2.5"),
        ("h()", "error: h: the value returned must be a Tensor, got a String; the signature is h() -> Tensor"), ("3(1)", "error: a Number cannot be called; only functions can"),
        ("max(0, [1])", "error: max: too many arguments; the signature is max(_ x: Tensor, axis: Int?) -> Tensor; for the larger of two values element by element, as in ReLU, use maximum(0, x)"),
        ("map(f, [1, 2])", "[2, 4]"), ("map(f, 0..<3)", "[0, 2, 4]"), ("map(sum, [[1, 2], [3, 4]])", "[3, 7]"),
        ("k(f, 2)", "8"),
    ])
    func calls(command: String, expected: String) throws {
        let setup = ["func f(_ x: Number, by k: Number = 2) -> Number { return x * k }", "func g(_ n: Int) -> Int { return n }",
                     "func h() -> Tensor { return \"no\" }", "func k(_ fn: Function, _ v: Number) -> Number { return fn(v) * 2 }"]
        #expect(try Support.output(command, after: setup) == expected)
    }

    @Test("syntax errors name their place and say what was expected", arguments: [
        ("break", "'break' is only allowed inside a loop"),
        ("continue", "'continue' is only allowed inside a loop"),
        ("return 1", "'return' is only allowed inside a function"),
        ("for i in 0..<2 { func f() { } }", "a function is declared at the top of a command, not inside a block or another function"),
        ("sum([1], axis=0)", "labels are written with ':', as in axis: …, not axis="),
        ("1 < 2 < 3", "comparisons cannot be chained; combine them with '&&'"),
        ("if true { 1", "expected '}' to close the block, found the end of the command"),
        ("for i 0..<3 { }", "expected 'in' after the name in 'for', as in for i in 0..<n { … }, found a number"),
        ("let for = 1", "'for' is a keyword and cannot be a name after 'let'"),
        ("f(x) = 1", "only a name or an element (x[i]) can be assigned to"),
        ("x.shape = 1", "only a name or an element (x[i]) can be assigned to"),
        ("while true print(1)", "expected '{' after the condition of 'while', found 'print'"),
        ("let x = 1 2", "expected the end of the statement (a line break or ';'), found a number"),
        ("}", "expected the end of the command, found '}' (there is no '{' for it to close)"),
        ("func f(_ ) { }", "expected the parameter's name after '_'"),
        ("x[1:2:3:4]", "expected ']' to close the index, found ':'"),
    ])
    func syntaxErrors(command: String, message: String) throws {
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> \(command)\n```\n") }
        #expect(error?.diagnostics.first?.message == message, "\(command)")
    }

    @Test("expressions nested or chained deeper than the parser's limit are refused before running", arguments: [
        String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
        (0..<2100).map { _ in "1" }.joined(separator: " + "),
        "m" + String(repeating: ".T", count: 2100),
        "v" + String(repeating: "[0]", count: 2100),
        (0..<2100).map { _ in "true" }.joined(separator: " && "),
        String(repeating: "-", count: 2100) + "1",
        (0..<300).map { _ in "if true {" }.joined() + (0..<300).map { _ in "}" }.joined(),
    ])
    func nestingLimit(command: String) throws {
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> \(command)\n```\n") }
        #expect(error?.diagnostics.first?.message.hasPrefix("the command nests more than 200 levels deep") == true)
    }

    @Test("the work budget ends endless loops, runaway recursion and huge ranges at the command, the same way every time", arguments: [
        (["while true { }"], "error: work limit of 1000000 operations reached (front matter max-operations)"),
        (["var i = 0", "while true { i += 1 }"], "error: work limit of 1000000 operations reached (front matter max-operations)"),
        (["for i in range(1e12) { }"], "error: work limit of 1000000 operations reached (front matter max-operations)"),
        (["for i in 0..<1_000_000_000_000 { }"], "error: work limit of 1000000 operations reached (front matter max-operations)"),
        (["func r(_ n: Number) -> Number { return r(n + 1) }", "r(0)"], "error: recursion limit of 20 nested calls reached (front matter max-call-depth)"),
        (["zeros(1000, 1000) @ zeros(1000, 1000)"], "error: work limit of 1000000 operations reached (front matter max-operations)"),
    ])
    func budget(commands: [String], expected: String) throws {
        let frontMatter = "---\nmax-operations: 1000000\nmax-call-depth: 20\n---\n"
        let out = try run([commands.last ?? ""], after: Array(commands.dropLast()), frontMatter: frontMatter)
        #expect(out.first == expected)
    }

    @Test("the notebook's budget counts every command together")
    func notebookBudget() throws {
        // Each loop does 1,500 turns (each turn 1,000 operations): about 1.5·10⁶ per
        // command, under the command limit, but three of them pass the notebook's 4·10⁶.
        let frontMatter = "---\nmax-operations: 3000000\nmax-notebook-operations: 4000000\n---\n"
        let loop = "for i in 0..<1500 { }"
        let out = try run([loop], after: [loop, loop], frontMatter: frontMatter)
        #expect(out.first == "error: work limit of 4000000 operations for the notebook reached (front matter max-notebook-operations)")
    }

    @Test("output is bounded per command")
    func outputLimit() throws {
        let out = try run(["for i in 0..<100 { print(\"0123456789\") }"], frontMatter: "---\nmax-output: 500\n---\n")
        #expect(out.last == "error: output limit of 500 bytes for one command reached (front matter max-output)")
        #expect(out.count == 46)   // 45 lines of 11 bytes fit in 500; the 46th does not
    }

    @Test("strings and lists cannot grow without bound")
    func growth() throws {
        let long = try run(["var s = \"0123456789\"", "while true { s = s + s }"])
        #expect(long.first?.hasPrefix("error: a string of 1310720 bytes is over the limit of 1000000") == true)
        let nested = try run(["var l = []", "for i in 0..<100 { l = [l] }"])
        #expect(nested.first == "error: lists nest 65 deep, over the limit of 64")
    }

    @Test("errors inside functions and multi-line commands say where, relative to the command")
    func positions() throws {
        let setup = ["func inner(_ v: Tensor) -> Number {\n|   return v[3]\n| }", "func wrapper(_ v: Tensor) -> Number {\n|   let x = 1\n|   return inner(v) + x\n| }"]
        let out = try run(["wrapper([1, 2])"], after: setup)
        #expect(out == ["error: index 3 is out of range for an axis of extent 2", "  at line 2, column 10 of inner(_:)",
                        "  called at line 3, column 10 of wrapper(_:)", "  called at line 1, column 1 of this command"])
    }

    @Test("numbers that are not whole never look whole; digits can be chosen", arguments: [
        ("20.000000002", "20.0000"), ("0.1 + 0.2", "0.3"), ("1 - 1e-9", "1.00000"), ("[1, 2.0000001]", "[1, 2.00000]"),
        ("print(1 / 3, digits: 3)", "0.333"), ("print(2 / 3, digits: 17)", "0.66666666666666663"), ("print(1, digits: 0)", "error: print: digits must be from 1 to 17, got 0"),
    ])
    func display(command: String, expected: String) throws {
        #expect(try Support.output(command) == expected)
    }

    @Test("the front matter's digits sets the default")
    func digitsSetting() throws {
        #expect(try run(["2 / 3"], frontMatter: "---\ndigits: 3\n---\n") == ["0.667"])
    }
}

/// Random programs built from the grammar's own pieces: within small limits
/// each ends, with the same output on every run, and never crashes.
@Suite("Random programs")
struct RandomProgramTests {
    struct Generator {
        var random: Xoshiro256
        var depth = 0

        mutating func pick<T>(_ items: [T]) -> T { items[random.nextIndex(below: items.count)] }

        mutating func expression() -> String {
            depth += 1
            defer { depth -= 1 }
            if depth > 3 { return pick(["i", "1", "-2.5", "x", "s", "[1, 2, 3]", "true"]) }
            switch random.nextIndex(below: 9) {
            case 0: return "(\(expression()) \(pick(["+", "-", "*", "/", "%", "**", "<", "==", "&&", "@"])) \(expression()))"
            case 1: return "\(pick(["sum", "exp", "abs", "max", "floor", "sqrt", "relu", "f"]))(\(expression()))"
            case 2: return "\(pick(["x", "v", "[1, 2, 3]"]))[\(pick(["0", "-1", "1:", "::-1", "i", "x > 1", "[0, 0]"]))]"
            case 3: return "(\(expression()) ? \(expression()) : \(expression()))"
            case 4: return "\(pick(["0", "1", "i"]))..<\(pick(["3", "i", "10"]))"
            case 5: return "maximum(\(expression()), \(expression()))"
            default: return pick(["i", "1", "0", "x", "s", "v", "\"a\"", "[[1, 2], [3, 4]]", "zeros(2)", "f(i)"])
            }
        }

        mutating func statement() -> String {
            depth += 1
            defer { depth -= 1 }
            if depth > 2 { return pick(["s += 1", "print(\(expression()))", "v[0] = \(expression())", "x = \(expression())"]) }
            switch random.nextIndex(below: 8) {
            case 0: return "for i in \(pick(["0..<3", "[1, 2]", "range(4)", "v"])) { \(statement()) }"
            case 1: return "if \(expression()) { \(statement()) } else { \(statement()) }"
            case 2: return "while s < \(pick(["5", "1e9", "x"])) { s += 1; \(statement()) }"
            case 3: return "for i in 0..<5 { if i == \(pick(["2", "x"])) { break }; \(statement()) }"
            case 4: return "x = \(expression())"
            case 5: return "v[\(pick(["0", "1:", "v > 0"]))] = \(expression())"
            default: return pick(["s += 1", "print(\(expression()))", "let t = \(expression())", "f(\(expression()))"])
            }
        }
    }

    @Test("random programs end within their limits and give the same output twice", arguments: [21, 22, 23] as [UInt64])
    func randomPrograms(seed: UInt64) throws {
        var generator = Generator(random: Xoshiro256(seed: seed))
        var text = "---\nmax-operations: 20000000\nmax-call-depth: 20\n---\n```cahier\n"
        text += "> var x = 1\n> var s = 0\n> var v = [1, 2, 3]\n> func f(_ n: Any) -> Any { return n }\n"
        for _ in 0..<300 {
            text += "> s = 0\n> " + generator.statement() + "\n"
        }
        text += "```\n"
        let notebook = try Support.notebook(text)
        let first = NotebookRun(notebook).outputs
        let second = NotebookRun(notebook).outputs
        #expect(first == second)
        // Some commands fail (type errors, the budget), most do not.
        let lines = first.flatMap { $0 }.flatMap { $0 }
        #expect(lines.contains { $0.hasPrefix("error: ") })
        #expect(first[0].filter { $0.isEmpty || !($0.first?.hasPrefix("error: ") ?? false) }.count > 300)
    }
}
