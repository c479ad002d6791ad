import CahierLearning

extension Registry {
    private static func property(_ type: ValueType, _ name: String, returns: String, summary: String,
                                 _ get: @escaping @Sendable (Object) throws -> Value?) -> Property {
        Property(type, name, returns: returns, summary: summary) { value in
            guard case .object(let object) = value, let result = try get(object) else {
                throw RuntimeError(.noMember(type: value.typeName, name: name, known: []))
            }
            return result
        }
    }

    static let learningProperties: [Property] = [
        property(.perceptron, "weights", returns: "Tensor", summary: "[w0, w1, …, wd], the bias w0 first.") {
            if case .perceptron(let p) = $0 { .tensor(p.weights) } else { nil }
        },
        property(.logisticRegression, "weight", returns: "Parameter", summary: "The weight [1, d], a parameter with its gradient (as Linear(d, 1)'s).") {
            if case .logisticRegression(let m) = $0 { .object(.parameter(m.weight)) } else { nil }
        },
        property(.logisticRegression, "bias", returns: "Parameter", summary: "The bias [1], a parameter with its gradient.") {
            if case .logisticRegression(let m) = $0 { .object(.parameter(m.bias)) } else { nil }
        },
        property(.logisticRegression, "parameters", returns: "List", summary: "[weight, bias], the parameters an optimizer updates.") {
            if case .logisticRegression(let m) = $0 { .items([.object(.parameter(m.weight)), .object(.parameter(m.bias))]) } else { nil }
        },
        property(.softmaxRegression, "weight", returns: "Parameter", summary: "W [k, d], a parameter: row c is the template of class c.") {
            if case .softmaxRegression(let m) = $0 { .object(.parameter(m.weight)) } else { nil }
        },
        property(.softmaxRegression, "bias", returns: "Parameter", summary: "b [k], a parameter.") {
            if case .softmaxRegression(let m) = $0 { .object(.parameter(m.bias)) } else { nil }
        },
        property(.softmaxRegression, "parameters", returns: "List", summary: "[weight, bias], the parameters an optimizer updates.") {
            if case .softmaxRegression(let m) = $0 { .items([.object(.parameter(m.weight)), .object(.parameter(m.bias))]) } else { nil }
        },
        property(.mlp, "parameters", returns: "List", summary: "Every layer's weight and bias in order, the very parameters the layers hold (net.parameters for an optimizer).") {
            if case .network(let n) = $0 { .items(n.parameters.map { .object(.parameter($0)) }) } else { nil }
        },
        property(.layer, "parameters", returns: "List", summary: "A Linear layer's [weight, bias]; an activation has none.") {
            if case .layer(let l) = $0 { .items((l.linear.map { [$0.weight, $0.bias] } ?? []).map { .object(.parameter($0)) }) } else { nil }
        },
        property(.sgd, "parameters", returns: "List", summary: "The parameters the optimizer was made for.") {
            if case .optimizer(let o) = $0 { .items(o.parameters.map { .object(.parameter($0)) }) } else { nil }
        },
        property(.mlp, "layers", returns: "List", summary: "The layers in order, each a Layer.") {
            if case .network(let n) = $0 { .items(n.layers.map { .object(.layer($0)) }) } else { nil }
        },
        property(.mlp, "parameterCount", returns: "Number", summary: "The number of learnable numbers in all weights and biases.") {
            guard case .network(let n) = $0 else { return nil }
            return .number(Double(n.scalarCount))
        },
        property(.layer, "weight", returns: "Parameter", summary: "A Linear layer's weight [outputs, inputs] with its gradient.") {
            if case .layer(.linear(let l)) = $0 { .object(.parameter(l.weight)) } else { nil }
        },
        property(.layer, "bias", returns: "Parameter", summary: "A Linear layer's bias [outputs] with its gradient.") {
            if case .layer(.linear(let l)) = $0 { .object(.parameter(l.bias)) } else { nil }
        },
        property(.parameter, "value", returns: "Tensor", summary: "The parameter's current value.") {
            if case .parameter(let p) = $0 { .tensor(p.value) } else { nil }
        },
        property(.parameter, "grad", returns: "Tensor", summary: "The gradient accumulated by backward since the last zeroGrad.") {
            if case .parameter(let p) = $0 { .tensor(p.grad) } else { nil }
        },
        property(.parameter, "shape", returns: "Tensor", summary: "The parameter's extents.") {
            if case .parameter(let p) = $0 { .tensor(Tensor(vector: p.value.shape.map(Double.init))) } else { nil }
        },
        property(.vocabulary, "count", returns: "Number", summary: "The number of words.") {
            if case .vocabulary(let v) = $0 { .number(Double(v.count)) } else { nil }
        },
        property(.vocabulary, "words", returns: "List", summary: "The words in index order.") {
            if case .vocabulary(let v) = $0 { .items(v.words.map { .string($0) }) } else { nil }
        },
        property(.standardizer, "mean", returns: "Tensor", summary: "The training columns' means.") {
            if case .standardizer(let s) = $0 { .tensor(s.mean) } else { nil }
        },
        property(.standardizer, "std", returns: "Tensor", summary: "The training columns' standard deviations (1 where a column is constant).") {
            if case .standardizer(let s) = $0 { .tensor(s.std) } else { nil }
        },
        property(.sparseMatrix, "shape", returns: "Tensor", summary: "[rows, columns].") {
            if case .sparse(let m) = $0 { .tensor(Tensor(vector: m.shape.map(Double.init))) } else { nil }
        },
        property(.sparseMatrix, "nonzeros", returns: "Number", summary: "The number of stored (non-zero) entries.") {
            if case .sparse(let m) = $0 { .number(Double(m.nonZeroCount)) } else { nil }
        },
    ]
}
