import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ForkServer {
    /// Whether this process now serves warm, or its warm copy served in its place.
    enum WarmUp {
        /// This process is the warm copy: serve here, continuing the sheet's set-up when it has one that ran.
        case serveHere(Grader.SetUp?)
        /// The warm copy served and ended: this process has nothing left to do.
        case served
        /// No warm copy could be made (it could not fork safely after warming): serve here, as before.
        case cold
    }

    /// Most of what a forked child spends besides the student's code is done
    /// once per process the first time: the Swift runtime's type metadata and
    /// protocol conformances looked up, the code's pages mapped, the allocator's
    /// arenas grown. A server that only read the sheet leaves all of it to every
    /// child. So a copy of the server (a child, under the memory limit `memory`
    /// its children have) measures the sheet's own run (``SolutionWork``), here,
    /// on its evaluation thread, and grades an empty hand-in; it sends the
    /// measure, ends its evaluation thread, and, when it is then alone with one
    /// thread (forking is only safe so), serves the requests in this process's
    /// place, and its children inherit the warm caches. Before it ends its
    /// evaluation thread it also runs the sheet's set-up blocks, once
    /// (``Grader/SetUp``): each child continues that run with its hand-in's
    /// answers, with everything the set-up did counted as if it had run in the
    /// child, so no grade, work charge or message depends on the warm-up.
    ///
    /// Returns `.serveHere` in the warm copy (with the set-up, when one ran), `.served` in this process once the
    /// copy has served and ended, `.cold` when no warm copy could be made within
    /// `timeout` seconds: then this process serves, as it did before, with the
    /// copy's measure of the sheet when it sent one (else each child measures it).
    static func warmUp(_ sheet: inout Sheet, memory: Int, timeout: Double) -> WarmUp {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return .cold }
        let copy = fork()
        if copy < 0 {
            close(ends[0])
            close(ends[1])
            return .cold
        }
        if copy == 0 {
            // It reads the requests from the same pipe as this process: it ends, as this one would, when the batch closes it.
            close(ends[0])
            #if canImport(Glibc)
            var limit = rlimit(rlim_cur: rlim_t(memory) << 20, rlim_max: rlim_t(memory) << 20)
            setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
            #endif
            let work = SolutionWork(measuring: sheet)
            sheet.solutionWork = work
            writeAll(ends[1], Array(work.text.utf8) + [0])
            warm(sheet)
            // The sheet's set-up blocks, run here once for every hand-in (see Grader.SetUp); its thread ended.
            var setUp = Grader(sheet: sheet).setUp()
            if !endEvaluationThreads() {
                // Something the set-up made keeps a thread: without it, as before.
                setUp = nil
                guard endEvaluationThreads() else { _exit(0) }
            }
            writeAll(ends[1], [1])
            close(ends[1])
            return .serveHere(setUp)
        }
        close(ends[1])
        // The measure, a NUL byte, then 1 once the copy serves.
        var answer: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while readSome(ends[0], into: &answer, before: deadline) == .read {
            if let end = answer.firstIndex(of: 0), answer.count > end + 1 { break }
        }
        close(ends[0])
        var ready = false
        if let end = answer.firstIndex(of: 0) {
            if let work = SolutionWork(text: String(decoding: answer[..<end], as: UTF8.self)), work.fits(sheet) { sheet.solutionWork = work }
            ready = sheet.solutionWork != nil && answer[(end + 1)...] == [1]
        }
        if !ready { kill(copy, SIGKILL) }
        var status: Int32 = 0
        while waitpid(copy, &status, 0) < 0 && errno == EINTR {}
        return ready ? .served : .cold
    }

    /// Grades an empty hand-in and reads the sheet as a hand-in, encoding every event, and throws the events away.
    static func warm(_ sheet: Sheet) {
        _ = HandIn(sheet.notebook.source)
        Grader(sheet: sheet).grade(HandIn(SourceText(path: "warm-up.md", bytes: []))) { event in _ = WorkerProtocol.bytes(event) }
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
