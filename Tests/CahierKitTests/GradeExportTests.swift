import CahierKit
import Foundation
import Testing

/// Grades leaving Cahier: Gradescope's autograder bundle (its zip, its
/// scripts, its results.json) and the grade books Moodle and Canvas import.
@Suite("Grade exports")
struct GradeExportTests {
    static let exports = Support.root.appendingPathComponent("Tests/GradeExports")
    static let sheets = Support.root.appendingPathComponent("notebooks/exercises")

    // MARK: ZipWriter

    @Test("CRC-32 gives the standard check value for \"123456789\" (0xCBF43926, the catalogue value of CRC-32/ISO-HDLC)")
    func crcCheckValue() throws {
        var writer = ZipWriter()
        writer.add(path: "check.txt", data: Array("123456789".utf8), executable: false)
        let bytes = writer.bytes()
        // The local header's CRC field sits at offset 14, little-endian.
        let crc = UInt32(bytes[14]) | UInt32(bytes[15]) << 8 | UInt32(bytes[16]) << 16 | UInt32(bytes[17]) << 24
        #expect(crc == 0xCBF4_3926)
    }

    @Test("a zip is read back by unzip: same names, contents and modes, dated 1980-01-01, and the same bytes every time")
    func zipReadBack() throws {
        func make() -> [UInt8] {
            var writer = ZipWriter()
            writer.add(path: "run.sh", data: Array("#!/bin/sh\necho hi\n".utf8), executable: true)
            writer.add(path: "data/é 叶 😀.csv", data: Array("a,b\n1,2\n".utf8), executable: false)
            writer.add(path: "empty", data: [], executable: false)
            #expect(writer.problem == nil)
            return writer.bytes()
        }
        let bytes = make()
        #expect(bytes == make())
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("t.zip")
        try Data(bytes).write(to: zip)
        let test = try Support.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-tq", zip.path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        let listing = try Support.run(URL(fileURLWithPath: "/usr/bin/zipinfo"), [zip.path])
        #expect(listing.stdout.contains("-rwxr-xr-x") && listing.stdout.contains("run.sh"))
        #expect(listing.stdout.contains("-rw-r--r--") && listing.stdout.contains("80-Jan-01 00:00"))
        let out = folder.appendingPathComponent("out")
        let unpacked = try Support.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-q", zip.path, "-d", out.path])
        #expect(unpacked.status == 0, "\(unpacked.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("data/é 叶 😀.csv"), encoding: .utf8) == "a,b\n1,2\n")
        #expect(FileManager.default.isExecutableFile(atPath: out.appendingPathComponent("run.sh").path))
        #expect(try Data(contentsOf: out.appendingPathComponent("empty")).isEmpty)
    }

    @Test("a path that is not a plain relative path, or one added twice, is refused and nothing is written",
          arguments: ["", "/etc/passwd", "a/../b", "a//b", "./a", "a/", "..", "a\\b", "twice"])
    func refusedPaths(_ path: String) {
        var writer = ZipWriter()
        writer.add(path: "twice", data: [1], executable: false)
        writer.add(path: path, data: [2], executable: false)
        #expect(writer.problem != nil)
        #expect(writer.bytes().isEmpty)
    }

    // MARK: The autograder bundle

    @Test("the data files of a sheet are the literal paths of its load calls, anywhere; a computed path is an error at its line")
    func dataFiles() throws {
        let notebook = try Support.notebook("""
        # Sheet

        ```cahier
        > let a = load("data/a.csv")
        > func f() -> Number {
        |   let b = load("data/b.tsv", label: "y")
        |   return 1
        | }
        > let name = "c"
        > let c = load("data/" + name + ".csv")
        > let again = load("data/a.csv")
        ```
        """, path: "sheet.md")
        let (uses, computed) = SheetDataFiles.uses(notebook)
        #expect(uses.map(\.path) == ["data/a.csv", "data/b.tsv"])
        #expect(computed.count == 1)
        #expect(computed.first?.formatted.hasPrefix("sheet.md:10:11: error:") == true)
    }

    @Test("the bundle is verified before it is written: the sheet's solutions must score every point with the packed files alone")
    func bundleVerified() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("x,label\n1,0\n2,1\n".utf8).write(to: folder.appendingPathComponent("data/two.csv"))
        try Data("x,label\n1,0\n".utf8).write(to: folder.appendingPathComponent("data/one.csv"))
        let sheet = folder.appendingPathComponent("s.md")
        // The path is computed, so the teacher names the file; two rows make the check pass.
        try Data("""
        # Sheet

        ```cahier exercise=a points=1
        > // solution
        > let name = "data/two.csv"
        > let d = load(name)
        > // end solution
        ```

        ```cahier check=a
        > expect(d.x.shape[0] == 2, "two rows")
        ```

        """.utf8).write(to: sheet)
        func make(_ arguments: [String]) throws -> (Support.Result, Bool) {
            let zip = folder.appendingPathComponent("a.zip")
            try? FileManager.default.removeItem(at: zip)
            let run = try Support.cahier(["autograder", sheet.path, "-o", zip.path, "--cahier-source", Support.root.path] + arguments)
            return (run, FileManager.default.fileExists(atPath: zip.path))
        }
        let (computed, _) = try make([])
        #expect(computed.status == 2 && computed.stderr.contains("s.md:6:11: error: this load's path is computed"), "\(computed.stderr)")
        let (wrong, wroteWrong) = try make(["--include", "data/one.csv"])
        #expect(wrong.status == 1 && !wroteWrong && wrong.stderr.contains("score 0 / 1"), "\(wrong.stderr)")
        let (right, wroteRight) = try make(["--include", "data/two.csv"])
        #expect(right.status == 0 && wroteRight, "\(right.stderr)")
    }

    /// The hand-ins run through the bundle and their grades, from Tests/HandIns/README.md (derived by hand there).
    static let bundleCases: [(sheet: String, handIns: [(name: String, score: Double)])] = [
        ("01-perceptrons", [("full", 10), ("partial", 6), ("wrong", 1), ("malicious", 0)]),
        ("02-logistic-spam", [("full", 10), ("syntax-errors", 0)]),
        ("03-mlp", [("partial", 8.5)]),
        ("04-training-loop", [("wrong", 3)]),
    ]

    @Test("the bundle's run_autograder grades each sample hand-in in a fake /autograder into a results.json that meets Gradescope's documented fields",
          arguments: bundleCases.indices)
    func bundleRunsInFakeRoot(_ index: Int) throws {
        let (sheet, handIns) = Self.bundleCases[index]
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("autograder.zip")
        let made = try Support.cahier(["autograder", Self.sheets.appendingPathComponent(sheet + ".md").path, "-o", zip.path,
                                       "--cahier-source", Support.root.path, "--no-verify"])
        #expect(made.status == 0, "\(made.stderr)")
        // Gradescope's layout: the zip unpacked in source/, run_autograder copied beside it.
        let root = folder.appendingPathComponent("autograder")
        let source = root.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let unpacked = try Support.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-q", zip.path, "-d", source.path])
        try #require(unpacked.status == 0, "\(unpacked.stderr)")
        for name in ["setup.sh", "run_autograder", "sheet/\(sheet).md", "cahier/Package.swift", "cahier/Sources/cahier/Cahier.swift"] {
            #expect(FileManager.default.fileExists(atPath: source.appendingPathComponent(name).path), "\(name) is in the bundle")
        }
        try FileManager.default.copyItem(at: source.appendingPathComponent("run_autograder"), to: root.appendingPathComponent("run_autograder"))
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("Tests/Schemas/gradescope-results.schema.json")))
        for (handIn, score) in handIns {
            let submission = root.appendingPathComponent("submission")
            try? FileManager.default.removeItem(at: submission)
            try? FileManager.default.removeItem(at: root.appendingPathComponent("results"))
            try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Support.root.appendingPathComponent("Tests/HandIns/\(sheet)/\(handIn).md"),
                                             to: submission.appendingPathComponent("\(sheet).md"))
            let run = try Support.run(root.appendingPathComponent("run_autograder"), [],
                                      environment: ["CAHIER_AUTOGRADER_ROOT": root.path, "CAHIER_BINARY": Support.binary.path])
            #expect(run.status == 0, "\(handIn): \(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("results/results.json")))
            #expect(JSONSchemaCheck.problems(json, schema).isEmpty, "\(handIn): \(JSONSchemaCheck.problems(json, schema))")
            let results = try #require(json as? [String: Any])
            #expect(results["score"] as? Double == score, "\(sheet)/\(handIn)")
            #expect(results["max_score"] as? Double == 10)
            #expect(results["output_format"] as? String == "md")
            let tests = try #require(results["tests"] as? [[String: Any]])
            let sum = tests.reduce(0.0) { $0 + (($1["score"] as? Double) ?? -1000) }
            #expect(abs(sum - score) < 1e-9, "the tests' scores add up to the score")
            #expect(Set(tests.compactMap { $0["visibility"] as? String }) == ["visible", "after_published"], "visible and hidden checks both appear")
        }
    }

    @Test("a submission without one clear notebook scores 0 with the reason, in a valid results.json",
          arguments: [([String](), "holds no notebook"), (["a.md", "b.md"], "several notebooks")])
    func unclearSubmission(_ files: [String], _ reason: String) throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
        for file in files { try Data("# answers\n".utf8).write(to: submission.appendingPathComponent(file)) }
        let results = folder.appendingPathComponent("results.json")
        let run = try Support.cahier(["autograder", "run", "--sheet", Self.sheets.appendingPathComponent("03-mlp.md").path,
                                      "--submission", submission.path, "--results", results.path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: results))
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("Tests/Schemas/gradescope-results.schema.json")))
        #expect(JSONSchemaCheck.problems(json, schema).isEmpty)
        let object = try #require(json as? [String: Any])
        #expect(object["score"] as? Double == 0)
        #expect((object["output"] as? String)?.contains(reason) == true)
    }

    @Test("the schema check refuses what Gradescope's specification does not allow (so it can fail)")
    func schemaRefuses() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("Tests/Schemas/gradescope-results.schema.json")))
        let bad: [[String: Any]] = [
            ["score": 1],
            ["tests": [["name": "a", "score": 1, "max_score": 1, "status": "ok", "output": "", "visibility": "visible"]]],
            ["tests": [["name": "a", "score": 1, "status": "passed", "output": "", "visibility": "visible"]]],
            ["tests": [], "output_format": "markdown"],
            ["tests": [], "scores": 3],
        ]
        for document in bad { #expect(!JSONSchemaCheck.problems(document, schema).isEmpty, "\(document)") }
    }

    @Test("setup.sh is valid bash that installs the libraries Cahier links and the pinned Swift, then builds Cahier from the bundle")
    func setupScript() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("setup.sh")
        let text = AutograderScripts.setup(swiftVersion: "6.3.1")
        try Data(text.utf8).write(to: script)
        let syntax = try Support.run(URL(fileURLWithPath: "/bin/bash"), ["-n", script.path])
        #expect(syntax.status == 0, "\(syntax.stderr)")
        for needed in ["libcmark-dev", "libpng-dev", "zlib1g-dev", "libopenblas-dev", "swift_version='6.3.1'", "gpg --batch --verify", "swift build -c release --product cahier"] {
            #expect(text.contains(needed), "\(needed)")
        }
    }

    // MARK: Moodle and Canvas

    static func text(_ name: String) throws -> String {
        try String(contentsOf: exports.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("Moodle's and Canvas's grade books match the hand-written files; the unmatched hand-ins and the students without one are named",
          arguments: [(GradebookPlatform.moodle, "moodle-roster.csv", "expected-moodle.csv", ["stranger"]),
                      (.canvas, "canvas-roster.csv", "expected-canvas.csv", ["kurt", "stranger"])])
    func platformBooks(_ platform: GradebookPlatform, _ rosterFile: String, _ expectedFile: String, _ unmatched: [String]) throws {
        let roster = try Roster(try Self.text(rosterFile), path: rosterFile)
        let book = try Gradebook(parsing: try Self.text("grades.csv"), path: "grades.csv")
        let made = try book.export(to: platform, roster: roster, assignment: "Perceptrons", pointsPossible: 10)
        #expect(made.csv == (try Self.text(expectedFile)))
        #expect(made.unmatched == unmatched)
        #expect(made.missing.map(\.handIn) == [""])
        #expect(made.warnings(roster: roster, output: "out.csv").count == unmatched.count)
    }

    /// expected-moodle.csv with Grace's row (she has no hand-in) removed, or with zeros in her cells.
    @Test("a student without a hand-in gets empty cells, no row, or zeros, as asked",
          arguments: [(MissingGrade.empty, "grace@example.org,,,,\n"), (.omit, ""), (.zero, "grace@example.org,0,0,0,0\n")])
    func missingGrades(_ missing: MissingGrade, _ graceRow: String) throws {
        let roster = try Roster(try Self.text("moodle-roster.csv"), path: "moodle-roster.csv")
        let book = try Gradebook(parsing: try Self.text("grades.csv"), path: "grades.csv")
        let made = try book.export(to: .moodle, roster: roster, assignment: "Perceptrons", pointsPossible: 10, missing: missing)
        let expected = try Self.text("expected-moodle.csv").replacingOccurrences(of: "grace@example.org,,,,\n", with: graceRow)
        #expect(made.csv == expected)
        #expect(made.missing.count == 1, "Grace is reported whatever her cells")
    }

    @Test("Moodle's book is keyed by ID number when asked, or when the roster has no e-mail column",
          arguments: [("ID number,Hand-in\n1001,ada\n", MoodleIdentity?.none), ("Email address,ID number,Hand-in\na@x,1001,ada\n", .idnumber)])
    func moodleByIDNumber(_ text: String, _ identity: MoodleIdentity?) throws {
        let roster = try Roster(text, path: "r.csv")
        let book = try Gradebook(parsing: try Self.text("grades.csv"), path: "grades.csv")
        let made = try book.export(to: .moodle, roster: roster, assignment: "P", pointsPossible: 10, identity: identity)
        #expect(made.csv == "ID number,online,batch,learnable,P\n1001,4,3,3,10\n")
    }

    @Test("a roster that cannot map hand-ins to students is an error at its line",
          arguments: [("Name,Email address\nAda,ada@x\n", GradebookPlatform.moodle, "r.csv:1:1: error: the roster has no Hand-in column"),
                      ("Email address,Hand-in\na@x,ada\nb@x,ada\n", .moodle, "r.csv:3:1: error: hand-in 'ada' is given to two students, on lines 2 and 3"),
                      ("Email address,Hand-in\na@x,ada\nb@x\n", .moodle, "r.csv:3:1: error: this row has 1 fields"),
                      ("Name,Hand-in\nAda,ada\n", .moodle, "r.csv:1:1: error: the roster has neither an Email address nor an ID number column"),
                      ("Email address,Hand-in\n,ada\n", .moodle, "r.csv:2:1: error: this student's Email address is empty"),
                      ("Section,Hand-in\nA,ada\n", .canvas, "r.csv:1:1: error: the roster has none of the columns Student, ID and SIS User ID")])
    func badRoster(_ text: String, _ platform: GradebookPlatform, _ message: String) throws {
        let book = try Gradebook(parsing: try Self.text("grades.csv"), path: "grades.csv")
        do throws(DiagnosticError) {
            let roster = try Roster(text, path: "r.csv")
            _ = try book.export(to: platform, roster: roster, assignment: "P", pointsPossible: 10)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.diagnostics.first?.formatted.hasPrefix(message) == true, "\(error.diagnostics.map(\.formatted))")
        }
    }

    @Test("grade --roster --gradebook moodle writes moodle.csv beside grades.csv, and names the hand-in no student has")
    func gradeWithRoster() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let roster = folder.appendingPathComponent("roster.csv")
        try Data("Email address,Hand-in\nada@example.org,full\ngrace@example.org,\n".utf8).write(to: roster)
        let handIns = Support.root.appendingPathComponent("Tests/HandIns/01-perceptrons")
        let out = folder.appendingPathComponent("out")
        let run = try Support.cahier(["grade", "--sheet", Self.sheets.appendingPathComponent("01-perceptrons.md").path,
                                      handIns.appendingPathComponent("full.md").path, handIns.appendingPathComponent("partial.md").path,
                                      "-o", out.path, "--roster", roster.path, "--gradebook", "moodle", "--jobs", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        // full scores every point: online 4, batch 3, learnable 3 (the sheet's points; Tests/HandIns/README.md).
        let expected = "Email address,online,batch,learnable,01-perceptrons\nada@example.org,4,3,3,10\ngrace@example.org,,,,\n"
        #expect(try String(contentsOf: out.appendingPathComponent("moodle.csv"), encoding: .utf8) == expected)
        #expect(run.stderr.contains("warning: hand-in 'partial' matches no student"), "\(run.stderr)")
        let report = try String(contentsOf: out.appendingPathComponent("roster-report.txt"), encoding: .utf8)
        #expect(report.contains("- partial\n") && report.contains("line 3: grace@example.org"))
    }

    @Test("grade stops before grading when the roster cannot identify students to the platform, or with --shard")
    func gradeRefusesRoster() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let roster = folder.appendingPathComponent("roster.csv")
        try Data("Name,Hand-in\nAda,full\n".utf8).write(to: roster)
        let out = folder.appendingPathComponent("out")
        let base = ["grade", "--sheet", Self.sheets.appendingPathComponent("01-perceptrons.md").path,
                    Support.root.appendingPathComponent("Tests/HandIns/01-perceptrons/full.md").path, "-o", out.path, "--roster", roster.path]
        let moodle = try Support.cahier(base + ["--gradebook", "moodle"])
        #expect(moodle.status == 2 && moodle.stderr.contains("roster.csv:1:1: error: the roster has neither an Email address nor an ID number column"))
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing was graded")
        let shard = try Support.cahier(base + ["--gradebook", "canvas", "--shard", "1/2"])
        #expect(shard.status == 2 && shard.stderr.contains("gradebook export"), "\(shard.stderr)")
    }

    @Test("gradebook export writes the platform's CSV and a report, and warns on standard error of each hand-in that matches no student")
    func exportCommand() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("canvas.csv")
        let run = try Support.cahier(["gradebook", "export", Self.exports.appendingPathComponent("grades.csv").path,
                                      "--roster", Self.exports.appendingPathComponent("canvas-roster.csv").path, "--to", "canvas",
                                      "--assignment", "Perceptrons", "--points-possible", "10", "-o", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == (try Self.text("expected-canvas.csv")))
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains(": warning: hand-in '") }
        #expect(warnings.count == 2 && run.stderr.contains("'kurt'") && run.stderr.contains("'stranger'"), "\(run.stderr)")
        let report = try String(contentsOf: folder.appendingPathComponent("canvas.report.txt"), encoding: .utf8)
        #expect(report.contains("- kurt\n- stranger\n") && report.contains("line 3: Hopper, Grace"))
        let noPoints = try Support.cahier(["gradebook", "export", "g.csv", "--roster", "r.csv", "--to", "canvas", "--assignment", "P", "-o", "x.csv"])
        #expect(noPoints.status == 2 && noPoints.stderr.contains("--points-possible"))
    }
}
