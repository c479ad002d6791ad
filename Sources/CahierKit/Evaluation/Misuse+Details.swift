import CahierLearning

/// The smaller kinds a ``Misuse`` carries: families of names, limits, `load`'s and
/// the learning library's refusals, and the advice after a member a value lacks.
extension Misuse {
    /// Why an image cannot be drawn.
    public enum Image: Sendable, Hashable, Codable {
        /// A vector of `count` values, not a square number.
        case notSquare(count: Int)
        /// An image [H, W, C] of `channels` channels.
        case channels(Int)
        /// A tensor of this shape, not an image's.
        case shape([Int])
        /// An image of `pixels` pixels, not from 1 to `limit`.
        case pixels(Int, limit: Int)
        /// A batch of images of this shape.
        case batchShape([Int])
        /// A batch of `count` images, not from 1 to `limit`.
        case count(Int, limit: Int)
        /// Rows of `values` values that do not make images of `shape`.
        case rows(values: Int, shape: [Int])
    }

    /// A family of names a string argument picks from.
    public enum Family: String, Sendable, Hashable, Codable {
        case loss, activation
    }

    /// A size over a limit of the language (not one of the front matter's).
    public enum OverLimit: Sendable, Hashable, Codable {
        /// An array literal holding more elements than the limit.
        case arrayElements(limit: Int)
        /// A list grown past the limit of items.
        case listItems(limit: Int)
        /// Lists nested `depth` deep, past the limit.
        case nesting(depth: Int, limit: Int)
        /// Tensors joined along an axis longer than any tensor can be.
        case joinedAxis(function: String)
        /// A tensor of more axes than the limit.
        case rank(Int, limit: Int)
        /// A tensor of `shape`, empty, whose other extents multiply to more than the limit of elements.
        case emptyExtents(shape: [Int], limit: Int)
        /// `work` of these factors of multiply-adds, whose product is over `limit`.
        case operations(Work, factors: [Int], limit: Int)
        /// A string of `bytes` bytes, over the limit.
        case stringBytes(Int, limit: Int)
        /// Two lists joined into one of `items` items, over the limit.
        case joinedList(items: Int, limit: Int)
        /// `blobs` asked for `perCenter` points around each of `centers` centers, more than any count.
        case blobs(perCenter: Int, centers: Int, limit: Int)
        /// Training `epochs` epochs on `examples` examples: more example visits than the limit.
        case trainingVisits(epochs: Int, examples: Int, limit: Int)
        /// Training `epochs` epochs on `examples` examples with `parameters` parameters: about `work` multiply-adds, over `limit`.
        case trainingWork(epochs: Int, examples: Int, parameters: Int, work: Double, limit: Double)
    }

    /// What `load(…)` refused.
    public enum Load: Sendable, Hashable, Codable {
        /// The notebook may not read files.
        case notAllowed
        /// An absolute path.
        case absolute(String)
        /// A path with `..`.
        case leaves(String)
        /// No file at the path.
        case missing(String)
        /// A link that leads outside the notebook's folder.
        case leadsOutside(String)
        /// A table's options for a folder of images (`folder`) or another file that is not a table.
        case tableOptions(String, folder: Bool)
        /// A file of a format Cahier does not read.
        case unknownFormat(String)
        /// A table whose header is separated by tabs (`tab`) or commas, against what its name says.
        case header(String, tab: Bool)
        /// No column `name` for `role`; the table's columns.
        case noColumn(String, name: String, role: Role, columns: [String])
        /// No `label` column and no `label:`; the table's columns.
        case whichLabel(String, columns: [String])
        /// `decimal: ","` with `delimiter: ","`.
        case commaTwice
        /// More than one column of a table holds words: these, quoted as written.
        case notNumbers(String, columns: [String])
        /// A table's label missing at `position` (":3:2").
        case missingLabel(String, position: String)
        /// A table's field at `position` that is not the number its column needs; with the
        /// columns (quoted) that hold words, when more than one does.
        case field(String, position: String, DataFileError.FieldProblem, notNumbers: [String]?)
    }

    /// What a table's column was asked for; the raw value ends its key (`misuse.load.role.labels`).
    public enum Role: String, Sendable, Hashable, Codable {
        case labels, texts, feature
    }

    /// What a model, a training or autograd cannot do.
    public enum Learning: Sendable, Hashable, Codable {
        /// `backward()` on a tensor not computed from any parameter.
        case noGradientFlow
        /// `step()` on an SGD made without parameters.
        case sgdWithoutParameters
        /// `momentumBuffer(…)` of something that is not a parameter.
        case bufferOfNonParameter
        /// `momentumBuffer(…)` of an SGD without momentum.
        case noMomentum
        /// `momentumBuffer(…)` of a parameter before its first step.
        case noBufferYet
        /// `function`'s parameters given as a value of `type`, not a list of parameters.
        case parametersNotAList(function: String, type: String)
        /// `MLP(sizes:)` with fewer than two sizes, or one below 1.
        case mlpSizes
        /// `dataset(x:y:)` with `rows` rows of x and `labels` labels.
        case rowsAndLabels(rows: Int, labels: Int)
        /// `function` needs inputs x as a matrix; they have this shape.
        case matrixInputs(function: String, shape: [Int])
        /// `function` needs dense inputs; the data set's x is sparse.
        case denseInputs(function: String)
    }

    /// What a function needs at least one of; the raw value ends its key (`misuse.none-given.tensor`).
    public enum Needed: String, Sendable, Hashable, Codable {
        case tensor, layer
    }

    /// Two ways of making a model or a training that exclude each other.
    public enum Both: Sendable, Hashable, Codable {
        /// `fit` with both `rate:` and `optimizer:`.
        case rateAndOptimizer(function: String)
        /// `Perceptron` with both `features:` and `weights:`.
        case featuresAndWeights
    }

    /// A model or a training made in neither of the ways it can be.
    public enum Neither: Sendable, Hashable, Codable {
        /// `fit` without `rate:` or `optimizer:`.
        case rateOrOptimizer(function: String)
        /// `Perceptron` without `features:` or `weights:`.
        case perceptron
        /// `Linear` without `inputs:` and `outputs:`, or `weight:` and `bias:`.
        case linear
        /// A model without `features:` or its weights.
        case features(function: String)
    }

    /// What to write instead of a method a value does not have.
    public enum MethodAdvice: Sendable, Hashable, Codable {
        /// A Python method Cahier's values do not have.
        case python(PythonMethod)
        /// Cahier's camelCase name of a snake_case method.
        case camelCase(String)
        /// NumPy's method that Cahier writes as the function `name`, with other arguments or not.
        case function(String, arguments: Bool)
        /// The methods the value has.
        case methods([String])
    }

    /// A Python method Cahier's values do not have; the raw value ends its key (`misuse.python-method.item`).
    public enum PythonMethod: String, Sendable, Hashable, Codable {
        case appendToTensor = "append", item, size, conversion

        /// The habit of calling `name` on a value of `type`, or nil.
        public init?(name: String, on type: String) {
            switch name {
            case "append" where type == "Tensor": self = .appendToTensor
            case "item": self = .item
            case "size": self = .size
            case "numpy", "tolist", "cpu": self = .conversion
            default: return nil
            }
        }
    }

    /// What to write instead of calling an object (PyTorch's `net(x)`).
    public enum CallAdvice: String, Sendable, Hashable, Codable {
        case forward, predict

        /// The advice for a value with these methods, or nil.
        public init?(methods: [String]) {
            if methods.contains("forward") { self = .forward } else if methods.contains("predict") { self = .predict } else { return nil }
        }
    }
}
