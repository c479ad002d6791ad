import CahierLearning

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
    /// The language messages are written in.
    public var language = Language.english
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
    /// How commands run from now on are lowered: with the specialisations, or
    /// plainly (tests compare the two); from `CAHIER_PLAIN` unless given.
    public var lowering: Lowering

    public init(seed: UInt64, limits: WorkLimits = WorkLimits(), digits: Int = 6, folder: String? = nil,
                progress: (@Sendable (EpochReport) -> Void)? = nil, interruption: Interruption = Interruption(),
                lowering: Lowering = .fromEnvironment) {
        self.lowering = lowering
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
            throw RuntimeError(.limit(.commandOutput(limits.maximumCommandOutput)))
        }
        if outputBytes.notebook > limits.maximumNotebookOutput {
            throw RuntimeError(.limit(.notebookOutput(limits.maximumNotebookOutput)))
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
        case .list(let list) where list.holdsParameter: return stacked(list)
        default: return nil
        }
    }

    /// `[w, b]` of parameters as one tensor autograd follows back to each
    /// parameter, as a list of values computed from parameters is; nil when
    /// its items are not all numbers, tensors or parameters of one shape (the
    /// caller then reads the list as a tensor, which names what is wrong).
    private func stacked(_ list: List) -> Variable? {
        var rows: [Variable] = []
        for item in list.items {
            switch item {
            case .object(.parameter(let p)): rows.append(Variable(p, tape: tape))
            case .variable(let v): rows.append(v)
            case .number(let x): rows.append(Variable(constant: Tensor(scalar: x), tape: tape))
            case .tensor(let t), .mask(let t): rows.append(Variable(constant: t, tape: tape))
            default: return nil
            }
        }
        guard let shape = rows.first?.value.shape, rows.allSatisfy({ $0.value.shape == shape }) else { return nil }
        // Rows of one shape, at least one: stacking them has nothing left to refuse.
        do { return try Variable.stack(rows, axis: 0) } catch { return nil }
    }

    /// A value as a variable: tracked as above, or a constant.
    public func variable(_ value: Value, _ what: @autoclosure () -> String) throws -> Variable {
        if let v = tracked(value) { return v }
        return Variable(constant: try Coerce.tensor(value, what(), self), tape: tape)
    }

    /// A value as a variable; `subject` names it when it is not a tensor.
    public func variable(_ value: Value, _ subject: @autoclosure () -> Misuse.Subject) throws -> Variable {
        if let v = tracked(value) { return v }
        return Variable(constant: try Coerce.tensor(value, subject(), self), tape: tape)
    }

    /// Calls `function` with positional arguments.
    func call(_ function: Function, _ arguments: [Value]) throws -> Value {
        guard let invoke else { throw RuntimeError(.noCallsHere) }
        return try invoke(function, arguments)
    }
}
