/// Stochastic gradient descent with PyTorch's semantics for momentum,
/// dampening, Nesterov momentum and weight decay. For each parameter p with
/// gradient g, at each step:
///
///     g ← g + weightDecay·p
///     b ← g at the first step, else momentum·b + (1 − dampening)·g   (when momentum ≠ 0)
///     g ← g + momentum·b with Nesterov, else b                        (when momentum ≠ 0)
///     p ← p − rate·g
///
/// An object: its momentum buffers (one per parameter, made at the parameter's
/// first step) persist across steps and across training calls, as in PyTorch.
/// Not safe to share between threads.
public final class SGD: @unchecked Sendable {
    /// The learning rate α.
    public var rate: Double
    /// The momentum μ; 0 for none.
    public let momentum: Double
    /// The dampening of the momentum buffer's update.
    public let dampening: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    /// The L2 penalty λ added to every gradient as λ·p.
    public let weightDecay: Double
    /// The parameters this optimiser was made for, in order; empty when it is given them at each step.
    public let parameters: [Parameter]
    /// The momentum buffer of each parameter that has taken a step, with the parameter itself.
    private var buffers: [ObjectIdentifier: (parameter: Parameter, buffer: Tensor)] = [:]

    /// An optimiser with PyTorch's `torch.optim.SGD` arguments; invalid
    /// settings are refused as PyTorch refuses them.
    public init(parameters: [Parameter] = [], rate: Double, momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) throws {
        guard rate.isFinite, rate > 0 else { throw TrainingError.invalid("SGD: the rate must be a number > 0, got \(rate.messageText)") }
        guard momentum.isFinite, momentum >= 0 else { throw TrainingError.invalid("SGD: momentum must be ≥ 0, got \(momentum.messageText)") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw TrainingError.invalid("SGD: weightDecay must be ≥ 0, got \(weightDecay.messageText)") }
        guard dampening.isFinite else { throw TrainingError.invalid("SGD: dampening must be a number, got \(dampening.messageText)") }
        if nesterov, momentum <= 0 || dampening != 0 {
            throw TrainingError.invalid("SGD: Nesterov momentum requires a momentum > 0 and zero dampening")
        }
        self.parameters = parameters
        self.rate = rate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    /// The momentum buffer of `parameter`, or nil before its first step (or without momentum).
    public func momentumBuffer(_ parameter: Parameter) -> Tensor? {
        buffers[ObjectIdentifier(parameter)]?.buffer
    }

    /// Updates each of `parameters` (its own, by default) from its gradient.
    /// Gradients are not reset: call `zeroGrad()` before the next backward pass.
    public func step(_ parameters: [Parameter]? = nil) {
        for parameter in parameters ?? self.parameters { update(parameter) }
    }

    /// Updates every parameter of `model`.
    public func step(_ model: some Trainable) {
        step(model.parameters)
    }

    /// The plain update p ← p − rate·g of each parameter, each gradient set to zeros as it is
    /// read: ``step(_:)-([Parameter]?)`` then ``zeroGrad()`` in one pass, the same bits. Offered only where
    /// the two are the same: without momentum and weight decay, and with no parameter listed
    /// twice (a shared one is updated twice from its whole gradient). Returns false, having
    /// changed nothing, where it is not offered.
    public func stepZeroingGradients(_ parameters: [Parameter]) -> Bool {
        guard weightDecay == 0, momentum == 0, Set(parameters.map(ObjectIdentifier.init)).count == parameters.count else { return false }
        let rate = self.rate
        for parameter in parameters {
            parameter.grad.scalars.withUnsafeMutableBufferPointer { g in
                parameter.value.scalars.withUnsafeMutableBufferPointer { p in
                    for i in 0..<Swift.min(p.count, g.count) {
                        p[i] -= rate * g[i]
                        g[i] = 0
                    }
                }
            }
        }
        return true
    }

    /// Sets the gradients of this optimiser's parameters to zero.
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }

    private func update(_ parameter: Parameter) {
        if weightDecay == 0 && momentum == 0 {
            // Plain gradient descent: p ← p − rate·g, without copying g.
            let rate = self.rate
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
            let key = ObjectIdentifier(parameter)
            var b: [Double]
            if let previous = buffers[key]?.buffer.scalars {
                b = previous
                for i in b.indices { b[i] = momentum * b[i] + (1 - dampening) * g[i] }
            } else {
                b = g
            }
            buffers[key] = (parameter, Tensor(uncheckedShape: parameter.value.shape, scalars: b))
            if nesterov { for i in g.indices { g[i] += momentum * b[i] } } else { g = b }
        }
        let rate = self.rate
        parameter.value.scalars.withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] -= rate * g[i] }
        }
    }
}
