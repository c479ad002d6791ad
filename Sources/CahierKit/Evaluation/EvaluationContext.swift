import CahierLearning
import Synchronization

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

    /// Throws when a tensor of `shape` would be over the limits.
    public func check(_ shape: [Int]) throws {
        guard shape.count <= maximumRank else {
            throw RuntimeError("a tensor of rank \(shape.count) is over the limit of \(maximumRank) axes")
        }
        guard let count = Tensor.elementCount(of: shape), count <= maximumElements else {
            throw RuntimeError("a tensor of shape \(Tensor.describe(shape)) is over the limit of \(maximumElements) elements")
        }
        // An empty tensor still has its other extents: a reduction or a display of it
        // would make or walk them. They are held to the same limit, zeros aside.
        guard let span = Tensor.elementCount(of: shape.map { Swift.max($0, 1) }), span <= maximumElements else {
            throw RuntimeError("a tensor of shape \(Tensor.describe(shape)) is over the limit of \(maximumElements) elements (its extents other than 0 multiply to more)")
        }
        try checkMemory(adding: count * MemoryLayout<Double>.stride, for: "a tensor of shape \(Tensor.describe(shape))")
    }

    /// Throws when `bytes` more would take the memory the notebook holds past ``maximumMemoryBytes``:
    /// checked before what needs them is made, so nothing has changed when it throws.
    public func checkMemory(adding bytes: Int, for what: @autoclosure () -> String) throws {
        guard Memory.wouldExceed(maximumMemoryBytes, adding: bytes) else { return }
        throw RuntimeError("\(what()) of \(Memory.describe(bytes)) would take the notebook past its memory limit of \(Memory.describe(maximumMemoryBytes)) (front matter max-memory)")
    }
}

/// A request, from another thread or a signal handler, that the running
/// command stop: the REPL sets it on Ctrl-C, the budget sees it at its next charge.
public final class Interruption: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks the running command to stop (safe in a signal handler: one atomic store).
    public func request() { requested.store(true, ordering: .relaxed) }

    public var isRequested: Bool { requested.load(ordering: .relaxed) }

    public func clear() { requested.store(false, ordering: .relaxed) }

    /// What the command stopped by it says.
    public static let message = "interrupted (Ctrl-C)"
}

/// The work done so far, by the running command and by the notebook, in
/// operations: each evaluation step counts ``stepCost``, each element an
/// operation makes or reads 1, each multiply-add of a product or of training 1.
/// The counts are the same on every machine, so a limit is met at the same
/// command everywhere. One session owns it; its counters are not checked for
/// overlapping access at run time (they are only touched by that session's thread).
public final class WorkBudget: @unchecked Sendable {
    /// What one evaluation step (an expression, a statement, a loop turn) costs.
    public static let stepCost = 1000

    @exclusivity(unchecked) public private(set) var command = 0
    @exclusivity(unchecked) public private(set) var notebook = 0
    public let limits: WorkLimits
    /// Set from another thread (Ctrl-C in the REPL) to stop the running command at its next charge.
    public let interruption: Interruption

    /// ``WorkLimits/maximumMemoryBytes``, kept here for ``charge(_:)``'s look at it.
    private let memoryLimit: Int

    public init(limits: WorkLimits, interruption: Interruption = Interruption()) {
        self.limits = limits
        self.interruption = interruption
        self.memoryLimit = limits.maximumMemoryBytes
        checkpoint = Swift.min(limits.maximumCommandWork, WorkBudget.checkInterval)
    }

    /// Starts the count of a new command.
    public func startCommand() {
        command = 0
        checkpoint = Swift.min(limits.maximumCommandWork, WorkBudget.checkInterval)
    }

    /// How much work runs between two looks at the interruption and at the
    /// memory: about a thousand evaluation steps, tens of microseconds.
    static let checkInterval = 1_000_000
    /// The command's count at which ``charge(_:)`` next looks past its two
    /// comparisons: the command's limit, or sooner to see an interruption.
    @exclusivity(unchecked) private var checkpoint = WorkBudget.checkInterval

    /// Adds `operations` to both counts; throws when either is over its limit,
    /// or, seen within ``checkInterval``, when the memory the notebook holds is
    /// over the memory limit or the command was interrupted. Every step and
    /// every element an operation makes is charged, so memory that values add
    /// up to between two looks (list items, recorded operations, a deep
    /// recursion's locals: a thousand steps, or a million elements) is bounded.
    @inline(__always)
    public func charge(_ operations: Int) throws {
        command &+= operations
        notebook &+= operations
        if command > checkpoint || notebook > limits.maximumNotebookWork || operations < 0 { try checkLimits(operations) }
    }

    private func checkLimits(_ operations: Int) throws {
        if interruption.isRequested || command > limits.maximumCommandWork || notebook > limits.maximumNotebookWork || operations < 0 {
            try overLimit()
        }
        if Memory.allocatedBytes > memoryLimit {
            throw RuntimeError("memory limit of \(Memory.describe(memoryLimit)) reached (front matter max-memory); values bound to names keep their memory until the names are bound to something smaller")
        }
        checkpoint = command < limits.maximumCommandWork - WorkBudget.checkInterval ? command + WorkBudget.checkInterval : limits.maximumCommandWork
    }

    /// Throws when the running command was asked to stop (between training epochs, where no work is charged).
    public func checkInterruption() throws {
        if interruption.isRequested { try overLimit() }
    }

    /// One evaluation step.
    @inline(__always)
    public func step() throws {
        try charge(WorkBudget.stepCost)
    }

    /// Adds an amount that may be huge (a product's estimate) without overflowing.
    public func charge(estimate: Double) throws {
        guard estimate.isFinite, estimate <= Double(limits.maximumNotebookWork) else {
            command = limits.maximumCommandWork &+ 1
            try overLimit()
            return
        }
        try charge(Int(estimate))
    }

    private func overLimit() throws {
        if interruption.isRequested {
            interruption.clear()
            var error = RuntimeError(Interruption.message)
            error.interrupted = true
            throw error
        }
        if command > limits.maximumCommandWork {
            throw RuntimeError("work limit of \(limits.maximumCommandWork) operations reached (front matter max-operations)")
        }
        throw RuntimeError("work limit of \(limits.maximumNotebookWork) operations for the notebook reached (front matter max-notebook-operations)")
    }
}

/// The state a builtin may use: the session's random generator, the lines
/// printed and the figures drawn by the running command, the work limits and
/// budget, the notebook's folder (the only place data files may be read
/// from), the progress reporter of training, and a way to call a function
/// value back.
///
/// One notebook session owns it; it is a reference so that builtins and the
/// interpreter share it. Not safe to share between threads.
public final class EvaluationContext: @unchecked Sendable {
    /// The notebook's generator, seeded from its `seed` and shared by all its commands in order.
    public var random: Xoshiro256
    public var limits: WorkLimits { budget.limits }
    public let budget: WorkBudget
    /// Lines written by `print` during the current command.
    public var printed: [String] = []
    /// Bytes of output so far in the command and in the notebook.
    var outputBytes = (command: 0, notebook: 0)
    /// Figures drawn during the current command.
    public var figures: [Figure] = []
    /// How many significant digits numbers are shown with (front matter `digits`).
    public var digits: Int
    /// The folder of the notebook; nil when the notebook may read no files.
    public var folder: String?
    /// Called after each training epoch; the command-line tool draws a progress bar with it.
    public var progress: (@Sendable (EpochReport) -> Void)?
    /// Whether operations on parameters are recorded for autograd (not inside `noGrad { … }`).
    @exclusivity(unchecked) public var recording = true
    /// What the recorded operations keep alive, within the limit of numbers names may hold.
    public let tape: Tape
    /// Calls a function value with positional arguments (set by the interpreter).
    var invoke: ((Function, [Value]) throws -> Value)?
    /// Data files already read in this session, by resolved path.
    var loaded: [String: Value] = [:]

    public init(seed: UInt64, limits: WorkLimits = WorkLimits(), digits: Int = 6, folder: String? = nil,
                progress: (@Sendable (EpochReport) -> Void)? = nil, interruption: Interruption = Interruption()) {
        self.random = Xoshiro256(seed: seed)
        self.budget = WorkBudget(limits: limits, interruption: interruption)
        self.tape = Tape(limit: limits.maximumRecordedElements)
        self.digits = digits
        self.folder = folder
        self.progress = progress
    }

    /// What training calls after each epoch: the progress reporter, then a
    /// check that the command was not interrupted.
    var epochHook: (EpochReport) throws -> Void {
        { [progress, budget] report in
            progress?(report)
            try budget.checkInterruption()
        }
    }

    /// Adds printed text to the command's output, within the output limits.
    public func print(_ text: String) throws {
        try countOutput(text.utf8.count + 1)
        printed += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Counts bytes of output against the limits.
    func countOutput(_ bytes: Int) throws {
        outputBytes.command += bytes
        outputBytes.notebook += bytes
        if outputBytes.command > limits.maximumCommandOutput {
            throw RuntimeError("output limit of \(limits.maximumCommandOutput) bytes for one command reached (front matter max-output)")
        }
        if outputBytes.notebook > limits.maximumNotebookOutput {
            throw RuntimeError("output limit of \(limits.maximumNotebookOutput) bytes for the notebook reached (front matter max-notebook-output)")
        }
    }

    /// Checks a training call against the limits and charges its work: three
    /// times (forward and backward) the multiply-adds of a pass over the data,
    /// `work`, or else one per parameter and example; for each epoch.
    public func chargeTraining(epochs: Int, examples: Int, parameters: Int, work: Double? = nil) throws {
        try limits.check(epochs: epochs, examples: examples, parameters: parameters)
        let pass = work ?? Double(examples) * Double(Swift.max(parameters, 1))
        try budget.charge(estimate: 3 * Double(epochs) * pass)
    }

    /// The variable autograd follows for a value, when gradients are recorded
    /// and the value is a parameter or was computed from one; nil otherwise.
    public func tracked(_ value: Value) -> Variable? {
        guard recording else { return nil }
        switch value {
        case .variable(let v): return v.requiresGradient ? v : nil
        case .object(.parameter(let p)): return Variable(p, tape: tape)
        default: return nil
        }
    }

    /// A value as a variable: tracked as above, or a constant.
    public func variable(_ value: Value, _ what: @autoclosure () -> String) throws -> Variable {
        if let v = tracked(value) { return v }
        return Variable(constant: try Coerce.tensor(value, what(), self), tape: tape)
    }

    /// Calls `function` with positional arguments.
    func call(_ function: Function, _ arguments: [Value]) throws -> Value {
        guard let invoke else { throw RuntimeError("functions cannot be called here") }
        return try invoke(function, arguments)
    }
}
