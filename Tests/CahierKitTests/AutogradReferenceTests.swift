import CahierKit
import CahierLearning
import Foundation
import Testing

/// Autograd, SGD, the linear models' gradients and the perceptron variants
/// against PyTorch and scikit-learn: tools/reference/autograd.py wrote each
/// case as a program of the language beside the PyTorch code it stands for,
/// and its values to tools/reference/autograd.json.
@Suite("Autograd and optimizers against PyTorch and scikit-learn")
struct AutogradReferenceTests {
    nonisolated(unsafe) static let json: [String: Any] = {
        let url = Support.root.appendingPathComponent("tools/reference/autograd.json")
        guard let data = try? Data(contentsOf: url), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    static var cases: [[String: Any]] { json["autograd"] as? [[String: Any]] ?? [] }
    static var caseNames: [String] { cases.compactMap { $0["name"] as? String } }

    static let tolerance = Tolerance(relative: 1e-12, absolute: 1e-12)

    @Test("the reference file is there and holds every section")
    func referencePresent() {
        #expect(Self.cases.count >= 80)
        #expect(Self.json["sgd"] != nil && Self.json["linearModels"] != nil && Self.json["perceptron"] != nil)
    }

    @Test("backward() gives PyTorch's gradients to 1e-12", arguments: caseNames)
    func autograd(name: String) throws {
        let reference = try #require(Self.cases.first { $0["name"] as? String == name })
        let session = Session()
        for (parameter, value) in reference["params"] as? [String: Any] ?? [:] {
            try session.must("let \(parameter) = param(\(Session.literal(value)))")
        }
        for (constant, value) in reference["constants"] as? [String: Any] ?? [:] {
            try session.must("let \(constant) = \(Session.literal(value))")
        }
        let program = reference["program"] as? [String] ?? []
        for (k, line) in program.enumerated() {
            // A single expression is the value differentiated.
            try session.must(program.count == 1 && k == 0 ? "let out = \(line)" : line)
        }
        if let seed = reference["seed"], !(seed is NSNull) {
            try session.must("out.backward(\(Session.literal(seed)))")
        } else {
            try session.must("out.backward()")
        }
        let out = try #require(session.numbers("out"))
        #expect(Self.tolerance.accepts(out, Session.flat(reference["out"] as Any)), "out = \(out)")
        for (expression, expected) in reference["grads"] as? [String: Any] ?? [:] {
            let gradient = try #require(try session.numbers(of: "(\(expression)).grad"))
            let want = Session.flat(expected)
            #expect(Self.tolerance.accepts(gradient, want), "\(expression).grad = \(gradient), PyTorch: \(want)")
        }
    }

    static var sgdRuns: [[String: Any]] { (json["sgd"] as? [String: Any])?["runs"] as? [[String: Any]] ?? [] }

    @Test("SGD's step() follows torch.optim.SGD over six steps: momentum, dampening, Nesterov, weight decay", arguments: 0..<7)
    func sgd(run index: Int) throws {
        let sgd = try #require(Self.json["sgd"] as? [String: Any])
        let run = try #require(Self.sgdRuns.dropFirst(index).first)
        let config = run["config"] as? [String: Any] ?? [:]
        let options = ["rate", "momentum", "dampening", "nesterov", "weightDecay"].compactMap { key -> String? in
            guard let value = config[key] else { return nil }
            if key == "nesterov" { return "nesterov: \((value as? Bool) == true)" }
            return "\(key): \(Session.literal(value))"
        }
        let session = Session()
        try session.must("let w = param(\(Session.literal(sgd["w0"] as Any)))",
                         "let gradients = \(Session.literal(sgd["gradients"] as Any))",
                         "let opt = SGD([w], \(options.joined(separator: ", ")))")
        let weights = run["weights"] as? [Any] ?? []
        let buffers = run["buffers"] as? [Any] ?? []
        for step in 0..<weights.count {
            try session.must("opt.zeroGrad()", "let loss\(step) = sum(w * gradients[\(step)])", "loss\(step).backward()", "opt.step()")
            let w = try #require(session.numbers("w"))
            #expect(Self.tolerance.accepts(w, Session.flat(weights[step])), "step \(step + 1): w = \(w)")
            if buffers[step] is NSNull {
                #expect(try session.run("opt.momentumBuffer(w)").error != nil)
            } else {
                let buffer = try #require(try session.numbers(of: "opt.momentumBuffer(w)"))
                #expect(Self.tolerance.accepts(buffer, Session.flat(buffers[step])), "step \(step + 1): buffer = \(buffer)")
            }
        }
    }

    @Test("logistic and softmax regression give PyTorch's loss and gradient, with the L2 penalty", arguments: ["logistic", "softmax"])
    func linearModelGradient(model: String) throws {
        let reference = try #require((Self.json["linearModels"] as? [String: Any])?[model] as? [String: Any])
        let session = Session()
        let constructor = model == "logistic" ? "LogisticRegression" : "SoftmaxRegression"
        try session.must("let data = dataset(x: \(Session.literal(reference["x"] as Any)), y: \(Session.literal(reference["y"] as Any)))",
                         "let m = \(constructor)(weight: \(Session.literal(reference["weight"] as Any)), bias: \(Session.literal(reference["bias"] as Any)))",
                         "let g = m.gradient(data, l2: \(Session.literal(reference["l2"] as Any)))")
        #expect(Self.tolerance.accepts(try #require(try session.numbers(of: "g.loss")), [Session.flat(reference["loss"] as Any)].flatMap { $0 }))
        #expect(Self.tolerance.accepts(try #require(try session.numbers(of: "g.weight")), Session.flat(reference["weightGrad"] as Any)))
        #expect(Self.tolerance.accepts(try #require(try session.numbers(of: "g.bias")), Session.flat(reference["biasGrad"] as Any)))
        // The same gradient by autograd, written as the model computes it, and nothing changed by gradient().
        try session.must("let x = data.x", "let y = data.y",
                         model == "logistic"
                             ? "let loss = bceWithLogits(x @ m.weight.T + m.bias, reshape(y, -1, 1)) + \(Session.literal(reference["l2"] as Any)) / 2 * sum(m.weight * m.weight)"
                             : "let loss = crossEntropy(x @ m.weight.T + m.bias, y) + \(Session.literal(reference["l2"] as Any)) / 2 * sum(m.weight * m.weight)")
        #expect(try session.numbers(of: "m.weight.grad")?.allSatisfy { $0 == 0 } == true)
        try session.must("loss.backward()")
        #expect(Self.tolerance.accepts(try #require(try session.numbers(of: "m.weight.grad")), Session.flat(reference["weightGrad"] as Any)))
        #expect(Self.tolerance.accepts(try #require(try session.numbers(of: "m.bias.grad")), Session.flat(reference["biasGrad"] as Any)))
    }

    @Test("the margin rule is scikit-learn's Perceptron(shuffle=False), epoch by epoch", arguments: ["separable", "xor", "and"])
    func marginRule(data name: String) throws {
        let margin = try #require(((Self.json["perceptron"] as? [String: Any])?["margin"] as? [String: Any])?[name] as? [String: Any])
        let session = Session()
        let history = margin["weights"] as? [Any] ?? []
        try session.must("let data = dataset(x: \(Session.literal(margin["x"] as Any)), y: \(Session.literal(margin["y"] as Any)))",
                         "let p = Perceptron(features: 2)",
                         "let t = p.fit(data, epochs: \(history.count), rate: \(Session.literal(margin["rate"] as Any)), rule: \"margin\")")
        let weights = try #require(try session.numbers(of: "t.weights"))
        let epochs = weights.count / 3
        // Training stops after the first epoch without a mistake; scikit-learn's weights stay put from there on.
        #expect(epochs >= 1 && epochs <= history.count)
        #expect(weights == history.prefix(epochs).flatMap(Session.flat), "\(weights)")
        for later in history.dropFirst(epochs) { #expect(Session.flat(later) == Session.flat(history[epochs - 1])) }
        #expect(try session.numbers(of: "p.weights") == Session.flat(history[epochs - 1]))
    }

    @Test("stepAtZero chooses the class at z = 0, as a transcription of Rosenblatt's rule does", arguments: ["and", "separable"])
    func stepAtZero(data name: String) throws {
        let reference = try #require(((Self.json["perceptron"] as? [String: Any])?["step"] as? [String: Any])?[name] as? [String: Any])
        for atZero in [1, 0] {
            let expected = try #require(reference["stepAtZero\(atZero)"] as? [String: Any])
            let session = Session()
            try session.must("let data = dataset(x: \(Session.literal(reference["x"] as Any)), y: \(Session.literal(reference["y"] as Any)))",
                             "let p = Perceptron(features: 2, stepAtZero: \(atZero))",
                             "let t = p.fit(data, epochs: 20, rate: 1)")
            #expect(try session.numbers(of: "t.weights") == Session.flat(expected["weights"] as Any))
            #expect(try session.numbers(of: "t.errors") == Session.flat(expected["errors"] as Any))
        }
    }
}
