#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on a thread with a stack large enough for the deepest
/// evaluation the limits allow (expressions nested ``Parser/maximumDepth``
/// deep inside calls nested `max-call-depth` deep), so that depth is bounded
/// by counted limits, never by the native stack.
enum LargeStack {
    /// The stack of the evaluation thread: address space reserved, touched only as used.
    static let size = 1 << 30

    /// Runs `body` on a thread of its own with a large stack and waits for it.
    static func run(_ body: @escaping () -> Void) {
        let job = Unmanaged.passRetained(Job(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        #if canImport(Glibc)
        var thread = pthread_t()
        let created = pthread_create(&thread, &attributes, LargeStack.start, job)
        #else
        var thread: pthread_t?
        let created = pthread_create(&thread, &attributes, LargeStack.start, job)
        #endif
        guard created == 0 else {
            // No thread could be made (resources exhausted): run here, on the caller's stack.
            Unmanaged<Job>.fromOpaque(job).takeRetainedValue().body()
            return
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
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
