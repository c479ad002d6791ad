import CahierLearning
import Foundation

/// The result of running every command of a notebook in order, in one session.
public struct NotebookRun: Sendable {
    public let notebook: Notebook
    /// The actual output lines of each command: `outputs[block][command]`.
    public let outputs: [[[String]]]
    /// The figures each command drew: `figures[block][command]`.
    public let figures: [[[Figure]]]

    /// Runs the notebook with a fresh interpreter seeded from its front matter,
    /// its work limits, and its folder as the only place it may read data from.
    ///
    /// `onCommand(block, command, output)` is called after each command, as it runs.
    public init(_ notebook: Notebook, registry: Registry = .standard, progress: (@Sendable (EpochReport) -> Void)? = nil,
                onCommand: ((Int, Int, [String]) -> Void)? = nil) {
        let folder = URL(fileURLWithPath: notebook.path).deletingLastPathComponent().path
        let context = EvaluationContext(seed: notebook.settings.seed, limits: notebook.settings.limits, folder: folder, progress: progress)
        var interpreter = Interpreter(registry: registry, context: context)
        var outputs: [[[String]]] = []
        var figures: [[[Figure]]] = []
        for (b, block) in notebook.blocks.enumerated() {
            var blockOutputs: [[String]] = []
            var blockFigures: [[Figure]] = []
            interpreter.runningAnswer = block.options.exercise != nil
            for (c, command) in block.commands.enumerated() {
                blockOutputs.append(interpreter.run(command.statement))
                onCommand?(b, c, blockOutputs[c])
                blockFigures.append(interpreter.context.figures)
                if !interpreter.runningAnswer, case .bind(let name, _, _) = command.statement { interpreter.protectedNames.insert(name) }
            }
            outputs.append(blockOutputs)
            figures.append(blockFigures)
        }
        self.notebook = notebook
        self.outputs = outputs
        self.figures = figures
    }

    /// Every command with its actual output and whether it matches the expected one.
    public var results: [CommandResult] {
        var results: [CommandResult] = []
        for (b, block) in notebook.blocks.enumerated() {
            let tolerance = block.options.tolerance ?? notebook.settings.tolerance
            for (c, command) in block.commands.enumerated() {
                let actual = outputs[b][c]
                var passed = OutputComparison.matches(command.expected.lines, actual, tolerance: tolerance)
                // A student's answer has no expected outputs: it passes when it runs without error.
                if block.options.exercise != nil, command.expected.lines.isEmpty, !actual.contains(where: { $0.hasPrefix("error: ") }) {
                    passed = true
                }
                results.append(CommandResult(command: command, actual: actual, passed: passed))
            }
        }
        return results
    }
}

/// One command's outcome.
public struct CommandResult: Sendable {
    public var command: Command
    public var actual: [String]
    public var passed: Bool
}
