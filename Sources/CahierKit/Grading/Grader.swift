/// Grades one hand-in inside the teacher's sheet: the hand-in's answers take
/// the place of the solutions, then the sheet runs top to bottom and every
/// check reports as soon as it has run (so a hand-in stopped by a time limit
/// keeps the checks it passed before, and no later check counts). Each
/// command may do `check-work-factor` times the work it needed with the
/// sheet's solutions (``SolutionWork``), so an answer that never ends stops soon.
public struct Grader {
    public let sheet: Sheet

    /// The most characters of a message (an error, a detail) that reach the reports.
    public static let maximumMessage = 1000

    /// `message`, cut to ``maximumMessage`` characters with a note of how much was left out.
    public static func bounded(_ message: String) -> String {
        guard message.count > maximumMessage else { return message }
        return String(message.prefix(maximumMessage)) + "… (\(message.count - maximumMessage) more characters)"
    }

    public init(sheet: Sheet) {
        self.sheet = sheet
    }

    /// Runs `handIn` and calls `emit` with each event. With `setUp` (the
    /// sheet's set-up blocks run once, ``setUp()``), the run continues from it
    /// instead of running them again: the events are the same, in the same order.
    public func grade(_ handIn: HandIn, from setUp: SetUp? = nil, emit: @escaping (Event) -> Void) {
        var statuses: [String: AnswerStatus] = [:]
        var blocks = sheet.notebook.blocks
        for exercise in sheet.exercises {
            switch handIn.answers[exercise.id] {
            case .commands(let commands)?:
                statuses[exercise.id] = .ready
                blocks[exercise.block].commands = commands
            case .invalid(let unreadable)?:
                statuses[exercise.id] = .unreadable(Grader.bounded(unreadable.message(in: sheet.notebook.settings.language)))
                blocks[exercise.block].commands = []
            case nil:
                statuses[exercise.id] = .missing
                blocks[exercise.block].commands = []
            }
        }
        emit(.answers(statuses))
        for note in handIn.notes { emit(.note(Grader.bounded(note))) }
        let notebook = Notebook(source: sheet.notebook.source, settings: sheet.notebook.settings,
                                frontMatterLastLine: sheet.notebook.frontMatterLastLine,
                                firstHeading: sheet.notebook.firstHeading, blocks: blocks,
                                codeLines: sheet.notebook.codeLines, warnings: [])
        let failed: [String: AnswerTrouble] = statuses.compactMapValues { status in
            switch status {
            case .ready: return nil
            case .missing: return .missing
            case .unreadable: return .unreadable
            }
        }
        let solution = sheet.solutionWork ?? SolutionWork(measuring: sheet)
        let workLimit = self.workLimit(solution)
        let onCommand = marking(failed: failed, emit: emit)
        if let setUp, setUp.run.fits(notebook) {
            // What the set-up reported when it ran, where the run that does not stop reports it.
            for event in setUp.events { emit(event) }
            // It continues what fits(_:) accepts.
            _ = NotebookRun(continuing: setUp.run, notebook, workLimit: workLimit, onCommand: onCommand)
        } else {
            _ = NotebookRun(notebook, workLimit: workLimit, onCommand: onCommand)
        }
        emit(.done)
    }

    /// Each command's limit: a multiple of the work it needed with the solutions (an answer's, its solution block's).
    func workLimit(_ solution: SolutionWork) -> (Int, Int) -> CommandWorkLimit? {
        let answerAt = Set(sheet.exercises.map(\.block))
        let settings = sheet.notebook.settings
        return { b, c in solution.limit(block: b, command: c, answer: answerAt.contains(b), settings: settings) }
    }

    /// What turns each command's outcome into events for `emit`: a check's
    /// outcome, an answer's errors; `failed` holds the answers that could not run.
    func marking(failed: [String: AnswerTrouble], emit: @escaping (Event) -> Void) -> (Int, Int, CommandRun) -> Void {
        var failed = failed
        var checkAt: [Int: [Int: Sheet.Check]] = [:]
        for check in sheet.checks { checkAt[check.block, default: [:]][check.command] = check }
        let answerAt = Dictionary(uniqueKeysWithValues: sheet.exercises.map { ($0.block, $0.id) })
        var reported: [String: Int] = [:]
        // Which exercise's solution defines each name, and why an answer could not define it.
        let definedBy = sheet.definingExercise
        var preparation: [String: CheckOutcome] = [:]
        /// A missing name explained by the answer that was to define it, when one could not.
        func dependency(_ reason: FailureReason, except own: String? = nil) -> Dependency? {
            guard let name = reason.unknownName, let exercise = definedBy[name], exercise != own, let trouble = failed[exercise] else { return nil }
            return Dependency(name: name, exercise: exercise, trouble: trouble)
        }
        // The student's functions the current block's commands called so far: a check's
        // preparing commands (training with the student's trainStep) count for its expects.
        var block = -1
        var blockCalls: Set<String> = []
        // The first command of the block that failed before its checks: a check that then fails hears of it.
        var earlier: CheckFailure.Earlier?
        return { b, c, run in
            if b != block { (block, blockCalls, earlier) = (b, [], nil) }
            blockCalls.formUnion(run.outcome.calledAnswers)
            let calls = blockCalls.sorted()
            let error = run.outcome.error
            if let id = answerAt[b], let error {
                if reported[id, default: 0] < 5 {
                    reported[id, default: 0] += 1
                    var failure = CheckFailure(error, command: run.command.program.text, studentCommand: true, calls: calls).bounded()
                    failure.needs = dependency(error.reason, except: id)
                    emit(.answerError(exercise: id, line: run.command.line, failure: failure))
                }
                if failed[id] == nil { failed[id] = .stopped(line: run.command.line) }
            }
            guard let check = checkAt[b]?[c] else {
                // A command preparing a check failed: the checks that need what it defines say so.
                if answerAt[b] == nil, let error {
                    let failure = CheckFailure(error, command: run.command.program.text, studentCommand: false, calls: calls).bounded()
                    if earlier == nil { earlier = CheckFailure.Earlier(reason: failure.reason, places: failure.places) }
                    let outcome = dependency(error.reason).map(CheckOutcome.preparationNeeds) ?? .notPrepared(failure)
                    for name in run.command.program.boundNames { preparation[name] = outcome }
                }
                return
            }
            let outcome: CheckOutcome
            if let error {
                if let needs = dependency(error.reason) {
                    outcome = .needs(needs)
                } else if let name = error.reason.unknownName, let prepared = preparation[name] {
                    outcome = prepared
                } else {
                    var failure = CheckFailure(error, command: run.command.program.text, studentCommand: false, calls: calls).bounded()
                    failure.earlier = earlier
                    outcome = .failed(failure)
                }
            } else {
                outcome = .passed
            }
            emit(.check(number: check.number, outcome: outcome))
        }
    }
}
