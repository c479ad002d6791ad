import CahierLearning
import Foundation
import Testing

@Suite("Agreement with PyTorch, NumPy and scikit-learn (tools/reference)")
struct ReferenceTests {
    @Test("the reference file is present and complete")
    func present() {
        for key in ["random", "activations", "softmax", "losses", "sgd", "xor_mlp", "logistic", "softmax_regression", "perceptron", "metrics"] {
            #expect(Reference.json[key].array.isEmpty == false || Reference.json[key].flat.isEmpty == false || { if case .object = Reference.json[key] { true } else { false } }(), "\(key)")
        }
    }

    @Test("xoshiro256** and SplitMix64 give the published algorithms' bits")
    func random() {
        let r = Reference.json["random"]
        var g = Xoshiro256(seed: 42)
        #expect((0..<6).map { _ in String(g.next()) } == r["xoshiro42"].array.compactMap(\.string))
        var u = Xoshiro256(seed: 42)
        #expect((0..<5).map { _ in u.nextUniform() } == r["uniform42"].flat)
        var n = Xoshiro256(seed: 7)
        #expect(isClose((0..<5).map { _ in n.nextNormal() }, r["normal7"].flat, relative: 1e-14))
        var s = SplitMix64(state: 0)
        #expect(String(s.next()) == r["splitmix0"].string)
    }

    static let activations: [(String, Activation)] = [
        ("sigmoid", .sigmoid), ("tanh", .tanh), ("hardtanh", .hardtanh()), ("softplus", .softplus()),
        ("softplus_beta2_threshold5", .softplus(beta: 2, threshold: 5)), ("relu", .relu), ("leaky_relu", .leakyReLU()),
        ("gelu", .gelu), ("gelu_tanh", .geluTanh), ("step", .step()), ("sign", .sign),
    ]

    @Test("activations and their derivatives match PyTorch's, kinks included", arguments: activations)
    func activation(name: String, activation: Activation) {
        let section = Reference.json["activations"]
        let points = section["points"].flat
        let expected = section[name]
        #expect(!points.isEmpty)
        #expect(isClose(points.map(activation.value), expected["value"].flat, relative: 1e-12, absolute: 1e-300), "\(name) value")
        #expect(isClose(points.map(activation.derivative), expected["derivative"].flat, relative: 1e-12, absolute: 1e-300), "\(name) derivative")
    }

    @Test("softmax and log-softmax are stable for [1000, 1001, 1002] and rows of huge negatives")
    func softmax() throws {
        let section = Reference.json["softmax"]
        let input = try section["input"].tensor()
        #expect(isClose(try input.softmax(axis: 1).scalars, section["softmax"].flat, relative: 1e-12))
        #expect(isClose(try input.logSoftmax(axis: 1).scalars, section["log_softmax"].flat, relative: 1e-12))
    }

    static let losses: [(String, Loss)] = [
        ("mse", .meanSquaredError), ("bce", .binaryCrossEntropy), ("bce_with_logits", .binaryCrossEntropyWithLogits),
        ("cross_entropy", .crossEntropy()), ("cross_entropy_weighted", .crossEntropy(weights: [1, 2, 0.5])), ("perceptron", .perceptron),
    ]

    @Test("losses and their gradients match PyTorch's", arguments: losses)
    func loss(name: String, loss: Loss) throws {
        let case_ = Reference.json["losses"][name]
        let prediction = try case_["prediction"].tensor()
        let target = try case_["target"].tensor()
        let (value, gradient) = try loss.evaluate(prediction, target)
        #expect(isClose(value, case_["value"].number, relative: 1e-12))
        #expect(isClose(gradient.scalars, case_["gradient"].flat, relative: 1e-12))
    }

    @Test("binary cross-entropy clamps its logs at -100: p = 0 with y = 1 costs 100")
    func clampedLog() throws {
        #expect(try Loss.binaryCrossEntropy.value(Tensor(vector: [0]), Tensor(vector: [1])) == 100)
        #expect(try Loss.binaryCrossEntropyWithLogits.value(Tensor(vector: [-800]), Tensor(vector: [1])) == 800)
    }

    @Test("SGD follows torch.optim.SGD step for step: momentum, dampening, Nesterov, weight decay")
    func sgd() throws {
        let section = Reference.json["sgd"]
        let c = section["c"].flat
        let cases = section["cases"].array
        #expect(cases.count == 6)
        for case_ in cases {
            let config = case_["config"]
            let optimizer = try SGD(
                rate: config["lr"].number, momentum: config["momentum"].flat.first ?? 0,
                dampening: config["dampening"].flat.first ?? 0, nesterov: config["nesterov"].bool ?? false,
                weightDecay: config["weight_decay"].flat.first ?? 0)
            let model = try Linear(weight: Tensor(shape: [1, 3], scalars: section["start"].flat), bias: Tensor(vector: [0]))
            var trajectory: [[Double]] = []
            for t in 1...5 {
                model.zeroGrad()
                let p = model.weight.value.scalars
                model.weight.grad = try Tensor(shape: [1, 3], scalars: (0..<3).map { 0.5 * p[$0] + c[$0] * Double(t) })
                optimizer.step(model)
                trajectory.append(model.weight.value.scalars)
            }
            let expected = case_["trajectory"]
            #expect(isClose(trajectory.flatMap { $0 }, expected.flat, relative: 1e-12), "\(config)")
        }
    }

    @Test("an MLP 2-4-1 (tanh, sigmoid) trained on XOR follows PyTorch's loss curve for 300 steps")
    func xorTrajectory() throws {
        let r = Reference.json["xor_mlp"]
        let model = Sequential([
            .linear(try Linear(weight: try r["w1"].tensor(), bias: try r["b1"].tensor())), .activation(.tanh),
            .linear(try Linear(weight: try r["w2"].tensor(), bias: try r["b2"].tensor())), .activation(.sigmoid),
        ])
        let xor = BooleanFunction.xor
        let optimizer = try SGD(rate: r["rate"].number)
        var generator = Xoshiro256(seed: 0)
        let history = try model.fit(xor.inputs, try xor.labels.reshaped([4, 1]), loss: .binaryCrossEntropy, optimizer: optimizer,
                                    options: TrainingOptions(epochs: 300), using: &generator)
        #expect(isClose(history.losses, r["losses"].flat, relative: 1e-9))
        let final = r["final"].flat
        let ours = model.parameters.flatMap(\.value.scalars)
        #expect(isClose(ours, final, relative: 1e-9))
        #expect(isClose(try model(xor.inputs).scalars, r["final_output"].flat, relative: 1e-9))
    }

    @Test("the first backward pass fills every parameter's gradient as PyTorch's autograd does")
    func firstGradients() throws {
        let r = Reference.json["xor_mlp"]
        let model = Sequential([
            .linear(try Linear(weight: try r["w1"].tensor(), bias: try r["b1"].tensor())), .activation(.tanh),
            .linear(try Linear(weight: try r["w2"].tensor(), bias: try r["b2"].tensor())), .activation(.sigmoid),
        ])
        let output = try model.forward(BooleanFunction.xor.inputs)
        _ = try model.backward(try Loss.binaryCrossEntropy.gradient(output, try BooleanFunction.xor.labels.reshaped([4, 1])))
        let expected = r["first_gradients"].array.map(\.flat)
        #expect(expected.count == 4)
        #expect(isClose(model.layers[0].linear!.weight.grad.scalars, expected[0], relative: 1e-10))
        #expect(isClose(model.layers[0].linear!.bias.grad.scalars, expected[1], relative: 1e-10))
        #expect(isClose(model.layers[2].linear!.weight.grad.scalars, expected[2], relative: 1e-10))
        #expect(isClose(model.layers[2].linear!.bias.grad.scalars, expected[3], relative: 1e-10))
    }

    @Test("logistic regression follows PyTorch's trajectory, with and without L2", arguments: [0.0, 0.1])
    func logistic(l2: Double) throws {
        let r = Reference.json["logistic"]
        let expected = Reference.json["logistic"]["l2_\(l2)"]
        let x = try r["x"].tensor(), y = try r["y"].tensor()
        let model = try LogisticRegression(features: 3)
        var generator = Xoshiro256(seed: 0)
        let history = try model.fit(.dense(x), y, optimizer: try SGD(rate: 0.1), l2: l2, options: TrainingOptions(epochs: 100), using: &generator)
        #expect(isClose(history.losses, expected["losses"].flat, relative: 1e-10))
        #expect(isClose(model.weight.value.scalars, expected["weight"].flat, relative: 1e-10))
        #expect(isClose(model.bias.value.scalars[0], expected["bias"].number, relative: 1e-10))
    }

    @Test("softmax regression follows PyTorch's trajectory")
    func softmaxRegression() throws {
        let r = Reference.json["softmax_regression"]
        let model = try SoftmaxRegression(features: 4, classes: 3)
        var generator = Xoshiro256(seed: 0)
        let history = try model.fit(.dense(try r["x"].tensor()), try r["y"].tensor(), optimizer: try SGD(rate: 0.5),
                                    options: TrainingOptions(epochs: 50), using: &generator)
        #expect(isClose(history.losses, r["losses"].flat, relative: 1e-10))
        #expect(isClose(model.weight.value.scalars, r["weight"].flat, relative: 1e-10))
        #expect(isClose(model.bias.value.scalars, r["bias"].flat, relative: 1e-10))
    }

    @Test("the perceptron rule learns AND, OR, NAND and NOT in the reference's epochs, and never XOR",
          arguments: [BooleanFunction.and, .or, .nand, .not, .xor])
    func perceptron(function: BooleanFunction) throws {
        let r = Reference.json["perceptron"][function.rawValue]
        let p = try Perceptron(features: function.inputs.shape[1])
        let training = try p.fit(function.inputs, function.labels, rate: 1, epochs: 100)
        #expect(training.errors == r["errors"].flat.map { Int($0) })
        #expect(training.converged == r["converged"].bool)
        #expect(p.weights.scalars == r["weights"].flat)
    }

    @Test("metrics match scikit-learn")
    func metrics() throws {
        let r = Reference.json["metrics"]
        let truth = Tensor(vector: r["true"].flat), predicted = Tensor(vector: r["predicted"].flat)
        #expect(try Metrics.confusionMatrix(predicted, truth, classes: 3).scalars == r["confusion"].flat)
        let binary = { (t: Tensor) in t.map { $0 == 1 ? 1 : 0 } }
        let (p, rc, f) = try Metrics.precisionRecallF1(binary(predicted), binary(truth))
        #expect(isClose([p, rc, f], [r["binary_precision"].number, r["binary_recall"].number, r["binary_f1"].number]))
        let x = try r["standardize_input"].tensor()
        let scaler = try Standardizer(fitting: x)
        #expect(isClose(scaler.mean.scalars, r["standardize_mean"].flat))
        #expect(isClose(try scaler(x).scalars, r["standardize_output"].flat, relative: 1e-12, absolute: 1e-15))
    }
}
