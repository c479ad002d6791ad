@testable import CahierLearning
import Foundation
import Testing

/// The fused kernels of a training step (softmax–cross-entropy with its accuracy in one
/// pass over row blocks; ReLU and its derivative into fresh buffers; the SGD update that
/// zeroes the gradient it reads) give the bits of the plain definitions they replace,
/// written here one operation at a time in the order of the unfused code.
@Suite("Fused training steps: the bits of the plain definitions")
struct FusedStepTests {
    /// Equal bit patterns, two NaNs counting as equal (a NaN's sign and payload are never printed).
    static func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    /// A seeded stream of doubles: logits from −700 to 700, with ties (small whole numbers) and equal rows.
    static func logits(rows: Int, k: Int, seed: UInt64) -> [Double] {
        var generator = Xoshiro256(seed: seed)
        var values = (0..<(rows * k)).map { i -> Double in
            let u = generator.nextUniform()
            switch i % 5 {
            case 0: return (1400 * u - 700)                 // large logits
            case 1: return Double(Int(u * 4))                // ties among 0, 1, 2, 3
            case 2: return (u - 0.5) * 1e-3                  // near zero, both signs
            default: return 20 * u - 10
            }
        }
        if rows > 1 { for j in 0..<k { values[k + j] = 2.5 } }           // a row of equal values
        if rows > 2 { values[2 * k] = 700; values[2 * k + k - 1] = -700 } // a huge entry and a tiny one
        return values
    }

    /// Cross-entropy by its definition, row by row, as the unfused code computed it: the row
    /// maximum (a NaN replaces it), eⱼ = exp(zⱼ − m), S = Σ eⱼ in order, the loss −Σ w·(z_c − m − log S) / Σ w,
    /// the gradient (eⱼ·(w/S) − [j = c]·w) / Σ w, and the rows whose first largest logit
    /// (the first NaN, if any) is their class.
    static func plainCrossEntropy(_ z: [Double], classes: [Int], k: Int, weights: [Double]?) -> (value: Double, gradient: [Double], correct: Int) {
        let n = classes.count
        var gradient = [Double](repeating: 0, count: n * k)
        var total = 0.0, weightSum = 0.0, correct = 0
        for i in 0..<n {
            let row = Array(z[(i * k)..<(i * k + k)])
            var m = row[0]
            for j in 1..<k where row[j] > m || row[j].isNaN { m = row[j] }
            let e = row.map { VectorMath.exp($0 - m) }
            var sum = 0.0
            for v in e { sum += v }
            let c = classes[i], w = weights?[c] ?? 1
            total -= w * (row[c] - m - VectorMath.log(sum))
            weightSum += w
            for j in 0..<k { gradient[i * k + j] = e[j] * (w / sum) }
            gradient[i * k + c] -= w
            var best = 0
            if !row[0].isNaN {
                for j in 1..<k {
                    if row[j].isNaN { best = j; break }
                    if row[j] > row[best] { best = j }
                }
            }
            if best == c { correct += 1 }
        }
        return (total / weightSum, gradient.map { $0 / weightSum }, correct)
    }

    @Test("cross-entropy fused over row blocks equals its definition bit for bit, at every vector width", arguments: [
        (1, 1, false), (1, 10, false), (3, 1, false), (7, 3, true), (13, 10, false), (205, 10, false),
        (1437, 10, false), (300, 7, true), (65, 64, false), (2, 2049, false),
    ])
    func crossEntropyMatchesDefinition(rows: Int, k: Int, weighted: Bool) throws {
        let z = Self.logits(rows: rows, k: k, seed: UInt64(rows * 131 + k))
        let classes = (0..<rows).map { ($0 * 7 + 3) % k }
        let weights: [Double]? = weighted ? (0..<k).map { 0.25 + Double($0 % 4) * 0.75 } : nil
        let expected = Self.plainCrossEntropy(z, classes: classes, k: k, weights: weights)
        let logits = try Tensor(shape: [rows, k], scalars: z), target = try Tensor(shape: [rows], scalars: classes.map(Double.init))
        for width in VectorMath.widths {
            var gradient = [Double](repeating: .nan, count: rows * k)
            var correct = 0
            var sums = [Double](repeating: 0, count: k)
            let value = try gradient.withUnsafeMutableBufferPointer { g in
                try sums.withUnsafeMutableBufferPointer { sums in
                    try Loss.crossEntropy(logits, target, weights: weights, gradient: g, correct: &correct, columnSums: sums, width: width)
                }
            }
            // The column sums are the gradient's rows added in order from zero (the bias's gradient).
            var columns = [Double](repeating: 0, count: k)
            for i in 0..<rows { for j in 0..<k { columns[j] += expected.gradient[i * k + j] } }
            #expect(Self.sameBits(sums, columns), "width \(width), column sums")
            #expect(value.bitPattern == expected.value.bitPattern, "width \(width)")
            #expect(Self.sameBits(gradient, expected.gradient), "width \(width)")
            #expect(correct == expected.correct, "width \(width)")
            var unused = 0
            let alone = try Loss.crossEntropy(logits, target, weights: weights, gradient: nil, correct: &unused, width: width)
            #expect(alone.bitPattern == expected.value.bitPattern, "width \(width), without the gradient")
        }
        // Through the public entry points, and the count agrees with the unfused accuracy (argmax, then compare).
        let step = try Loss.crossEntropy(weights: weights).evaluateCounting(logits, target)
        #expect(step.value.bitPattern == expected.value.bitPattern)
        #expect(Self.sameBits(step.gradient.scalars, expected.gradient))
        #expect(step.correct == expected.correct)
        #expect(try Loss.crossEntropy(weights: weights).correct(logits, target) == expected.correct)
    }

    @Test("cross-entropy with NaN and infinite logits gives the definition's NaNs and counts")
    func crossEntropyNonFinite() throws {
        let k = 4
        let z: [Double] = [.nan, 1, 2, 3, 1, .nan, 5, .nan, .infinity, 0, 1, 2, -.infinity, 0, 0, 0, 5, 5, 5, 5]
        let classes = [0, 2, 1, 1, 3]
        let expected = Self.plainCrossEntropy(z, classes: classes, k: k, weights: nil)
        // Predicted: row 0 its first NaN (0, right), row 1 its first NaN (1, not 2), row 2 the +inf (0, not 1),
        // row 3 the first of three zeros (1, right), row 4 the first of four fives (0, not 3).
        #expect(expected.correct == 2)
        let step = try Loss.crossEntropy().evaluateCounting(try Tensor(shape: [5, k], scalars: z), try Tensor(shape: [5], scalars: classes.map(Double.init)))
        #expect(step.value.isNaN && expected.value.isNaN)
        #expect(Self.sameBits(step.gradient.scalars, expected.gradient))
        #expect(step.correct == expected.correct)
    }

    @Test("ReLU and its derivative into fresh buffers: max(0, x) keeping −0 and NaN, and g where x > 0 else +0")
    func reluMatchesDefinition() throws {
        for count in [1, 3, 8, 9, 31, 1000] {
            var x = Self.logits(rows: 1, k: count, seed: UInt64(count))
            x[0] = -0.0
            if count > 2 { x[1] = .nan; x[2] = 0 }
            let g = Self.logits(rows: 1, k: count, seed: UInt64(count + 1)).map { $0 - 1 }
            let input = try Tensor(shape: [count], scalars: x)
            let out = Activation.relu(input)
            #expect(Self.sameBits(out.scalars, x.map { $0 < 0 ? 0 : $0 }), "\(count) values")
            #expect(out.scalars[0].bitPattern == (-0.0).bitPattern, "−0 is not below 0: it passes through")
            let back = try Activation.relu.backward(try Tensor(shape: [count], scalars: g), input: input)
            #expect(Self.sameBits(back.scalars, zip(g, x).map { $1 > 0 ? $0 : 0 }), "\(count) values")
            #expect(input.scalars.elementsEqual(x, by: { $0.bitPattern == $1.bitPattern }), "the input is left as it was")
        }
    }

    /// The training loop of ``Sequential/fit(_:_:loss:optimizer:options:using:progress:)`` written plainly
    /// for a network of linear layers with ReLU between them: forward, the cross-entropy by its
    /// definition, zero every gradient, backward, p ← p − rate·g for each parameter in order.
    static func plainFit(_ model: Sequential, _ x: Tensor, _ y: Tensor, rate: Double, options: TrainingOptions,
                         using generator: inout Xoshiro256) throws -> [(loss: Double, accuracy: Double)] {
        let n = x.shape[0]
        let linears = model.layers.compactMap(\.linear)
        var history: [(Double, Double)] = []
        for _ in 0..<options.epochs {
            var total = 0.0, correct = 0
            for batch in options.batches(count: n, using: &generator) {
                let (xb, yb) = batch.count == n ? (x, y) : (try x.rows(at: batch), try y.rows(at: batch))
                var pre: [Tensor] = []
                var h = xb
                for (i, linear) in linears.enumerated() {
                    let a = try linear.forward(h)
                    pre.append(a)
                    h = i == linears.count - 1 ? a : Tensor(uncheckedShape: a.shape, scalars: a.scalars.map { $0 < 0 ? 0 : $0 })
                }
                let k = h.shape[1]
                let step = Self.plainCrossEntropy(h.scalars, classes: yb.scalars.map { Int($0) }, k: k, weights: nil)
                total += step.value * Double(batch.count)
                correct += step.correct
                for p in model.parameters { p.grad = Tensor(uncheckedShape: p.grad.shape, scalars: [Double](repeating: 0, count: p.grad.count)) }
                var g = Tensor(uncheckedShape: h.shape, scalars: step.gradient)
                for i in linears.indices.reversed() {
                    try linears[i].accumulateGradients(g)
                    guard i > 0 else { break }
                    let back = try linears[i].inputGradient(g)
                    g = Tensor(uncheckedShape: back.shape, scalars: zip(back.scalars, pre[i - 1].scalars).map { $1 > 0 ? $0 : 0 })
                }
                for p in model.parameters {
                    for j in p.value.scalars.indices { p.value.scalars[j] -= rate * p.grad.scalars[j] }
                }
            }
            history.append((total / Double(n), Double(correct) / Double(n)))
        }
        return history
    }

    @Test("training an MLP with the fused step gives the plain loop's parameters, gradients and history bit for bit", arguments: [
        ([5, 9, 3], 37, 8 as Int?), ([1, 1, 1], 6, 4), ([7, 33, 10], 50, nil), ([64, 130, 20, 10], 70, 32),
    ])
    func mlpTrainingMatchesPlainLoop(sizes: [Int], rows: Int, batch: Int?) throws {
        var dataGenerator = Xoshiro256(seed: 11)
        let x = try Tensor(shape: [rows, sizes[0]], scalars: (0..<(rows * sizes[0])).map { _ in 4 * dataGenerator.nextUniform() - 2 })
        let y = try Tensor(shape: [rows], scalars: (0..<rows).map { Double(($0 * 5 + 1) % sizes.last!) })
        var g1 = Xoshiro256(seed: 3), g2 = Xoshiro256(seed: 3)
        let fused = try Sequential.mlp(sizes: sizes, activation: .relu, using: &g1)
        let plain = try Sequential.mlp(sizes: sizes, activation: .relu, using: &g2)
        let options = TrainingOptions(epochs: 3, batchSize: batch)
        let history = try fused.fit(x, y, loss: .crossEntropy(), optimizer: try SGD(rate: 0.1), options: options, using: &g1)
        let expected = try Self.plainFit(plain, x, y, rate: 0.1, options: options, using: &g2)
        #expect(history.losses.map(\.bitPattern) == expected.map(\.loss.bitPattern))
        #expect(history.accuracies.map(\.bitPattern) == expected.map(\.accuracy.bitPattern))
        for (a, b) in zip(fused.parameters, plain.parameters) {
            #expect(Self.sameBits(a.value.scalars, b.value.scalars), "values")
            #expect(Self.sameBits(a.grad.scalars, b.grad.scalars), "the last batch's gradients are kept after training")
        }
        if sizes.last! > 1 {  // with one class every gradient is e/S − 1 = 0
            #expect(fused.parameters.contains { p in p.grad.scalars.contains { $0 != 0 } }, "the gradients are not left zeroed")
        }
    }

    @Test("a parameter shared by two layers is updated twice from its whole gradient, as the plain loop does")
    func sharedParameterIsNotZeroedBetweenItsUpdates() throws {
        var generator = Xoshiro256(seed: 5)
        let first = try Linear(inputs: 4, outputs: 4, using: &generator)
        let second = try Linear(weight: first.weight, bias: first.bias)
        let first2 = try Linear(weight: first.weight.value, bias: first.bias.value)
        let second2 = try Linear(weight: first2.weight, bias: first2.bias)
        let fused = Sequential([.linear(first), .activation(.relu), .linear(second)])
        let plain = Sequential([.linear(first2), .activation(.relu), .linear(second2)])
        let x = try Tensor(shape: [9, 4], scalars: (0..<36).map { sin(Double($0)) })
        let y = try Tensor(shape: [9], scalars: (0..<9).map { Double($0 % 4) })
        var g1 = Xoshiro256(seed: 8), g2 = Xoshiro256(seed: 8)
        let options = TrainingOptions(epochs: 2, batchSize: 4)
        let history = try fused.fit(x, y, loss: .crossEntropy(), optimizer: try SGD(rate: 0.2), options: options, using: &g1)
        let expected = try Self.plainFit(plain, x, y, rate: 0.2, options: options, using: &g2)
        #expect(history.losses.map(\.bitPattern) == expected.map(\.loss.bitPattern))
        #expect(Self.sameBits(first.weight.value.scalars, first2.weight.value.scalars))
        #expect(Self.sameBits(first.bias.value.scalars, first2.bias.value.scalars))
    }

    @Test("SGD's update that zeroes the gradient gives the plain update's values and leaves zeros")
    func stepThenZero() throws {
        let values = Self.logits(rows: 1, k: 37, seed: 9), grads = Self.logits(rows: 1, k: 37, seed: 10)
        let p = Parameter(try Tensor(shape: [37], scalars: values))
        p.grad = try Tensor(shape: [37], scalars: grads)
        let sgd = try SGD(rate: 0.05)
        #expect(sgd.stepZeroingGradients([p]))
        #expect(Self.sameBits(p.value.scalars, zip(values, grads).map { $0 - 0.05 * $1 }))
        #expect(p.grad.scalars.allSatisfy { $0.bitPattern == 0 })
        let momentum = try SGD(rate: 0.05, momentum: 0.9)
        #expect(!momentum.stepZeroingGradients([p]), "with momentum the fused update is not offered")
    }

    @Test("softmax regression with the fused step (the bias's gradient summed in the loss's pass) gives the plain loop's bits", arguments: [
        (50, 7, nil as Int?), (37, 3, 8), (300, 10, nil), (9, 1, 4),
    ])
    func softmaxRegressionMatchesPlainLoop(rows: Int, classes: Int, batch: Int?) throws {
        var dataGenerator = Xoshiro256(seed: 21)
        let x = try Tensor(shape: [rows, 5], scalars: (0..<(rows * 5)).map { _ in 6 * dataGenerator.nextUniform() - 3 })
        let y = try Tensor(shape: [rows], scalars: (0..<rows).map { Double(($0 * 3 + 2) % classes) })
        let model = try SoftmaxRegression(features: 5, classes: classes)
        let plain = try Linear(zeroInputs: 5, outputs: classes)
        let options = TrainingOptions(epochs: 4, batchSize: batch)
        var g1 = Xoshiro256(seed: 4), g2 = Xoshiro256(seed: 4)
        let history = try model.fit(.dense(x), y, optimizer: try SGD(rate: 0.3), options: options, using: &g1)
        var expected: [(Double, Double)] = []
        for _ in 0..<options.epochs {
            var total = 0.0, correct = 0
            for indices in options.batches(count: rows, using: &g2) {
                let (xb, yb) = indices.count == rows ? (x, y) : (try x.rows(at: indices), try y.rows(at: indices))
                let scores = try plain.forward(.dense(xb))
                let step = Self.plainCrossEntropy(scores.scalars, classes: yb.scalars.map { Int($0) }, k: classes, weights: nil)
                total += step.value * Double(indices.count)
                correct += step.correct
                plain.zeroGrad()
                try plain.accumulateGradients(Tensor(uncheckedShape: scores.shape, scalars: step.gradient))
                for p in plain.parameters {
                    for j in p.value.scalars.indices { p.value.scalars[j] -= 0.3 * p.grad.scalars[j] }
                }
            }
            expected.append((total / Double(rows), Double(correct) / Double(rows)))
        }
        #expect(history.losses.map(\.bitPattern) == expected.map(\.0.bitPattern))
        #expect(history.accuracies.map(\.bitPattern) == expected.map(\.1.bitPattern))
        for (a, b) in zip(model.linear.parameters, plain.parameters) {
            #expect(Self.sameBits(a.value.scalars, b.value.scalars), "values")
            #expect(Self.sameBits(a.grad.scalars, b.grad.scalars), "gradients")
        }
    }
}
