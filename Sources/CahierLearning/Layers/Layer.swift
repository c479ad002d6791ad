/// One layer of a ``Sequential`` network.
public enum Layer: Sendable {
    case linear(Linear)
    /// An activation applied element-wise; it keeps its input for the backward pass.
    case activation(Activation, input: Tensor? = nil)

    /// The layer's output; keeps what the backward pass needs.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]` for linear layers, unchanged for activations.
    public mutating func forward(_ x: Tensor) throws -> Tensor {
        switch self {
        case .linear(let linear): return try linear.forward(x)
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

    /// Adds the gradients of the layer's parameters (a linear layer's weight
    /// and bias; an activation has none) for the gradient of its output.
    public func accumulateGradients(_ gradOutput: Tensor) throws {
        if case .linear(let linear) = self { try linear.accumulateGradients(gradOutput) }
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

    /// The linear layer, when this is one.
    public var linear: Linear? {
        if case .linear(let l) = self { return l }
        return nil
    }
}
