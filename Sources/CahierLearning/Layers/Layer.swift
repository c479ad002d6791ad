/// One layer of a ``Sequential`` network.
public enum Layer: Sendable, Hashable {
    case linear(Linear)
    /// An activation applied element-wise; it keeps its input for the backward pass.
    case activation(Activation, input: Tensor? = nil)

    /// The layer's output; keeps what the backward pass needs.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]` for linear layers, unchanged for activations.
    public mutating func forward(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear(var linear):
            let y = try linear.forward(x)
            self = .linear(linear)
            return y
        case .activation(let f, _):
            self = .activation(f, input: x)
            return f(x)
        }
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
        switch self {
        case .linear(var linear):
            let g = try linear.backward(gradOutput)
            self = .linear(linear)
            return g
        case .activation(let f, let input):
            guard let input else { throw TensorError.empty(operation: "backward before forward") }
            return try gradOutput.multiplying(f.derivative(input))
        }
    }

    /// The linear layer, when this is one.
    public var linear: Linear? {
        if case .linear(let l) = self { return l }
        return nil
    }
}

/// Layers applied one after the other: PyTorch's `nn.Sequential`.
public struct Sequential: Sendable, Hashable {
    public var layers: [Layer]

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
        var g = gradOutput
        for i in layers.indices.reversed() { g = try layers[i].backward(g) }
        return g
    }
}

extension Sequential: Trainable {
    public var parameterCount: Int { layers.reduce(0) { $0 + ($1.linear == nil ? 0 : 2) } }

    public mutating func updateParameters(_ body: (Int, inout Parameter) throws -> Void) rethrows {
        var index = 0
        for i in layers.indices {
            guard case .linear(var linear) = layers[i] else { continue }
            try linear.updateParameters { k, parameter in try body(index + k, &parameter) }
            index += 2
            layers[i] = .linear(linear)
        }
    }
}
