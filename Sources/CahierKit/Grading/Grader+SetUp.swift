import CahierLearning

extension Grader {
    /// A sheet's set-up run once for every hand-in: its commands before its
    /// first answer block, which no hand-in can change, run as a hand-in's
    /// run would run them, and stopped there (``PausedRun``). A worker server
    /// runs it before it forks a process per hand-in (``ForkServer``), and each
    /// continues it with the hand-in's answers and the rest of the sheet
    /// (``grade(_:from:emit:)``), instead of running the set-up again.
    ///
    /// Nothing a hand-in is graded by changes: the work and output counts,
    /// the generators, the data files read, the names bound and the memory
    /// the set-up holds count in the continuing run as if it had run them
    /// (``PausedRun``), and the events the set-up's commands gave (a check
    /// block's before the first answer) are given again, in their place.
    /// The time limit of a hand-in no longer includes the set-up.
    public final class SetUp: @unchecked Sendable {
        /// The sheet's run, stopped before its first answer block.
        public let run: PausedRun
        /// The events the set-up's commands gave, in order.
        public let events: [Event]

        init(run: PausedRun, events: [Event]) {
            self.run = run
            self.events = events
        }
    }

    /// Runs the sheet's commands before its first answer block, as grading a
    /// hand-in runs them, and keeps the run to continue. Nil when there are
    /// none, or when one ended with an error (its report could depend on the
    /// hand-in: which answers are missing), a limit among them: a hand-in
    /// is then graded by running the whole sheet, as without a set-up. The
    /// run's evaluation thread is ended, so that the process may fork.
    public func setUp() -> SetUp? {
        guard let first = sheet.exercises.map(\.block).min(),
              sheet.notebook.blocks[..<first].contains(where: { !$0.commands.isEmpty }) else { return nil }
        let solution = sheet.solutionWork ?? SolutionWork(measuring: sheet)
        // The events are kept, and what keeping them allocates on the evaluation thread is
        // left out of the memory the set-up holds: a hand-in's run writes them and keeps nothing.
        var events: [Event] = []
        var keeping = 0
        let onCommand = marking(failed: [:]) { event in
            let before = Memory.allocatedBytes
            events.append(event)
            keeping += Memory.allocatedBytes - before
        }
        let run = NotebookRun.start(sheet.notebook, before: first, workLimit: workLimit(solution), onCommand: onCommand)
        guard !run.failed, run.blocks.count == first else { return nil }
        run.heldBytes -= keeping
        run.endEvaluationThread()
        return SetUp(run: run, events: events)
    }
}
