import CahierLearning

extension Registry {
    /// The inputs of a model: a matrix (a vector is one example) or sparse rows.
    static func features(_ value: Value, _ what: Misuse.Subject) throws -> Features {
        switch value {
        case .object(.sparse(let m)): return .sparse(m)
        case .record where value.type == .dataset: return try Dataset(value, what).x
        default:
            let t = try Coerce.tensor(value, what)
            return .dense(t.rank == 1 ? try t.reshaped([1, -1]) : t)
        }
    }

    /// A per-epoch training record: `losses`, `accuracies`, `epochs`.
    static func history(_ history: TrainingHistory) -> Value {
        .record(.history(HistoryReport(history)))
    }

    static func loss(named name: String) throws -> Loss {
        switch name {
        case "crossEntropy": return .crossEntropy()
        case "bce": return .binaryCrossEntropy
        case "bceWithLogits": return .binaryCrossEntropyWithLogits
        case "mse": return .meanSquaredError
        case "perceptron": return .perceptron
        default: throw RuntimeError(.unknownChoice(.loss, name: name, known: ["crossEntropy", "bce", "bceWithLogits", "mse", "perceptron"]))
        }
    }

    /// Training options from `epochs:` and `batchSize:`, checked against the work limits.
    /// `work` is the multiply-adds of one pass over the data (forward; backward counts twice more).
    static func options(_ arguments: Arguments, examples: Int, parameters: Int, work: Double? = nil, _ context: EvaluationContext) throws -> TrainingOptions {
        let epochs = try arguments.integer("epochs")
        try context.chargeTraining(epochs: epochs, examples: examples, parameters: parameters, work: work)
        let batch = try arguments.optionalInteger("batchSize")
        if let batch, batch < 1 { throw RuntimeError(.atLeast(.parameter(function: arguments.function, name: "batchSize"), minimum: 1, got: String(batch))) }
        return TrainingOptions(epochs: epochs, batchSize: batch)
    }

    /// The parameters of a linear model's `fit`: a rate or an optimizer.
    static let trainingParameters: [FunctionParameter] = [
        .positional("data", .dataset), .labeled("rate", .number, optional: true), .labeled("optimizer", .any, optional: true),
        .labeled("epochs", .integer), .labeled("batchSize", .integer, optional: true), .labeled("l2", .number, default: 0),
    ]

    /// The optimizer of a training call: `optimizer:`, or plain gradient descent at `rate:`.
    static func optimizer(_ arguments: Arguments) throws -> SGD {
        switch (arguments.has("rate"), arguments.has("optimizer")) {
        case (true, false): return try SGD(rate: try arguments.number("rate"))
        case (false, true):
            guard case .object(.optimizer(let optimizer)) = try arguments.value("optimizer") else {
                throw RuntimeError(.notA(.parameter(function: arguments.function, name: "optimizer"), .sgd, got: nil))
            }
            return optimizer
        case (true, true): throw RuntimeError(.both(.rateAndOptimizer(function: arguments.function)))
        case (false, false): throw RuntimeError(.neither(.rateOrOptimizer(function: arguments.function)))
        }
    }

    /// A model's loss and gradient as a record.
    static func gradient(_ g: LinearGradient) -> Value {
        .record(.named(.gradient, [("loss", .number(g.loss)), ("weight", .tensor(g.weight)), ("bias", .tensor(g.bias))]))
    }

    /// A method on one kind of object: the implementation gets the object itself, in place.
    private static func method<T>(
        _ type: ValueType, _ name: String, _ parameters: [FunctionParameter], returns: String, summary: String, mutating: Bool = false,
        _ extract: @escaping @Sendable (Object) -> T?, _ wrap: @escaping @Sendable (T) -> Object,
        _ body: @escaping @Sendable (EvaluationContext, inout T, Arguments) throws -> Value
    ) -> Method {
        Method(type, name, parameters, returns: returns, summary: summary, mutating: mutating) { context, this, arguments in
            guard case .object(let object) = this, var value = extract(object) else { throw RuntimeError(.notMethodOf(method: name, type: this.typeName)) }
            let result = try body(context, &value, arguments)
            if mutating { this = .object(wrap(value)) }
            return result
        }
    }

    static let learningMethods: [Method] = [
        method(.perceptron, "fit", [.positional("data", .dataset), .labeled("epochs", .integer), .labeled("rate", .number, default: 1),
                                     .labeled("rule", .string, default: "online")],
               returns: "Training", summary: "Trains with the perceptron rule: \"online\" (w += rate·(y − ŷ)·x after each example), \"batch\" (summed over the epoch) or \"margin\" (w += rate·y·x where y·z ≤ 0, y read as ±1: scikit-learn's Perceptron(shuffle=False)); stops at the first epoch without error. Returns epochs, converged, the errors of each epoch and the weights after each epoch.",
               mutating: true, { if case .perceptron(let p) = $0 { p } else { nil } }, { .perceptron($0) }) { context, p, arguments in
            let data = try arguments.dataset("data")
            let epochs = try arguments.integer("epochs")
            try context.chargeTraining(epochs: epochs, examples: data.y.count, parameters: p.weights.count)
            let rule: Perceptron.Rule
            switch try arguments.string("rule") {
            case "online": rule = .online
            case "batch": rule = .batch
            case "margin": rule = .margin
            case let other: throw RuntimeError(.oneOf(.parameter(function: "fit", name: "rule"), choices: ["online", "batch", "margin"], got: other))
            }
            let training = try p.fit(try data.denseX("fit"), data.y, rate: try arguments.number("rate"), epochs: epochs, rule: rule)
            return .record(.training(try TrainingReport(training)))
        },
        method(.perceptron, "predict", [.positional("x", .tensor)], returns: "Tensor", summary: "The class of each row of x: step(wᵀ[1; x]).",
               { if case .perceptron(let p) = $0 { p } else { nil } }, { .perceptron($0) }) { _, p, arguments in
            .tensor(try p.predict(try denseRows(try arguments.tensor("x"))))
        },
        method(.perceptron, "scores", [.positional("x", .tensor)], returns: "Tensor", summary: "z = wᵀ[1; x] for each row of x.",
               { if case .perceptron(let p) = $0 { p } else { nil } }, { .perceptron($0) }) { _, p, arguments in
            .tensor(try p.scores(try denseRows(try arguments.tensor("x"))))
        },
        method(.logisticRegression, "fit", trainingParameters, returns: "History",
               summary: "Gradient descent on binary cross-entropy (+ l2/2·‖W‖²) at rate:, or with an optimizer: whose state carries over; full-batch unless batchSize; mini-batches are shuffled with the notebook's generator.",
               mutating: true, { if case .logisticRegression(let m) = $0 { m } else { nil } }, { .logisticRegression($0) }) { context, m, arguments in
            let data = try arguments.dataset("data")
            let progress = context.epochHook
            return history(try m.fit(data.x, data.y, optimizer: try optimizer(arguments), l2: try arguments.number("l2"),
                                     options: try options(arguments, examples: data.y.count, parameters: m.features + 1, work: data.x.multiplyAdds(outputs: 1), context),
                                     using: &context.random, progress: progress))
        },
        method(.logisticRegression, "gradient", [.positional("data", .dataset), .labeled("l2", .number, default: 0)], returns: "Gradient",
               summary: "The training loss on the data and its gradient with respect to weight and bias, as a step of fit computes it (nothing changes).",
               { if case .logisticRegression(let m) = $0 { m } else { nil } }, { .logisticRegression($0) }) { _, m, arguments in
            let data = try arguments.dataset("data")
            return gradient(try m.gradient(data.x, data.y, l2: try arguments.number("l2")))
        },
        method(.logisticRegression, "probabilities", [.positional("x", .any)], returns: "Tensor", summary: "σ(x·wᵀ + b) for each row.",
               { if case .logisticRegression(let m) = $0 { m } else { nil } }, { .logisticRegression($0) }) { _, m, arguments in
            .tensor(try m.probabilities(try features(try arguments.value("x"), .parameter(function: "probabilities", name: "x"))))
        },
        method(.logisticRegression, "predict", [.positional("x", .any)], returns: "Tensor", summary: "1 where the probability is ≥ 0.5, else 0.",
               { if case .logisticRegression(let m) = $0 { m } else { nil } }, { .logisticRegression($0) }) { _, m, arguments in
            .tensor(try m.predict(try features(try arguments.value("x"), .parameter(function: "predict", name: "x"))))
        },
        method(.logisticRegression, "logits", [.positional("x", .any)], returns: "Tensor", summary: "x·wᵀ + b for each row.",
               { if case .logisticRegression(let m) = $0 { m } else { nil } }, { .logisticRegression($0) }) { _, m, arguments in
            .tensor(try m.logits(try features(try arguments.value("x"), .parameter(function: "logits", name: "x"))))
        },
        method(.softmaxRegression, "fit", trainingParameters, returns: "History",
               summary: "Gradient descent on cross-entropy (+ l2/2·‖W‖²) at rate:, or with an optimizer: whose state carries over; full-batch unless batchSize.",
               mutating: true, { if case .softmaxRegression(let m) = $0 { m } else { nil } }, { .softmaxRegression($0) }) { context, m, arguments in
            let data = try arguments.dataset("data")
            let progress = context.epochHook
            return history(try m.fit(data.x, data.y, optimizer: try optimizer(arguments), l2: try arguments.number("l2"),
                                     options: try options(arguments, examples: data.y.count, parameters: (m.features + 1) * m.classes,
                                                          work: data.x.multiplyAdds(outputs: m.classes), context), using: &context.random, progress: progress))
        },
        method(.softmaxRegression, "gradient", [.positional("data", .dataset), .labeled("l2", .number, default: 0)], returns: "Gradient",
               summary: "The training loss on the data and its gradient with respect to weight and bias, as a step of fit computes it (nothing changes).",
               { if case .softmaxRegression(let m) = $0 { m } else { nil } }, { .softmaxRegression($0) }) { _, m, arguments in
            let data = try arguments.dataset("data")
            return gradient(try m.gradient(data.x, data.y, l2: try arguments.number("l2")))
        },
        method(.softmaxRegression, "scores", [.positional("x", .any)], returns: "Tensor", summary: "The class scores W·x + b of each row.",
               { if case .softmaxRegression(let m) = $0 { m } else { nil } }, { .softmaxRegression($0) }) { _, m, arguments in
            .tensor(try m.scores(try features(try arguments.value("x"), .parameter(function: "scores", name: "x"))))
        },
        method(.softmaxRegression, "probabilities", [.positional("x", .any)], returns: "Tensor", summary: "softmax of the scores of each row.",
               { if case .softmaxRegression(let m) = $0 { m } else { nil } }, { .softmaxRegression($0) }) { _, m, arguments in
            .tensor(try m.probabilities(try features(try arguments.value("x"), .parameter(function: "probabilities", name: "x"))))
        },
        method(.softmaxRegression, "predict", [.positional("x", .any)], returns: "Tensor", summary: "The class with the highest score, for each row.",
               { if case .softmaxRegression(let m) = $0 { m } else { nil } }, { .softmaxRegression($0) }) { _, m, arguments in
            .tensor(try m.predict(try features(try arguments.value("x"), .parameter(function: "predict", name: "x"))))
        },
        method(.mlp, "forward", [.positional("x", .tensor)], returns: "Tensor",
               summary: "The network's output; every layer keeps its input for backward(gradient), and autograd records it, so loss.backward() fills the parameters' grad too.",
               mutating: true, { if case .network(let n) = $0 { n } else { nil } }, { .network($0) }) { context, n, arguments in
            let x = try denseRows(try arguments.tensor("x"))
            // A forward pass keeps its inputs for a backward pass: charged for both.
            try checkSizes(n, x, context, passes: 3)
            guard context.recording else { return .tensor(try n.forward(x)) }
            var input = try context.variable(try arguments.value("x"), .parameter(function: "forward", name: "x"))
            if input.value.rank == 1 { input = try input.reshaped([1, -1]) }
            return .variable(try n.forward(input, tape: context.tape))
        },
        method(.mlp, "backward", [.positional("gradient", .tensor)], returns: "Tensor",
               summary: "Backpropagation from dL/d(output), layer by layer from the last: adds every parameter's gradient (they accumulate until zeroGrad) and returns dL/d(input).",
               mutating: true, { if case .network(let n) = $0 { n } else { nil } }, { .network($0) }) { _, n, arguments in
            .tensor(try n.backward(try arguments.tensor("gradient")))
        },
        method(.mlp, "zeroGrad", [], returns: "Void", summary: "Sets every parameter's gradient to zero.", mutating: true,
               { if case .network(let n) = $0 { n } else { nil } }, { .network($0) }) { _, n, _ in
            n.zeroGrad()
            return .void
        },
        method(.mlp, "predict", [.positional("x", .tensor)], returns: "Tensor", summary: "The network's output, keeping nothing: after training only this is needed.",
               { if case .network(let n) = $0 { n } else { nil } }, { .network($0) }) { context, n, arguments in
            let x = try denseRows(try arguments.tensor("x"))
            try checkSizes(n, x, context)
            return .tensor(try n(x))
        },
        method(.mlp, "classify", [.positional("x", .tensor)], returns: "Tensor",
               summary: "The class of each row: argmax of several outputs; for one output, 1 where it is ≥ 0.5 after a sigmoid or step, ≥ 0 otherwise.",
               { if case .network(let n) = $0 { n } else { nil } }, { .network($0) }) { context, n, arguments in
            let x = try denseRows(try arguments.tensor("x"))
            try checkSizes(n, x, context)
            let out = try n(x)
            guard out.rank == 2, out.shape[1] > 1 else {
                let threshold: Double
                switch n.layers.last {
                case .activation(.sigmoid, _)?, .activation(.step, _)?: threshold = 0.5
                default: threshold = 0
                }
                return .tensor(out.map { $0 >= threshold ? 1 : 0 }.reshapedToVector())
            }
            return .tensor(try out.argmax(axis: 1))
        },
        method(.mlp, "fit", [.positional("data", .dataset), .labeled("loss", .string), .labeled("optimizer", .any), .labeled("epochs", .integer),
                              .labeled("batchSize", .integer, optional: true)],
               returns: "History",
               summary: "Trains with the optimizer (an SGD): per batch forward, loss, zeroGrad, backward, step; mini-batches shuffled with the notebook's generator. The loss is \"crossEntropy\" (labels are classes), \"bce\", \"bceWithLogits\", \"mse\" or \"perceptron\".",
               mutating: true, { if case .network(let n) = $0 { n } else { nil } }, { .network($0) }) { context, n, arguments in
            let data = try arguments.dataset("data")
            let optimizer = try optimizer(arguments)
            let loss = try loss(named: try arguments.string("loss"))
            let x = try data.denseX("fit")
            try checkSizes(n, x, context)
            var y = data.y
            if case .crossEntropy = loss {} else if let outputs = try n(x.rows(0..<Swift.min(1, x.shape[0]))).shape.last, outputs == 1, y.rank == 1 {
                y = try y.reshaped([-1, 1])
            }
            let progress = context.epochHook
            return history(try n.fit(x, y, loss: loss, optimizer: optimizer, options: try options(arguments, examples: y.shape[0], parameters: n.scalarCount, context),
                                     using: &context.random, progress: progress))
        },
        Method(.vocabulary, "index", [.labeled("of", .string)], returns: "Number", summary: "The index of a word, or -1 when it is not in the vocabulary.") { _, this, arguments in
            guard case .object(.vocabulary(let v)) = this else { throw RuntimeError(.methodOf(method: "index", type: "Vocabulary")) }
            return .number(Double(v.index(of: try arguments.string("of")) ?? -1))
        },
        Method(.vocabulary, "oneHot", [.positional("word", .string)], returns: "Tensor", summary: "The one-hot vector of a word: 1 at its index; all zeros for an unknown word.") { context, this, arguments in
            guard case .object(.vocabulary(let v)) = this else { throw RuntimeError(.methodOf(method: "oneHot", type: "Vocabulary")) }
            try context.limits.check([v.count])
            return .tensor(v.oneHot(try arguments.string("word")))
        },
        Method(.vocabulary, "encode", [.positional("documents", .list), .labeled("counts", .bool, default: false)], returns: "SparseMatrix",
               summary: "Documents (lists of words) as sparse rows: 1 for each vocabulary word a document contains, or how often with counts: true. Unknown words are ignored; a list of words gives one row.") { _, this, arguments in
            guard case .object(.vocabulary(let v)) = this else { throw RuntimeError(.methodOf(method: "encode", type: "Vocabulary")) }
            // A text as tokenize made it is one document; a list of them, one row each.
            let value = try arguments.value("documents")
            if case .list(let list) = value, let words = list.tokens {
                return .object(.sparse(v.encode(tokenLists: [words], counts: try arguments.bool("counts"))))
            }
            if let lists = tokenLists(value) {
                return .object(.sparse(v.encode(tokenLists: lists, counts: try arguments.bool("counts"))))
            }
            let items = try arguments.list("documents")
            let documents: [[String]]
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                documents = [try strings(.items(items), .item(function: "encode", .document))]
            } else {
                documents = try items.map { try strings($0, .item(function: "encode", .document)) }
            }
            return .object(.sparse(try v.encode(documents: documents, counts: try arguments.bool("counts"))))
        },
        Method(.standardizer, "transform", [.positional("x", .tensor)], returns: "Tensor", summary: "(x − mean) / std, column by column.") { _, this, arguments in
            guard case .object(.standardizer(let s)) = this else { throw RuntimeError(.methodOf(method: "transform", type: "Standardizer")) }
            return .tensor(try s(try arguments.tensor("x")))
        },
        Method(.sparseMatrix, "dense", [], returns: "Tensor", summary: "The matrix with its zeros, within the element limit.") { context, this, _ in
            guard case .object(.sparse(let m)) = this else { throw RuntimeError(.methodOf(method: "dense", type: "SparseMatrix")) }
            try context.limits.check(m.shape)
            return .tensor(m.dense())
        },
    ]

    /// A matrix of rows: a vector is one row.
    static func denseRows(_ t: Tensor) throws -> Tensor {
        t.rank == 1 ? try t.reshaped([1, -1]) : t
    }

    /// The texts of a list of lists as `tokenize` made them (each keeping its
    /// words' ids), or nil when the value is not a non-empty list or any item is another value
    /// (an empty list is one empty document to `encode`, so it takes the general path).
    static func tokenLists(_ value: Value) -> [TokenList]? {
        guard case .list(let list) = value, list.count > 0 else { return nil }
        var lists: [TokenList] = []
        lists.reserveCapacity(list.count)
        for item in list.items {
            guard case .list(let words) = item, let tokens = words.tokens else { return nil }
            lists.append(tokens)
        }
        return lists
    }

    /// The words of a list of strings.
    static func strings(_ value: Value, _ what: Misuse.Subject) throws -> [String] {
        guard case .list(let list) = value else {
            if case .tensor(let t) = value, t.count == 0 { return [] }
            throw RuntimeError(.notA(what, .listOfWords, got: .type(value.typeName)))
        }
        return try list.items.map { item in
            guard case .string(let s) = item else { throw RuntimeError(.mustHold(what, .words, got: .type(item.typeName))) }
            return s
        }
    }

    /// Checks that a network's layers fit the work limits for an input, and
    /// charges the multiply-adds of a pass, `passes` times (3 when a backward
    /// pass is to follow: forward, then the gradients of the inputs and of the weights).
    static func checkSizes(_ n: Sequential, _ x: Tensor, _ context: EvaluationContext, passes: Double = 1) throws {
        var work = 0.0
        for layer in n.layers {
            if case .linear(let l) = layer {
                try context.limits.check([x.shape.first ?? 0, l.outputs])
                try context.limits.check(operations: [x.shape.first ?? 0, l.inputs, l.outputs], .layer)
                work += Double(x.shape.first ?? 0) * Double(l.inputs + 1) * Double(l.outputs)
            }
        }
        try context.budget.charge(estimate: passes * work)
    }
}

extension Tensor {
    /// The values as a vector.
    func reshapedToVector() -> Tensor { Tensor(vector: scalars) }
}
