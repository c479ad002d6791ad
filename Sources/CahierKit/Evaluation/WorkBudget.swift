import CahierLearning
import Synchronization

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
    /// What copying one item of a list costs (a value retained and looked at: about a
    /// quarter of a step, 250 times a number of a tensor), so that slicing or copying long
    /// lists in a loop stops at the work limit about when the steps would.
    public static let itemCost = 250

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
        commandLimit = limits.maximumCommandWork
        checkpoint = Swift.min(limits.maximumCommandWork, WorkBudget.checkInterval)
    }

    /// Starts the count of a new command, held to `limit` when it is given and
    /// below ``WorkLimits/maximumCommandWork`` (a grader's limit for a check).
    public func startCommand(limit: CommandWorkLimit? = nil) {
        command = 0
        if let limit, limit.operations < limits.maximumCommandWork {
            commandLimit = Swift.max(limit.operations, 0)
            commandReason = limit.reason
        } else {
            commandLimit = limits.maximumCommandWork
            commandReason = nil
        }
        checkpoint = Swift.min(commandLimit, WorkBudget.checkInterval)
    }

    /// The most work the running command may do: ``WorkLimits/maximumCommandWork``,
    /// or the lower limit it was started with.
    @exclusivity(unchecked) public private(set) var commandLimit: Int
    /// What reaching a lower limit than ``WorkLimits/maximumCommandWork`` says.
    @exclusivity(unchecked) private var commandReason: FailureReason?

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
        if interruption.isRequested || command > commandLimit || notebook > limits.maximumNotebookWork || operations < 0 {
            try overLimit()
        }
        if Memory.allocatedBytes > memoryLimit { throw WorkLimits.memoryReached(memoryLimit) }
        checkpoint = command < commandLimit - WorkBudget.checkInterval ? command + WorkBudget.checkInterval : commandLimit
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
            throw RuntimeError(.interrupted)
        }
        if command > commandLimit {
            throw RuntimeError(commandReason ?? .limit(.commandWork(limits.maximumCommandWork)))
        }
        throw RuntimeError(.limit(.notebookWork(limits.maximumNotebookWork)))
    }
}

/// A work limit of its own for one command, and what reaching it says: the
/// grader holds the sheet's commands to a multiple of what they needed with
/// the sheet's solutions (``FailureReason/Limit/checkWork(limit:solution:factor:)``).
public struct CommandWorkLimit: Sendable, Hashable {
    /// The most operations the command may do (at most `max-operations` applies).
    public var operations: Int
    /// The reason the command stops with when it does more.
    public var reason: FailureReason

    public init(operations: Int, reason: FailureReason) {
        self.operations = operations
        self.reason = reason
    }
}
