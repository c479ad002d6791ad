/// Classification metrics on predicted and true labels (class indices as numbers).
///
/// Shape: the predicted and the true labels have the same shape; any other
/// pair is refused (``pair(_:_:metric:)``), never paired by position.
public enum Metrics {
    /// Refuses predicted and true labels of different shapes, naming both.
    public static func pair(_ predicted: Tensor, _ truth: Tensor, metric: String) throws {
        guard predicted.shape == truth.shape else {
            throw TensorError.invalid("\(metric): predictions of shape \(Tensor.describe(predicted.shape)) and truth of shape \(Tensor.describe(truth.shape)) do not match; give both the same shape (reshape one of them)")
        }
    }

    /// The share of predictions equal to the truth.
    public static func accuracy(_ predicted: Tensor, _ truth: Tensor) throws -> Double {
        try pair(predicted, truth, metric: "accuracy")
        guard truth.count > 0 else { throw TensorError.empty(operation: "accuracy") }
        return Double(zip(predicted.scalars, truth.scalars).filter { $0 == $1 }.count) / Double(truth.count)
    }

    /// The confusion matrix C with C[i, j] the number of examples of true class i
    /// predicted as class j, classes 0..<classes.
    ///
    /// Shape: `[classes, classes]`.
    public static func confusionMatrix(_ predicted: Tensor, _ truth: Tensor, classes: Int) throws -> Tensor {
        try pair(predicted, truth, metric: "confusionMatrix")
        var counts = [Double](repeating: 0, count: classes * classes)
        guard classes > 0 else { throw TensorError.invalid("a confusion matrix needs at least one class") }
        for (k, (p, t)) in zip(predicted.scalars, truth.scalars).enumerated() {
            guard let i = classIndex(t, classes), let j = classIndex(p, classes) else {
                let (what, value) = classIndex(t, classes) == nil ? ("true", t) : ("predicted", p)
                throw TensorError.invalid("confusion matrix: the \(what) class of example \(k) must be a whole number from 0 to \(classes - 1), got \(value.messageText)")
            }
            counts[i * classes + j] += 1
        }
        return Tensor(uncheckedShape: [classes, classes], scalars: counts)
    }

    private static func classIndex(_ x: Double, _ classes: Int) -> Int? {
        guard x == x.rounded(), x >= 0, x < Double(classes) else { return nil }
        return Int(x)
    }

    /// Precision, recall and F1 of class `positive`: precision = TP/(TP+FP),
    /// recall = TP/(TP+FN), F1 their harmonic mean; a ratio with a zero
    /// denominator is 0, as scikit-learn's `zero_division=0`.
    public static func precisionRecallF1(_ predicted: Tensor, _ truth: Tensor, positive: Double = 1, metric: String = "precision and recall") throws -> (precision: Double, recall: Double, f1: Double) {
        try pair(predicted, truth, metric: metric)
        var tp = 0.0, fp = 0.0, fn = 0.0
        for (p, t) in zip(predicted.scalars, truth.scalars) {
            if p == positive && t == positive { tp += 1 } else if p == positive { fp += 1 } else if t == positive { fn += 1 }
        }
        let precision = tp + fp > 0 ? tp / (tp + fp) : 0
        let recall = tp + fn > 0 ? tp / (tp + fn) : 0
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        return (precision, recall, f1)
    }
}
