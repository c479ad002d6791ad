import CahierKit
import Foundation
import Testing

/// An answer's code, wherever it runs, sees only the names bound before its
/// block and the answers' own, never what a check bound, and draws from its own
/// generator: a hand-in can neither read a check nor move the sheet's draws.
@Suite("Answers cannot see checks")
struct AnswerIsolationTests {
    /// A sheet whose hidden check binds `secret` (the reference result) before
    /// calling the answer's `f`, and reads it again in a later check.
    static let sheet = """
    ```cahier
    > let data = [1, 2, 3]
    ```

    ```cahier exercise=f points=2
    > // solution
    > func f(_ x: Tensor) -> Tensor { return x * 2 }
    > // end solution
    ```

    ```cahier check=f
    > let secret = [2, 4, 6]
    > let answer = f(data)
    > expect(all(answer == secret), "f doubles")
    ```

    ```cahier exercise=g points=1
    > // solution
    > let g = 10
    > // end solution
    ```

    ```cahier check=g
    > expect(g == 10, "g is 10")
    > expect(all(secret == [2, 4, 6]), "the check's own value is untouched")
    ```

    """

    func grade(_ answers: String, sheet text: String = AnswerIsolationTests.sheet, path: String = "sheet.md") throws -> (events: [Grader.Event], result: GradeResult) {
        try Support.grade(answers, sheet: text, path: path)
    }

    static func handIn(f: String, g: String = "> let g = 10") -> String {
        "```cahier exercise=f\n\(f)\n```\n\n```cahier exercise=g\n\(g)\n```\n"
    }

    @Test("the honest answer gets every point")
    func honest() throws {
        let (_, result) = try grade(Self.handIn(f: "> func f(_ x: Tensor) -> Tensor { return x * 2 }"))
        #expect(result.checks.map(\.passed) == [true, true, true])
        #expect(result.total == 3)
    }

    @Test("an answer's function called by a check does not see the check's names", arguments: [
        // Reads the check's reference result when the check calls it.
        "> func f(_ x: Tensor) -> Tensor { return secret }",
        // The same through a name the answer cannot know exists, read at the top of a later answer.
        "> func f(_ x: Tensor) -> Tensor { return answer }",
    ])
    func functionCannotRead(f: String) throws {
        let (events, result) = try grade(Self.handIn(f: f))
        #expect(result.checks[0].passed == false)
        let details = events.compactMap { event -> String? in
            if case .check(1, let outcome) = event { return Support.detail(outcome) }
            return nil
        }
        #expect(details.count == 1)
        #expect(details.first?.contains("unknown name") == true, "\(details)")
    }

    @Test("a later answer block reads a check's name as unknown, and no suggestion names it")
    func laterAnswerCannotRead() throws {
        let (events, result) = try grade(Self.handIn(f: "> func f(_ x: Tensor) -> Tensor { return x * 2 }", g: "> let g = secret[0] * 5\n> let h = secrett"))
        let errors = events.compactMap { event -> String? in
            if case .answerError(_, _, let failure) = event { return failure.reason.message() }
            return nil
        }
        #expect(errors.count == 2)
        #expect(errors.first == "unknown name 'secret'")
        // The hint of a misspelt name comes from the names the answer sees: 'secret' is not among them.
        #expect(errors.allSatisfy { !$0.contains("did you mean 'secret'") }, "\(errors)")
        #expect(result.checks[1].passed == false)
    }

    @Test("an answer that binds a check's name binds its own: the check keeps its value, and the answer is not told the name is taken")
    func answerBindsItsOwn() throws {
        let (events, result) = try grade(Self.handIn(f: "> func f(_ x: Tensor) -> Tensor { return x * 2 }", g: "> let secret = [0, 0, 0]\n> let g = 10"))
        #expect(!events.contains { if case .answerError = $0 { return true } else { return false } })
        #expect(result.checks.map(\.passed) == [true, true, true])
    }

    @Test("an answer's function cannot assign a check's name")
    func functionCannotAssign() throws {
        let f = "> func f(_ x: Tensor) -> Tensor {\n|   secret = x * 2\n|   return x * 2\n| }"
        let (_, result) = try grade(Self.handIn(f: f))
        #expect(result.checks[0].passed == false)
        // The check's `secret` was not changed by the attempt: the later check still sees [2, 4, 6].
        #expect(result.checks[2].passed == true)
    }

    @Test("a function of the sheet called by an answer reads in the answer's view: a value a check assigned stays unseen")
    func sheetFunctionInAnswersView() throws {
        let sheet = """
        ```cahier
        > var result = [0, 0]
        > func peek() -> Tensor { return result }
        ```

        ```cahier exercise=f points=1
        > // solution
        > func f() -> Tensor { return [7, 7] }
        > // end solution
        ```

        ```cahier check=f
        > result = [7, 7]
        > expect(all(f() == [7, 7]), "f gives [7, 7]")
        > expect(all(peek() == [7, 7]), "the sheet's own code sees what its check assigned")
        ```

        """
        let honest = try grade("```cahier exercise=f\n> func f() -> Tensor { return [7, 7] }\n```\n", sheet: sheet).result
        #expect(honest.checks.map(\.passed) == [true, true])
        // Through the sheet's peek, the answer sees result as it was before the check: [0, 0].
        let peeking = try grade("```cahier exercise=f\n> func f() -> Tensor { return peek() }\n```\n", sheet: sheet).result
        #expect(peeking.checks.map(\.passed) == [false, true])
    }

    /// A sheet that calls the answer's `half(8)` then draws its own number, as
    /// reproducer 18 of the second reliability pass.
    static func drawingSheet(seed: Int) -> String {
        """
        ---
        seed: \(seed)
        ---
        ```cahier exercise=f points=1
        > // solution
        > func half(_ x: Number) -> Number { return x / 2 }
        > // end solution
        ```

        ```cahier check=f
        > let h = half(8)
        > let u = rand(1)[0]
        > expect(h == 4 && u < 0.5, "half(8) is 4 (and the sheet's own draw is below 0.5)")
        ```

        """
    }

    @Test("an answer's draws never move the sheet's, even when a check calls the answer's function", arguments: 1...11)
    func generator(seed: Int) throws {
        let honest = "```cahier exercise=f\n> func half(_ x: Number) -> Number { return x / 2 }\n```\n"
        let burner = "```cahier exercise=f\n> func half(_ x: Number) -> Number { let burn = rand(2); return x / 2 }\n```\n"
        let burnerAtTop = "```cahier exercise=f\n> let burn = rand(5)\n> func half(_ x: Number) -> Number { let more = rand(3); return x / 2 }\n```\n"
        let scores = try [honest, burner, burnerAtTop].map { try grade($0, sheet: Self.drawingSheet(seed: seed)).result.total }
        #expect(Set(scores).count == 1, "seed \(seed): \(scores)")
    }

    @Test("on each course sheet, an answer that returns what a check computed earns nothing from it", arguments: [
        // Sheet 2: the hidden check's own autograd gradients (and the visible check's).
        ("02-logistic-spam.md", "gradient", """
        > func gradient(_ X: Tensor, _ Y: Tensor, _ W: Tensor, _ b: Tensor) -> List {
        |   let g = (sigmoid(X @ W.T + b) - Y) / X.shape[0]
        |   return list(g.T @ X, sum(g, axis: 0))
        | }
        """, """
        > func gradient(_ X: Tensor, _ Y: Tensor, _ W: Tensor, _ b: Tensor) -> List {
        |   if X.shape[1] == 3 { return list(hiddenW.grad, hiddenB.grad) }
        |   return list(w0.grad, b0.grad)
        | }
        """),
        // Sheet 3: backward() read from the network the hidden check differentiated.
        ("03-mlp.md", "backward", """
        > func backward(_ X: Tensor, _ Y: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> List {
        |   let h = tanh(X @ W1.T + b1)
        |   let out = sigmoid(h @ W2.T + b2)
        |   let g2 = (out - Y) / X.shape[0]
        |   let g1 = (g2 @ W2) * (1 - h * h)
        |   return list(g1.T @ X, sum(g1, axis: 0), g2.T @ h, sum(g2, axis: 0))
        | }
        """, """
        > func backward(_ X: Tensor, _ Y: Tensor, _ W1: Tensor, _ b1: Tensor, _ W2: Tensor, _ b2: Tensor) -> List {
        |   return list(p[0].grad, p[1].grad, p[2].grad, p[3].grad)
        | }
        """),
        // Sheet 4: the loss of the step read from the twin the visible check made before calling trainStep.
        ("04-training-loop.md", "step", """
        > func trainStep(_ net: MLP, _ optimizer: SGD, _ X: Tensor, _ Y: Tensor) -> Number {
        |   optimizer.zeroGrad()
        |   let loss = crossEntropy(net.forward(X), Y)
        |   loss.backward()
        |   optimizer.step()
        |   return loss.detach()
        | }
        """, """
        > func trainStep(_ net: MLP, _ optimizer: SGD, _ X: Tensor, _ Y: Tensor) -> Number {
        |   return crossEntropy(smallTwin.forward(X), Y).detach()
        | }
        """),
    ])
    func coursePeeks(sheet name: String, exercise: String, honest: String, answer: String) throws {
        // Graded at the sheet's own path, so that its data loads: the honest answer earns every point of the exercise.
        let path = Support.root.appendingPathComponent("notebooks/exercises/\(name)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let control = try grade("```cahier exercise=\(exercise)\n\(honest)\n```\n", sheet: text, path: path).result
        #expect(control.checks.filter { $0.exercise == exercise }.allSatisfy { $0.passed }, "\(control.checks.map { ($0.number, $0.passed) })")
        let (events, result) = try grade("```cahier exercise=\(exercise)\n\(answer)\n```\n", sheet: text, path: path)
        let mine = result.checks.filter { $0.exercise == exercise }
        #expect(!mine.isEmpty && mine.allSatisfy { !$0.passed }, "\(mine.map { ($0.number, $0.passed) })")
        let details = events.compactMap { event -> String? in
            if case .check(_, let outcome) = event { return Support.detail(outcome) }
            return nil
        }
        #expect(details.contains { $0.contains("unknown name") }, "\(details)")
    }

    @Test("the sample hand-in that returns sheet 1's hidden reference weights gets none of the hidden checks' points")
    func sheetOnePeek() throws {
        let path = Support.root.appendingPathComponent("notebooks/exercises/01-perceptrons.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let peek = """
        ```cahier exercise=online points=4
        > func online(_ data: Dataset, rate: Number, epochs: Int) -> Tensor {
        |   if data.x.shape[1] == 3 { return library.weights }
        |   if rate == 1 && epochs == 3 { return stopped.weights }
        |   return [-3, 2, 1]
        | }
        ```

        ```cahier exercise=batch points=3
        > func batch(_ data: Dataset, rate: Number, epochs: Int) -> Tensor {
        |   if rate == 0.25 { return batchLibrary.weights }
        |   return [-1, 2, 2]
        | }
        ```

        """
        let (events, result) = try grade(peek, sheet: text, path: path)
        // Only the two visible checks whose answers are written out pass: [-3, 2, 1] and [-1, 2, 2].
        #expect(result.checks.filter { $0.exercise != "learnable" && $0.passed }.count == 2, "\(result.checks.map { ($0.number, $0.passed) })")
        let hidden = events.compactMap { event -> String? in
            if case .check(_, let outcome) = event { return Support.detail(outcome) }
            return nil
        }
        #expect(hidden.contains { $0.contains("unknown name 'library'") || $0.contains("unknown name 'stopped'") || $0.contains("unknown name 'batchLibrary'") }, "\(hidden)")
    }
}
