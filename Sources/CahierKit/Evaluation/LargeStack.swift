import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread with a large stack that runs the jobs it is given one at a time,
/// while the caller waits: an interpreter keeps one, so its commands run deep
/// without the cost of a new thread each. When the interpreter ends, its
/// thread waits for the next interpreter (``Worker``) instead of ending.
final class EvaluationThread: @unchecked Sendable {
    private var worker: Worker?

    /// Runs `body` on the thread and waits for it; false, without running it,
    /// when no thread with a large stack can be made (an address-space limit
    /// below the stack's size): evaluating on a small stack could end the
    /// process by a signal.
    func run(_ body: @escaping () -> Void) -> Bool {
        if let worker, worker.isCurrent {
            // A job that runs more jobs runs them in place.
            body()
            return true
        }
        if worker == nil {
            guard let made = Worker.take() else { return false }
            worker = made
        }
        worker?.run(body)
        return true
    }

    /// Gives the thread back for another interpreter, or ends it.
    func stop() {
        guard let worker else { return }
        self.worker = nil
        if worker.isCurrent {
            // Still running this job: it ends after it, never handed over mid-job.
            worker.stop()
        } else {
            Worker.giveBack(worker)
        }
    }
}

/// One evaluation thread and its hand-over of jobs. Idle ones are kept, a
/// few per process: making a thread and unmapping its 1 GiB stack when it
/// ends cost about 40 µs, more than a small notebook's commands. An idle
/// thread keeps the stack pages its deepest evaluation touched: about 10 MB
/// after a recursion 1,000 calls deep, the most `max-call-depth` allows.
final class Worker: @unchecked Sendable {
    private let start = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var job: (() -> Void)?
    private var stopping = false
    /// The thread, once it runs.
    private var thread: pthread_t?

    /// How many idle threads a process keeps.
    static let maximumIdle = 4
    private static let lock = NSLock()
    nonisolated(unsafe) private static var idle: [Worker] = []
    /// The process the idle threads belong to: a child made by `fork` has none of them.
    nonisolated(unsafe) private static var owner = getpid()

    /// An idle thread, or a new one; nil when none can be made.
    static func take() -> Worker? {
        lock.lock()
        if owner != getpid() {
            idle = []  // threads of the parent process, which do not exist here
            owner = getpid()
        }
        let kept = idle.popLast()
        lock.unlock()
        if let kept { return kept }
        let worker = Worker()
        guard LargeStack.detach({ worker.loop() }) else { return nil }
        return worker
    }

    /// Keeps an idle thread for the next interpreter, or ends it when enough are kept.
    static func giveBack(_ worker: Worker) {
        lock.lock()
        let keep = owner == getpid() && idle.count < maximumIdle
        if keep { idle.append(worker) }
        lock.unlock()
        if !keep { worker.stop() }
    }

    /// Whether the caller is this thread.
    var isCurrent: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Runs `body` on the thread and waits for it.
    func run(_ body: @escaping () -> Void) {
        job = body
        start.signal()
        finished.wait()
    }

    private func loop() {
        thread = pthread_self()
        while true {
            start.wait()
            if stopping { return }
            job?()
            job = nil
            finished.signal()
        }
    }

    /// Ends the thread after the job it runs, if any.
    func stop() {
        stopping = true
        start.signal()
    }
}

/// Runs work on a thread with a stack large enough for the deepest
/// evaluation the limits allow (expressions nested ``Parser/maximumDepth``
/// deep inside calls nested `max-call-depth` deep), so that depth is bounded
/// by counted limits, never by the native stack.
enum LargeStack {
    /// The stack of the evaluation thread: address space reserved, touched only as used.
    static let size = 1 << 30

    /// Starts `body` on a detached thread with a large stack; false when no such thread can be made.
    @discardableResult
    static func detach(_ body: @escaping () -> Void) -> Bool {
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        guard pthread_create(&thread, &attributes, LargeStack.start, job) == 0 else {
            Unmanaged<Job>.fromOpaque(job).release()
            return false
        }
        return true
    }

    #if canImport(Glibc)
    private static let start: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { pointer in
        guard let pointer else { return nil }
        Unmanaged<Job>.fromOpaque(pointer).takeRetainedValue().body()
        return nil
    }
    #else
    private static let start: @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? = { pointer in
        Unmanaged<Job>.fromOpaque(pointer).takeRetainedValue().body()
        return nil
    }
    #endif

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
