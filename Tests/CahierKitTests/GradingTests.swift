import CahierKit
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Exercise sheets and grading", .serialized)
struct GradingTests {
    static let sheets = Support.root.appendingPathComponent("notebooks/exercises")
    static let handIns = Support.root.appendingPathComponent("Tests/HandIns")

    func sheet(_ text: String) throws -> Sheet {
        try Sheet(try Support.notebook(text))
    }

    @Test("a sheet's IDs, checks and points are verified, each problem at its line", arguments: [
        ("```cahier exercise=a points=1\n> 1\n```\n```cahier exercise=a points=1\n> 2\n```\n```cahier check=a\n> expect(true, \"t\")\n```\n",
         "test.md:4:1: error: exercise 'a' is defined twice; the first is at line 1"),
        ("```cahier exercise=a points=1\n> 1\n```\n```cahier check=b\n> expect(true, \"t\")\n```\n",
         "test.md:4:1: error: check of unknown exercise 'b'; the exercises are a"),
        ("```cahier exercise=a points=3\n> 1\n```\n```cahier check=a\n> expect(true, \"t\", points: 1)\n> expect(true, \"u\", points: 1)\n```\n",
         "test.md:1:1: error: the checks of exercise 'a' give 2 points but the exercise is worth 3"),
        ("```cahier exercise=a\n> 1\n```\n", "test.md:1:1: error: exercise 'a' needs its points, as in exercise=a points=2"),
        ("```cahier exercise=a points=2\n> 1\n```\n", "test.md:1:1: error: exercise 'a' has no check: add a block ```cahier check=a with expect(…) calls"),
        ("```cahier exercise=a points=2\n> 1\n```\n```cahier check=a\n> expect(true, \"t\", points: 1)\n> expect(true, \"u\")\n```\n",
         "test.md:4:1: error: give points: to every check of exercise 'a', or to none (then its 2 points are shared out)"),
    ])
    func validation(text: String, message: String) throws {
        let error = #expect(throws: DiagnosticError.self) { try sheet(text) }
        #expect(error?.diagnostics.first.map { $0.formatted.split(separator: "\n")[0] } == Substring(message))
    }

    @Test("an exercise's points are shared out among its checks when they give none")
    func sharedPoints() throws {
        let s = try sheet("```cahier exercise=a points=3\n> 1\n```\n```cahier check=a\n> expect(true, \"t\")\n> expect(true, \"u\")\n```\n```cahier check=a visible\n> expect(true, \"v\")\n```\n")
        #expect(s.checks.map(\.points) == [1, 1, 1])
        #expect(s.checks.map(\.visible) == [false, false, true])
    }

    static let sheetNames = ["01-perceptrons", "02-logistic-spam", "03-mlp", "04-training-loop"]

    @Test("the committed student versions are what assign makes of the sheets, in both editions",
          arguments: sheetNames.flatMap { [$0, "fr/" + $0] })
    func studentVersions(name: String) throws {
        let out = try Support.temporaryDirectory().appendingPathComponent("\((name as NSString).lastPathComponent).md")
        let sheet = Support.root.appendingPathComponent("notebooks/" + (name.hasPrefix("fr/") ? "fr/exercises/" + name.dropFirst(3) : "exercises/" + name) + ".md")
        let result = try Support.cahier(["assign", sheet.path, "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let made = try String(contentsOf: out, encoding: .utf8)
        let committed = try String(contentsOf: Support.root.appendingPathComponent("handouts/\(name).md"), encoding: .utf8)
        #expect(made == committed, "handouts/\(name).md is stale: run cahier assign again (handouts/README.md)")
        #expect(!made.contains("// solution"))
    }

    @Test("a student version runs, failing only on its placeholders and what depends on them")
    func studentVersionRuns() throws {
        let folder = try Support.temporaryDirectory()
        try FileManager.default.copyItem(at: Support.root.appendingPathComponent("handouts/01-perceptrons.md"), to: folder.appendingPathComponent("s.md"))
        let result = try Support.cahier(["check", "s.md"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("+ error: exercise online is not done yet"))
        // The three placeholders, and the visible checks that call what they were to define.
        #expect(result.stdout.hasSuffix("0 passed, 11 failed\n"))
        // Hidden checks are gone; visible ones stay.
        let text = try String(contentsOf: folder.appendingPathComponent("s.md"), encoding: .utf8)
        #expect(!text.contains("epochsNeeded == [6, 4, 6]"))
        #expect(text.contains("check=learnable visible"))
    }

    @Test("every exercise of the course's sheets has a visible check", arguments: sheetNames)
    func visibleChecks(name: String) throws {
        let sheet = try Sheet(try NotebookParser.load(path: Self.sheets.appendingPathComponent("\(name).md").path))
        for exercise in sheet.exercises {
            #expect(sheet.checks.contains { $0.exercise == exercise.id && $0.visible }, "\(name): \(exercise.id)")
        }
    }

    @Test("sample hand-ins get the grades their checks give, by hand (Tests/HandIns/README.md)", arguments: [
        ("01-perceptrons", "Hand-in,online,batch,learnable,Total\nempty,0,0,0,0\nfull,4,3,3,10\nmalicious,0,0,0,0\npartial,4,0,2,6\nwrong,0,0,1,1\n"),
        ("02-logistic-spam", "Hand-in,gradient,descent,train,metrics,Total\nempty,0,0,0,0,0\nfull,3,3,2,2,10\nmalicious,0,1,1,0,2\npartial,0,0,1,2,3\nsyntax-errors,0,0,0,0,0\nwrong,0,0,2,1,3\n"),
        ("03-mlp", "Hand-in,xor,forward,backward,Total\nempty,0,0,0,0\nfull,3,3,4,10\nmalicious,0,1,1,2\npartial,3,3,2.5,8.5\nwrong,1,0,0,1\n"),
        ("04-training-loop", "Hand-in,step,epoch,digits,Total\nempty,0,0,0,0\nfull,3,3,4,10\nmalicious,0,1,1,2\npartial,1,1,1,3\nslow,3,3,1,7\nwrong,2,1,0,3\n"),
    ])
    func grades(sheet: String, expected: String) throws {
        let out = try Support.temporaryDirectory()
        // A generous time limit, so a loaded machine never changes a grade: the slow hand-in of
        // sheet 3 meets the work limit, which is the same on every machine.
        let timeout = "120"
        let result = try Support.cahier(["grade", "--sheet", Self.sheets.appendingPathComponent("\(sheet).md").path,
                                         Self.handIns.appendingPathComponent(sheet).path, "-o", out.path, "--timeout", timeout])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8) == expected)
    }

    @Test("reports follow Gradescope's fields and JUnit's structure, and escape what the hand-in wrote")
    func reports() throws {
        let out = try Support.temporaryDirectory()
        _ = try Support.cahier(["grade", "--sheet", Self.sheets.appendingPathComponent("01-perceptrons.md").path,
                                Self.handIns.appendingPathComponent("01-perceptrons").path, "-o", out.path])
        for id in ["full", "partial", "wrong", "empty", "malicious"] {
            let folder = out.appendingPathComponent(id)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("results.json"))) as? [String: Any])
            #expect(json["score"] is NSNumber && json["max_score"] is NSNumber && json["tests"] is [Any])
            let tests = try #require(json["tests"] as? [[String: Any]])
            #expect(tests.count == 8)
            for test in tests {
                #expect(test["name"] is String && test["score"] is NSNumber && test["max_score"] is NSNumber && test["output"] is String)
                #expect(["visible", "hidden", "after_due_date", "after_published"].contains(test["visibility"] as? String ?? ""))
            }
            let xml = try Data(contentsOf: folder.appendingPathComponent("junit.xml"))
            let parser = XMLParser(data: xml)
            let counter = JUnitCounter()
            parser.delegate = counter
            #expect(parser.parse(), "\(id)/junit.xml is not well-formed XML")
            #expect(counter.elements.first == "testsuites" && counter.testcases == 8)
            #expect(try Self.validatesAgainstJUnitSchema(folder.appendingPathComponent("junit.xml")), "\(id)/junit.xml does not follow Tests/Schemas/junit.xsd")
            let feedback = try String(contentsOf: folder.appendingPathComponent("feedback.md"), encoding: .utf8)
            #expect(!feedback.contains("<script") && !feedback.contains("<img"))
        }
        // The schema does reject a report without the required names.
        let bad = out.appendingPathComponent("bad.xml")
        try Data("<testsuites><testsuite tests=\"1\"><testcase/></testsuite></testsuites>".utf8).write(to: bad)
        #expect(try !Self.validatesAgainstJUnitSchema(bad))
        // Hidden checks show their message and the student's value, never their code.
        let partial = try String(contentsOf: out.appendingPathComponent("partial/feedback.md"), encoding: .utf8)
        // The hand-in's make.py wrote epochsNeeded = [6, 4, 5]: the student's value, in code, without escapes.
        #expect(partial.contains("these are not the epochs the online rule needs on AND, OR and NAND (count the last one, without a mistake)\n  - `epochsNeeded` is `[6, 4, 5]` (shape [3])\n"))
        #expect(!partial.contains("epochsNeeded == [6, 4, 6]"))
        // A check whose answer is missing says it did not run.
        #expect(partial.contains("no answer block for exercise batch"))
        #expect(partial.contains("failed check 4 (0 / 1): did not run (see above)"))
        // A check whose preparation failed says why.
        let malicious = try String(contentsOf: out.appendingPathComponent("malicious/feedback.md"), encoding: .utf8)
        // Its endless loop stops at 100 times (check-work-factor) the work the sheet's solution needed there.
        #expect(malicious.contains("did not run: preparing it failed: work limit of "))
        #expect(malicious.contains(" operations reached: 100 times the "))
    }

    @Test("the same hand-in gets the same reports, byte for byte, and shards merge into the whole grade book")
    func determinismAndShards() throws {
        let sheet = Self.sheets.appendingPathComponent("01-perceptrons.md").path
        let handIns = Self.handIns.appendingPathComponent("01-perceptrons").path
        let a = try Support.temporaryDirectory(), b = try Support.temporaryDirectory()
        _ = try Support.cahier(["grade", "--sheet", sheet, handIns, "-o", a.path, "--jobs", "1"])
        _ = try Support.cahier(["grade", "--sheet", sheet, handIns, "-o", b.path, "--jobs", "2"])
        for id in ["full", "malicious"] {
            for file in ["results.json", "junit.xml", "feedback.md"] {
                #expect(try Data(contentsOf: a.appendingPathComponent("\(id)/\(file)")) == Data(contentsOf: b.appendingPathComponent("\(id)/\(file)")))
            }
        }
        let s1 = try Support.temporaryDirectory(), s2 = try Support.temporaryDirectory()
        _ = try Support.cahier(["grade", "--sheet", sheet, handIns, "-o", s1.path, "--shard", "1/2"])
        _ = try Support.cahier(["grade", "--sheet", sheet, handIns, "-o", s2.path, "--shard", "2/2"])
        let one = try String(contentsOf: s1.appendingPathComponent("grades.csv"), encoding: .utf8)
        #expect(one == "Hand-in,online,batch,learnable,Total\nempty,0,0,0,0\nmalicious,0,0,0,0\nwrong,0,0,1,1\n")
        let merged = a.appendingPathComponent("merged.csv")
        let merge = try Support.cahier(["gradebook", "merge", s1.appendingPathComponent("grades.csv").path, s2.appendingPathComponent("grades.csv").path, "-o", merged.path])
        #expect(merge.status == 0)
        #expect(try String(contentsOf: merged, encoding: .utf8) == String(contentsOf: a.appendingPathComponent("grades.csv"), encoding: .utf8))
        let twice = try Support.cahier(["gradebook", "merge", s1.appendingPathComponent("grades.csv").path, s1.appendingPathComponent("grades.csv").path, "-o", merged.path])
        #expect(twice.status == 2)
    }

    @Test("untrusted hand-ins never stop the batch: binary, huge, no answers, duplicated IDs, all refused with a reason")
    func robustness() throws {
        let folder = try Support.temporaryDirectory()
        let student = try String(contentsOf: Support.root.appendingPathComponent("handouts/01-perceptrons.md"), encoding: .utf8)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]).write(to: folder.appendingPathComponent("binary.md"))
        try Data([0xC3, 0x28, 0x41]).write(to: folder.appendingPathComponent("latin1.md"))
        // A 100 MB file, written sparsely.
        let huge = folder.appendingPathComponent("huge.md")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        try Data("# I deleted every answer block\n".utf8).write(to: folder.appendingPathComponent("noanswers.md"))
        let learnable = "```cahier exercise=learnable points=3\n> let epochsNeeded = [6, 4, 6]\n> let xorConverges = false\n```\n"
        try Data((learnable + learnable.replacingOccurrences(of: "[6, 4, 6]", with: "[1, 1, 1]") + student).utf8).write(to: folder.appendingPathComponent("twice.md"))
        let out = try Support.temporaryDirectory()
        let result = try Support.cahier(["grade", "--sheet", Self.sheets.appendingPathComponent("01-perceptrons.md").path, folder.path, "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
                == "Hand-in,online,batch,learnable,Total\nbinary,0,0,0,0\nhuge,0,0,0,0\nlatin1,0,0,0,0\nnoanswers,0,0,0,0\ntwice,0,0,3,3\n")
        let huge100 = try String(contentsOf: out.appendingPathComponent("huge/feedback.md"), encoding: .utf8)
        #expect(huge100.contains("the file is larger than 10 MB"))
        let twice = try String(contentsOf: out.appendingPathComponent("twice/feedback.md"), encoding: .utf8)
        #expect(twice.contains("exercise learnable is answered again at line 5; only the first answer, at line 1, was graded"))
        let none = try String(contentsOf: out.appendingPathComponent("noanswers/feedback.md"), encoding: .utf8)
        #expect(none.contains("no answer block for exercise online"))
    }

    @Test("a class folder's hand-ins: files, and one notebook per student folder; READMEs, data and unclear folders are not students")
    func classFolder() throws {
        let folder = try Support.temporaryDirectory()
        let full = Self.handIns.appendingPathComponent("01-perceptrons/full.md")
        let manager = FileManager.default
        for sub in ["bob", "carol", "dave", "data", "erin/data"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try manager.copyItem(at: full, to: folder.appendingPathComponent("alice.md"))
        try manager.copyItem(at: full, to: folder.appendingPathComponent("bob/01-perceptrons.md"))
        try manager.copyItem(at: full, to: folder.appendingPathComponent("carol/a.md"))
        try manager.copyItem(at: full, to: folder.appendingPathComponent("carol/b.md"))
        try manager.copyItem(at: full, to: folder.appendingPathComponent("erin/mine.md"))
        try Data("# Notes of the data\n".utf8).write(to: folder.appendingPathComponent("data/README.md"))
        try Data("# Notes\n".utf8).write(to: folder.appendingPathComponent("erin/data/README.md"))
        try Data("# The class\n".utf8).write(to: folder.appendingPathComponent("README.md"))
        let (entries, refused) = try GradeBatch.handIns([folder.path], sheet: Self.sheets.appendingPathComponent("01-perceptrons.md").path)
        #expect(entries.map(\.id) == ["alice", "bob", "erin"])
        #expect(entries.first { $0.id == "erin" }?.path.hasSuffix("erin/mine.md") == true)
        #expect(refused.map(\.message) == [
            "hand-in refused: the folder carol holds several notebooks (a.md, b.md); keep one, or name it 01-perceptrons.md like the sheet",
            "hand-in refused: the folder dave holds no notebook (.md file)",
        ])
    }
}

extension GradingTests {
    /// Validates a report with xmllint (Debian's libxml2-utils, which scripts/setup installs).
    static func validatesAgainstJUnitSchema(_ file: URL) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", Support.root.appendingPathComponent("Tests/Schemas/junit.xsd").path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Counts the elements of a JUnit report.
final class JUnitCounter: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var testcases = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(name)
        if name == "testcase" { testcases += 1 }
    }
}
