import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One hand-in graded in a child process: it is started, given `timeout`
/// seconds, then terminated (and killed 2 s later if it lingers). What it
/// reported until then counts; why it stopped early is said in `stopped`.
public struct WorkerProcess: Sendable {
    /// The program and its arguments.
    public var executable: String
    public var arguments: [String]

    /// The most a worker may report, in bytes; every message in it is already
    /// cut to ``Grader/maximumMessage`` characters, so only a broken worker says more.
    public static let maximumReport = 8_000_000

    public init(executable: String, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// The worker's events, and why it stopped early if it did.
    public struct Outcome: Sendable {
        public var events: [Grader.Event]
        public var stopped: GradeResult.Stop?
    }

    public func run(timeout: Double) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Outcome(events: [], stopped: .couldNotStart("\(error)"))
        }
        let timedOut = Locked(false)
        let deadline = DispatchWorkItem {
            timedOut.withLock { $0 = true }
            process.terminate()
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        // Read what the worker reports, up to a bound: a worker that says more is stopped.
        var data = Data()
        var overflowed = false
        while true {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            if overflowed { continue }
            data.append(chunk)
            if data.count > WorkerProcess.maximumReport {
                overflowed = true
                data = Data()
                process.terminate()
            }
        }
        process.waitUntilExit()
        deadline.cancel()
        let ended: WorkerEnding
        if overflowed {
            ended = .overflow
        } else if timedOut.withLock({ $0 }) {
            ended = .timeout
        } else if process.terminationReason == .uncaughtSignal {
            ended = .signal(process.terminationStatus)
        } else {
            ended = process.terminationStatus == 0 ? .done : .status(process.terminationStatus)
        }
        return WorkerProcess.outcome(output: data, ended: ended, timeout: timeout)
    }

    /// What a worker's output and the way it ended mean for the hand-in.
    static func outcome(output: Data, ended: WorkerEnding, timeout: Double) -> Outcome {
        if ended == .overflow { return Outcome(events: [], stopped: .overflow(bytes: WorkerProcess.maximumReport)) }
        let events = WorkerProtocol.events(from: output)
        if events.contains(.done) { return Outcome(events: events, stopped: nil) }
        if ended == .timeout { return Outcome(events: events, stopped: .timeLimit(seconds: timeout)) }
        return Outcome(events: events, stopped: .crashed(ended))
    }
}

/// A value shared between threads behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
