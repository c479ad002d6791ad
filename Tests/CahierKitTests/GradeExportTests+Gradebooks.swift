import CahierKit
import Foundation
import Testing

extension GradeExportTests {
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
