import CahierLearning
import Foundation
import Testing

/// Losses and metrics pair a prediction with a target element by element only
/// when both have the same shape (crossEntropy: logits [n, k] and classes
/// [n]); any other pair is refused with both shapes named, never paired by
/// position (reproducer 21 of reliability-2).
@Suite("Losses and metrics refuse shapes they cannot pair")
struct LossShapeTests {
    static let elementwise: [Loss] = [.meanSquaredError, .binaryCrossEntropy, .binaryCrossEntropyWithLogits, .perceptron, .zeroOne]

    func tensor(_ shape: [Int], _ scalars: [Double]) throws -> Tensor { try Tensor(shape: shape, scalars: scalars) }

    @Test("an element-wise loss refuses a column against a row, a vector or a matrix of as many elements, naming both shapes",
          arguments: elementwise)
    func elementwiseRefusal(loss: Loss) throws {
        // Values inside every loss's domain (probabilities, labels 0/1), so only the shapes can be refused.
        let prediction = try tensor([2, 1], [0.25, 0.75])
        for targetShape in [[1, 2], [2], [1, 1, 2]] {
            let target = try tensor(targetShape, [1, 0])
            let expected = TensorError.invalid("\(loss.name): predictions of shape [2, 1] and targets of shape \(Tensor.describe(targetShape)) do not match; give both the same shape (reshape one of them)")
            #expect(throws: expected) { try loss.value(prediction, target) }
            #expect(throws: expected) { try loss.gradient(prediction, target) }
            #expect(throws: expected) { try loss.elementwise(prediction, target) }
            #expect(throws: expected) { try Variable.loss(loss, Variable(constant: prediction), target, reduction: .mean, tape: nil) }
            #expect(throws: expected) { try Variable.loss(loss, Variable(constant: prediction), target, reduction: .none, tape: nil) }
        }
    }

    @Test("the same shapes are paired: mse of [[1], [2], [3]] and [[1], [2], [4]] is 1/3, its gradient [[0], [0], -2/3]")
    func sameShapePaired() throws {
        let p = try tensor([3, 1], [1, 2, 3]), y = try tensor([3, 1], [1, 2, 4])
        // By hand: squared differences 0, 0, 1, mean 1/3; gradient 2(p − y)/3 = 0, 0, −2/3.
        let (value, gradient) = try Loss.meanSquaredError.evaluate(p, y)
        #expect(abs(value - 1.0 / 3) < 1e-15)
        #expect(gradient.shape == [3, 1])
        #expect(gradient.scalars.map { ($0 * 3).rounded() } == [0, 0, -2])
        // bce of 0.5 against labels 1 and 0 is log 2 for each: −log 0.5.
        #expect(abs(try Loss.binaryCrossEntropy.value(try tensor([2, 1], [0.5, 0.5]), try tensor([2, 1], [1, 0])) - log(2)) < 1e-15)
    }

    @Test("crossEntropy pairs logits [n, k] with classes [n] only", arguments: [[2, 1], [1, 2], [3], []])
    func crossEntropyRefusal(classesShape: [Int]) throws {
        let logits = try tensor([2, 3], [0, 0, 0, 1, 1, 1])
        let classes = try Tensor(shape: classesShape, scalars: Array(repeating: 0, count: classesShape.reduce(1, *)))
        let expected = TensorError.invalid("crossEntropy: logits of shape [2, 3] and classes of shape \(Tensor.describe(classesShape)) do not match; logits are [n, k] and classes [n]")
        #expect(throws: expected) { try Loss.crossEntropy().value(logits, classes) }
        #expect(throws: expected) { try Loss.crossEntropy().elementwise(logits, classes) }
        // Paired: uniform logits cost log 3 per row, by hand.
        #expect(abs(try Loss.crossEntropy().value(logits, try tensor([2], [0, 2])) - log(3)) < 1e-12)
    }

    @Test("an empty pair is refused as empty, not as a mismatch")
    func empty() throws {
        let none = try tensor([0], [])
        #expect(throws: TensorError.empty(operation: "mse")) { try Loss.meanSquaredError.value(none, none) }
        #expect(throws: TensorError.empty(operation: "accuracy")) { try Metrics.accuracy(none, none) }
    }

    @Test("every metric refuses predictions and truth of different shapes, naming both")
    func metrics() throws {
        let p = try tensor([2, 1], [1, 0]), t = try tensor([1, 2], [1, 0])
        func expected(_ metric: String) -> TensorError {
            .invalid("\(metric): predictions of shape [2, 1] and truth of shape [1, 2] do not match; give both the same shape (reshape one of them)")
        }
        #expect(throws: expected("accuracy")) { try Metrics.accuracy(p, t) }
        #expect(throws: expected("confusionMatrix")) { try Metrics.confusionMatrix(p, t, classes: 2) }
        #expect(throws: expected("recall")) { try Metrics.precisionRecallF1(p, t, metric: "recall") }
        // Same shapes: one of two right, by hand.
        #expect(try Metrics.accuracy(p, try tensor([2, 1], [1, 1])) == 0.5)
    }
}
