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

    @Test("the committed student versions are what assign makes of the sheets", arguments: ["01-perceptrons", "02-logistic-spam", "03-mlp"])
    func studentVersions(name: String) throws {
        let out = try Support.temporaryDirectory().appendingPathComponent("\(name).md")
        let result = try Support.cahier(["assign", Self.sheets.appendingPathComponent("\(name).md").path, "-o", out.path])
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
        #expect(result.stdout.contains("+ error: exercise nand is not done yet"))
        #expect(result.stdout.hasSuffix("0 passed, 8 failed\n"))
        // Hidden checks are gone; visible ones stay.
        let text = try String(contentsOf: folder.appendingPathComponent("s.md"), encoding: .utf8)
        #expect(!text.contains("epochs == 6"))
        #expect(text.contains("check=and visible"))
    }

    @Test("sample hand-ins get the grades their checks give, by hand (Tests/HandIns/README.md)", arguments: [
        ("01-perceptrons", "Hand-in,nand,and,xor,Total\nempty,0,0,0,0\nfull,2,3,3,8\nmalicious,0,0,0,0\npartial,2,1,0,3\nwrong,0,0,2,2\n"),
        ("02-logistic-spam", "Hand-in,train,metrics,Total\nempty,0,0,0\nfull,4,2,6\nmalicious,1,0,1\npartial,1,2,3\nsyntax-errors,0,0,0\nwrong,4,0,4\n"),
        ("03-mlp", "Hand-in,xor,digits,Total\nempty,0,0,0\nfull,3,5,8\nmalicious,0,0,0\npartial,3,1,4\nslow,3,1,4\nwrong,1,1,2\n"),
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
            #expect(tests.count == 6)
            for test in tests {
                #expect(test["name"] is String && test["score"] is NSNumber && test["max_score"] is NSNumber && test["output"] is String)
                #expect(["visible", "hidden", "after_due_date", "after_published"].contains(test["visibility"] as? String ?? ""))
            }
            let xml = try Data(contentsOf: folder.appendingPathComponent("junit.xml"))
            let parser = XMLParser(data: xml)
            let counter = JUnitCounter()
            parser.delegate = counter
            #expect(parser.parse(), "\(id)/junit.xml is not well-formed XML")
            #expect(counter.elements.first == "testsuites" && counter.testcases == 6)
            #expect(try Self.validatesAgainstJUnitSchema(folder.appendingPathComponent("junit.xml")), "\(id)/junit.xml does not follow Tests/Schemas/junit.xsd")
            let feedback = try String(contentsOf: folder.appendingPathComponent("feedback.md"), encoding: .utf8)
            #expect(!feedback.contains("<script") && !feedback.contains("<img"))
        }
        // The schema does reject a report without the required names.
        let bad = out.appendingPathComponent("bad.xml")
        try Data("<testsuites><testsuite tests=\"1\"><testcase/></testsuite></testsuites>".utf8).write(to: bad)
        #expect(try !Self.validatesAgainstJUnitSchema(bad))
        // Hidden checks show their message, never their code.
        let partial = try String(contentsOf: out.appendingPathComponent("partial/feedback.md"), encoding: .utf8)
        #expect(partial.contains("epochs is the number of epochs the online rule needs from w = 0 with rate 1"))
        #expect(!partial.contains("epochs == 6"))
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
        #expect(one == "Hand-in,nand,and,xor,Total\nempty,0,0,0,0\nmalicious,0,0,0,0\nwrong,0,0,2,2\n")
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
        let nand = "```cahier exercise=nand points=2\n> let nand = Perceptron(weights: [1.5, -1, -1])\n```\n"
        try Data((nand + nand.replacingOccurrences(of: "1.5, -1, -1", with: "-9, 0, 0") + student).utf8).write(to: folder.appendingPathComponent("twice.md"))
        let out = try Support.temporaryDirectory()
        let result = try Support.cahier(["grade", "--sheet", Self.sheets.appendingPathComponent("01-perceptrons.md").path, folder.path, "-o", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
                == "Hand-in,nand,and,xor,Total\nbinary,0,0,0,0\nhuge,0,0,0,0\nlatin1,0,0,0,0\nnoanswers,0,0,0,0\ntwice,2,0,0,2\n")
        let huge100 = try String(contentsOf: out.appendingPathComponent("huge/feedback.md"), encoding: .utf8)
        #expect(huge100.contains("the file is larger than 10 MB"))
        let twice = try String(contentsOf: out.appendingPathComponent("twice/feedback.md"), encoding: .utf8)
        #expect(twice.contains("exercise nand is answered again at line 4; only the first answer, at line 1, was graded"))
        let none = try String(contentsOf: out.appendingPathComponent("noanswers/feedback.md"), encoding: .utf8)
        #expect(none.contains("no answer block for exercise nand"))
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
