import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread with a large stack that runs the jobs it is given one at a time,
/// while the caller waits: an interpreter keeps one, so its commands run deep
/// without the cost of a new thread each.
final class EvaluationThread: @unchecked Sendable {
    private let start = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var job: (() -> Void)?
    private var stopping = false
    private var running = false
    /// The thread, once it runs.
    private var thread: pthread_t?

    /// Whether the caller is this thread (a job that runs more jobs runs them in place).
    private var isCurrent: Bool {
        guard running, let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    /// Runs `body` on the thread and waits for it; false, without running it,
    /// when no thread with a large stack can be made (an address-space limit
    /// below the stack's size): evaluating on a small stack could end the
    /// process by a signal.
    func run(_ body: @escaping () -> Void) -> Bool {
        if isCurrent {
            body()
            return true
        }
        if !running {
            guard LargeStack.detach({ [self] in loop() }) else { return false }
            running = true
        }
        job = body
        start.signal()
        finished.wait()
        return true
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

    /// Ends the thread (its loop holds it, so it does not end by itself).
    func stop() {
        if running {
            stopping = true
            running = false
            start.signal()
        }
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
