import CahierLearning
import Foundation
import Testing

/// The reference results on the real data sets, 80/20 seeded splits.
@Suite("Reference results on real data")
struct ReferenceResultTests {
    static let data = Reference.root.appendingPathComponent("notebooks/data")

    @Test("spam: logistic regression on multi-hot words reaches a test accuracy ≥ 0.97")
    func spam() throws {
        let (texts, labels) = try DataFile.spam(Self.data.appendingPathComponent("spam.tsv").path)
        var generator = Xoshiro256(seed: 42)
        let split = try TrainTestSplit(count: texts.count, testFraction: 0.2, stratifyBy: labels, using: &generator)
        let tokenize = Tokenizer()
        let documents = texts.map { tokenize($0) }
        let vocabulary = Vocabulary(documents: split.train.map { documents[$0] })
        let x = try vocabulary.encode(documents: documents)
        let model = try LogisticRegression(features: vocabulary.count)
        _ = try model.fit(.sparse(try x.rows(at: split.train)), try labels.rows(at: split.train), optimizer: try SGD(rate: 0.5),
                          options: TrainingOptions(epochs: 200), using: &generator)
        let accuracy = try Metrics.accuracy(try model.predict(.sparse(try x.rows(at: split.test))), try labels.rows(at: split.test))
        #expect(accuracy >= 0.97, "test accuracy \(accuracy)")
    }

    func digits() throws -> (train: (Tensor, Tensor), test: (Tensor, Tensor), generator: Xoshiro256) {
        let (images, labels) = try DataFile.digits(Self.data.appendingPathComponent("digits.csv").path)
        var generator = Xoshiro256(seed: 42)
        let parts = try StandardizedSplit(x: images, y: labels, testFraction: 0.2, using: &generator)
        return ((parts.train.x, parts.train.y), (parts.test.x, parts.test.y), generator)
    }

    @Test("digits: softmax regression reaches a test accuracy ≥ 0.95")
    func softmax() throws {
        var (train, test, generator) = try digits()
        let model = try SoftmaxRegression(features: 64, classes: 10)
        _ = try model.fit(.dense(train.0), train.1, optimizer: try SGD(rate: 0.5), options: TrainingOptions(epochs: 500), using: &generator)
        let accuracy = try Metrics.accuracy(try model.predict(.dense(test.0)), test.1)
        #expect(accuracy >= 0.95, "test accuracy \(accuracy)")
    }

    @Test("digits: an MLP 64-128-10 with ReLU reaches a test accuracy ≥ 0.96")
    func mlp() throws {
        var (train, test, generator) = try digits()
        let model = try Sequential.mlp(sizes: [64, 128, 10], activation: .relu, using: &generator)
        let optimizer = try SGD(rate: 0.05)
        _ = try model.fit(train.0, train.1, loss: .crossEntropy(), optimizer: optimizer,
                          options: TrainingOptions(epochs: 30, batchSize: 32), using: &generator)
        let accuracy = try Metrics.accuracy(try model(test.0).argmax(axis: 1), test.1)
        #expect(accuracy >= 0.96, "test accuracy \(accuracy)")
    }
}
