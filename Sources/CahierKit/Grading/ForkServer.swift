import CahierLearning
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Grading without starting a program per hand-in: a worker server starts
/// once, reads the sheet and loads its libraries, then forks a child per
/// hand-in. Each child is still a process of its own, with the same memory
/// limit (`RLIMIT_AS`) and time limit (killed when over it), so a crashing or
/// hostile hand-in can only lose its own checks; what the server skips is the
/// start-up of a program (the dynamic linker, the Swift runtime, parsing the
/// sheet), most of a small hand-in's cost. The server that forks is a warm
/// copy when it can be (``warmUp(_:memory:timeout:)``): one that has run the
/// sheet once, so that its children also skip the runtime's first-use costs,
/// and has run the sheet's set-up blocks, which its children continue
/// instead of running them again (``Grader/SetUp``).
///
/// The protocol, on the server's standard input and output: the batch writes
/// a hand-in's path ended by a NUL byte; the server answers with a line
/// `HOW COUNT` (HOW is `done`, `timeout`, `overflow`, `signal N` or
/// `status N`) and then COUNT bytes, the child's events as
/// ``WorkerProtocol`` lines. A server that cannot fork safely (it has more
/// than one thread) answers `unsupported 0` once and ends; the batch then
/// starts a program per hand-in as before.
public enum ForkServer {
    /// Serves requests until its input ends.
    public static func serve(sheet path: String, memory: Int, timeout: Double) throws(DiagnosticError) {
        var sheet = try Sheet(try NotebookParser.load(path: path))
        // Load BLAS here, once, unless that starts threads: forking is only safe with one.
        _ = BLAS.library
        signal(SIGPIPE, SIG_IGN)
        guard threadCount() == 1 else {
            writeAll(1, Array("\(WorkerEnding.unsupported.wire) 0\n".utf8))
            return
        }
        // What every child would otherwise set up for itself, done here once and inherited:
        // the message catalogues, and the encoder's type information for every event it may report.
        _ = Catalogue.byTag
        for event in Grader.Event.samples { _ = WorkerProtocol.bytes(event) }
        // The sheet's own run, measured once for every hand-in this server grades, by a copy of this
        // server (it needs a thread), which then serves in its place, warm, when it can (see warmUp).
        var setUp: Grader.SetUp?
        switch warmUp(&sheet, memory: memory, timeout: timeout) {
        case .served: return
        case .serveHere(let made): setUp = made
        case .cold: break
        }
        var request: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return }
            guard byte == 0 else {
                request.append(byte)
                continue
            }
            let handIn = String(decoding: request, as: UTF8.self)
            request = []
            let (how, output) = gradeInChild(sheet: sheet, setUp: setUp, handIn: handIn, memory: memory, timeout: timeout)
            guard writeAll(1, Array("\(how.wire) \(output.count)\n".utf8)), writeAll(1, output) else { return }
        }
    }

    /// Forks a child that grades `handIn` and reports on a pipe; reads the
    /// report within the time limit and the size limit, and reaps the child.
    static func gradeInChild(sheet: Sheet, setUp: Grader.SetUp?, handIn: String, memory: Int, timeout: Double) -> (how: WorkerEnding, output: [UInt8]) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return (.status(127), []) }
        let child = fork()
        if child < 0 {
            close(ends[0])
            close(ends[1])
            return (.status(127), [])
        }
        if child == 0 {
            // The child's standard output is its report, so that nothing it prints can reach
            // the server's answers; its standard input is empty, so that it cannot read the requests.
            close(ends[0])
            dup2(ends[1], 1)
            close(ends[1])
            let empty = open("/dev/null", O_RDONLY)
            if empty >= 0 {
                dup2(empty, 0)
                close(empty)
            }
            GradingWorker.run(sheet: sheet, handIn: handIn, memory: memory, setUp: setUp) { event in
                _ = writeAll(1, WorkerProtocol.bytes(event))
            }
            _exit(0)
        }
        close(ends[1])
        defer { close(ends[0]) }
        var output: [UInt8] = []
        var how: WorkerEnding?
        let deadline = Date().addingTimeInterval(timeout)
        reading: while true {
            switch readSome(ends[0], into: &output, before: deadline) {
            case .read:
                if output.count > WorkerProcess.maximumReport {
                    how = .overflow
                    output = []
                    break reading
                }
            case .ended: break reading
            case .late:
                how = .timeout
                break reading
            }
        }
        if how != nil { kill(child, SIGKILL) }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        if let how { return (how, output) }
        // The low 7 bits: the signal that ended it, or 0 when it exited with the status in the next 8.
        let signal = status & 0x7F
        if signal != 0 { return (.signal(signal), output) }
        let code = (status >> 8) & 0xFF
        return (code == 0 ? .done : .status(code), output)
    }

    /// What waiting for bytes on a descriptor gave.
    enum Reading { case read, ended, late }

    /// Appends what `descriptor` has to `bytes`, waiting for it until `deadline` at most.
    static func readSome(_ descriptor: Int32, into bytes: inout [UInt8], before deadline: Date) -> Reading {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return .late }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left * 1000 + 1, 60_000)))
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return .ended }
            bytes += buffer[0..<count]
            return .read
        }
    }

    /// The threads of this process (from /proc; 0 when it cannot be read).
    static func threadCount() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") }) else { return 0 }
        return Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    @discardableResult
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

/// The batch's side of a worker server: one per grading thread, started on
/// first use and ended with the batch.
final class ForkServerClient: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending: [UInt8] = []
    private(set) var broken = false

    init?(executable: String, arguments: [String]) {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
    }

    deinit {
        try? input.fileHandleForWriting.close()
        // A server ends when its input does (its warm copy first, then itself): a second at most, then it is stopped.
        var waited = 0
        while process.isRunning && waited < 1000 {
            usleep(1000)
            waited += 1
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Grades one hand-in; nil when the server cannot (it forks unsafely, or
    /// it failed), so that the batch grades it with a program of its own.
    func grade(_ handIn: String, timeout: Double) -> WorkerProcess.Outcome? {
        guard !broken, !handIn.utf8.contains(0) else { return nil }
        do {
            try input.fileHandleForWriting.write(contentsOf: Array(handIn.utf8) + [0])
        } catch {
            broken = true
            return nil
        }
        // The server enforces the time limit; give it room, then give up on it.
        let deadline = Date().addingTimeInterval(timeout + 15)
        guard let header = line(before: deadline) else {
            broken = true
            return nil
        }
        let parts = header.split(separator: " ")
        guard parts.count >= 2, let count = Int(parts[parts.count - 1]), count >= 0, count <= WorkerProcess.maximumReport,
              let body = bytes(count, before: deadline) else {
            broken = true
            return nil
        }
        guard let how = WorkerEnding(wire: parts.dropLast().joined(separator: " ")) else {
            broken = true
            return nil
        }
        if how == .unsupported {
            broken = true
            return nil
        }
        return WorkerProcess.outcome(output: Data(body), ended: how, timeout: timeout)
    }

    private func line(before deadline: Date) -> String? {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                return line
            }
            guard fill(before: deadline) else { return nil }
        }
    }

    private func bytes(_ count: Int, before deadline: Date) -> [UInt8]? {
        while pending.count < count {
            guard fill(before: deadline) else { return nil }
        }
        let body = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return body
    }

    /// Reads what the server has written, waiting until `deadline` at most; false at its end or past the deadline.
    private func fill(before deadline: Date) -> Bool {
        ForkServer.readSome(output.fileHandleForReading.fileDescriptor, into: &pending, before: deadline) == .read
    }
}
