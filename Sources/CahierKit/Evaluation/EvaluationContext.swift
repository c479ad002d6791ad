import CahierLearning

/// Bounds on the work one command may do, so a notebook can never hang or
/// exhaust memory. Going over a limit is a run-time error.
public struct WorkLimits: Sendable, Hashable {
    /// The most elements a single tensor may hold.
    public var maximumElements: Int
    /// The most multiply-adds a single operation (a matrix product) may do.
    public var maximumOperations: Int

    public init(maximumElements: Int = 10_000_000, maximumOperations: Int = 2_000_000_000) {
        self.maximumElements = maximumElements
        self.maximumOperations = maximumOperations
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
/// printed so far by the running command, and the work limits.
public struct EvaluationContext: Sendable {
    /// The notebook's generator, seeded from its `seed` and shared by all its commands in order.
    public var random: Xoshiro256
    public var limits: WorkLimits
    /// Lines written by `print` during the current command.
    public var printed: [String] = []

    public init(seed: UInt64, limits: WorkLimits = WorkLimits()) {
        self.random = Xoshiro256(seed: seed)
        self.limits = limits
    }
}
