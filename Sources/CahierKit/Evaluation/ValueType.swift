/// The type of a value, as methods and properties are registered for it and
/// messages name it.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case number = "Number", bool = "Bool", string = "String", tensor = "Tensor", list = "List", range = "Range"
    case function = "Function", figure = "Figure", void = "Void"
    // Records: values with named fields.
    case dataset = "Dataset", split = "Split", training = "Training", history = "History", gates = "Gates", gradient = "Gradient", arrays = "Arrays"
    // The learning library's objects.
    case perceptron = "Perceptron", logisticRegression = "LogisticRegression", softmaxRegression = "SoftmaxRegression"
    case mlp = "MLP", layer = "Layer", parameter = "Parameter", sgd = "SGD"
    case vocabulary = "Vocabulary", standardizer = "Standardizer", sparseMatrix = "SparseMatrix"

    /// `a Tensor`, `an MLP`: the type with its article, for messages.
    public var withArticle: String { article(rawValue) }
}
