/// The result of running every command of a notebook in order, in one session.
public struct NotebookRun: Sendable {
    public let notebook: Notebook
    /// The actual output lines of each command: `outputs[block][command]`.
    public let outputs: [[[String]]]

    /// Runs the notebook with a fresh interpreter seeded from its front matter.
    public init(_ notebook: Notebook, registry: Registry = .standard, limits: WorkLimits = WorkLimits()) {
        var interpreter = Interpreter(registry: registry, seed: notebook.settings.seed, limits: limits)
        self.notebook = notebook
        self.outputs = notebook.blocks.map { block in
            block.commands.map { interpreter.run($0.statement) }
        }
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
