import CahierKit
import Testing

/// What a student used to Python, NumPy or PyTorch writes out of habit: each
/// error names what Cahier writes instead, at the habit's own token; `len(x)`
/// is Python's; `bce` takes soft labels and `[w, b]` of parameters is a tensor, as in PyTorch.
@Suite("Python, NumPy and PyTorch habits")
struct PythonHabitsTests {
    /// The first syntax error of a one-command notebook, as `line:column: message`.
    func syntaxError(_ command: String) throws -> String {
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook("```cahier\n> \(command)\n```\n") }
        let diagnostic = try #require(error?.diagnostics.first)
        return "\(diagnostic.range.start): \(diagnostic.message)"
    }

    // Columns count UTF-8 bytes from the line's start: "> " takes columns 1 and 2, so a command's first character is column 3.
    @Test("a Python habit in the syntax is an error at its own token that names the Cahier way", arguments: [
        ("def f(x): return x", "2:3: 'def' is Python's; Cahier declares a function with func, as in func double(_ x: Number) -> Number { return 2 * x }"),
        ("let g = lambda x: x + 1", "2:11: 'lambda' is Python's; Cahier has no anonymous functions: declare one with func, as in func addOne(_ x: Number) -> Number { return x + 1 }, and pass its name"),
        ("[x * 2 for x in [1, 2]]", "2:10: a list comprehension [… for x in xs] is Python's; Cahier computes on whole tensors (xs * 2 doubles every element of xs), or builds a list in a loop: var ys = list(); for x in xs { ys.append(x * 2) }"),
        ("for i in range(3): print(i)", "2:20: expected '{' after the sequence of 'for', found ':'; Cahier writes a block in braces, not after a colon as Python does: for i in 0..<n { … }"),
        ("while true: print(1)", "2:13: expected '{' after the condition of 'while', found ':'; Cahier writes a block in braces, not after a colon as Python does: for i in 0..<n { … }"),
        ("true and false", "2:8: 'and' is Python's; Cahier writes a && b"),
        ("if true or false { 1 }", "2:11: 'or' is Python's; Cahier writes a || b"),
        ("if not true { 1 }", "2:6: 'not' is Python's; Cahier writes !x"),
        ("if true { 1 } elif false { 2 }", "2:17: 'elif' is Python's; Cahier writes else if: if a { … } else if b { … } else { … }"),
        ("import numpy as np", "2:3: 'import' is Python's; Cahier imports nothing: tensors, layers and losses are built in, so np.zeros(3) is zeros(3) (cahier help lists them all)"),
        ("from torch import nn", "2:3: 'from … import' is Python's; Cahier imports nothing: tensors, layers and losses are built in, so np.zeros(3) is zeros(3) (cahier help lists them all)"),
        ("let y = 1 if true else 2", "2:13: 'a if c else b' is Python's; Cahier writes c ? a : b"),
        ("sum(x * 2 for x in [1, 2])", "2:13: a list comprehension [… for x in xs] is Python's; Cahier computes on whole tensors (xs * 2 doubles every element of xs), or builds a list in a loop: var ys = list(); for x in xs { ys.append(x * 2) }"),
        ("with torch.no_grad(): 1", "2:3: 'with' is Python's; Cahier writes noGrad { … } where PyTorch writes with torch.no_grad():"),
        ("class Net: 1", "2:3: 'class' is Python's; Cahier has no classes: a function takes what it needs as arguments, and the library's models and layers are built in"),
        ("let x = 3 # three", "2:13: unexpected character '#'; a comment starts with //, not # as in Python"),
        ("2 ^ 3", "2:5: unexpected character '^'; raise to a power with **, as in x ** 2"),
        ("true | false", "2:8: unexpected character '|'; write || for or"),
        ("let s = 'abc'", "2:11: unexpected character '''; a string is written in double quotes, \"like this\""),
    ])
    func syntax(command: String, expected: String) throws {
        #expect(try syntaxError(command) == expected)
    }

    @Test("a Python name, module or method at run time is an error that names the Cahier way", arguments: [
        ("True", "error: unknown name 'True'; Cahier writes true"),
        ("None", "error: unknown name 'None'; Cahier has no None: leave an optional argument out, and end a function that gives nothing with return"),
        ("np.zeros(3)", "error: unknown name 'np'; Cahier needs no import: np.zeros is the builtin zeros(_ dims: Int...) -> Tensor"),
        ("torch.tensor([1, 2])", "error: unknown name 'torch'; Cahier needs no PyTorch: tensors, layers, losses and optimizers are built in, so torch.tensor([1, 2]) is [1, 2] and nn.Linear(2, 1) is Linear(inputs: 2, outputs: 1)"),
        ("nn.Linear(2, 1)", "error: unknown name 'nn'; Cahier needs no import: nn.Linear is the builtin Linear(inputs: Int?, outputs: Int?, weight: Tensor?, bias: Tensor?) -> Layer"),
        ("[1, 2].sum()", "error: a Tensor has no method 'sum'; Cahier writes it as a function: sum(x) where NumPy writes x.sum()"),
        ("[1, 2].mean()", "error: a Tensor has no method 'mean'; Cahier writes it as a function: mean(x) where NumPy writes x.mean()"),
        ("[1, 2, 3, 4].reshape(2, 2)", "error: a Tensor has no method 'reshape'; Cahier writes it as a function: reshape(x, …) where NumPy writes x.reshape(…)"),
        ("[3].item()", "error: a Tensor has no method 'item'; a number is already a number; x[0] reads the element of a one-element vector"),
    ])
    func runtime(command: String, expected: String) throws {
        #expect(try Support.output(command) == expected)
    }

    @Test("a run-time habit is located at its token: the method's name after the dot, the module's name")
    func runtimePlaces() throws {
        let out = try Support.outputs([
            "let v = [1, 2]",
            "let total = 1 +\n|   v.sum()",
            "func f(_ x: Tensor) -> Number {\n|   return np.sum(x)\n| }",
            "f([1])",
        ])
        // "  v.sum()": v at 3, '.' at 4, sum at 5.
        #expect(out[1] == ["error: a Tensor has no method 'sum'; Cahier writes it as a function: sum(x) where NumPy writes x.sum()",
                           "  at line 2, column 5 of this command"])
        // "  return np.sum(x)": return at 3–8, np at 10.
        #expect(out[3] == ["error: unknown name 'np'; Cahier needs no import: np.sum is the builtin sum(_ x: Tensor, axis: Int?) -> Tensor",
                           "  at line 2, column 10 of f(_:)", "  called at line 1, column 1 of this command"])
    }

    @Test("calling a network is refused with its forward method; a tensor has no append but a list has; snake_case names get their camelCase")
    func objects() throws {
        let out = try Support.outputs([
            "let net = MLP(sizes: [2, 2, 1])", "net([[1, 2]])", "net.zero_grad()",
            "var v = [1, 2]", "v.append(3)", "var xs = list()", "xs.append(2)", "xs.append(5)", "xs",
        ])
        #expect(out[1] == ["error: 'net' is an MLP, not a function; its output is net.forward(x), which PyTorch writes net(x)"])
        #expect(out[2] == ["error: an MLP has no method 'zero_grad'; Cahier's names are camelCase: zeroGrad"])
        #expect(out[4] == ["error: a Tensor has no method 'append'; a tensor keeps its size; collect values in a list (var xs = list(); xs.append(v)) or join tensors with concat(a, b)"])
        // Two numbers appended to an empty list: the list [2, 5], shown as the vector it stands for.
        #expect(out[8] == ["[2, 5]"])
    }

    @Test("len has Python's meaning: the first axis of a tensor, the items of a list, the characters of a string", arguments: [
        ("len([[1, 2, 3], [4, 5, 6]])", "2"),   // two rows
        ("len([7, 8, 9])", "3"),
        ("len(zeros(4, 2, 5))", "4"),
        ("len(list(1, \"a\", [2, 3]))", "3"),
        ("len(\"étiquette\")", "9"),            // é is one character
        ("len(0..<5)", "5"),
        ("len(gates.and)", "4"),                // the four input pairs
        ("len(3)", "error: len: a number has no length; len(x) is the length of a tensor's first axis"),
    ])
    func len(command: String, expected: String) throws {
        #expect(try Support.output(command) == expected)
    }

    @Test("bce takes soft labels in [0, 1] as torch.nn.BCELoss does, and refuses labels outside")
    func softLabels() throws {
        let out = try Support.outputs(["bce([0.3], [0.5])", "lossGradient(\"bce\", [0.3], [0.5])", "bce([0.5], [1])", "bce([0.3], [1.5])"])
        // −(0.5·ln 0.3 + 0.5·ln 0.7) = −0.5·ln 0.21 = −0.5·(−1.5606477) = 0.7803239.
        #expect(out[0] == ["0.780324"])
        // ∂/∂p = (p − y) / (p(1 − p)) = (0.3 − 0.5) / 0.21 = −0.952381.
        #expect(out[1] == ["[-0.952381]"])
        // A hard label as before: −ln 0.5 = ln 2.
        #expect(out[2] == ["0.693147"])
        #expect(out[3] == ["error: bce: every label must be between 0 and 1, got 1.5"])
    }

    @Test("a list of parameters makes a tensor autograd follows back to each, and SGD still takes it as the parameters")
    func parameterList() throws {
        let out = try Support.outputs([
            "let w = param(1)", "let b = param(2)", "[w, b] * 3",
            "let loss = sum([w, b] * [3, 4])", "loss.backward()", "w.grad", "b.grad",
            "let opt = SGD([w, b], rate: 0.5)", "opt.step()", "w.value", "b.value", "noGrad { print([w, b] * 2) }",
        ])
        // [1, 2] · 3.
        #expect(out[2] == ["[3, 6]"])
        // loss = 3w + 4b: ∂/∂w = 3, ∂/∂b = 4.
        #expect(out[5] == ["3"])
        #expect(out[6] == ["4"])
        // One step at rate 0.5: w = 1 − 0.5·3 = −0.5, b = 2 − 0.5·4 = 0.
        #expect(out[9] == ["-0.5"])
        #expect(out[10] == ["0"])
        // Without recording, the values themselves: [−0.5, 0] · 2.
        #expect(out[11] == ["[-1, 0]"])
    }
}
