/// A fully connected layer y = x·Wᵀ + b, with PyTorch's layout and default initialisation.
///
/// Shape: input `[n, inputs]`, output `[n, outputs]`; `weight` is `[outputs, inputs]`,
/// `bias` is `[outputs]`.
public struct Linear: Sendable, Hashable {
    /// W with its gradient. Shape: `[outputs, inputs]`.
    public var weight: Parameter
    /// b with its gradient. Shape: `[outputs]`.
    public var bias: Parameter
    /// The input of the last forward pass, kept for the backward pass.
    var input: Tensor?

    /// The number of inputs.
    public var inputs: Int { weight.value.shape[1] }
    /// The number of outputs.
    public var outputs: Int { weight.value.shape[0] }

    /// PyTorch's default initialisation: weight then bias, each drawn from
    /// U(−1/√inputs, 1/√inputs) in row-major order with `generator`.
    public init(inputs: Int, outputs: Int, using generator: inout some RandomNumberGenerator) throws {
        guard inputs > 0, outputs > 0 else { throw TensorError.invalidShape([outputs, inputs]) }
        let bound = 1 / Double(inputs).squareRoot()
        func draw(_ count: Int) -> [Double] { (0..<count).map { _ in (2 * generator.nextUniform() - 1) * bound } }
        let w = draw(outputs * inputs)
        let b = draw(outputs)
        self.init(uncheckedWeight: Tensor(uncheckedShape: [outputs, inputs], scalars: w), bias: Tensor(vector: b))
    }

    /// A layer with the given weights, set by hand.
    public init(weight: Tensor, bias: Tensor) throws {
        guard weight.rank == 2, bias.rank == 1, bias.count == weight.shape[0] else {
            throw TensorError.shapeMismatch(operation: "Linear(weight, bias)", weight.shape, bias.shape)
        }
        self.init(uncheckedWeight: weight, bias: bias)
    }

    private init(uncheckedWeight weight: Tensor, bias: Tensor) {
        self.weight = Parameter(weight)
        self.bias = Parameter(bias)
    }

    /// x·Wᵀ + b; keeps `x` for ``backward(_:)``.
    ///
    /// Shape: `[n, inputs] -> [n, outputs]`.
    public mutating func forward(_ x: Tensor) throws -> Tensor {
        input = x
        return try Linear.affine(x, weight.value, bias.value)
    }

    /// The output without keeping anything: for prediction.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try Linear.affine(x, weight.value, bias.value)
    }

    static func affine(_ x: Tensor, _ w: Tensor, _ b: Tensor) throws -> Tensor {
        guard x.rank == 2, x.shape[1] == w.shape[1] else {
            throw TensorError.shapeMismatch(operation: "Linear", x.shape, [x.shape.first ?? 0, w.shape[1]])
        }
        var out = try x.matmulTransposed(w)
        out.addRow(b)
        return out
    }

    /// Adds dL/dW = gᵀ·x and dL/db = Σ g over the rows to the gradients and
    /// returns dL/dx = g·W.
    ///
    /// Shape: `[n, outputs] -> [n, inputs]`.
    public mutating func backward(_ gradOutput: Tensor) throws -> Tensor {
        try backward(gradOutput, inputGradient: true)!
    }

    /// As ``backward(_:)``; when `inputGradient` is false, dL/dx is not
    /// computed (the first layer of a network needs none) and nil is returned.
    public mutating func backward(_ gradOutput: Tensor, inputGradient: Bool) throws -> Tensor? {
        guard let input else { throw TensorError.empty(operation: "backward before forward") }
        guard gradOutput.rank == 2, gradOutput.shape == [input.shape[0], outputs] else {
            throw TensorError.shapeMismatch(operation: "Linear backward", gradOutput.shape, [input.shape[0], outputs])
        }
        Tensor.gemm(gradOutput.scalars, transposeA: true, input.scalars, transposeB: false,
                    n: outputs, k: input.shape[0], m: inputs, into: &weight.grad.scalars, beta: 1)
        gradOutput.addRows(into: &bias.grad.scalars)
        return inputGradient ? try gradOutput.matmul(weight.value) : nil
    }
}

extension Linear: Trainable {
    /// The weight and the bias.
    public var parameterCount: Int { 2 }

    /// Visits the weight (0), then the bias (1).
    public mutating func updateParameters(_ body: (Int, inout Parameter) throws -> Void) rethrows {
        try body(0, &weight)
        try body(1, &bias)
    }
}

extension Tensor {
    /// Adds the rows of a matrix into `total` (a column sum, accumulated).
    func addRows(into total: inout [Double]) {
        let m = total.count
        guard m > 0 else { return }
        scalars.withUnsafeBufferPointer { s in
            total.withUnsafeMutableBufferPointer { t in
                var i = 0
                while i < s.count {
                    for j in 0..<m { t[j] += s[i + j] }
                    i += m
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
                var i = 0
                while i < s.count {
                    for j in 0..<m { s[i + j] += r[j] }
                    i += m
                }
            }
        }
    }
}
