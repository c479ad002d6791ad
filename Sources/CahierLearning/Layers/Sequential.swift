/// Layers applied one after the other: PyTorch's `nn.Sequential`. An object:
/// the linear layers it holds are the layers a notebook named. Not safe to
/// share between threads.
public final class Sequential: @unchecked Sendable {
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
    public func forward(_ x: Tensor) throws -> Tensor {
        var h = x
        var i = layers.startIndex
        while i < layers.endIndex {
            // A linear layer followed by ReLU: the bias and the ReLU in one pass over the output.
            if case .linear(let linear) = layers[i], i + 1 < layers.endIndex, case .activation(.relu, _) = layers[i + 1] {
                let (preActivation, output) = try linear.forwardReLU(h)
                layers[i + 1] = .activation(.relu, input: preActivation)
                h = output
                i += 2
            } else {
                h = try layers[i].forward(h)
                i += 1
            }
        }
        return h
    }

    /// The output without keeping anything: after training only this is needed.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try layers.reduce(x) { try $1($0) }
    }

    /// Backpropagation: from the gradient of the loss with respect to the
    /// output, layer by layer from the last, adding every parameter's gradient
    /// (they accumulate until ``Trainable/zeroGrad()``). Returns the gradient
    /// with respect to the input.
    ///
    /// Shape: `[n, outputs] -> [n, inputs]`.
    public func backward(_ gradOutput: Tensor) throws -> Tensor {
        var g = gradOutput
        for i in layers.indices.reversed() {
            try layers[i].accumulateGradients(g)
            g = try layers[i].inputGradient(g)
        }
        return g
    }

    /// As ``backward(_:)``, without the gradient with respect to the network's
    /// input, which training does not need.
    public func accumulateGradients(_ gradOutput: Tensor) throws {
        var g = gradOutput
        var i = layers.count - 1
        while i >= 0 {
            // ReLU after a linear layer: ReLU's backward pass sums the linear layer's bias gradient as it goes.
            if i > 0, case .activation(.relu, let preActivation?) = layers[i], case .linear(let linear) = layers[i - 1] {
                g = try linear.accumulateGradients(throughReLU: g, preActivation: preActivation)
                if i - 1 > 0 { g = try linear.inputGradient(g) }
                i -= 2
                continue
            }
            try layers[i].accumulateGradients(g)
            if i > 0 { g = try layers[i].inputGradient(g) }
            i -= 1
        }
    }
}

extension Sequential {
    /// The number of learnable numbers: every weight and bias entry.
    public var scalarCount: Int {
        layers.reduce(0) { $0 + ($1.linear.map { $0.weight.value.count + $0.bias.value.count } ?? 0) }
    }
}

extension Sequential: Trainable {
    /// Each linear layer's weight then bias, first layer first.
    public var parameters: [Parameter] { layers.flatMap { $0.linear?.parameters ?? [] } }
}
