import CahierLearning
import Foundation

/// A notebook after running: every command with its outcome and the verdict
/// of comparing that outcome with the expected output, computed once under
/// the tolerance that applies. `check`, the weaver, the renderer and the
/// grader all read this one value.
public struct NotebookRun: Sendable {
    public let notebook: Notebook
    /// The command blocks in order, each with its commands' outcomes.
    public let blocks: [BlockRun]
    /// The most numbers autograd's recorded operations held at once.
    public let tapePeak: Int
    /// The files and folders `load` read, as paths inside the notebook's
    /// folder (links resolved, `.` removed), sorted: what a copy of the
    /// notebook needs beside it to run (the site's downloads carry them).
    public let filesRead: [String]

    /// Runs the notebook with a fresh interpreter seeded from its front matter,
    /// its work limits, and its folder as the only place it may read data from.
    ///
    /// `onCommand(block, command, run)` is called after each command, as it runs (the
    /// grader streams check results with it). `workLimit(block, command)`, when it
    /// gives a limit, holds that command to it (the grader's limit for a check).
    /// `lowering` chooses the specialised or the plain lowering (``Lowering``; from
    /// `CAHIER_PLAIN` unless given).
    public init(_ notebook: Notebook, registry: Registry = .standard, progress: (@Sendable (EpochReport) -> Void)? = nil,
                lowering: Lowering = .fromEnvironment, workLimit: ((Int, Int) -> CommandWorkLimit?)? = nil,
                onCommand: ((Int, Int, CommandRun) -> Void)? = nil) {
        let start = PausedRun(notebook, registry: registry, progress: progress, lowering: lowering)
        self.init(start, notebook, holding: nil, workLimit: workLimit, onCommand: onCommand)
    }

    /// Runs `notebook`'s blocks before block `end` (all of them when it has
    /// fewer), as ``init(_:registry:progress:lowering:workLimit:onCommand:)``
    /// would, and stops there: ``init(continuing:_:workLimit:onCommand:)`` runs the rest.
    public static func start(_ notebook: Notebook, before end: Int, registry: Registry = .standard, lowering: Lowering = .fromEnvironment,
                             workLimit: ((Int, Int) -> CommandWorkLimit?)? = nil, onCommand: ((Int, Int, CommandRun) -> Void)? = nil) -> PausedRun {
        let paused = PausedRun(notebook, registry: registry, progress: nil, lowering: lowering)
        let (blocks, held) = paused.interpreter.batch {
            var blocks: [BlockRun] = []
            NotebookRun.run(notebook, paused.interpreter, context: paused.context, sheet: paused.sheet, upTo: end, into: &blocks,
                            workLimit: workLimit, onCommand: onCommand)
            // Where the run that does not stop goes on to the next block: what the notebook holds there.
            return (blocks, Memory.allocatedBytes)
        }
        paused.stoppedBefore = blocks.count
        paused.blocks = blocks
        paused.heldBytes = held
        return paused
    }

    /// Continues `paused` with the rest of `notebook` (whose blocks so far
    /// must be the ones that ran: ``PausedRun/fits(_:)``), on an evaluation
    /// thread that counts the memory the notebook held when it stopped: the
    /// run, its outcomes and every limit are then those of running `notebook`
    /// whole. Nil when `paused` cannot be continued with `notebook` (it was
    /// continued already, or its blocks differ).
    public init?(continuing paused: PausedRun, _ notebook: Notebook, workLimit: ((Int, Int) -> CommandWorkLimit?)? = nil,
                 onCommand: ((Int, Int, CommandRun) -> Void)? = nil) {
        guard paused.fits(notebook) else { return nil }
        self.init(paused, notebook, holding: paused.heldBytes, workLimit: workLimit, onCommand: onCommand)
    }

    /// Runs the rest of `notebook` after what `paused` ran; `holding`, when
    /// given, is the memory the notebook holds already, counted from the start.
    private init(_ paused: PausedRun, _ notebook: Notebook, holding: Int?, workLimit: ((Int, Int) -> CommandWorkLimit?)?,
                 onCommand: ((Int, Int, CommandRun) -> Void)?) {
        let (interpreter, context) = (paused.interpreter, paused.context)
        var blocks = paused.takeBlocks()
        interpreter.batch {
            if let holding { interpreter.continueCounting(holding: holding) }
            NotebookRun.run(notebook, interpreter, context: context, sheet: paused.sheet, upTo: notebook.blocks.count, into: &blocks,
                            workLimit: workLimit, onCommand: onCommand)
        }
        self.blocks = blocks
        self.notebook = notebook
        self.tapePeak = context.tape.peak
        // `load` keeps each value it read under its resolved path, a NUL, then its options.
        self.filesRead = Set(context.loaded.keys.map { key in String(key.prefix { $0 != "\u{0}" }) }).sorted()
    }

    /// The folder of the file at `path`, where its `load` reads: the path up to
    /// its last `/`, or "." for a bare file name (`load` resolves it, against
    /// the working directory when relative). Foundation's URL would take
    /// longer than many a notebook's commands.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Runs the blocks of `notebook` from the first not in `blocks` up to
    /// (not including) block `end`, adding each to `blocks`.
    private static func run(_ notebook: Notebook, _ interpreter: Interpreter, context: EvaluationContext, sheet: Bool, upTo end: Int,
                            into blocks: inout [BlockRun],
                            workLimit: ((Int, Int) -> CommandWorkLimit?)?, onCommand: ((Int, Int, CommandRun) -> Void)?) {
        for b in blocks.count..<min(end, notebook.blocks.count) {
            let block = notebook.blocks[b]
            if sheet {
                // In an exercise sheet (its policy, ``SheetPolicy``) each block draws from its own generator,
                // so an answer's draws can never shift the sheet's; an answer's code (its functions,
                // wherever they run) sees no name a check bound.
                interpreter.startBlock(answer: block.options.exercise != nil, check: block.options.check != nil,
                                       random: Xoshiro256(seed: NotebookRun.seed(notebook.settings.seed, block: b)))
            }
            let tolerance = block.options.tolerance ?? notebook.settings.tolerance
            var commands: [CommandRun] = []
            for (c, command) in block.commands.enumerated() {
                let outcome = interpreter.run(command.program, workLimit: workLimit?(b, c))
                let run = CommandRun(command: command, outcome: outcome, work: context.budget.command,
                                     verdict: Verdict(command.expected, outcome, tolerance: tolerance, answer: interpreter.runningAnswer))
                commands.append(run)
                onCommand?(b, c, run)
                interpreter.policy?.bound(command.program.boundNames, check: block.options.check != nil, answer: block.options.exercise != nil)
            }
            if sheet { interpreter.endBlock() }
            blocks.append(BlockRun(block: block, tolerance: tolerance, commands: commands))
        }
    }

    /// The seed of block `block`'s generator in an exercise sheet: the sheet's
    /// seed plus the block's place times 2⁶⁴/φ, which SplitMix64 (seeding
    /// xoshiro256**) then mixes.
    public static func seed(_ seed: UInt64, block: Int) -> UInt64 {
        seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(block + 1)
    }

    /// Every command of the notebook, in order.
    public var commands: [CommandRun] { blocks.flatMap(\.commands) }
}

/// One command block after running.
public struct BlockRun: Sendable {
    public let block: CommandBlock
    /// The tolerance its outputs were compared with: the block's, else the front matter's.
    public let tolerance: Tolerance
    public let commands: [CommandRun]

    /// Every figure the block's commands drew, in order.
    public var figures: [Figure] { commands.flatMap(\.outcome.figures) }
}

/// One command after running: its outcome and its verdict.
public struct CommandRun: Sendable {
    public let command: Command
    public let outcome: CommandOutcome
    /// The operations the command was charged (``WorkBudget/command`` when it ended).
    public let work: Int
    public let verdict: Verdict

    public var passed: Bool { verdict != .differs }
}

/// Whether a command's outcome is what the notebook expects.
public enum Verdict: Sendable, Hashable {
    /// The output matches the expected output.
    case matches
    /// A student's answer that shows no expected output and ran without error.
    case answered
    /// The output differs from the expected output.
    case differs

    /// Compares `outcome` with `expected` under `tolerance`. In an answer block
    /// (`answer`), a command with no expected output passes when it does not fail.
    public init(_ expected: ExpectedOutput, _ outcome: CommandOutcome, tolerance: Tolerance, answer: Bool) {
        if outcome.error != nil, expected.showsNothing {
            // A failure always writes its `error:` line, so it cannot match an expectation of no output: no need to word it.
            self = .differs
        } else if OutputComparison.matches(expected.lines, outcome.lines, tolerance: tolerance) {
            self = .matches
        } else if answer, expected.lines.isEmpty, outcome.error == nil {
            self = .answered
        } else {
            self = .differs
        }
    }
}
