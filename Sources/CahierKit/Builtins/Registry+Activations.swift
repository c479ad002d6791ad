import CahierLearning

extension Registry {
    /// An activation by the name notebooks use for it, with its options.
    static func activation(named name: String) throws -> Activation {
        switch name {
        case "step": return .step()
        case "sign": return .sign
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "hardtanh": return .hardtanh()
        case "softplus": return .softplus()
        case "relu": return .relu
        case "leakyReLU": return .leakyReLU()
        case "gelu": return .gelu
        case "geluTanh": return .geluTanh
        case "identity": return .identity
        default:
            throw RuntimeError(.unknownChoice(.activation, name: name, known: ["step", "sign", "sigmoid", "tanh", "hardtanh", "softplus", "relu", "leakyReLU", "gelu", "geluTanh", "identity"]))
        }
    }

    /// An element-wise activation builtin: a number gives a number, a tensor
    /// a tensor; on a tensor autograd follows, its derivative is recorded.
    private static func activationBuiltin(
        _ name: String, _ extra: [FunctionParameter] = [], summary: String, example: [String],
        _ make: @escaping @Sendable (Arguments) throws -> Activation
    ) -> Builtin {
        Builtin(name, [.positional("x", .tensor)] + extra, returns: "Tensor", topic: "Activation functions", summary: summary, example: example) { context, arguments in
            let f = try make(arguments)
            if let v = try arguments.tracked("x", context) { return .variable(try v.activation(f)) }
            if case .number(let x) = try arguments.value("x") { return .number(f.value(x)) }
            return .tensor(f(try arguments.tensor("x")))
        }
    }

    /// How a loss or a metric pairs its two tensors, for the reference.
    static let pairing = "The prediction and the target have the same shape; any other pair is an error naming both shapes, never paired by position or broadcast (PyTorch's binary_cross_entropy refuses such a pair too; its mse_loss broadcasts it with a warning)."

    /// PyTorch's `reduction` argument of a loss.
    static let reductionParameter = FunctionParameter.labeled("reduction", .string, default: .string("mean"))

    /// A loss builtin: the loss of a prediction against a target, reduced as `reduction:` says.
    private static func lossBuiltin(_ name: String, _ loss: Loss, target: String, summary: String, example: [String]) -> Builtin {
        Builtin(name, [.positional("prediction", .tensor), .positional(target, .tensor), reductionParameter], returns: "Tensor", topic: "Losses",
                summary: summary, details: pairing, example: example) { context, arguments in
            try reduced(loss, prediction: "prediction", target: target, arguments, context)
        }
    }

    /// A loss of the argument `prediction` against `target`: the mean, the sum
    /// or each element's loss (PyTorch's reductions); recorded when autograd
    /// follows the prediction.
    static func reduced(_ loss: Loss, prediction: String, target: String, _ arguments: Arguments, _ context: EvaluationContext) throws -> Value {
        let name = try arguments.string("reduction")
        guard let reduction = Loss.Reduction(rawValue: name) else {
            throw RuntimeError(.oneOf(.parameter(function: arguments.function, name: "reduction"), choices: ["mean", "sum", "none"], got: name))
        }
        let y = try arguments.tensor(target)
        // The shapes first: a pair that cannot be made is the first thing wrong.
        if let v = try arguments.tracked(prediction, context) {
            try loss.pair(v.value, y)
            try loss.validate(v.value, y)
            return .variable(try Variable.loss(loss, v, y, reduction: reduction, tape: context.tape))
        }
        let p = try arguments.tensor(prediction)
        try loss.pair(p, y)
        try loss.validate(p, y)
        switch reduction {
        case .mean: return .number(try loss.value(p, y))
        case .sum: return .number(try loss.elementwise(p, y).values.scalars.reduce(0, +))
        case .none: return Coerce.result(try loss.elementwise(p, y).values)
        }
    }

    static let activationBuiltins: [Builtin] = [
        activationBuiltin("step", [.labeled("atZero", .number, default: 1)], summary: "The Heaviside step: 1 for x > 0, 0 for x < 0, and atZero (1 by default) at 0.",
                          example: ["> step([-1, 0, 2])", "[0, 1, 1]"]) { .step(valueAtZero: try $0.number("atZero")) },
        activationBuiltin("sign", summary: "−1, 0 or 1.", example: ["> sign([-3, 0, 2])", "[-1, 0, 1]"]) { _ in .sign },
        activationBuiltin("sigmoid", summary: "The logistic function 1 / (1 + e^−x).", example: ["> sigmoid(0)", "0.5"]) { _ in .sigmoid },
        activationBuiltin("tanh", summary: "The hyperbolic tangent.", example: ["> tanh(0)", "0"]) { _ in .tanh },
        activationBuiltin("hardtanh", [.labeled("min", .number, default: -1), .labeled("max", .number, default: 1)],
                          summary: "x clamped to [min, max]; its derivative is 1 strictly inside and 0 at and beyond the ends (PyTorch's).",
                          example: ["> hardtanh([-3, 0.5, 3])", "[-1, 0.5, 1]"]) {
            let (low, high) = (try $0.number("min"), try $0.number("max"))
            guard low <= high else { throw RuntimeError(.minAboveMax(function: "hardtanh", min: Display.number(low), max: Display.number(high))) }
            return .hardtanh(min: low, max: high)
        },
        activationBuiltin("softplus", [.labeled("beta", .number, default: 1), .labeled("threshold", .number, default: 20)],
                          summary: "log(1 + e^(βx))/β, and x itself where βx > threshold (PyTorch's definition).", example: ["> softplus(0)", "0.693147"]) {
            let beta = try $0.number("beta")
            guard beta.isFinite, beta != 0 else { throw RuntimeError(.nonZero(.parameter(function: "softplus", name: "beta"), got: Display.number(beta))) }
            return .softplus(beta: beta, threshold: try $0.number("threshold"))
        },
        activationBuiltin("relu", summary: "max(0, x); its derivative at 0 is 0 (PyTorch's).", example: ["> relu([-2, 3])", "[0, 3]"]) { _ in .relu },
        activationBuiltin("leakyReLU", [.labeled("slope", .number, default: 0.01)], summary: "x for x > 0, slope·x otherwise; its derivative at 0 is slope (PyTorch's).",
                          example: ["> leakyReLU([-2, 3])", "[-0.02, 3]"]) { .leakyReLU(slope: try $0.number("slope")) },
        activationBuiltin("gelu", summary: "x·Φ(x), Φ the standard normal distribution function (exact, through erf).",
                          example: ["> gelu(1)", "0.841345"]) { _ in .gelu },
        activationBuiltin("geluTanh", summary: "GELU's tanh approximation, PyTorch's approximate=\"tanh\".", example: ["> geluTanh(1)", "0.841192"]) { _ in .geluTanh },
        Builtin("derivative", [.positional("activation", .string), .positional("x", .tensor)], returns: "Tensor", topic: "Activation functions",
                summary: "The derivative of an activation (by name, default options) at x, as PyTorch's autograd computes it, kinks included.",
                example: ["> derivative(\"relu\", [-1, 0, 2])", "[0, 0, 1]"]) { _, arguments in
            let f = try activation(named: try arguments.string("activation"))
            if case .number(let x) = try arguments.value("x") { return .number(f.derivative(x)) }
            return .tensor(f.derivative(try arguments.tensor("x")))
        },
        Builtin("softmax", [.positional("x", .tensor), .labeled("axis", .integer, default: -1)], returns: "Tensor", topic: "Activation functions",
                summary: "exp(x − max) / Σ exp(x − max) along an axis: scores into probabilities.",
                example: ["> softmax([1000, 1001, 1002])", "[0.0900306, 0.244728, 0.665241]"]) { context, arguments in
            let axis = try arguments.integer("axis")
            if let v = try arguments.tracked("x", context) { return .variable(try v.softmax(axis: axis)) }
            return .tensor(try arguments.tensor("x").softmax(axis: axis))
        },
        Builtin("logSoftmax", [.positional("x", .tensor), .labeled("axis", .integer, default: -1)], returns: "Tensor", topic: "Activation functions",
                summary: "The logarithm of softmax, computed without underflow.",
                example: ["> logSoftmax([0, 0])", "[-0.693147, -0.693147]"]) { context, arguments in
            let axis = try arguments.integer("axis")
            if let v = try arguments.tracked("x", context) { return .variable(try v.logSoftmax(axis: axis)) }
            return .tensor(try arguments.tensor("x").logSoftmax(axis: axis))
        },
    ]

    static let lossBuiltins: [Builtin] = [
        lossBuiltin("mse", .meanSquaredError, target: "target", summary: "The mean squared error mean((ŷ − y)²).", example: ["> mse([1, 2], [1, 4])", "2"]),
        lossBuiltin("bce", .binaryCrossEntropy, target: "target",
                    summary: "Binary cross-entropy −(y·log p + (1 − y)·log(1 − p)) of probabilities p against labels y in [0, 1] (soft labels too, as torch.nn.BCELoss takes them); each log is clamped at −100, like PyTorch.",
                    example: ["> bce([0.5], [1])", "0.693147"]),
        lossBuiltin("bceWithLogits", .binaryCrossEntropyWithLogits, target: "target",
                    summary: "Binary cross-entropy of sigmoid(z) from the logits z, computed stably.", example: ["> bceWithLogits([0], [1])", "0.693147"]),
        lossBuiltin("perceptronLoss", .perceptron, target: "target", summary: "The perceptron criterion mean(max(0, −y·z)) for labels y in {−1, +1}.",
                    example: ["> perceptronLoss([-2, 3], [1, 1])", "1"]),
        lossBuiltin("zeroOneLoss", .zeroOne, target: "target", summary: "The share of wrong answers of step(z) against labels in {0, 1}.",
                    example: ["> zeroOneLoss([-1, 2, 3], [1, 1, 0])", "0.666667"]),
        Builtin("lossGradient", [.positional("loss", .string), .positional("prediction", .tensor), .positional("target", .tensor)],
                returns: "Tensor", topic: "Losses",
                summary: "The gradient of a loss (crossEntropy, bce, bceWithLogits, mse, perceptron) with respect to the prediction: where backpropagation starts.",
                details: "The shapes are paired and the values checked as the loss itself does: the same shape (logits [n, k] and classes [n] for crossEntropy), probabilities and labels in range for bce.",
                example: ["> lossGradient(\"mse\", [1, 2], [1, 4])", "[0, -2]"]) { _, arguments in
            let loss = try loss(named: try arguments.string("loss"))
            let (p, y) = (try arguments.tensor("prediction"), try arguments.tensor("target"))
            try loss.pair(p, y)
            try loss.validate(p, y)
            return .tensor(try loss.gradient(p, y))
        },
        Builtin("crossEntropy", [.positional("logits", .tensor), .positional("classes", .tensor), .labeled("weights", .tensor, optional: true),
                                 reductionParameter],
                returns: "Tensor", topic: "Losses",
                summary: "−log softmax(z)[c] averaged over the rows of logits [n, k] against class indices [n]; with class weights, PyTorch's weighted mean Σ w_c·loss / Σ w_c.",
                example: ["> crossEntropy([[0, 0]], [1])", "0.693147"]) { context, arguments in
            let weights = try arguments.has("weights") ? arguments.tensor("weights").scalars : nil
            return try reduced(.crossEntropy(weights: weights), prediction: "logits", target: "classes", arguments, context)
        },
    ]

    static let metricBuiltins: [Builtin] = [
        Builtin("accuracy", [.positional("predicted", .tensor), .positional("truth", .tensor)], returns: "Number", topic: "Metrics",
                summary: "The share of predictions equal to the truth.",
                details: "The predictions and the truth have the same shape (as for every metric); any other pair is an error naming both shapes.", example: ["> accuracy([1, 0, 1, 1], [1, 0, 0, 1])", "0.75"]) { _, arguments in
            .number(try Metrics.accuracy(try arguments.tensor("predicted"), try arguments.tensor("truth")))
        },
        Builtin("confusionMatrix", [.positional("predicted", .tensor), .positional("truth", .tensor), .labeled("classes", .integer)],
                returns: "Tensor", topic: "Metrics", summary: "C[i, j] counts the examples of true class i predicted as class j.",
                example: ["> confusionMatrix([1, 0, 1], [1, 1, 0], classes: 2)", "[[0, 1],", " [1, 1]]"]) { _, arguments in
            let k = try arguments.integer("classes")
            guard k > 0, k <= 1000 else { throw RuntimeError(.within(.parameter(function: "confusionMatrix", name: "classes"), low: 1, high: 1000, got: String(k))) }
            return .tensor(try Metrics.confusionMatrix(try arguments.tensor("predicted"), try arguments.tensor("truth"), classes: k))
        },
        Builtin("precision", [.positional("predicted", .tensor), .positional("truth", .tensor), .labeled("positive", .number, default: 1)],
                returns: "Number", topic: "Metrics", summary: "TP / (TP + FP) for the positive class; 0 when nothing is predicted positive.",
                example: ["> precision([1, 1, 0], [1, 0, 1])", "0.5"]) { _, arguments in
            .number(try Metrics.precisionRecallF1(try arguments.tensor("predicted"), try arguments.tensor("truth"), positive: try arguments.number("positive"), metric: "precision").precision)
        },
        Builtin("recall", [.positional("predicted", .tensor), .positional("truth", .tensor), .labeled("positive", .number, default: 1)],
                returns: "Number", topic: "Metrics", summary: "TP / (TP + FN) for the positive class; 0 when there is no positive example.",
                example: ["> recall([1, 1, 0], [1, 0, 1])", "0.5"]) { _, arguments in
            .number(try Metrics.precisionRecallF1(try arguments.tensor("predicted"), try arguments.tensor("truth"), positive: try arguments.number("positive"), metric: "recall").recall)
        },
        Builtin("f1", [.positional("predicted", .tensor), .positional("truth", .tensor), .labeled("positive", .number, default: 1)],
                returns: "Number", topic: "Metrics", summary: "The harmonic mean of precision and recall.",
                example: ["> f1([1, 1, 0], [1, 0, 1])", "0.5"]) { _, arguments in
            .number(try Metrics.precisionRecallF1(try arguments.tensor("predicted"), try arguments.tensor("truth"), positive: try arguments.number("positive"), metric: "f1").f1)
        },
    ]
}
