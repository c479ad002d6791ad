import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Grading a batch of hand-ins against one sheet: each hand-in runs in a
/// worker process of its own, with a time and memory limit, several at once;
/// a crashing or hostile hand-in can only lose its own checks.
public struct GradeBatch: Sendable {
    public struct Options: Sendable {
        /// Seconds one hand-in may take.
        public var timeout: Double
        /// Hand-ins graded at once.
        public var jobs: Int
        /// The address space a worker may use, in MiB.
        public var memory: Int

        public init(timeout: Double = 60, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, memory: Int = 4096) {
            self.timeout = timeout
            self.jobs = jobs
            self.memory = memory
        }
    }

    /// A hand-in to grade: its ID (the file name without `.md`) and its path.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var path: String
    }

    public let sheetPath: String
    public let sheet: Sheet
    public var options: Options
    /// The worker process that grades one hand-in, given its path.
    public var worker: @Sendable (_ handIn: String) -> WorkerProcess
    /// A worker server to grade by forking (``ForkServer``): its program and
    /// arguments; nil, or a server that cannot fork safely, grades each
    /// hand-in with a ``worker`` process started for it.
    public var server: (executable: String, arguments: [String])?

    public init(sheetPath: String, options: Options = Options(), worker: @escaping @Sendable (_ handIn: String) -> WorkerProcess) throws(DiagnosticError) {
        self.sheetPath = sheetPath
        self.sheet = try Sheet(try NotebookParser.load(path: sheetPath))
        self.options = options
        self.worker = worker
    }

    /// The worker command of the `cahier` program at `executable`.
    public static func cahierWorker(executable: String, sheet: String, memory: Int) -> @Sendable (String) -> WorkerProcess {
        { handIn in
            WorkerProcess(executable: executable, arguments: ["grade-worker", "--sheet", sheet, "--memory", String(memory), "--", handIn])
        }
    }

    /// The worker server of the `cahier` program at `executable`.
    public static func cahierServer(executable: String, sheet: String, options: Options) -> (executable: String, arguments: [String]) {
        (executable, ["grade-worker", "--serve", "--sheet", sheet, "--memory", String(options.memory), "--timeout", String(options.timeout)])
    }

    /// The hand-ins named on the command line: each file as given; in a
    /// directory, each `.md` file directly in it (its ID the file's name) and
    /// each subfolder, one student's (its ID the folder's name, its hand-in
    /// the one notebook in it, or the one named like the sheet). What a class
    /// folder also holds is not a hand-in: README files, `data/` folders,
    /// hidden files. A student folder without one clear notebook is refused
    /// with a diagnostic.
    public static func handIns(_ paths: [String], sheet: String) throws(DiagnosticError) -> (entries: [Entry], refused: [Diagnostic]) {
        let sheetName = (sheet as NSString).lastPathComponent
        var pairs: [(id: String, path: String)] = []
        var refused: [Diagnostic] = []
        func diagnostic(_ message: String, _ path: String) -> Diagnostic {
            Diagnostic(.error, message, path: path, range: SourceRange(at: .init(line: 1, column: 1)))
        }
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                pairs.append((((path as NSString).lastPathComponent as NSString).deletingPathExtension, path))
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let names = ((try? manager.contentsOfDirectory(atPath: base)) ?? []).sorted()
            var found = false
            for name in names where !isIgnored(name) {
                let item = base + "/" + name
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: item, isDirectory: &isFolder) else { continue }
                if !isFolder.boolValue {
                    if NotebookFinder.isNotebookName(name) {
                        pairs.append(((name as NSString).deletingPathExtension, item))
                        found = true
                    } else {
                        // Never skipped in silence: a student's file that is not graded is named.
                        refused.append(diagnostic("hand-in refused: \(name) is not a notebook (a .md file)", item))
                    }
                    continue
                }
                let notebooks = NotebookFinder.markdownFiles(under: item).filter { file in
                    !file.dropFirst(item.count + 1).split(separator: "/").contains { isIgnored(String($0)) }
                }
                found = true
                switch notebooks.count {
                case 0:
                    refused.append(diagnostic("hand-in refused: the folder \(name) holds no notebook (.md file)", item))
                case 1:
                    pairs.append((name, notebooks[0]))
                default:
                    if let named = notebooks.first(where: { ($0 as NSString).lastPathComponent == sheetName }) {
                        pairs.append((name, named))
                    } else {
                        let list = notebooks.map { String($0.dropFirst(item.count + 1)) }.joined(separator: ", ")
                        refused.append(diagnostic("hand-in refused: the folder \(name) holds several notebooks (\(list)); keep one, or name it \(sheetName) like the sheet", item))
                    }
                }
            }
            if !found && refused.isEmpty {
                throw DiagnosticError([diagnostic("no hand-ins (.md files, or folders of students) in this directory", path)])
            }
        }
        let (entries, more) = try entries(pairs)
        return (entries, refused + more)
    }

    /// What a class folder holds besides hand-ins: READMEs, data folders, hidden files.
    static func isIgnored(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || lower == "data" || lower.hasPrefix("readme")
    }

    /// The hand-ins among `files`, sorted by ID, and a diagnostic for each file
    /// whose name cannot be an ID. IDs must be unique.
    public static func entries(_ files: [String]) throws(DiagnosticError) -> (entries: [Entry], refused: [Diagnostic]) {
        try entries(files.map { (((($0 as NSString).lastPathComponent as NSString).deletingPathExtension), $0) })
    }

    /// The hand-ins of `(ID, path)` pairs, sorted by ID, and a diagnostic for
    /// each ID that cannot be one. IDs must be unique.
    static func entries(_ pairs: [(id: String, path: String)]) throws(DiagnosticError) -> (entries: [Entry], refused: [Diagnostic]) {
        var byID: [String: String] = [:]
        var refused: [Diagnostic] = []
        for (id, file) in pairs {
            if let problem = problem(withID: id) {
                refused.append(Diagnostic(.error, "hand-in refused: \(problem); rename the file", path: file, range: SourceRange(at: .init(line: 1, column: 1))))
                continue
            }
            if let other = byID[id] {
                throw DiagnosticError([Diagnostic(.error, "hand-in ID '\(id)' is also the ID of \(other); rename one of them",
                                                  path: file, range: SourceRange(at: .init(line: 1, column: 1)))])
            }
            byID[id] = file
        }
        return (byID.keys.sorted().map { Entry(id: $0, path: byID[$0] ?? "") }, refused)
    }

    /// Why a file name cannot be a hand-in's ID (which names its report folder
    /// and appears in XML), or nil when it can.
    static func problem(withID id: String) -> String? {
        if id.isEmpty || id == "." || id == ".." { return "its name gives the ID '\(id)', which would name a folder outside the reports" }
        if id.contains("/") || id.contains("\\") { return "its ID may not contain '/' or '\\'" }
        if id.unicodeScalars.contains("\u{FFFD}") { return "its name is not UTF-8" }
        if id.unicodeScalars.contains(where: { !XML.allows($0) || TranscriptText.isControl($0) }) {
            return "its name holds a control character or a character XML cannot hold"
        }
        if id.utf8.count > 200 { return "its name is longer than 200 bytes" }
        return nil
    }

    /// Grades every entry; the results are in the order of the entries.
    public func grade(_ entries: [Entry]) -> [GradeResult] {
        let (sheet, timeout, worker, server) = (self.sheet, options.timeout, self.worker, self.server)
        // Servers not in use; each grading thread takes one (or starts one) and gives it back.
        let idle = Locked<[ForkServerClient]>([])
        let serving = Locked(server != nil)
        let results = GradePool(jobs: options.jobs).map(entries) { entry in
            var client: ForkServerClient?
            if let server, serving.withLock({ $0 }) {
                client = idle.withLock { $0.popLast() } ?? ForkServerClient(executable: server.executable, arguments: server.arguments)
            }
            let outcome = client?.grade(entry.path, timeout: timeout) ?? worker(entry.path).run(timeout: timeout)
            if let client {
                if client.broken {
                    // A server that cannot fork safely will not on the next hand-in either.
                    serving.withLock { $0 = false }
                } else {
                    idle.withLock { $0.append(client) }
                }
            }
            return GradeResult(sheet: sheet, handIn: entry.id, events: outcome.events, stopped: outcome.stopped,
                               language: sheet.notebook.settings.language)
        }
        idle.withLock { $0.removeAll() }
        return results
    }

    /// Each report is flushed to the disk before it is renamed into place
    /// (``AtomicFile``), so writing them is mostly waiting for the disk: this
    /// many hand-ins' reports are written at once (1,500 files took 4.6 s one
    /// after another, about 1 s eight at a time, on the machine of issue 26).
    static let reportWriters = 8

    /// Writes DIR/ID/results.json (Gradescope), DIR/ID/junit.xml, DIR/ID/feedback.md and DIR/grades.csv.
    /// Every hand-in's reports are written, several at once; the first error, in the order of
    /// `results`, is thrown, and then grades.csv is not written.
    public func writeReports(_ results: [GradeResult], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let errors = Locked<[Int: any Error]>([:])
        _ = GradePool(jobs: GradeBatch.reportWriters).map(Array(results.indices)) { i in
            do {
                try GradeBatch.writeReports(results[i], to: directory)
            } catch {
                errors.withLock { $0[i] = error }
            }
            return i
        }
        if let first = errors.withLock({ errors in errors.keys.min().flatMap { errors[$0] } }) { throw first }
        try AtomicFile.write(Array(Gradebook(exercises: sheet.exercises.map(\.id), results: results).csv.utf8), to: directory + "/grades.csv")
    }

    /// Writes DIR/ID/results.json, DIR/ID/junit.xml and DIR/ID/feedback.md of one hand-in.
    static func writeReports(_ result: GradeResult, to directory: String) throws {
        let folder = directory + "/" + result.handIn
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try AtomicFile.write(Array(try GradeReports.gradescope(result).utf8), to: folder + "/results.json")
        try AtomicFile.write(Array(GradeReports.junit(result).utf8), to: folder + "/junit.xml")
        try AtomicFile.write(Array(GradeReports.feedback(result).utf8), to: folder + "/feedback.md")
    }
}

/// What a grading worker does, in the child process: limit its memory, read
/// the sheet and the hand-in, grade, and report each event.
public enum GradingWorker {
    /// Grades `handIn` against `sheet`; events go to `emit` as they happen. A
    /// hand-in that cannot be read gets every exercise refused with the reason.
    /// Throws when the sheet itself cannot be read.
    public static func run(sheet path: String, handIn: String, memory: Int, emit: @escaping (Grader.Event) -> Void) throws(DiagnosticError) {
        run(sheet: try Sheet(try NotebookParser.load(path: path)), handIn: handIn, memory: memory, emit: emit)
    }

    /// Grades `handIn` against a sheet already read (in a child of a ``ForkServer``),
    /// continuing the sheet's set-up run once by the server when it gives one.
    public static func run(sheet: Sheet, handIn: String, memory: Int, setUp: Grader.SetUp? = nil, emit: @escaping (Grader.Event) -> Void) {
        #if canImport(Glibc)
        var limit = rlimit(rlim_cur: rlim_t(memory) << 20, rlim_max: rlim_t(memory) << 20)
        setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        #endif
        let source: SourceText
        do throws(DiagnosticError) {
            source = try HandIn.read(handIn)
        } catch {
            let reason = error.diagnostics.first.map { "the hand-in cannot be read: \($0.message)" } ?? "the hand-in cannot be read"
            emit(.answers(Dictionary(uniqueKeysWithValues: sheet.exercises.map { ($0.id, .unreadable(reason)) })))
            emit(.done)
            return
        }
        Grader(sheet: sheet).grade(HandIn(source), from: setUp, emit: emit)
    }
}
