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

    /// Adds the gradients of the layer's parameters (a linear layer's weight
    /// and bias; an activation has none) for the gradient of its output.
    public mutating func accumulateGradients(_ gradOutput: Tensor) throws {
        _ = try withLinear { try $0.accumulateGradients(gradOutput) }
    }

    /// The gradient with respect to the layer's input of its last forward pass.
    ///
    /// Shape: the output's shape in, the input's shape out.
    public func inputGradient(_ gradOutput: Tensor) throws -> Tensor {
        switch self {
        case .linear(let linear): return try linear.inputGradient(gradOutput)
        case .activation(let f, let input?): return try f.backward(gradOutput, input: input)
        case .activation: throw TensorError.empty(operation: "backward before forward")
        }
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
