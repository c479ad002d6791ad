/// A learnable tensor and the gradient of the loss with respect to it: an
/// object, so a layer, the network holding it, an optimiser and a notebook's
/// name all see the same one, as in PyTorch.
///
/// Gradients accumulate: each backward pass adds to `grad`, as in PyTorch, and
/// ``zeroGrad()`` sets it back to zeros. Not safe to share between threads:
/// one notebook session owns its parameters.
public final class Parameter: @unchecked Sendable {
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
    public func zeroGrad() {
        grad.scalars.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] = 0 }
        }
    }

    /// A new parameter with the same value and gradient.
    public func copy() -> Parameter {
        let copy = Parameter(value)
        copy.grad = grad
        return copy
    }
}

/// Something with learnable parameters that an optimiser can update.
public protocol Trainable: AnyObject {
    /// The parameters, in a fixed order.
    var parameters: [Parameter] { get }
}

extension Trainable {
    /// Sets every parameter's gradient to zeros.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}
