import CahierLearning

/// Bounds on what a notebook may use, so no notebook can hang or exhaust
/// memory. Going over a limit is a run-time error at the command, the same
/// on every machine.
public struct WorkLimits: Sendable, Hashable {
    /// The most elements a single tensor may hold.
    public var maximumElements: Int = 10_000_000
    /// The most axes a tensor may have.
    public var maximumRank: Int = 32
    /// The most multiply-adds a single operation (a matrix product) may do.
    public var maximumOperations: Int = 2_000_000_000
    /// The most examples one training call may visit: epochs × examples.
    public var maximumTrainingExamples: Int = 20_000_000
    /// The most multiply-adds one training call may do, estimated as epochs × examples × parameters.
    public var maximumTrainingWork: Double = 1e11
    /// The most heap memory the process may hold while the notebook runs, in
    /// bytes: every tensor, list, string and recorded operation, bound to a name
    /// or not (counted where it is allocated, see ``Memory``).
    public var maximumMemoryBytes: Int = 1_000_000_000
    /// The most numbers autograd's recorded operations may hold (each operation counts
    /// ``Tape/operationCost`` numbers besides its own).
    public var maximumRecordedElements: Int = 50_000_000
    /// The most work one command may do, in operations (see ``WorkBudget``).
    public var maximumCommandWork: Int = 10_000_000_000
    /// The most work a whole notebook may do, in operations.
    public var maximumNotebookWork: Int = 100_000_000_000
    /// The most nested function calls.
    public var maximumCallDepth: Int = 200
    /// The longest string, in bytes.
    public var maximumStringBytes: Int = 1_000_000
    /// The most bytes of output (printed and shown) one command may make.
    public var maximumCommandOutput: Int = 1_000_000
    /// The most bytes of output a whole notebook may make.
    public var maximumNotebookOutput: Int = 20_000_000
    /// How deeply lists may nest.
    public var maximumNesting: Int = 64
    /// The largest data file `load` reads, in bytes.
    public var maximumFileBytes: Int = 100_000_000

    public init() {}

    /// Throws when training a model of `parameters` numbers for `epochs` epochs on `examples` examples is over the limits.
    public func check(epochs: Int, examples: Int, parameters: Int) throws {
        try check(epochs: epochs, examples: examples)
        let work = Double(epochs) * Double(examples) * Double(max(parameters, 1))
        guard work <= maximumTrainingWork else {
            throw RuntimeError(.overLimit(.trainingWork(epochs: epochs, examples: examples, parameters: parameters, work: work, limit: maximumTrainingWork)))
        }
    }

    /// Throws when training for `epochs` epochs on `examples` examples is over the limit.
    public func check(epochs: Int, examples: Int) throws {
        guard epochs >= 0 else { throw RuntimeError(.atLeast(.name("epochs"), minimum: 0, got: String(epochs))) }
        let (work, overflow) = epochs.multipliedReportingOverflow(by: examples)
        guard !overflow, work <= maximumTrainingExamples else {
            throw RuntimeError(.overLimit(.trainingVisits(epochs: epochs, examples: examples, limit: maximumTrainingExamples)))
        }
    }

    /// Throws when an operation would do more than `maximumOperations` multiply-adds.
    public func check(operations: [Int], _ what: Misuse.Work) throws {
        guard let count = Tensor.elementCount(of: operations), count <= maximumOperations else {
            throw RuntimeError(.overLimit(.operations(what, factors: operations, limit: maximumOperations)))
        }
    }

    /// Throws when a tensor of `shape` would be over the limits.
    public func check(_ shape: [Int]) throws {
        guard shape.count <= maximumRank else {
            throw RuntimeError(.overLimit(.rank(shape.count, limit: maximumRank)))
        }
        guard let count = Tensor.elementCount(of: shape), count <= maximumElements else {
            throw RuntimeError(.limit(.elements(what: "a tensor of shape \(Tensor.describe(shape))", limit: maximumElements)))
        }
        // An empty tensor still has its other extents: a reduction or a display of it
        // would make or walk them. They are held to the same limit, zeros aside.
        guard let span = Tensor.elementCount(of: shape.map { Swift.max($0, 1) }), span <= maximumElements else {
            throw RuntimeError(.overLimit(.emptyExtents(shape: shape, limit: maximumElements)))
        }
        try checkMemory(adding: count * MemoryLayout<Double>.stride, for: "a tensor of shape \(Tensor.describe(shape))")
    }

    /// Tensors of at least this many elements are checked against the memory limit before they
    /// are made by the paths that skip ``check(_:)`` for speed (smaller ones are seen at the next look).
    static let memoryCheckedElements = 4096

    /// Throws when `bytes` more would take the memory the notebook holds past ``maximumMemoryBytes``:
    /// checked before what needs them is made, so nothing has changed when it throws.
    public func checkMemory(adding bytes: Int, for what: @autoclosure () -> String) throws {
        guard Memory.wouldExceed(maximumMemoryBytes, adding: bytes) else { return }
        if Memory.allocatedBytes > maximumMemoryBytes { throw WorkLimits.memoryReached(maximumMemoryBytes) }
        throw RuntimeError(.limit(.memoryFor(what: what(), bytes: bytes, limit: maximumMemoryBytes)))
    }

    /// The error of a notebook that holds more than `limit` bytes already.
    static func memoryReached(_ limit: Int) -> RuntimeError {
        RuntimeError(.limit(.memory(limit)))
    }
}
