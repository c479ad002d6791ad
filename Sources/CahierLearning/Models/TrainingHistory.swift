/// What a training run reports for each epoch.
public struct EpochReport: Sendable, Hashable {
    /// The epoch this reports on, from 1.
    public var epoch: Int
    /// The number of epochs of the run.
    public var epochs: Int
    /// The mean training loss over the epoch's batches, weighted by batch size.
    public var loss: Double
    /// The share of training examples the model got right while it trained on
    /// them in this epoch (before each batch's update); NaN when the loss is not a classifier's.
    public var accuracy: Double
}

/// The per-epoch record of a training run.
public struct TrainingHistory: Sendable, Hashable {
    /// One report per epoch, in order.
    public var epochs: [EpochReport] = []

    /// An empty history.
    public init() {}

    /// The loss of each epoch.
    public var losses: [Double] { epochs.map(\.loss) }
    /// The training accuracy of each epoch (NaN for a regression loss).
    public var accuracies: [Double] { epochs.map(\.accuracy) }
}

/// Options shared by the training methods.
public struct TrainingOptions: Sendable, Hashable {
    /// The number of passes over the data.
    public var epochs: Int
    /// Examples per step; `nil` for full-batch gradient descent.
    public var batchSize: Int?
    /// Whether to visit the examples in a new random order each epoch (mini-batches only).
    public var shuffle: Bool

    /// Options for `epochs` epochs; full-batch unless `batchSize` is given.
    public init(epochs: Int, batchSize: Int? = nil, shuffle: Bool = true) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
    }

    /// The batches of one epoch: index lists covering `0..<count`.
    func batches(count: Int, using generator: inout some RandomNumberGenerator) -> [[Int]] {
        guard let size = batchSize, size < count else { return [Array(0..<count)] }
        let order = shuffle ? generator.permutation(count) : Array(0..<count)
        return stride(from: 0, to: count, by: size).map { Array(order[$0..<Swift.min($0 + size, count)]) }
    }
}

/// Why training could not start.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let message): return message
        }
    }
}

extension Loss {
    /// The number of correct answers in a batch, for the losses of classifiers.
    func correct(_ prediction: Tensor, _ target: Tensor) throws -> Int? {
        /// How many predicted classes, read from each value by `decide`, equal the target.
        func count(_ values: [Double], _ decide: (Double) -> Double) -> Int {
            var right = 0
            target.scalars.withUnsafeBufferPointer { truth in
                values.withUnsafeBufferPointer { values in
                    for i in 0..<min(values.count, truth.count) where decide(values[i]) == truth[i] { right += 1 }
                }
            }
            return right
        }
        switch self {
        case .crossEntropy:
            return count(try prediction.argmax(axis: 1).scalars) { $0 }
        case .binaryCrossEntropy:
            return count(prediction.scalars) { $0 >= 0.5 ? 1 : 0 }
        case .binaryCrossEntropyWithLogits, .zeroOne:
            return count(prediction.scalars) { $0 >= 0 ? 1 : 0 }
        case .perceptron:
            return count(prediction.scalars) { $0 >= 0 ? 1 : -1 }
        case .meanSquaredError:
            return nil
        }
    }
}
