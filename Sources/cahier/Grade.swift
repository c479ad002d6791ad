import ArgumentParser
import CahierKit
import Foundation

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade hand-ins against an exercise sheet.",
        discussion: """
        Each hand-in's answer blocks (matched by exercise ID) replace the solutions in the teacher's sheet, which then runs with its checks. \
        Every hand-in runs in its own child process with a time and memory limit, several at once. Writes DIR/ID/results.json (Gradescope), \
        DIR/ID/junit.xml, DIR/ID/feedback.md and the grade book DIR/grades.csv.
        """
    )

    @Option(help: "The teacher's exercise sheet.")
    var sheet: String

    @Argument(help: "Hand-ins (.md files) or directories of hand-ins.")
    var handIns: [String]

    @Option(name: .shortAndLong, help: "The directory to write the reports into.")
    var output: String

    @Option(help: "Grade only slice K of N (like 2/8): hand-ins sorted by ID, every N-th from the K-th.")
    var shard: String?

    @Option(help: "Seconds one hand-in may take.")
    var timeout: Double = 60

    @Option(help: "Hand-ins graded at once (default: the number of cores).")
    var jobs: Int?

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, like 2/8") }
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be from 1 to 256") }
        guard !handIns.isEmpty else { throw ValidationError("name at least one hand-in or directory of hand-ins") }
    }

    func run() throws {
        let parsed: Sheet
        let files: [String]
        do throws(DiagnosticError) {
            parsed = try Sheet(try NotebookParser.load(path: sheet))
            files = try NotebookFinder.expand(handIns)
        } catch {
            report(error)
            throw ExitCode(Status.badInput.rawValue)
        }
        // Each hand-in's ID is its file name without .md; IDs must be unique.
        var byID: [String: String] = [:]
        for file in files {
            let id = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            if let other = byID[id] {
                report("\(file):1:1: error: hand-in ID '\(id)' is also the ID of \(other); rename one of them")
                throw ExitCode(Status.badInput.rawValue)
            }
            byID[id] = file
        }
        var ids = byID.keys.sorted()
        if let shard, let slice = Shard(shard) { ids = slice.select(ids) }
        let worker = Self.executable
        let results = GradePool(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, timeout: timeout).grade(ids.map { ($0, byID[$0]!) }) { id, path in
            WorkerRun(executable: worker, sheet: sheet, handIn: path).run(timeout: timeout).result(sheet: parsed, id: id)
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for result in results {
                let folder = output + "/" + result.handIn
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try AtomicFile.write(Array(try GradeReports.gradescope(result).utf8), to: folder + "/results.json")
                try AtomicFile.write(Array(GradeReports.junit(result).utf8), to: folder + "/junit.xml")
                try AtomicFile.write(Array(GradeReports.feedback(result).utf8), to: folder + "/feedback.md")
            }
            try AtomicFile.write(Array(Gradebook(exercises: parsed.exercises.map(\.id), results: results).csv.utf8), to: output + "/grades.csv")
        } catch {
            report("\(output):1:1: error: \(error)")
            throw ExitCode(Status.badInput.rawValue)
        }
        for result in results {
            print("\(result.handIn): \(Display.number(GradeReports.round2(result.total))) / \(Display.number(result.maximum))")
        }
        let mean = results.isEmpty ? 0 : results.reduce(0) { $0 + $1.total } / Double(results.count)
        print("graded \(results.count) hand-ins; mean \(Display.number(GradeReports.round2(mean))) / \(Display.number(parsed.maximum)); reports in \(output)")
    }

    /// This program, to start workers with.
    static var executable: String {
        if FileManager.default.fileExists(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

/// `K/N`: the K-th of N slices, 1-based.
struct Shard {
    var index: Int
    var count: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else { return nil }
        index = k
        count = n
    }

    /// Every N-th ID of the sorted list, from the K-th: the same slice on every machine.
    func select(_ sortedIDs: [String]) -> [String] {
        sortedIDs.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

/// Runs a job per hand-in, `jobs` at a time, and returns the results in the order given.
struct GradePool {
    var jobs: Int
    var timeout: Double

    func grade(_ items: [(String, String)], _ work: @escaping @Sendable (String, String) -> GradeResult) -> [GradeResult] {
        let results = Locked([GradeResult?](repeating: nil, count: items.count))
        let next = Locked(0)
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(items.count, 1)) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let i = next.withLock { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    guard i < items.count else { break }
                    let result = work(items[i].0, items[i].1)
                    results.withLock { $0[i] = result }
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { $0.compactMap { $0 } }
    }
}

/// A value shared between threads behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// One worker process: its events, and why it stopped early if it did.
struct WorkerRun {
    var executable: String
    var sheet: String
    var handIn: String

    struct Outcome {
        var events: [Grader.Event]
        var stopped: String?

        func result(sheet: Sheet, id: String) -> GradeResult {
            GradeResult(sheet: sheet, handIn: id, events: events, stopped: stopped)
        }
    }

    func run(timeout: Double) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["grade-worker", "--sheet", sheet, "--", handIn]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Outcome(events: [], stopped: "the grader could not start: \(error)")
        }
        let timedOut = Locked(false)
        let deadline = DispatchWorkItem {
            timedOut.withLock { $0 = true }
            process.terminate()
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        let decoder = JSONDecoder()
        var events: [Grader.Event] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            // A worker stopped mid-write leaves a partial last line: it is not an event, and is skipped.
            if let event = try? decoder.decode(Grader.Event.self, from: Data(line)) { events.append(event) }
        }
        if events.contains(.done) { return Outcome(events: events, stopped: nil) }
        if timedOut.withLock({ $0 }) {
            return Outcome(events: events, stopped: "grading stopped after \(Display.number(timeout)) seconds (time limit); the checks not reached score 0")
        }
        let how = process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "status \(process.terminationStatus)"
        return Outcome(events: events, stopped: "the grader stopped with \(how) (out of memory or a crash); the checks not reached score 0")
    }
}
