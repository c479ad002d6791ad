/// A fully connected layer y = x·Wᵀ + b, with PyTorch's layout and default
/// initialisation. It also serves logistic and softmax regression, whose
/// inputs may be sparse rows.
///
/// Shape: input `[n, inputs]`, output `[n, outputs]`; `weight` is `[outputs, inputs]`,
/// `bias` is `[outputs]`.
///
/// An object: the layer a notebook names is the one a network holding it
/// trains. Not safe to share between threads.
public final class Linear: @unchecked Sendable {
    /// W with its gradient. Shape: `[outputs, inputs]`.
    public let weight: Parameter
    /// b with its gradient. Shape: `[outputs]`.
    public let bias: Parameter
    /// The input of the last forward pass, kept for the backward pass.
    var input: Features?

    /// The number of inputs.
    public var inputs: Int { weight.value.shape[1] }
    /// The number of outputs.
    public var outputs: Int { weight.value.shape[0] }

    /// PyTorch's default initialisation: weight then bias, each drawn from
    /// U(−1/√inputs, 1/√inputs) in row-major order with `generator`.
    public convenience init(inputs: Int, outputs: Int, using generator: inout some RandomNumberGenerator) throws {
        guard inputs > 0, outputs > 0 else { throw TensorError.invalidShape([outputs, inputs]) }
        let bound = 1 / Double(inputs).squareRoot()
        func draw(_ count: Int) -> [Double] { (0..<count).map { _ in (2 * generator.nextUniform() - 1) * bound } }
        let w = draw(outputs * inputs)
        let b = draw(outputs)
        self.init(uncheckedWeight: Tensor(uncheckedShape: [outputs, inputs], scalars: w), bias: Tensor(vector: b))
    }

    /// A layer with the given weights, set by hand.
    public convenience init(weight: Tensor, bias: Tensor) throws {
        guard weight.rank == 2, bias.rank == 1, bias.count == weight.shape[0] else {
            throw TensorError.shapeMismatch(operation: "Linear(weight, bias)", weight.shape, bias.shape)
        }
        self.init(uncheckedWeight: weight, bias: bias)
    }

    /// A layer with zero weight and bias.
    public convenience init(zeroInputs inputs: Int, outputs: Int) throws {
        try self.init(weight: try Tensor(repeating: 0, shape: [outputs, inputs]), bias: try Tensor(repeating: 0, shape: [outputs]))
    }

    private init(uncheckedWeight weight: Tensor, bias: Tensor) {
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// A layer holding these very parameters.
    public init(weight: Parameter, bias: Parameter) throws {
        guard weight.value.rank == 2, bias.value.rank == 1, bias.value.count == weight.value.shape[0] else {
            throw TensorError.shapeMismatch(operation: "Linear(weight, bias)", weight.value.shape, bias.value.shape)
        }
        self.weight = weight
        self.bias = bias
    }

    /// x·Wᵀ + b; keeps `x` for the backward pass.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]`.
    public func forward(_ x: Tensor) throws -> Tensor {
        try forward(.dense(x))
    }

    /// x·Wᵀ + b for dense or sparse rows; keeps `x` for the backward pass.
    public func forward(_ x: Features) throws -> Tensor {
        let y = try self(x)
        input = x
        return y
    }

    /// ``forward(_:)-(Tensor)`` followed by ReLU, the bias added and the ReLU taken in one
    /// pass over the product: a = x·Wᵀ + b (kept by the caller for ReLU's backward pass) and
    /// max(0, a), the bits of ``Tensor/addRow(_:)`` then ``Activation/relu``.
    ///
    /// Shape: `[n, inputs] -> ([n, outputs], [n, outputs])`.
    func forwardReLU(_ x: Tensor) throws -> (preActivation: Tensor, output: Tensor) {
        let features = Features.dense(x)
        guard features.dimension == inputs else {
            throw TensorError.shapeMismatch(operation: "Linear", [features.count, features.dimension], [features.count, inputs])
        }
        var a = try features.matmulTransposed(weight.value)
        input = features
        let m = outputs
        let output = [Double](unsafeUninitializedCapacity: a.count) { o, initialized in
            bias.value.scalars.withUnsafeBufferPointer { b in
                a.scalars.withUnsafeMutableBufferPointer { a in
                    guard let bias = b.baseAddress, let sums = a.baseAddress, let out = o.baseAddress else { return }
                    for row in 0..<(a.count / m) {
                        let start = row &* m
                        var j = 0
                        while j &+ 8 <= m {
                            let at = start &+ j
                            let s = UnsafeRawPointer(sums + at).loadUnaligned(as: SIMD8<Double>.self)
                                + UnsafeRawPointer(bias + j).loadUnaligned(as: SIMD8<Double>.self)
                            UnsafeMutableRawPointer(sums + at).storeBytes(of: s, as: SIMD8<Double>.self)
                            UnsafeMutableRawPointer(out + at).storeBytes(of: s.replacing(with: 0, where: s .< 0), as: SIMD8<Double>.self)
                            j &+= 8
                        }
                        while j < m {
                            let at = start &+ j
                            let s = sums[at] + bias[j]
                            sums[at] = s
                            out[at] = s < 0 ? 0 : s
                            j &+= 1
                        }
                    }
                }
            }
            initialized = a.count
        }
        return (a, Tensor(uncheckedShape: a.shape, scalars: output))
    }

    /// The output without keeping anything: for prediction.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try self(.dense(x))
    }

    /// x·Wᵀ + b for dense or sparse rows, keeping nothing.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]`.
    public func callAsFunction(_ x: Features) throws -> Tensor {
        guard x.dimension == inputs else {
            throw TensorError.shapeMismatch(operation: "Linear", [x.count, x.dimension], [x.count, inputs])
        }
        var out = try x.matmulTransposed(weight.value)
        out.addRow(bias.value)
        return out
    }

    /// Adds dL/dW = gᵀ·x (+ l2·W) and dL/db = Σ g over the rows to the
    /// gradients, x being the input of the last forward pass. Gradients
    /// accumulate until ``Trainable/zeroGrad()``.
    ///
    /// Shape: `gradOutput` is `[n, outputs]`.
    public func accumulateGradients(_ gradOutput: Tensor, l2: Double = 0) throws {
        try accumulateGradients(gradOutput, l2: l2, zeroedBiasGradient: nil)
    }

    /// ``accumulateGradients(_:l2:)``; right after ``Trainable/zeroGrad()``, the bias's gradient
    /// may come already summed from zero (the loss's pass summed the rows in order, the same bits).
    func accumulateGradients(_ gradOutput: Tensor, l2: Double, zeroedBiasGradient: [Double]?) throws {
        guard let input else { throw TensorError.empty(operation: "backward before forward") }
        guard gradOutput.rank == 2, gradOutput.shape == [input.count, outputs] else {
            throw TensorError.shapeMismatch(operation: "Linear backward", gradOutput.shape, [input.count, outputs])
        }
        try input.accumulateTransposedGradient(gradOutput, into: weight)
        if l2 != 0 {
            for i in weight.grad.scalars.indices { weight.grad.scalars[i] += l2 * weight.value.scalars[i] }
        }
        if let zeroedBiasGradient, zeroedBiasGradient.count == bias.grad.count {
            bias.grad.scalars = zeroedBiasGradient
        } else {
            gradOutput.addRows(into: &bias.grad.scalars)
        }
    }

    /// ReLU's backward pass for `gradOutput`, the gradient after the ReLU that follows this
    /// layer (`preActivation` its input), and this layer's gradients for the result, the bias's
    /// summed in the same pass: the bits of ``Activation/backward(_:input:)`` then
    /// ``accumulateGradients(_:l2:)`` (the rows added in order to the bias's gradient, which
    /// changes only once nothing can fail). Returns the gradient before the ReLU.
    func accumulateGradients(throughReLU gradOutput: Tensor, preActivation: Tensor) throws -> Tensor {
        guard gradOutput.shape == preActivation.shape else {
            throw TensorError.shapeMismatch(operation: "relu backward", gradOutput.shape, preActivation.shape)
        }
        guard let input else { throw TensorError.empty(operation: "backward before forward") }
        guard gradOutput.rank == 2, gradOutput.shape == [input.count, outputs] else {
            throw TensorError.shapeMismatch(operation: "Linear backward", gradOutput.shape, [input.count, outputs])
        }
        let m = outputs
        guard bias.grad.count == m else {  // a gradient replaced by hand with another shape: the plain passes
            let g = try Activation.relu.backward(gradOutput, input: preActivation)
            try accumulateGradients(g)
            return g
        }
        var biasGradient = bias.grad.scalars
        let g = [Double](unsafeUninitializedCapacity: gradOutput.count) { o, initialized in
            gradOutput.scalars.withUnsafeBufferPointer { g in
                preActivation.scalars.withUnsafeBufferPointer { x in
                    biasGradient.withUnsafeMutableBufferPointer { t in
                        guard let gs = g.baseAddress, let xs = x.baseAddress, let out = o.baseAddress, let total = t.baseAddress else { return }
                        for row in 0..<(g.count / m) {
                            let start = row &* m
                            var j = 0
                            while j &+ 8 <= m {
                                let at = start &+ j
                                let inputs = UnsafeRawPointer(xs + at).loadUnaligned(as: SIMD8<Double>.self)
                                let grads = UnsafeRawPointer(gs + at).loadUnaligned(as: SIMD8<Double>.self)
                                let kept = grads.replacing(with: 0, where: .!(inputs .> 0))
                                UnsafeMutableRawPointer(out + at).storeBytes(of: kept, as: SIMD8<Double>.self)
                                let sums = UnsafeRawPointer(total + j).loadUnaligned(as: SIMD8<Double>.self) + kept
                                UnsafeMutableRawPointer(total + j).storeBytes(of: sums, as: SIMD8<Double>.self)
                                j &+= 8
                            }
                            while j < m {
                                let at = start &+ j
                                let kept = x[at] > 0 ? g[at] : 0
                                out[at] = kept
                                total[j] += kept
                                j &+= 1
                            }
                        }
                    }
                }
            }
            initialized = gradOutput.count
        }
        let result = Tensor(uncheckedShape: gradOutput.shape, scalars: g)
        try input.accumulateTransposedGradient(result, into: weight)
        bias.grad.scalars = biasGradient
        return result
    }

    /// dL/dx = g·W, the gradient with respect to the layer's input.
    ///
    /// Shape: `[n, outputs] -> [n, inputs]`.
    public func inputGradient(_ gradOutput: Tensor) throws -> Tensor {
        guard gradOutput.rank == 2, gradOutput.shape[1] == outputs else {
            throw TensorError.shapeMismatch(operation: "Linear backward", gradOutput.shape, [gradOutput.shape.first ?? 0, outputs])
        }
        return try gradOutput.matmul(weight.value)
    }

    /// Both: accumulates the parameters' gradients and returns dL/dx.
    ///
    /// Shape: `[n, outputs] -> [n, inputs]`.
    public func backward(_ gradOutput: Tensor) throws -> Tensor {
        try accumulateGradients(gradOutput)
        return try inputGradient(gradOutput)
    }
}

extension Linear: Trainable {
    /// The weight, then the bias.
    public var parameters: [Parameter] { [weight, bias] }
}

extension Tensor {
    /// Adds the rows of a matrix into `total` (a column sum, accumulated).
    func addRows(into total: inout [Double]) {
        let m = total.count
        guard m > 0 else { return }
        scalars.withUnsafeBufferPointer { s in
            total.withUnsafeMutableBufferPointer { t in
                // Row by row in order (the same sums, bit for bit); wrapping index
                // arithmetic, so that the inner loop compiles to vector additions.
                for row in 0..<(s.count / m) {
                    let start = row &* m
                    for j in 0..<m { t[j] += s[start &+ j] }
                }
            }
        }
    }

    /// Adds `row` to every row of a matrix, in place.
    mutating func addRow(_ row: Tensor) {
        let m = row.count
        guard m > 0 else { return }
        row.scalars.withUnsafeBufferPointer { r in
            scalars.withUnsafeMutableBufferPointer { s in
                for row in 0..<(s.count / m) {
                    let start = row &* m
                    for j in 0..<m { s[start &+ j] += r[j] }
                }
            }
        }
    }
}
