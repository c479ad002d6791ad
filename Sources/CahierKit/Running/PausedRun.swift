import CahierLearning

/// A notebook's run stopped before one of its blocks
/// (``NotebookRun/start(_:before:registry:lowering:workLimit:onCommand:)``), to
/// be continued from there by ``NotebookRun/init(continuing:_:workLimit:onCommand:)``:
/// its interpreter, with everything the blocks run so far bound, and their
/// outcomes. A grading server runs a sheet's set-up blocks so once and forks
/// a process per hand-in that continues it (``Grader/SetUp``).
///
/// Continued, it gives what running the whole notebook at once gives: the
/// work counts, the output counts, the generator, the data files read and the
/// memory the notebook holds (``heldBytes``, which the continuing thread's
/// count starts from) are where the blocks run so far left them. It can be
/// continued once (its interpreter runs on); a process that forks continues
/// its own copy.
public final class PausedRun: @unchecked Sendable {
    /// The notebook whose first ``blocks`` ran.
    public let notebook: Notebook
    let interpreter: Interpreter
    let context: EvaluationContext
    /// Whether the notebook is an exercise sheet (it has answer blocks: ``SheetPolicy``).
    let sheet: Bool
    /// The blocks that ran, in order: the run continues at `notebook.blocks[blocks.count]`.
    public internal(set) var blocks: [BlockRun] = []
    /// The block it stopped before: the first not run (the count of blocks when it ran them all).
    public internal(set) var stoppedBefore = 0
    /// The bytes the notebook held when it stopped (``Memory/allocatedBytes`` on the thread that ran it).
    public internal(set) var heldBytes = 0
    /// Whether a run continued it already.
    public internal(set) var continued = false

    /// A run of `notebook` that has run nothing yet, with a fresh interpreter
    /// seeded from its front matter, its work limits, and its folder as the
    /// only place it may read data from.
    init(_ notebook: Notebook, registry: Registry, progress: (@Sendable (EpochReport) -> Void)?, lowering: Lowering) {
        let context = EvaluationContext(seed: notebook.settings.seed, limits: notebook.settings.limits, digits: notebook.settings.digits,
                                        folder: NotebookRun.folder(of: notebook.path), progress: progress, lowering: lowering)
        context.language = notebook.settings.language
        let interpreter = Interpreter(registry: registry, context: context)
        let sheet = notebook.blocks.contains { $0.options.exercise != nil }
        if sheet { interpreter.policy = SheetPolicy() }
        self.notebook = notebook
        self.context = context
        self.interpreter = interpreter
        self.sheet = sheet
    }

    /// Whether any command run so far ended with an error.
    public var failed: Bool {
        blocks.contains { $0.commands.contains { $0.outcome.error != nil } }
    }

    /// Ends the evaluation thread the blocks ran on, keeping what they bound:
    /// a process can fork safely only with one thread, and a thread does not
    /// survive into the child, which continues on a thread of its own.
    public func endEvaluationThread() {
        interpreter.endEvaluationThread()
    }

    /// Whether `other` can continue this run: read from the same file with the
    /// same settings, and the blocks run so far the same (same options, same commands).
    public func fits(_ other: Notebook) -> Bool {
        guard !continued, other.path == notebook.path, other.settings == notebook.settings,
              other.blocks.count >= blocks.count, notebook.blocks.count >= blocks.count else { return false }
        return zip(other.blocks, notebook.blocks).prefix(blocks.count).allSatisfy { mine, theirs in
            mine.options == theirs.options && mine.openLine == theirs.openLine
                && mine.commands.map(\.text) == theirs.commands.map(\.text) && mine.commands.map(\.line) == theirs.commands.map(\.line)
        }
    }

    /// The blocks that ran, taken out of the run, so that the continuing run
    /// owns them alone and adds to them as the run that did not stop would.
    func takeBlocks() -> [BlockRun] {
        continued = true
        let taken = blocks
        blocks = []
        return taken
    }
}
