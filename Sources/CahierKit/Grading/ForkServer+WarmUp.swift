import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ForkServer {
    /// Whether this process now serves warm, or its warm copy served in its place.
    enum WarmUp {
        /// This process is the warm copy: serve here.
        case serveHere
        /// The warm copy served and ended: this process has nothing left to do.
        case served
        /// No warm copy could be made (it could not fork safely after warming): serve here, as before.
        case cold
    }

    /// Most of what a forked child spends besides the student's code is done
    /// once per process the first time: the Swift runtime's type metadata and
    /// protocol conformances looked up, the code's pages mapped, the allocator's
    /// arenas grown. A server that only read the sheet leaves all of it to every
    /// child. So a copy of the server (a child) grades the sheet's own answers
    /// and an empty hand-in, here, on its evaluation thread, ends that thread,
    /// and, when it is then alone with one thread (forking is only safe so),
    /// serves the requests in this process's place, and its children inherit
    /// the warm caches. The warm-up's events are thrown away: each hand-in is
    /// graded by a child of its own, whose interpreter starts from the sheet as
    /// before, so no grade, work charge or message depends on it.
    ///
    /// Returns `.serveHere` in the warm copy, `.served` in this process once the
    /// copy has served and ended, `.cold` when no warm copy could be made in
    /// `timeout` seconds (then this process serves, as it did before).
    static func warmUp(_ sheet: Sheet, timeout: Double) -> WarmUp {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return .cold }
        let copy = fork()
        if copy < 0 {
            close(ends[0])
            close(ends[1])
            return .cold
        }
        if copy == 0 {
            close(ends[0])
            // It reads the requests from the same pipe as this process: it ends, as this one would, when the batch closes it.
            warm(sheet)
            guard endEvaluationThreads() else { _exit(0) }
            writeAll(ends[1], [1])
            close(ends[1])
            return .serveHere
        }
        close(ends[1])
        var answer: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while readSome(ends[0], into: &answer, before: deadline) == .read && answer.isEmpty {}
        close(ends[0])
        let ready = answer == [1]
        if !ready { kill(copy, SIGKILL) }
        var status: Int32 = 0
        while waitpid(copy, &status, 0) < 0 && errno == EINTR {}
        return ready ? .served : .cold
    }

    /// Grades the sheet's own answers and an empty hand-in, encoding every event, and throws the events away.
    static func warm(_ sheet: Sheet) {
        let grader = Grader(sheet: sheet)
        for source in [sheet.notebook.source, SourceText(path: "warm-up.md", bytes: [])] {
            grader.grade(HandIn(source)) { event in _ = WorkerProtocol.bytes(event) }
        }
    }

    /// Ends the idle evaluation thread the warm-up left (interpreters keep one
    /// for the next), and waits, a quarter of a second at most for each, until this process has one
    /// thread; false when it still has more.
    static func endEvaluationThreads() -> Bool {
        var count = threadCount()
        var stopped = 0
        while count != 1 && stopped < Worker.maximumIdle {
            // Worker.take gives an idle thread (or makes one when none is idle): stopping it ends it either way.
            Worker.take()?.stop()
            stopped += 1
            var waited = 0
            while threadCount() >= count && waited < 250 {
                usleep(1000)
                waited += 1
            }
            count = threadCount()
        }
        return count == 1
    }
}
