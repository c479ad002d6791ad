import CahierKit
import Foundation
import Testing

/// A sheet's set-up blocks run once and continued for each hand-in
/// (``Grader/SetUp``) grade exactly as running the whole sheet does.
@Suite("Set-up once") struct SetUpOnceTests {
    /// The events of grading `handIn` by running the whole sheet, and by continuing a set-up run
    /// once for it; and whether the set-up was there to continue.
    static func bothWays(_ sheet: Sheet, _ handIn: HandIn) -> (whole: [Grader.Event], continued: [Grader.Event], setUp: Grader.SetUp?) {
        let grader = Grader(sheet: sheet)
        var whole: [Grader.Event] = []
        grader.grade(handIn) { whole.append($0) }
        let setUp = grader.setUp()
        var continued: [Grader.Event] = []
        grader.grade(handIn, from: setUp) { continued.append($0) }
        return (whole, continued, setUp)
    }

    static func sheet(at path: String) throws -> Sheet {
        var sheet = try Sheet(try NotebookParser.load(path: Support.root.appendingPathComponent(path).path))
        // Measured once, as the worker server does, rather than by every grading.
        sheet.solutionWork = SolutionWork(measuring: sheet)
        return sheet
    }

    static func handIn(_ text: String) throws -> HandIn {
        HandIn(try SourceLoader.validate(path: "h.md", bytes: Array(text.utf8)))
    }

    @Test("sheets 2 and 4, in English and in French: every sample hand-in gets the same events from the set-up run once as from the whole sheet",
          arguments: ["notebooks/exercises/02-logistic-spam.md", "notebooks/exercises/04-training-loop.md",
                      "notebooks/fr/exercises/02-logistic-spam.md", "notebooks/fr/exercises/04-training-loop.md"])
    func courseSheets(path: String) throws {
        let sheet = try Self.sheet(at: path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let manager = FileManager.default
        var files: [String] = []
        let directory = Support.root.appendingPathComponent("Tests/HandIns/" + name).path
        files += try manager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".md") }.sorted().map { directory + "/" + $0 }
        #expect(files.count >= 6)
        for file in files {
            let (whole, continued, setUp) = Self.bothWays(sheet, HandIn(try HandIn.read(file)))
            // Both sheets open with one set-up block (the data, a helper) before their first exercise.
            #expect(setUp?.run.stoppedBefore == 1, "\(file)")
            #expect(setUp?.run.continued == true, "\(file): the grading continued the set-up")
            #expect(whole.last == .done)
            #expect(whole == continued, "\(file)")
        }
    }

    /// A sheet whose set-up holds 750,000 numbers of 8 bytes, 6 MB, under a memory limit of 10 MB.
    static let memorySheet = """
        ---
        max-memory: 10000000
        ---
        # Memory

        ```cahier
        > let big = zeros(750000)
        ```

        ```cahier exercise=grow points=1
        > let extra = zeros(10)
        ```

        ```cahier check=grow
        > expect(sum(extra) == 0, "extra holds zeros")
        ```

        """

    /// A hand-in whose answer makes `count` numbers.
    static func growing(_ count: Int) -> String {
        "# Memory\n\n```cahier exercise=grow\n> let extra = zeros(\(count))\n```\n"
    }

    @Test("the set-up's memory counts in the continued run: 6 MB held, 4.5 MB more pass the 10 MB limit and 2 MB do not, as running the whole sheet",
          arguments: [(562_500, 0.0), (250_000, 1.0)])
    func memory(count: Int, score: Double) throws {
        let sheet = try Sheet(try Support.notebook(Self.memorySheet))
        let (whole, continued, setUp) = Self.bothWays(sheet, try Self.handIn(Self.growing(count)))
        #expect(setUp != nil)
        #expect(whole == continued)
        // 6 MB + 562,500 × 8 B = 10.5 MB > 10 MB: refused; 6 MB + 250,000 × 8 B = 8 MB and the
        // interpreter's few kB fit. Had the set-up's 6 MB not counted, 4.5 MB alone would fit.
        let result = GradeResult(sheet: sheet, handIn: "h", events: continued, stopped: nil, language: .english)
        #expect(result.total == score)
        #expect(result.exercises.first?.answerErrors.contains { $0.contains("memory limit of 10 MB") } == (score == 0), "\(result.exercises)")
    }

    /// A sheet whose set-up makes 3,000,000 numbers (3,000,000 operations, one an element) under a notebook limit of 5,000,000.
    static let workSheet = """
        ---
        max-notebook-operations: 5000000
        ---
        # Work

        ```cahier
        > let base = ones(3000000)
        ```

        ```cahier exercise=more points=1
        > let extra = ones(10)
        ```

        ```cahier check=more
        > expect(sum(extra) > 0, "extra holds ones")
        ```

        """

    @Test("the set-up's work counts against max-notebook-operations in the continued run, as running the whole sheet",
          arguments: [(2_500_000, 0.0), (500_000, 1.0)])
    func notebookWork(count: Int, score: Double) throws {
        let sheet = try Sheet(try Support.notebook(Self.workSheet))
        let handIn = try Self.handIn("# Work\n\n```cahier exercise=more\n> let extra = ones(\(count))\n```\n")
        let (whole, continued, setUp) = Self.bothWays(sheet, handIn)
        #expect(setUp != nil)
        #expect(whole == continued)
        // 3,000,000 + 2,500,000 > 5,000,000: stopped; 3,000,000 + 500,000 made + 500,000 summed and
        // a few steps of 1,000 fit. Had the set-up's work not counted, 2,500,000 alone would fit.
        let result = GradeResult(sheet: sheet, handIn: "h", events: continued, stopped: nil, language: .english)
        #expect(result.total == score)
    }

    @Test("the memory and work sheets grade the same through the worker server, which forks from the set-up, as with a program per hand-in")
    func forkServer() throws {
        let folder = try Support.temporaryDirectory()
        for (name, sheet) in [("memory", Self.memorySheet), ("work", Self.workSheet)] {
            try sheet.write(to: folder.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
            let handIns = folder.appendingPathComponent("\(name)-hand-ins")
            try FileManager.default.createDirectory(at: handIns, withIntermediateDirectories: true)
            let texts = name == "memory"
                ? [("more", Self.growing(562_500)), ("less", Self.growing(250_000))]
                : [("more", "```cahier exercise=more\n> let extra = ones(2500000)\n```\n"), ("less", "```cahier exercise=more\n> let extra = ones(500000)\n```\n")]
            for (id, text) in texts { try text.write(to: handIns.appendingPathComponent("\(id).md"), atomically: true, encoding: .utf8) }
            var grades: [String] = []
            for mode in [[], ["--no-fork"]] {
                let out = folder.appendingPathComponent("\(name)-out\(mode.count)")
                let result = try Support.cahier(["grade", "--sheet", folder.appendingPathComponent("\(name).md").path, handIns.path,
                                                 "-o", out.path, "--timeout", "120"] + mode)
                #expect(result.status == 0, "\(result.stderr)")
                grades.append(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8))
                for id in ["more", "less"] {
                    let feedback = try String(contentsOf: out.appendingPathComponent("\(id)/feedback.md"), encoding: .utf8)
                    let other = try String(contentsOf: folder.appendingPathComponent("\(name)-out0/\(id)/feedback.md"), encoding: .utf8)
                    #expect(feedback == other, "\(name) \(id) \(mode)")
                }
            }
            let exercise = name == "memory" ? "grow" : "more"
            #expect(grades == Array(repeating: "Hand-in,\(exercise),Total\nless,1,1\nmore,0,0\n", count: 2), "\(name)")
        }
    }

    @Test("a sheet without set-up blocks has none to run; a set-up that fails, or that was continued already, or another sheet's, is not used")
    func noSetUp() throws {
        let first = try Self.sheet(at: "notebooks/exercises/01-perceptrons.md")
        #expect(Grader(sheet: first).setUp() == nil)
        let failing = try Sheet(try Support.notebook(Self.memorySheet.replacingOccurrences(of: "zeros(750000)", with: "zeros(-1)")))
        #expect(Grader(sheet: failing).setUp() == nil)
        // Sheet 1 graded with sheet 4's set-up, and sheet 4 with one already continued: the whole sheet runs.
        let fourth = try Self.sheet(at: "notebooks/exercises/04-training-loop.md")
        let used = Grader(sheet: fourth).setUp()
        Grader(sheet: fourth).grade(try Self.handIn(""), from: used) { _ in }
        #expect(used?.run.continued == true)
        for (sheet, folder) in [(first, "01-perceptrons"), (fourth, "04-training-loop")] {
            let handIn = HandIn(try HandIn.read(Support.root.appendingPathComponent("Tests/HandIns/\(folder)/partial.md").path))
            var whole: [Grader.Event] = []
            Grader(sheet: sheet).grade(handIn) { whole.append($0) }
            var given: [Grader.Event] = []
            Grader(sheet: sheet).grade(handIn, from: used) { given.append($0) }
            #expect(given == whole, "\(folder)")
        }
    }
}
