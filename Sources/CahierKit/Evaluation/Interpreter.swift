import CahierLearning
#if canImport(Glibc)
import Glibc
#endif

/// Runs commands against the registry, keeping the names bound so far.
///
/// One interpreter serves one notebook: names bound in a block are visible in
/// the blocks after it, and the random generator advances across commands.
/// Every step is counted against the work budget, and function calls against
/// the call-depth limit, so no command can run for ever or recurse without end.
/// Not safe to share between threads.
public final class Interpreter: @unchecked Sendable {
    public let registry: Registry
    public let context: EvaluationContext
    let globals = Globals()
    /// The slots of the running function or command: its local names.
    @exclusivity(unchecked) var frame: [Value?] = []
    /// Whether each local slot may be assigned to (bound with `var`).
    @exclusivity(unchecked) var frameMutable: [Bool] = []
    /// The command now running (for the positions of errors and of functions it declares).
    var command = CommandText()
    /// How many function calls are running.
    var callDepth = 0
    /// The values an `expect`'s condition recorded while it runs (see ``ExpectationProbe``).
    var probeValues: [Value?] = []
    /// The functions of students' answers the command called (at most ``maximumCalledAnswers``), to name in feedback.
    var calledAnswers: Set<String> = []
    static let maximumCalledAnswers = 16
    /// The work budget of the session, shared with builtins.
    let budget: WorkBudget
    /// The thread with a large stack that runs this interpreter's commands.
    private let evaluationThread = EvaluationThread()
    /// How an exercise sheet runs (see ``SheetPolicy``); nil for a notebook without answer blocks.
    public var policy: SheetPolicy?
    /// Whether the block now running is a student's answer (its commands pass when they run without error).
    public var runningAnswer: Bool { policy?.runningAnswer ?? false }

    public init(registry: Registry = .standard, context: EvaluationContext) {
        // BLAS chooses its kernel through the environment: before any evaluation thread starts.
        _ = BLAS.library
        self.registry = registry
        self.context = context
        self.budget = context.budget
        context.invoke = { [unowned self] function, arguments in
            try self.invoke(function, arguments.map { LabeledValue(label: nil, value: $0) }, callSite: nil)
        }
    }

    deinit {
        evaluationThread.stop()
    }

    public convenience init(registry: Registry = .standard, seed: UInt64, limits: WorkLimits = WorkLimits()) {
        self.init(registry: registry, context: EvaluationContext(seed: seed, limits: limits))
    }

    /// The names bound so far, with their values.
    public var bindings: [String: Value] {
        var result: [String: Value] = [:]
        for name in globals.bound { if let slot = globals.index[name], let value = globals.value(slot) { result[name] = value } }
        return result
    }

    /// Runs one command: what it printed, the value it shows, the figures it
    /// drew and the error that stopped it. The command runs on a thread with a
    /// large stack (``LargeStack``), so only the counted limits bound its depth.
    /// `workLimit`, when given, holds it to less work than `max-operations`.
    public func run(_ program: Program, workLimit: CommandWorkLimit? = nil) -> CommandOutcome {
        final class Result { var outcome = CommandOutcome() }
        let result = Result()
        guard evaluationThread.run({ result.outcome = self.runHere(program, workLimit: workLimit) }) else {
            return CommandOutcome(error: RuntimeError("cannot reserve the \(LargeStack.size >> 20) MiB stack that evaluation needs: the process's address-space limit (ulimit -v, or the grader's --memory) is too low"),
                                  command: program.text)
        }
        return result.outcome
    }

    /// Runs `body`, which runs commands, on the evaluation thread: a notebook's
    /// commands then run one after another there instead of each changing
    /// threads twice (two context switches a command, most of the time of a
    /// notebook of small commands). Without such a thread, `body` runs here
    /// and each command reports why it cannot run.
    public func batch<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { body in
            var value: T?
            if evaluationThread.run({ value = body() }), let value { return value }
            return body()
        }
    }

    /// The thread this interpreter's memory is counted on (see ``Memory``).
    private var countingThread: pthread_t?

    /// Counts, from now on and on the calling thread (run it inside ``batch(_:)``),
    /// the memory of a notebook that already holds `bytes`: an interpreter that
    /// continues, on a new evaluation thread, commands another thread ran
    /// (``PausedRun``), so its count is what it would be had they run here.
    public func continueCounting(holding bytes: Int) {
        countingThread = pthread_self()
        Memory.startCounting(holding: bytes)
    }

    /// Ends this interpreter's evaluation thread, keeping everything it
    /// bound: the next command starts a new one. A process about to `fork`
    /// ends it, since a thread does not survive into the child.
    public func endEvaluationThread() {
        evaluationThread.stop()
    }

    private func runHere(_ program: Program, workLimit: CommandWorkLimit?) -> CommandOutcome {
        let thread = pthread_self()
        if countingThread.map({ pthread_equal($0, thread) == 0 }) ?? true {
            // The first command of this interpreter on this thread: what the thread holds of earlier work is not the notebook's.
            countingThread = thread
            Memory.startCounting()
        }
        context.printed = []
        context.figures = []
        context.outputBytes.command = 0
        budget.startCommand(limit: workLimit)
        command = program.text
        let resolved = Resolver.resolve(program, globals: globals)
        let compiler = Compiler(registry: registry, lowering: context.lowering)
        var statements = resolved.statements
        var shownCode: Code?
        if case .expression(let last)? = statements.last?.kind {
            shownCode = compiler.expression(last)
            statements.removeLast()
        }
        let actions = statements.map { Compiler.ActionCell(run: compiler.statement($0)) }
        frame = Array(repeating: nil, count: resolved.frameSize)
        frameMutable = Array(repeating: false, count: resolved.frameSize)
        callDepth = 0
        calledAnswers = []
        var shown: [CommandOutcome.Line] = []
        var failure: RuntimeError?
        do {
            for action in actions { _ = try action.run(self) }
            if let shownCode { shown = try show(try shownCode(self)) }
        } catch {
            failure = RuntimeError.from(error)
        }
        frame = []
        frameMutable = []
        var outcome = CommandOutcome(output: context.printed.map { .text($0) } + shown, figures: context.figures, error: failure,
                                     command: program.text, language: context.language)
        outcome.calledAnswers = calledAnswers.sorted()
        return outcome
    }

    /// The lines that show a value, counted against the output limits: a
    /// figure drawn by an earlier command and shown again is drawn again in
    /// the page, so its SVG counts again (one drawn by this command was
    /// counted when drawn).
    private func show(_ value: Value) throws -> [CommandOutcome.Line] {
        let lines = Display.outputLines(value, digits: context.digits)
        try context.countOutput(lines.reduce(0) { total, line in
            if case .figure(let figure) = line, !context.figures.contains(figure) { return total + figure.svg.utf8.count + line.text.utf8.count + 1 }
            return total + line.text.utf8.count + 1
        })
        return lines
    }

    // MARK: Statements

    /// How a statement ends: normally, or by `break`, `continue` or `return`.
    enum Flow {
        case normal, breakLoop, continueLoop
        case returned(Value)
    }

    /// `for name in sequence { body }`, the name in local `slot`: over a
    /// range's numbers, a tensor's rows (its first axis) or a list's items.
    func loop(_ slot: Int, over sequence: Value, _ body: Action) throws -> Flow {
        func turn(_ value: Value) throws -> Flow? {
            frame[slot] = value
            frameMutable[slot] = false
            switch try body(self) {
            case .breakLoop: return .normal
            case .returned(let value): return .returned(value)
            case .normal, .continueLoop:
                try budget.step()
                return nil
            }
        }
        switch sequence {
        case .range(let range):
            for k in 0..<range.count {
                if let flow = try turn(.number(range[k])) { return flow }
            }
        case .tensor(let t), .mask(let t):
            guard t.rank >= 1 else { throw RuntimeError(.loopOver(.singleNumber)) }
            for i in 0..<t.shape[0] {
                if let flow = try turn(Coerce.result(try t.slice(at: i))) { return flow }
            }
        case .list(let list):
            for item in list.items {
                if let flow = try turn(item) { return flow }
            }
        case .number:
            throw RuntimeError(.loopOver(.number))
        default:
            throw RuntimeError(.loopOver(.value(type: sequence.type.rawValue)))
        }
        return .normal
    }

    func condition(_ value: Value, _ what: String) throws -> Bool {
        guard case .bool(let b) = value else {
            if case .mask = value { throw RuntimeError(.condition(keyword: what, type: nil)) }
            throw RuntimeError(.condition(keyword: what, type: value.type.rawValue))
        }
        return b
    }

    // MARK: Names

    /// What to write instead of an unknown name: Cahier's way for a Python
    /// habit (`True`, `np`), Cahier's camelCase for a snake_case name that
    /// exists (`zero_grad`), else the close names.
    func nameHint(for name: String) -> FailureReason.NameHint {
        if let habit = PythonName(name: name) { return .python(habit) }
        if let camel = PythonHabits.camelCase(name), registry.function(named: camel) != nil || globals.bound.contains(camel) {
            return .camelCase(camel)
        }
        return .closeNames(registry.suggestions(for: name, among: globals.bound))
    }
}

extension RuntimeError {
    /// Any error met while running, as a run-time error.
    static func from(_ error: any Error) -> RuntimeError {
        switch error {
        case let error as RuntimeError: return error
        case let error as TensorError: return RuntimeError(error)
        case let error as TrainingError: return RuntimeError(error.description)
        default: return RuntimeError("\(error)")
        }
    }
}
