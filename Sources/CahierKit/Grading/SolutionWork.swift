/// The work each command of a sheet needed with the sheet's own solutions:
/// what the grader holds the same command to when it runs a hand-in's answers
/// (`check-work-factor` times it, at least `check-work-floor`, at most
/// `max-operations`), so that an answer that never ends stops within a few
/// milliseconds of work instead of at `max-operations`. A hand-in's answer
/// block is held, command by command, to its solution block's whole work. Work is counted the same
/// on every machine (``WorkBudget``), so the limits, and the grades, are too.
public struct SolutionWork: Sendable, Hashable {
    /// `commands[block][command]`: the operations the command was charged.
    public var commands: [[Int]]

    public init(commands: [[Int]]) {
        self.commands = commands
    }

    /// Runs `sheet` with its solutions, once, and records each command's work.
    public init(measuring sheet: Sheet) {
        let run = NotebookRun(sheet.notebook)
        commands = run.blocks.map { $0.commands.map(\.work) }
    }

    /// The limit of command `command` of block `block`: `check-work-factor` times
    /// its solution's work, at least `check-work-floor`; nil where `max-operations`
    /// is as low. A command of a hand-in's answer block (`answer`) has no
    /// counterpart in the sheet: each is held to its whole solution block's work.
    public func limit(block: Int, command: Int, answer: Bool, settings: NotebookSettings) -> CommandWorkLimit? {
        guard commands.indices.contains(block), answer || commands[block].indices.contains(command) else { return nil }
        let solution = answer ? commands[block].reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 } : commands[block][command]
        let factor = settings.checkWorkFactor
        let (scaled, overflow) = solution.multipliedReportingOverflow(by: factor)
        let limit = max(settings.checkWorkFloor, overflow ? Int.max : scaled)
        guard limit < settings.limits.maximumCommandWork else { return nil }
        return CommandWorkLimit(operations: limit, reason: .limit(.checkWork(limit: limit, solution: solution, factor: factor)))
    }

    /// Whether it has a count for each command of each block of `sheet`.
    func fits(_ sheet: Sheet) -> Bool {
        commands.count == sheet.notebook.blocks.count && zip(commands, sheet.notebook.blocks).allSatisfy { $0.count == $1.commands.count }
    }

    /// A line per block, its commands' work separated by spaces.
    var text: String {
        commands.map { $0.map(String.init).joined(separator: " ") + "\n" }.joined()
    }

    /// Reads ``text``; nil when it is not a line per block of whole numbers ≥ 0.
    init?(text: String) {
        guard text.isEmpty || text.hasSuffix("\n") else { return nil }
        var commands: [[Int]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let numbers = line.split(separator: " ").map { Int($0) }
            guard numbers.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
            commands.append(numbers.compactMap { $0 })
        }
        self.commands = commands
    }
}
