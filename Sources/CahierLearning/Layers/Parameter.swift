/// A learnable tensor and the gradient of the loss with respect to it.
///
/// Gradients accumulate: each backward pass adds to `grad`, as in PyTorch, and
/// ``zeroGrad()`` sets it back to zeros.
public struct Parameter: Sendable, Hashable {
    /// The current value.
    public var value: Tensor
    /// The accumulated gradient of the loss with respect to `value`. Shape: `value.shape`.
    public var grad: Tensor

    /// A parameter with the given value and a zero gradient.
    public init(_ value: Tensor) {
        self.value = value
        self.grad = Tensor(uncheckedShape: value.shape, scalars: [Double](repeating: 0, count: value.count))
    }

    /// Sets the gradient to zeros.
    public mutating func zeroGrad() {
        for i in grad.scalars.indices { grad.scalars[i] = 0 }
    }
}

/// Something with learnable parameters that an optimiser can update.
public protocol Trainable: Sendable {
    /// The number of parameters, in the fixed order ``updateParameters(_:)`` visits them.
    var parameterCount: Int { get }
    /// Calls `body` on every parameter in a fixed order.
    mutating func updateParameters(_ body: (_ index: Int, _ parameter: inout Parameter) throws -> Void) rethrows
}

extension Trainable {
    /// Sets every parameter's gradient to zeros.
    public mutating func zeroGrad() {
        updateParameters { _, parameter in parameter.zeroGrad() }
    }
}
