import CahierKit
import CahierLearning
import Foundation
import Testing

/// Autograd against finite differences on random compositions of the
/// language's differentiable operations, and the identities training relies
/// on: `fit` equals a hand-written loop, two short `fit`s equal one long one,
/// and the tape never outlives its budget.
@Suite("Autograd: finite differences, training identities and limits")
struct AutogradPropertyTests {
    /// Smooth operations on an expression of shape [3, 4]: no kink near the values they meet.
    static let steps: [@Sendable (String) -> String] = [
        { "tanh(\($0))" }, { "sigmoid(\($0))" }, { "exp(0.3 * (\($0)))" }, { "(\($0)) * (\($0))" }, { "(\($0)) / (1 + (\($0)) * (\($0)))" },
        { "softplus(\($0))" }, { "gelu(\($0))" }, { "logSoftmax(\($0))" }, { "softmax((\($0)), axis: 0)" }, { "(\($0)) + v" },
        { "(\($0)) * v" }, { "(\($0)) - c" }, { "(\($0)) @ m" }, { "transpose(transpose(\($0)))" }, { "reshape(reshape((\($0)), 4, 3), 3, 4)" },
        { "(\($0))[::-1]" }, { "concat((\($0))[0:1], (\($0))[1:3])" }, { "sqrt((\($0)) * (\($0)) + 1)" }, { "log(1 + (\($0)) * (\($0)))" },
        { "where(c > 0, (\($0)), 2 * (\($0)))" }, { "stack((\($0))[0], (\($0))[1], (\($0))[2])" }, { "geluTanh(\($0))" },
        { "(\($0)) ** 2 + w" }, { "(\($0)).T.T" }, { "outer(v[0:3], v) * (\($0))" },
    ]
    /// Reductions to one number.
    static let ends: [@Sendable (String) -> String] = [
        { "sum((\($0)) * c)" }, { "mean(\($0))" }, { "logsumexp(\($0))" }, { "norm((\($0)) + 1)" }, { "crossEntropy((\($0)), [0, 3, 1])" },
        { "mse((\($0)), c)" }, { "bceWithLogits((\($0)), where(c > 0, 1, 0))" }, { "sum(mean((\($0)), axis: 0) * v)" },
        { "sum(logsumexp((\($0)), axis: 1))" }, { "crossEntropy((\($0)), [2, 2, 0], weights: [1, 2, 0.5, 1], reduction: \"sum\")" },
    ]

    @Test("autograd matches central finite differences on random compositions", arguments: 0..<40)
    func finiteDifferences(seed: Int) throws {
        var random = Xoshiro256(seed: UInt64(seed) &+ 1000)
        var expression = "w"
        for _ in 0..<(2 + random.nextIndex(below: 4)) {
            expression = Self.steps[random.nextIndex(below: Self.steps.count)](expression)
        }
        expression = Self.ends[random.nextIndex(below: Self.ends.count)](expression)
        let session = Session(seed: UInt64(seed))
        try session.must("let w0 = randn(3, 4)", "let v0 = randn(4)", "let c = randn(3, 4)", "let m = randn(4, 4) / 2",
                         "func f(_ w: Tensor, _ v: Tensor) -> Tensor { return \(expression) }",
                         "let w = param(w0)", "let v = param(v0)", "let out = f(w, v)", "out.backward()")
        let gradients = [try #require(try session.numbers(of: "w.grad")), try #require(try session.numbers(of: "v.grad"))]
        // Richardson's extrapolation of central differences, (4·D(h/2) − D(h)) / 3:
        // its error shrinks as h⁴, so steep compositions (w¹⁶) are judged fairly.
        let h = 1e-3
        for (which, name) in ["w0", "v0"].enumerated() {
            for k in 0..<gradients[which].count {
                func central(_ step: Double) throws -> Double {
                    let shift = which == 0 ? "reshape(where(range(12) == \(k), \(step), 0), 3, 4)" : "where(range(4) == \(k), \(step), 0)"
                    let arguments = { (sign: String) in which == 0 ? "w0 \(sign) \(shift), v0" : "w0, v0 \(sign) \(shift)" }
                    let plus = try #require(try session.numbers(of: "f(\(arguments("+")))"))[0]
                    let minus = try #require(try session.numbers(of: "f(\(arguments("-")))"))[0]
                    return (plus - minus) / (2 * step)
                }
                let numerical = (4 * (try central(h / 2)) - (try central(h))) / 3
                let analytic = gradients[which][k]
                #expect(abs(numerical - analytic) <= 1e-6 * max(1, abs(numerical)),
                        "\(expression): ∂/∂\(name)[\(k)] autograd \(analytic), finite differences \(numerical)")
            }
        }
    }

    @Test("a hand-written loop of forward, loss, backward() and step() trains exactly as fit does")
    func loopEqualsFit() throws {
        let session = Session(seed: 3)
        try session.must(
            "let data = noisyXOR(count: 40)",
            "let a = MLP(sizes: [2, 5, 1], activation: \"tanh\", output: \"sigmoid\")",
            "let b = MLP(sizes: [2, 5, 1], activation: \"tanh\", output: \"sigmoid\")",
            "noGrad { for k in 0..<4 { let p = b.parameters[k]; p *= 0; p += a.parameters[k] } }",
            "let optA = SGD(a.parameters, rate: 0.5, momentum: 0.9, nesterov: true)",
            "let optB = SGD(b.parameters, rate: 0.5, momentum: 0.9, nesterov: true)",
            "let history = a.fit(data, loss: \"bce\", optimizer: optA, epochs: 30)",
            """
            for epoch in 0..<30 {
              optB.zeroGrad()
              let loss = bce(b.forward(data.x), reshape(data.y, -1, 1))
              loss.backward()
              optB.step()
            }
            """)
        for k in 0..<4 {
            #expect(try session.numbers(of: "a.parameters[\(k)]") == (try session.numbers(of: "b.parameters[\(k)]")), "parameter \(k)")
        }
    }

    @Test("with mini-batches in the order permutation(n) gives, the loop is fit again, to the bit")
    func miniBatchLoopEqualsFit() throws {
        let fitted = Session(seed: 9), looped = Session(seed: 9)
        let setup = ["let data = blobs(centers: [[0, 0], [2, 2], [0, 3]], count: 30)",
                     "let net = MLP(sizes: [2, 6, 3], activation: \"relu\")",
                     "let opt = SGD(net.parameters, rate: 0.2, momentum: 0.5)"]
        for command in setup {
            try fitted.must(command)
            try looped.must(command)
        }
        try fitted.must("let history = net.fit(data, loss: \"crossEntropy\", optimizer: opt, epochs: 3, batchSize: 8)")
        try looped.must("""
            for epoch in 0..<3 {
              let order = permutation(data.y.count)
              for start in range(0, data.y.count, 8) {
                let batch = order[start:start + 8]
                opt.zeroGrad()
                let loss = crossEntropy(net.forward(data.x[batch]), data.y[batch])
                loss.backward()
                opt.step()
              }
            }
            """)
        for k in 0..<4 {
            #expect(try fitted.numbers(of: "net.parameters[\(k)]") == (try looped.numbers(of: "net.parameters[\(k)]")), "parameter \(k)")
        }
    }

    @Test("fit(epochs: 2) equals two fit(epochs: 1) with the same optimizer, momentum buffers and all",
          arguments: ["MLP", "LogisticRegression", "SoftmaxRegression"])
    func fitResumes(model: String) throws {
        let make: String
        switch model {
        case "MLP": make = "MLP(sizes: [2, 4, 3], activation: \"tanh\")"
        case "LogisticRegression": make = "LogisticRegression(features: 2, random: true)"
        default: make = "SoftmaxRegression(features: 2, classes: 3, random: true)"
        }
        let data = model == "LogisticRegression" ? "blobs(centers: [[0, 0], [2, 2]], count: 20)" : "blobs(centers: [[0, 0], [2, 2], [0, 3]], count: 30)"
        let fit = { (epochs: Int) in
            model == "MLP" ? "m.fit(data, loss: \"crossEntropy\", optimizer: opt, epochs: \(epochs), batchSize: 7)"
                : "m.fit(data, optimizer: opt, epochs: \(epochs), batchSize: 7)"
        }
        let once = Session(seed: 5), twice = Session(seed: 5)
        for session in [once, twice] {
            try session.must("let data = \(data)", "let m = \(make)", "let opt = SGD(m.parameters, rate: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01)")
        }
        try once.must("let h = \(fit(2))")
        try twice.must("let h1 = \(fit(1))", "let h2 = \(fit(1))")
        let count = model == "MLP" ? 4 : 2
        for k in 0..<count {
            #expect(try once.numbers(of: "m.parameters[\(k)]") == (try twice.numbers(of: "m.parameters[\(k)]")), "parameter \(k)")
            #expect(try once.numbers(of: "opt.momentumBuffer(m.parameters[\(k)])") == (try twice.numbers(of: "opt.momentumBuffer(m.parameters[\(k)])")))
        }
    }

    @Test("autograd on a network agrees with its hand-written backward (the same bits)", arguments: ["gelu", "tanh", "relu", "sigmoid"])
    func manualAndAutomatic(activation: String) throws {
        let session = Session(seed: 11)
        try session.must("let x = randn(6, 3)", "let y = [0, 2, 1, 1, 0, 2]",
                         "let net = MLP(sizes: [3, 5, 4, 3], activation: \"\(activation)\")",
                         "let loss = crossEntropy(net.forward(x), y)", "loss.backward()")
        let automatic = try (0..<6).map { try session.numbers(of: "net.parameters[\($0)].grad") }
        try session.must("net.zeroGrad()", "let g = lossGradient(\"crossEntropy\", net.forward(x), y)", "let dx = net.backward(g)")
        let manual = try (0..<6).map { try session.numbers(of: "net.parameters[\($0)].grad") }
        #expect(automatic == manual)
        #expect(automatic.allSatisfy { ($0 ?? []).contains { $0 != 0 } })
    }

    @Test("a graph over the element budget stops with the limit error; released operations free their share")
    func tapeLimit() throws {
        var limits = WorkLimits()
        limits.maximumRecordedElements = 10_000
        let session = Session(limits: limits)
        try session.must("let w = param(ones(1000))")
        let outcome = try session.run("var h = w\nfor i in 0..<20 { h = h * 1.01 }")
        #expect(outcome.errorLines.joined().contains("the recorded operations would hold"), "\(outcome.lines)")
        try session.must("h = 0")
        // Nothing is held once the graph is gone: the same loop of 4 fits again and again.
        for _ in 0..<5 { try session.must("var g = w\nfor i in 0..<4 { g = g * 1.01 }\ng = sum(g)\ng.backward()\ng = 0") }
    }

    @Test("a chain of a hundred thousand operations is released without exhausting the stack")
    func longChain() throws {
        let session = Session()
        try session.must("let w = param(1)", "var h = w\nfor i in 0..<100000 { h = h * 1 }", "h.backward()", "h = 0")
        #expect(try session.numbers(of: "w.grad") == [1])
    }

    @Test("PyTorch's refusals: backward of a tensor without a seed, in-place changes while recording, bad arguments",
          arguments: [
              ("let w = param([1, 2])\n(w * 2).backward()", "needs a seed gradient of its shape"),
              ("let w = param([1, 2])\nw -= 1", "cannot be changed in place while gradients are recorded"),
              ("let w = param([1, 2])\nw[0] = 5", "cannot be changed in place while gradients are recorded"),
              ("let w = param([1, 2])\nlet u = w * 2\nu.grad", "only a parameter keeps a gradient"),
              ("let w = param([1, 2])\nvar u = w * 2\nu[0] = 1", "cannot be assigned"),
              ("let w = param([1, 2])\n(w * 2).backward([1])", "the seed gradient has shape [1]"),
              ("sum([1, 2]).backward()", "not computed from any parameter"),
              ("bce([0.5, 1.2], [1, 0])", "every probability must be between 0 and 1, got 1.2"),
              ("bce([0.5], [2])", "every label must be between 0 and 1, got 2"),
              ("softplus([1], beta: 0)", "beta must be a number other than 0"),
              ("hardtanh([1], min: 1, max: -1)", "min must be ≤ max"),
              ("SGD(rate: 0)", "the rate must be a number > 0"),
              ("SGD(rate: -0.1)", "the rate must be a number > 0"),
              ("SGD(rate: 0.1, nesterov: true)", "Nesterov momentum requires a momentum > 0 and zero dampening"),
              ("SGD(rate: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true)", "Nesterov momentum requires a momentum > 0 and zero dampening"),
              ("crossEntropy([[0, 0], [1, 1]], [1, 0.5])", "the class of row 1 must be a whole number from 0 to 1, got 0.5"),
              ("mse([1], [1], reduction: \"avg\")", "reduction must be \"mean\", \"sum\" or \"none\""),
              ("let opt = SGD(rate: 0.1)\nopt.step()", "made without parameters"),
              ("let w = param([1])\nlet opt = SGD([w], rate: 0.1, momentum: 0.9)\nopt.momentumBuffer(w)", "no buffer yet"),
              ("SGD([1, 2], rate: 0.1)", "the parameters must be a list of parameters"),
              ("Perceptron(features: 2).fit(gates.and, epochs: 3, rate: 0)", "the rate must be a number > 0"),
          ])
    func refusals(program: String, message: String) throws {
        let session = Session()
        let outcome = try session.run(program)
        #expect(outcome.errorLines.joined(separator: " ").contains(message), "\(outcome.lines)")
    }

    @Test("noGrad records nothing, and recording resumes after it, even after an error")
    func noGrad() throws {
        let session = Session()
        try session.must("let w = param([1, 2])", "var u = w")
        #expect(try session.run("noGrad { u = w * 3\nlet q = 1 / \"x\" }").error != nil)
        #expect(try session.run("u.backward([1, 1])").errorLines.joined().contains("not computed from any parameter"))
        try session.must("let v = w * 3", "v.backward([1, 1])")
        #expect(try session.numbers(of: "w.grad") == [3, 3])
        try session.must("let d = v.detach()")
        #expect(try session.run("d.backward([1, 1])").errorLines.joined().contains("not computed from any parameter"))
    }
}
