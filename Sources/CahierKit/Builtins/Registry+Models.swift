import CahierLearning

extension Registry {
    static var learningBuiltins: [Builtin] {
        activationBuiltins + lossBuiltins + metricBuiltins + modelBuiltins
    }

    static let modelBuiltins: [Builtin] = [
        Builtin("Perceptron", [.labeled("features", .integer, optional: true), .labeled("weights", .tensor, optional: true),
                               .labeled("labels", .string, default: "zeroOne"), .labeled("stepAtZero", .number, default: 1)],
                returns: "Perceptron", topic: "Models",
                summary: "A perceptron for `features` inputs with zero weights, or with `weights` [w0, w1, …] set by hand (w0 is the bias); labels \"zeroOne\" or \"signed\" (−1/+1); stepAtZero is the class predicted at z = 0 (1, the lecture's step; 0 or −1 for a strict one).",
                example: ["> let p = Perceptron(weights: [-1.5, 1, 1])", "> p.predict(gates.and.x)", "[0, 0, 0, 1]"]) { _, arguments in
            let labels: Perceptron.Labels
            switch try arguments.string("labels") {
            case "zeroOne": labels = .zeroOne
            case "signed": labels = .signed
            case let other: throw RuntimeError(.oneOf(.parameter(function: "Perceptron", name: "labels"), choices: ["zeroOne", "signed"], got: other))
            }
            if arguments.has("weights") {
                guard !arguments.has("features") else { throw RuntimeError(.both(.featuresAndWeights)) }
                return .object(.perceptron(try Perceptron(weights: try arguments.tensor("weights"), labels: labels, stepAtZero: try arguments.number("stepAtZero"))))
            }
            guard let d = try arguments.optionalInteger("features"), d >= 1, d <= 1_000_000 else {
                throw RuntimeError(.neither(.perceptron))
            }
            return .object(.perceptron(try Perceptron(features: d, labels: labels, stepAtZero: try arguments.number("stepAtZero"))))
        },
        Builtin("LogisticRegression", [.labeled("features", .integer, optional: true), .labeled("weight", .tensor, optional: true),
                                       .labeled("bias", .tensor, default: 0), .labeled("random", .bool, default: false)],
                returns: "LogisticRegression", topic: "Models",
                summary: "Linear(d, 1) followed by the sigmoid: zero weights, PyTorch's random initialisation with random: true (from the notebook's generator), or weight [1, d] and bias set by hand. Its outputs have the shapes of the Linear route: logits and probabilities [n, 1].",
                example: ["> let m = LogisticRegression(weight: [[2, -1]], bias: 0)", "> m.probabilities([[0, 0], [1, 0]])", "[[     0.5],", " [0.880797]]"]) { context, arguments in
            if arguments.has("weight") {
                return .object(.logisticRegression(try LogisticRegression(weight: try arguments.tensor("weight"), bias: try arguments.tensor("bias"))))
            }
            let d = try features(arguments, context)
            if try arguments.optionalBool("random") == true {
                return .object(.logisticRegression(try LogisticRegression(features: d, using: &context.random)))
            }
            return .object(.logisticRegression(try LogisticRegression(features: d)))
        },
        Builtin("SoftmaxRegression", [.labeled("features", .integer, optional: true), .labeled("classes", .integer, optional: true),
                                      .labeled("weight", .tensor, optional: true), .labeled("bias", .tensor, optional: true),
                                      .labeled("random", .bool, default: false)],
                returns: "SoftmaxRegression", topic: "Models",
                summary: "The multi-class linear classifier: scores = W·x + b with W [k, d], prediction argmax; zero weights, random: true for PyTorch's initialisation, or weight and bias by hand.",
                example: ["> let s = SoftmaxRegression(weight: [[1, 0], [0, 1]], bias: [0, 0])", "> s.predict([[3, 1], [0, 2]])", "[0, 1]"]) { context, arguments in
            if arguments.has("weight") {
                let w = try arguments.tensor("weight")
                let b = arguments.has("bias") ? try arguments.tensor("bias") : try Tensor(repeating: 0, shape: [w.shape.first ?? 0])
                return .object(.softmaxRegression(try SoftmaxRegression(weight: w, bias: b)))
            }
            let d = try features(arguments, context)
            guard let k = try arguments.optionalInteger("classes"), k >= 2, k <= 10_000 else {
                throw RuntimeError(.within(.parameter(function: "SoftmaxRegression", name: "classes"), low: 2, high: 10000, got: nil))
            }
            try context.limits.check([k, d])
            if try arguments.optionalBool("random") == true {
                return .object(.softmaxRegression(try SoftmaxRegression(features: d, classes: k, using: &context.random)))
            }
            return .object(.softmaxRegression(try SoftmaxRegression(features: d, classes: k)))
        },
        Builtin("Linear", [.labeled("inputs", .integer, optional: true), .labeled("outputs", .integer, optional: true),
                           .labeled("weight", .tensor, optional: true), .labeled("bias", .tensor, optional: true)],
                returns: "Layer", topic: "Models",
                summary: "A fully connected layer x·Wᵀ + b: PyTorch's initialisation U(±1/√inputs) from the notebook's generator, or weight [outputs, inputs] and bias set by hand.",
                example: ["> Linear(weight: [[1, 1]], bias: [-1.5])", "Linear(2, 1)"]) { context, arguments in
            if arguments.has("weight") {
                let w = try arguments.tensor("weight")
                let b = arguments.has("bias") ? try arguments.tensor("bias") : try Tensor(repeating: 0, shape: [w.shape.first ?? 0])
                return .object(.layer(.linear(try Linear(weight: w, bias: b))))
            }
            guard let i = try arguments.optionalInteger("inputs"), let o = try arguments.optionalInteger("outputs"), i >= 1, o >= 1 else {
                throw RuntimeError(.neither(.linear))
            }
            try context.limits.check([o, i])
            return .object(.layer(.linear(try Linear(inputs: i, outputs: o, using: &context.random))))
        },
        Builtin("Sequential", [.variadic("layers", .any)], returns: "MLP", topic: "Models",
                summary: "A network of layers applied in order: Linear layers and activation names (\"tanh\", \"relu\", …).",
                example: ["> let net = Sequential(Linear(weight: [[1, 1], [1, 1]], bias: [-0.5, -1.5]), \"step\", Linear(weight: [[1, -2]], bias: [-0.5]), \"step\")",
                          "> net.predict(gates.xor.x)", "[[0],", " [1],", " [1],", " [0]]"]) { _, arguments in
            let layers = try arguments.variadic.map { value -> Layer in
                switch value {
                case .object(.layer(let layer)): return layer
                case .string(let name): return .activation(try activation(named: name))
                default: throw RuntimeError(.notA(.item(function: "Sequential", .eachLayer), .layer, got: .type(value.typeName)))
                }
            }
            guard !layers.isEmpty else { throw RuntimeError(.noneGiven(function: "Sequential", .layer)) }
            return .object(.network(Sequential(layers)))
        },
        Builtin("MLP", [.labeled("sizes", .tensor), .labeled("activation", .string, default: "relu"), .labeled("output", .string, default: "identity")],
                returns: "MLP", topic: "Models",
                summary: "A multilayer perceptron with layers of the given sizes, `activation` after each hidden layer and `output` after the last; PyTorch's initialisation from the notebook's generator.",
                example: ["> MLP(sizes: [2, 4, 1], activation: \"tanh\", output: \"sigmoid\")", "MLP(Linear(2, 4), tanh, Linear(4, 1), sigmoid)"]) { context, arguments in
            let sizes = try arguments.tensor("sizes").scalars.map { try Coerce.integer(.number($0), .item(function: "MLP", .size)) }
            guard sizes.count >= 2, sizes.allSatisfy({ $0 >= 1 }) else { throw RuntimeError(.learning(.mlpSizes)) }
            for i in 0..<(sizes.count - 1) { try context.limits.check([sizes[i], sizes[i + 1]]) }
            let hidden = try activation(named: try arguments.string("activation"))
            let output = try activation(named: try arguments.string("output"))
            return .object(.network(try Sequential.mlp(sizes: sizes, activation: hidden, output: output, using: &context.random)))
        },
    ]

    private static func features(_ arguments: Arguments, _ context: EvaluationContext) throws -> Int {
        guard let d = try arguments.optionalInteger("features"), d >= 1 else {
            throw RuntimeError(.neither(.features(function: arguments.function)))
        }
        try context.limits.check([d])
        return d
    }
}
