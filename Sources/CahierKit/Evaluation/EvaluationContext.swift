import CahierLearning

/// Bounds on the work one command may do, so a notebook can never hang or
/// exhaust memory. Going over a limit is a run-time error.
public struct WorkLimits: Sendable, Hashable {
    /// The most elements a single tensor may hold.
    public var maximumElements: Int
    /// The most multiply-adds a single operation (a matrix product) may do.
    public var maximumOperations: Int
    /// The most examples one training call may visit: epochs × examples.
    public var maximumTrainingExamples: Int
    /// The most multiply-adds one training call may do, estimated as epochs × examples × parameters.
    public var maximumTrainingWork: Double = 1e11
    /// The most numbers the names of a notebook may hold together.
    public var maximumHeldElements: Int = 50_000_000

    public init(maximumElements: Int = 10_000_000, maximumOperations: Int = 2_000_000_000, maximumTrainingExamples: Int = 20_000_000) {
        self.maximumElements = maximumElements
        self.maximumOperations = maximumOperations
        self.maximumTrainingExamples = maximumTrainingExamples
    }

    /// Throws when training a model of `parameters` numbers for `epochs` epochs on `examples` examples is over the limits.
    public func check(epochs: Int, examples: Int, parameters: Int) throws {
        try check(epochs: epochs, examples: examples)
        let work = Double(epochs) * Double(examples) * Double(max(parameters, 1))
        guard work <= maximumTrainingWork else {
            throw RuntimeError("training \(epochs) epochs on \(examples) examples with \(parameters) parameters would take about \(Display.number(work)) multiply-adds, over the limit of \(Display.number(maximumTrainingWork))")
        }
    }

    /// Throws when training for `epochs` epochs on `examples` examples is over the limit.
    public func check(epochs: Int, examples: Int) throws {
        guard epochs >= 0 else { throw RuntimeError("epochs must be ≥ 0, got \(epochs)") }
        let (work, overflow) = epochs.multipliedReportingOverflow(by: examples)
        guard !overflow, work <= maximumTrainingExamples else {
            throw RuntimeError("training \(epochs) epochs on \(examples) examples is over the limit of \(maximumTrainingExamples) example visits; raise max-training-examples in the front matter to allow it")
        }
    }

    /// Throws when an operation would do more than `maximumOperations` multiply-adds.
    public func check(operations: [Int], _ what: String) throws {
        guard let count = Tensor.elementCount(of: operations), count <= maximumOperations else {
            throw RuntimeError("\(what) would take \(operations.map(String.init).joined(separator: "×")) multiply-adds, over the limit of \(maximumOperations)")
        }
    }

    /// Throws when a tensor of `shape` would be over the limit.
    public func check(_ shape: [Int]) throws {
        guard let count = Tensor.elementCount(of: shape), count <= maximumElements else {
            throw RuntimeError("a tensor of shape \(Tensor.describe(shape)) is over the limit of \(maximumElements) elements")
        }
    }
}

/// The state a builtin may use: the session's random generator, the lines
/// printed and the figures drawn by the running command, the work limits, the
/// notebook's folder (the only place data files may be read from) and the
/// progress reporter of training.
public struct EvaluationContext: Sendable {
    /// The notebook's generator, seeded from its `seed` and shared by all its commands in order.
    public var random: Xoshiro256
    public var limits: WorkLimits
    /// Lines written by `print` during the current command.
    public var printed: [String] = []
    /// Figures drawn during the current command.
    public var figures: [Figure] = []
    /// The folder of the notebook; nil when the notebook may read no files.
    public var folder: String?
    /// Called after each training epoch; the command-line tool draws a progress bar with it.
    public var progress: (@Sendable (EpochReport) -> Void)?
    /// Data files already read in this session, by resolved path.
    var loaded: [String: Value] = [:]

    public init(seed: UInt64, limits: WorkLimits = WorkLimits(), folder: String? = nil, progress: (@Sendable (EpochReport) -> Void)? = nil) {
        self.random = Xoshiro256(seed: seed)
        self.limits = limits
        self.folder = folder
        self.progress = progress
    }
}
