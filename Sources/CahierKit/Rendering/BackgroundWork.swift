import Foundation

/// Work started on another thread at once, its result taken later: the
/// site's zips deflate their notebooks (zlib at level 9, a quarter of a large
/// render) on the second core while the pages render on the first. It saves
/// time on the clock, not CPU time: the same work is done, only beside the rest.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    // `value` is written once by the worker before `done` is signalled, and read only after waiting for it.
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?
    private let work: @Sendable () -> Value

    init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The work's result, once it is done (waiting for it if need be).
    func result() -> Value {
        done.wait()
        // Signalled again, so that a second call does not wait for ever.
        defer { done.signal() }
        // Always set once signalled; computed here rather than trapping should that ever not hold.
        return value ?? work()
    }
}
