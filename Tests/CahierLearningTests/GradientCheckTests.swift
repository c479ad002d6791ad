import CahierLearning
import Testing

/// Every analytic gradient against central finite differences, at points away from kinks.
@Suite("Gradients against central finite differences")
struct GradientCheckTests {
    static let smooth: [Activation] = [.sigmoid, .tanh, .hardtanh(min: -2, max: 2), .softplus(), .softplus(beta: 2, threshold: 5),
                                       .relu, .leakyReLU(slope: 0.1), .gelu, .geluTanh, .identity]

    @Test("each activation's derivative", arguments: smooth)
    func activation(f: Activation) throws {
        let x = Tensor(vector: [-2.7, -1.3, -0.4, 0.3, 1.1, 1.7, 2.9])
        let numeric = try numericalGradient(x) { try $0.map(f.value).sum().scalars[0] }
        #expect(isClose(f.derivative(x).scalars, numeric, relative: 1e-6, absolute: 1e-8))
    }

    static let losses: [(Loss, Tensor, Tensor)] = [
        (.meanSquaredError, Tensor(vector: [0.2, -1.5, 3]), Tensor(vector: [1, 0, 2])),
        (.binaryCrossEntropy, Tensor(vector: [0.2, 0.7, 0.95]), Tensor(vector: [0, 1, 1])),
        (.binaryCrossEntropyWithLogits, Tensor(vector: [-3, 0.5, 4]), Tensor(vector: [1, 0, 1])),
        (.perceptron, Tensor(vector: [-2, 0.7, 1.5]), Tensor(vector: [1, 1, -1])),
        (.crossEntropy(), try! Tensor(shape: [2, 3], scalars: [0.5, -1, 2, 3, 0.1, -0.4]), Tensor(vector: [2, 0])),
        (.crossEntropy(weights: [0.3, 1, 2]), try! Tensor(shape: [2, 3], scalars: [0.5, -1, 2, 3, 0.1, -0.4]), Tensor(vector: [2, 1])),
    ]

    @Test("each loss's gradient", arguments: losses)
    func loss(loss: Loss, prediction: Tensor, target: Tensor) throws {
        let numeric = try numericalGradient(prediction) { try loss.value($0, target) }
        #expect(isClose(try loss.gradient(prediction, target).scalars, numeric, relative: 1e-6, absolute: 1e-9))
    }

    @Test("a Linear layer's gradients for its weight, bias and input")
    func linear() throws {
        var generator = Xoshiro256(seed: 3)
        let layer = try Linear(inputs: 3, outputs: 2, using: &generator)
        let x = try Tensor.normal(shape: [4, 3], using: &generator)
        let upstream = try Tensor.normal(shape: [4, 2], using: &generator)
        // L = Σ upstream ⊙ layer(x), so dL/dy = upstream.
        func loss(_ l: Linear, _ input: Tensor) throws -> Double { try l(input).multiplying(upstream).sum().scalars[0] }
        var copy = layer
        _ = try copy.forward(x)
        let dx = try copy.backward(upstream)
        #expect(isClose(dx.scalars, try numericalGradient(x) { try loss(layer, $0) }, relative: 1e-6, absolute: 1e-9))
        let dW = try numericalGradient(layer.weight.value) { w in
            try loss(try Linear(weight: w, bias: layer.bias.value), x)
        }
        #expect(isClose(copy.weight.grad.scalars, dW, relative: 1e-6, absolute: 1e-9))
        let db = try numericalGradient(layer.bias.value) { b in try loss(try Linear(weight: layer.weight.value, bias: b), x) }
        #expect(isClose(copy.bias.grad.scalars, db, relative: 1e-6, absolute: 1e-9))
    }

    @Test("an MLP's backward pass gives every parameter's gradient, and gradients accumulate until zeroGrad")
    func mlp() throws {
        var generator = Xoshiro256(seed: 11)
        let model = try Sequential.mlp(sizes: [3, 5, 4, 3], activation: .tanh, using: &generator)
        let x = try Tensor.normal(shape: [6, 3], using: &generator)
        let y = Tensor(vector: [0, 2, 1, 1, 0, 2])
        let loss = Loss.crossEntropy()
        _ = try model.backward(try loss.gradient(try model.forward(x), y))
        let analytic = model.parameters.map(\.grad.scalars)
        for (index, parameter) in model.parameters.enumerated() {
            let value = parameter.value
            let numeric = try numericalGradient(value) { candidate in
                parameter.value = candidate
                defer { parameter.value = value }
                return try loss.value(try model(x), y)
            }
            #expect(isClose(analytic[index], numeric, relative: 1e-6, absolute: 1e-9), "parameter \(index)")
        }
        // A second backward pass adds the same gradient again.
        _ = try model.backward(try loss.gradient(try model.forward(x), y))
        let doubled = model.parameters.map(\.grad.scalars)
        #expect(zip(doubled, analytic).allSatisfy { isClose($0, $1.map { 2 * $0 }) })
        model.zeroGrad()
        for p in model.parameters { #expect(p.grad.scalars.allSatisfy { $0 == 0 }) }
    }

    @Test("softmax regression on sparse rows trains exactly as on the same dense rows")
    func sparseEqualsDense() throws {
        let rows: [[(column: Int, value: Double)]] = [[(0, 1), (3, 2)], [(1, 1)], [(2, 1), (3, 1)], [(0, 1), (1, 1), (2, 1)]]
        let sparse = try SparseMatrix(rows: rows, columns: 4)
        let y = Tensor(vector: [0, 1, 2, 0])
        let a = try SoftmaxRegression(features: 4, classes: 3)
        let b = try SoftmaxRegression(features: 4, classes: 3)
        var g1 = Xoshiro256(seed: 1), g2 = Xoshiro256(seed: 1)
        let ha = try a.fit(.sparse(sparse), y, optimizer: try SGD(rate: 0.3), l2: 0.01, options: TrainingOptions(epochs: 20), using: &g1)
        let hb = try b.fit(.dense(sparse.dense()), y, optimizer: try SGD(rate: 0.3), l2: 0.01, options: TrainingOptions(epochs: 20), using: &g2)
        #expect(isClose(ha.losses, hb.losses, relative: 1e-12))
        #expect(isClose(a.weight.value.scalars, b.weight.value.scalars, relative: 1e-12, absolute: 1e-15))
        #expect(try sparse.matmulTransposed(a.weight.value).scalars == sparse.dense().matmulTransposed(a.weight.value).scalars)
    }
}
