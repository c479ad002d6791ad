import CahierLearning

/// Autograd and optimizers as notebooks drive them: parameters made with
/// `param`, `loss.backward()`, `w.grad`, `w.zeroGrad()`, `x.detach()`, and an
/// SGD's `step()`, `zeroGrad()` and momentum buffers.
extension Registry {
    static let autogradBuiltins: [Builtin] = [
        Builtin("param", [.positional("x", .tensor)], returns: "Parameter", topic: "Autograd",
                summary: "A parameter holding a copy of x (PyTorch's requires_grad=True): every operation on it is recorded, and backward() fills its grad.",
                details: "Gradients accumulate in grad until zeroGrad(). A parameter changes in place only where nothing is recorded: inside noGrad { … } or by an optimizer's step().",
                example: ["> let w = param([1, 2])", "> let loss = sum(w * w)", "> loss.backward()", "> w.grad", "[2, 4]"]) { context, arguments in
            let x = try arguments.tensor("x")
            try context.limits.check(x.shape)
            return .object(.parameter(Parameter(x)))
        },
        Builtin("permutation", [.positional("n", .integer)], returns: "Tensor", topic: "Creating tensors",
                summary: "A random order of 0, 1, …, n−1 from the notebook's generator: the order fit takes the examples in for one epoch of mini-batches.",
                details: "Fisher–Yates from the last position down, each swap with a uniform position drawn as fit draws it, so a hand-written loop that takes batches in this order trains exactly as fit(batchSize:) does.") { context, arguments in
            let n = try arguments.integer("n")
            guard n >= 0 else { throw RuntimeError(.atLeast(.parameter(function: "permutation", name: "n"), minimum: 0, got: String(n))) }
            try context.limits.check([n])
            return .tensor(Tensor(vector: context.random.permutation(n).map(Double.init)))
        },
        Builtin("SGD", [.positional("parameters", .any, optional: true), .labeled("rate", .number), .labeled("momentum", .number, default: 0),
                        .labeled("dampening", .number, default: 0), .labeled("nesterov", .bool, default: false), .labeled("weightDecay", .number, default: 0)],
                returns: "SGD", topic: "Optimizers",
                summary: "Stochastic gradient descent with PyTorch's semantics for momentum, dampening, Nesterov momentum and weight decay, for the parameters given (a list such as net.parameters or [w, b]).",
                details: "For each parameter p with gradient g, step() does g ← g + weightDecay·p; with momentum the buffer b ← g at the first step, then momentum·b + (1 − dampening)·g, and g ← g + momentum·b (Nesterov) or b; finally p ← p − rate·g. The buffers persist across steps and across fit calls. A rate ≤ 0, a negative momentum or weight decay, and Nesterov without momentum or with dampening are refused, as in PyTorch.",
                example: ["> SGD(rate: 0.1, momentum: 0.9)", "SGD(rate: 0.1, momentum: 0.9)"]) { _, arguments in
            let parameters = arguments.has("parameters") ? try Registry.parameters(try arguments.value("parameters"), "SGD") : []
            return .object(.optimizer(try SGD(parameters: parameters, rate: try arguments.number("rate"), momentum: try arguments.number("momentum"),
                                              dampening: try arguments.number("dampening"), nesterov: try arguments.bool("nesterov"),
                                              weightDecay: try arguments.number("weightDecay"))))
        },
    ]

    static let autogradMethods: [Method] = [
        Method(.tensor, "backward", [.positional("seed", .tensor, optional: true)], returns: "Void",
               summary: "Backpropagation: adds the gradient of this tensor with respect to every parameter it was computed from to that parameter's grad. Without a seed the tensor must be a single number (as in PyTorch).") { context, this, arguments in
            guard case .variable(let v) = this else {
                throw RuntimeError(.learning(.noGradientFlow))
            }
            let seed = arguments.has("seed") ? try arguments.tensor("seed") : nil
            try v.backward(seed: seed) { try context.budget.charge($0) }
            return .void
        },
        Method(.tensor, "detach", [], returns: "Tensor", summary: "The values alone, cut from the parameters they were computed from: nothing flows back through them.") { _, this, _ in
            if case .variable(let v) = this { return Coerce.result(v.value) }
            return this
        },
        Method(.parameter, "detach", [], returns: "Tensor", summary: "The parameter's current values as a plain tensor.") { _, this, _ in
            guard case .object(.parameter(let p)) = this else { throw RuntimeError(.methodOf(method: "detach", type: "Parameter")) }
            return .tensor(p.value)
        },
        Method(.parameter, "zeroGrad", [], returns: "Void", summary: "Sets the parameter's accumulated gradient to zeros.", mutating: true) { _, this, _ in
            guard case .object(.parameter(let p)) = this else { throw RuntimeError(.methodOf(method: "zeroGrad", type: "Parameter")) }
            p.zeroGrad()
            return .void
        },
        Method(.sgd, "step", [], returns: "Void", summary: "Updates each of the optimizer's parameters from its gradient (the gradients stay: call zeroGrad() before the next backward).",
               mutating: true) { _, this, _ in
            guard case .object(.optimizer(let o)) = this else { throw RuntimeError(.methodOf(method: "step", type: "SGD")) }
            guard !o.parameters.isEmpty else {
                throw RuntimeError(.learning(.sgdWithoutParameters))
            }
            o.step()
            return .void
        },
        Method(.sgd, "zeroGrad", [], returns: "Void", summary: "Sets the gradient of each of the optimizer's parameters to zeros.", mutating: true) { _, this, _ in
            guard case .object(.optimizer(let o)) = this else { throw RuntimeError(.methodOf(method: "zeroGrad", type: "SGD")) }
            o.zeroGrad()
            return .void
        },
        Method(.sgd, "momentumBuffer", [.positional("parameter", .any)], returns: "Tensor",
               summary: "The momentum buffer of a parameter (PyTorch's state[p][\"momentum_buffer\"]): made at the parameter's first step, when momentum is not 0.") { _, this, arguments in
            guard case .object(.optimizer(let o)) = this else { throw RuntimeError(.methodOf(method: "momentumBuffer", type: "SGD")) }
            guard case .object(.parameter(let p)) = try arguments.value("parameter") else {
                throw RuntimeError(.learning(.bufferOfNonParameter))
            }
            guard let buffer = o.momentumBuffer(p) else {
                throw RuntimeError(.learning(o.momentum == 0 ? .noMomentum : .noBufferYet))
            }
            return .tensor(buffer)
        },
    ]

    /// The parameters a value stands for: a list of parameters, or a model's or layer's.
    static func parameters(_ value: Value, _ function: String) throws -> [CahierLearning.Parameter] {
        switch value {
        case .object(.parameter(let p)): return [p]
        case .object(.network(let n)): return n.parameters
        case .object(.layer(let l)): return l.linear.map { [$0.weight, $0.bias] } ?? []
        case .object(.logisticRegression(let m)): return [m.weight, m.bias]
        case .object(.softmaxRegression(let m)): return [m.weight, m.bias]
        case .list(let list):
            return try list.items.flatMap { item -> [CahierLearning.Parameter] in
                guard case .object = item else {
                    throw RuntimeError(.mustHold(.item(function: function, .theList), .parameters, got: .type(item.typeName)))
                }
                return try parameters(item, function)
            }
        default:
            throw RuntimeError(.learning(.parametersNotAList(function: function, type: value.typeName)))
        }
    }
}
