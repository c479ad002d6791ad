/// Grades one hand-in inside the teacher's sheet: the hand-in's answers take
/// the place of the solutions, then the sheet runs top to bottom and every
/// check reports as soon as it has run (so a hand-in stopped by a time limit
/// keeps the checks it passed before, and no later check counts).
public struct Grader {
    /// What grading reports, in order.
    public enum Event: Sendable, Codable, Hashable {
        /// For each exercise: nil when its answer can run, else why it cannot.
        case answers([String: String?])
        case check(number: Int, passed: Bool, detail: String)
        /// A command of the student's answer failed: its line in the hand-in and the error.
        case answerError(exercise: String, line: Int, message: String)
        case note(String)
        case done
    }

    public let sheet: Sheet

    /// The most characters of a message (an error, a detail) that reach the reports.
    public static let maximumMessage = 1000

    /// `message`, cut to ``maximumMessage`` characters with a note of how much was left out.
    public static func bounded(_ message: String) -> String {
        guard message.count > maximumMessage else { return message }
        return String(message.prefix(maximumMessage)) + "… (\(message.count - maximumMessage) more characters)"
    }

    /// The name of an "unknown name 'x'" or "unknown function 'f'" error, else nil.
    static func unknownName(in message: String) -> String? {
        for prefix in ["unknown name '", "unknown function '"] where message.hasPrefix(prefix) {
            let rest = message.dropFirst(prefix.count)
            guard let end = rest.firstIndex(of: "'") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    public init(sheet: Sheet) {
        self.sheet = sheet
    }

    /// Runs `handIn` and calls `emit` with each event.
    public func grade(_ handIn: HandIn, emit: @escaping (Event) -> Void) {
        var statuses: [String: String?] = [:]
        var blocks = sheet.notebook.blocks
        for exercise in sheet.exercises {
            switch handIn.answers[exercise.id] {
            case .commands(let commands)?:
                statuses[exercise.id] = .some(nil)
                blocks[exercise.block].commands = commands
            case .invalid(let reason)?:
                statuses[exercise.id] = Grader.bounded(reason)
                blocks[exercise.block].commands = []
            case nil:
                statuses[exercise.id] = "no answer block for exercise \(exercise.id) (```cahier exercise=\(exercise.id)) in the hand-in"
                blocks[exercise.block].commands = []
            }
        }
        emit(.answers(statuses))
        for note in handIn.notes { emit(.note(Grader.bounded(note))) }
        let notebook = Notebook(source: sheet.notebook.source, settings: sheet.notebook.settings,
                                frontMatterLastLine: sheet.notebook.frontMatterLastLine,
                                firstHeading: sheet.notebook.firstHeading, blocks: blocks,
                                codeLines: sheet.notebook.codeLines, warnings: [])
        var checkAt: [Int: [Int: Sheet.Check]] = [:]
        for check in sheet.checks { checkAt[check.block, default: [:]][check.command] = check }
        let answerAt = Dictionary(uniqueKeysWithValues: sheet.exercises.map { ($0.block, $0.id) })
        var reported: [String: Int] = [:]
        // Which exercise's solution defines each name, and why an answer could not define it.
        let definedBy = Dictionary(sheet.exercises.flatMap { exercise in
            sheet.notebook.blocks[exercise.block].commands.flatMap { $0.program.boundNames.map { ($0, exercise.id) } }
        }, uniquingKeysWith: { first, _ in first })
        var preparationFailed: [String: String] = [:]
        var failed: [String: String] = statuses.compactMapValues { $0 }.mapValues { $0.hasPrefix("no answer block") ? "is missing" : "cannot be read" }
        /// A missing name explained by the answer that was to define it, when one could not.
        func dependency(_ message: String, except own: String? = nil) -> String? {
            guard let name = Grader.unknownName(in: message), let exercise = definedBy[name], exercise != own, let why = failed[exercise] else { return nil }
            return "it uses '\(name)', which your answer to exercise \(exercise) defines, and that answer \(why)"
        }
        _ = NotebookRun(notebook, onCommand: { b, c, run in
            let error = run.outcome.error
            if let id = answerAt[b], let error {
                if reported[id, default: 0] < 5 {
                    reported[id, default: 0] += 1
                    var message = error.message
                    if let name = Grader.unknownName(in: message), let exercise = definedBy[name], exercise != id, let why = failed[exercise] {
                        message += " ('\(name)' comes from your answer to exercise \(exercise), which \(why))"
                    }
                    emit(.answerError(exercise: id, line: run.command.line, message: Grader.bounded(message)))
                }
                if failed[id] == nil { failed[id] = "stopped with an error at line \(run.command.line)" }
            }
            guard let check = checkAt[b]?[c] else {
                // A command preparing a check failed: the checks that need what it defines say so.
                if answerAt[b] == nil, let error {
                    let reason = dependency(error.message) ?? error.message
                    for name in run.command.program.boundNames { preparationFailed[name] = reason }
                }
                return
            }
            var detail = error?.message ?? ""
            if let explained = dependency(detail) {
                detail = "did not run: " + explained
            } else if let name = Grader.unknownName(in: detail), let reason = preparationFailed[name] {
                detail = "did not run: preparing it failed: \(reason)"
            }
            emit(.check(number: check.number, passed: error == nil, detail: Grader.bounded(detail)))
        })
        emit(.done)
    }
}
