/// One layer of a ``Sequential`` network.
public enum Layer: Sendable, Hashable {
    case linear(Linear)
    /// An activation applied element-wise; it keeps its input for the backward pass.
    case activation(Activation, input: Tensor? = nil)

    /// The layer's output; keeps what the backward pass needs.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]` for linear layers, unchanged for activations.
    public mutating func forward(_ x: Tensor) throws -> Tensor {
        if let y = try withLinear({ try $0.forward(x) }) { return y }
        guard case .activation(let f, _) = self else { return x }
        self = .activation(f, input: x)
        return f(x)
    }

    /// The output without keeping anything.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear(let linear): return try linear(x)
        case .activation(let f, _): return f(x)
        }
    }

    /// Accumulates parameter gradients and returns the gradient for the layer's input.
    ///
    /// Shape: the output's shape in, the input's shape out.
    public mutating func backward(_ gradOutput: Tensor) throws -> Tensor {
        try backward(gradOutput, inputGradient: true)!
    }

    /// As ``backward(_:)``, skipping the input's gradient (nil) when it is not needed.
    public mutating func backward(_ gradOutput: Tensor, inputGradient: Bool) throws -> Tensor? {
        if let g = try withLinear({ try $0.backward(gradOutput, inputGradient: inputGradient) }) { return g }
        guard case .activation(let f, let input?) = self else { throw TensorError.empty(operation: "backward before forward") }
        return inputGradient ? try f.backward(gradOutput, input: input) : nil
    }

    /// Runs `body` on the linear layer in place, or returns nil for an activation.
    /// The enum's own reference is dropped meanwhile, so the layer's arrays are
    /// uniquely referenced and mutate without being copied.
    mutating func withLinear<R>(_ body: (inout Linear) throws -> R) rethrows -> R? {
        guard case .linear(var linear) = self else { return nil }
        self = .activation(.identity)
        defer { self = .linear(linear) }
        return try body(&linear)
    }

    /// The linear layer, when this is one.
    public var linear: Linear? {
        if case .linear(let l) = self { return l }
        return nil
    }
}

/// Layers applied one after the other: PyTorch's `nn.Sequential`.
public struct Sequential: Sendable, Hashable {
    /// The layers, applied first to last.
    public var layers: [Layer]

    /// A network of the given layers.
    public init(_ layers: [Layer]) {
        self.layers = layers
    }

    /// A multilayer perceptron: Linear layers of the given sizes, `activation`
    /// after each hidden one and `output` after the last, initialised in order
    /// with `generator` (PyTorch's default initialisation).
    public static func mlp(
        sizes: [Int], activation: Activation, output: Activation = .identity,
        using generator: inout some RandomNumberGenerator
    ) throws -> Sequential {
        guard sizes.count >= 2 else { throw TensorError.invalidShape(sizes) }
        var layers: [Layer] = []
        for i in 0..<(sizes.count - 1) {
            layers.append(.linear(try Linear(inputs: sizes[i], outputs: sizes[i + 1], using: &generator)))
            let f = i == sizes.count - 2 ? output : activation
            if f != .identity { layers.append(.activation(f)) }
        }
        return Sequential(layers)
    }

    /// The network's output; every layer keeps what its backward pass needs.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]`.
    public mutating func forward(_ x: Tensor) throws -> Tensor {
        var h = x
        for i in layers.indices { h = try layers[i].forward(h) }
        return h
    }

    /// The output without keeping anything: after training only this is needed.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try layers.reduce(x) { try $1($0) }
    }

    /// Backpropagation: from the gradient of the loss with respect to the
    /// output, layer by layer from the last, accumulating every parameter's
    /// gradient. Returns the gradient with respect to the input.
    public mutating func backward(_ gradOutput: Tensor) throws -> Tensor {
        try backward(gradOutput, inputGradient: true)!
    }

    /// As ``backward(_:)``; with `inputGradient` false the gradient with respect
    /// to the network's input is not computed (training needs none) and nil is returned.
    public mutating func backward(_ gradOutput: Tensor, inputGradient: Bool) throws -> Tensor? {
        var g = gradOutput
        for i in layers.indices.reversed() {
            guard let next = try layers[i].backward(g, inputGradient: inputGradient || i > 0) else { return nil }
            g = next
        }
        return g
    }
}

extension Sequential {
    /// The number of learnable numbers: every weight and bias entry.
    public var scalarCount: Int {
        layers.reduce(0) { $0 + ($1.linear.map { $0.weight.value.count + $0.bias.value.count } ?? 0) }
    }
}

extension Sequential: Trainable {
    /// Two parameters (weight, bias) per linear layer.
    public var parameterCount: Int { layers.reduce(0) { $0 + ($1.linear == nil ? 0 : 2) } }

    /// Visits each linear layer's weight then bias, first layer first.
    public mutating func updateParameters(_ body: (Int, inout Parameter) throws -> Void) rethrows {
        var index = 0
        for i in layers.indices {
            let visited: Void? = try layers[i].withLinear { linear in
                try linear.updateParameters { k, parameter in try body(index + k, &parameter) }
            }
            if visited != nil { index += 2 }
        }
    }
}
