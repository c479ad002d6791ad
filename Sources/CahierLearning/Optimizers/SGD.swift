/// Stochastic gradient descent with PyTorch's semantics for momentum,
/// dampening, Nesterov momentum and weight decay. For each parameter p with
/// gradient g, at each step:
///
///     g ← g + weightDecay·p
///     b ← g at the first step, else momentum·b + (1 − dampening)·g   (when momentum ≠ 0)
///     g ← g + momentum·b with Nesterov, else b                        (when momentum ≠ 0)
///     p ← p − rate·g
public struct SGD: Sendable, Hashable {
    /// The learning rate α.
    public var rate: Double
    /// The momentum μ; 0 for none.
    public var momentum: Double
    /// The dampening of the momentum buffer's update.
    public var dampening: Double
    /// Whether to use Nesterov momentum.
    public var nesterov: Bool
    /// The L2 penalty λ added to every gradient as λ·p.
    public var weightDecay: Double
    /// The momentum buffers, one per parameter, created at the first step.
    private var buffers: [Int: Tensor] = [:]

    /// An optimiser with PyTorch's `torch.optim.SGD` arguments.
    public init(rate: Double, momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false, weightDecay: Double = 0) {
        self.rate = rate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    /// Updates every parameter of `model` from its gradient. Gradients are not
    /// reset: call `zeroGrad()` before the next backward pass.
    public mutating func step(_ model: inout some Trainable) {
        model.updateParameters { index, parameter in
            if weightDecay == 0 && momentum == 0 {
                // Plain gradient descent: p ← p − rate·g, without copying g.
                parameter.grad.scalars.withUnsafeBufferPointer { g in
                    parameter.value.scalars.withUnsafeMutableBufferPointer { p in
                        for i in p.indices { p[i] -= rate * g[i] }
                    }
                }
                return
            }
            var g = parameter.grad.scalars
            let p = parameter.value.scalars
            if weightDecay != 0 { for i in g.indices { g[i] += weightDecay * p[i] } }
            if momentum != 0 {
                var b: [Double]
                if let previous = buffers[index]?.scalars {
                    b = previous
                    for i in b.indices { b[i] = momentum * b[i] + (1 - dampening) * g[i] }
                } else {
                    b = g
                }
                buffers[index] = Tensor(uncheckedShape: parameter.value.shape, scalars: b)
                if nesterov { for i in g.indices { g[i] += momentum * b[i] } } else { g = b }
            }
            parameter.value.scalars.withUnsafeMutableBufferPointer { values in
                for i in values.indices { values[i] -= rate * g[i] }
            }
        }
    }
}
