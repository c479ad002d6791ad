/// A seeded split of example indices into a training and a test part.
public struct TrainTestSplit: Sendable, Hashable {
    /// The indices of the training examples, increasing.
    public var train: [Int]
    /// The indices of the test examples, increasing.
    public var test: [Int]

    /// Puts `round(testFraction · n)` examples in the test part, chosen by a
    /// permutation drawn from `generator`. With `stratifyBy`, each class is
    /// split on its own, its test share rounded, so both parts keep the class
    /// balance. Both parts are returned in increasing index order.
    public init(count: Int, testFraction: Double, stratifyBy labels: Tensor? = nil, using generator: inout some RandomNumberGenerator) throws {
        guard testFraction >= 0, testFraction <= 1 else { throw TrainingError.invalid("the test fraction must be between 0 and 1") }
        var groups: [[Int]] = [Array(0..<count)]
        if let labels {
            guard labels.count == count else { throw TrainingError.invalid("\(labels.count) labels for \(count) examples") }
            guard !labels.scalars.contains(where: \.isNaN) else { throw TrainingError.invalid("a stratified split needs labels that are numbers, not NaN") }
            let classes = Array(Set(labels.scalars)).sorted()
            groups = classes.map { c in (0..<count).filter { labels.scalars[$0] == c } }
        }
        var train: [Int] = [], test: [Int] = []
        for group in groups {
            let order = generator.permutation(group.count)
            let testCount = Int((testFraction * Double(group.count)).rounded())
            for (position, k) in order.enumerated() {
                if position < testCount { test.append(group[k]) } else { train.append(group[k]) }
            }
        }
        self.train = train.sorted()
        self.test = test.sorted()
    }
}

/// Standardisation: (x − mean) / std per column, mean and std (population, like
/// scikit-learn's StandardScaler) fitted on the training part only. A column
/// with std 0 is divided by 1.
///
/// Shape: `mean` and `std` are `[d]`.
public struct Standardizer: Sendable, Hashable {
    /// The mean of each training column.
    public var mean: Tensor
    /// The standard deviation of each training column (1 where it is 0).
    public var std: Tensor

    /// Fits the means and deviations of the columns of `x` (the training part). Shape: `x` is `[n, d]`.
    public init(fitting x: Tensor) throws {
        mean = try x.mean(axis: 0)
        let centred = try x.subtracting(mean)
        std = try centred.multiplying(centred).mean(axis: 0).map { $0 > 0 ? $0.squareRoot() : 1 }
    }

    /// Shape: `[n, d] -> [n, d]`.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.subtracting(mean).dividing(std)
    }
}

/// Training and test parts of a data set, standardised with the statistics
/// of the training part only.
public struct StandardizedSplit: Sendable {
    /// Shape: `x` is `[n_train, d]`, `y` is `[n_train]`.
    public var train: (x: Tensor, y: Tensor)
    /// Shape: `x` is `[n_test, d]`, `y` is `[n_test]`.
    public var test: (x: Tensor, y: Tensor)

    /// Splits `(x, y)` stratified by `y` with `generator`, then fits a
    /// ``Standardizer`` on the training rows and applies it to both parts.
    public init(x: Tensor, y: Tensor, testFraction: Double, using generator: inout some RandomNumberGenerator) throws {
        let split = try TrainTestSplit(count: y.count, testFraction: testFraction, stratifyBy: y, using: &generator)
        let scaler = try Standardizer(fitting: try x.rows(at: split.train))
        train = (try scaler(try x.rows(at: split.train)), try y.rows(at: split.train))
        test = (try scaler(try x.rows(at: split.test)), try y.rows(at: split.test))
    }
}
