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
    public init(_ notebook: Notebook, registry: Registry = .standard, progress: (@Sendable (EpochReport) -> Void)? = nil) {
        let folder = URL(fileURLWithPath: notebook.path).deletingLastPathComponent().path
        let context = EvaluationContext(seed: notebook.settings.seed, limits: notebook.settings.limits, folder: folder, progress: progress)
        var interpreter = Interpreter(registry: registry, context: context)
        var outputs: [[[String]]] = []
        var figures: [[[Figure]]] = []
        for block in notebook.blocks {
            var blockOutputs: [[String]] = []
            var blockFigures: [[Figure]] = []
            for command in block.commands {
                blockOutputs.append(interpreter.run(command.statement))
                blockFigures.append(interpreter.context.figures)
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
                results.append(CommandResult(command: command, actual: actual,
                                             passed: OutputComparison.matches(command.expected.lines, actual, tolerance: tolerance)))
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
