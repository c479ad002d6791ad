import Foundation
import Testing

/// Golden cases: each folder of `Tests/Fixtures` holds `input.md`, the
/// printed result of `cahier check input.md` in `check.out`, and, when
/// `cahier run` changes the notebook, the woven notebook in `expected.md`
/// (otherwise the notebook must come back byte for byte).
///
/// Set `CAHIER_RECORD=1` to write the files anew; the run that records fails,
/// so a recording is always looked at before it is committed.
@Suite("Golden fixtures")
struct FixtureTests {
    static let folder = Support.root.appendingPathComponent("Tests/Fixtures")
    static let recording = ProcessInfo.processInfo.environment["CAHIER_RECORD"] == "1"

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("there are fixtures to run")
    func present() {
        #expect(Self.cases.count >= 10)
    }

    @Test("check prints the recorded diagnostics and closing line, with the recorded exit code", arguments: cases)
    func check(name: String) throws {
        let directory = Self.folder.appendingPathComponent(name)
        let result = try Support.cahier(["check", "input.md"], in: directory)
        let printed = "exit: \(result.status)\n--- stdout\n\(result.stdout)--- stderr\n\(result.stderr)"
        try compare(printed, with: directory.appendingPathComponent("check.out"))
    }

    @Test("run weaves the recorded notebook, or gives the input back byte for byte", arguments: cases)
    func run(name: String) throws {
        let directory = Self.folder.appendingPathComponent(name)
        let result = try Support.cahier(["run", "input.md"], in: directory)
        let recorded = try String(contentsOf: directory.appendingPathComponent("check.out"), encoding: .utf8)
        if recorded.hasPrefix("exit: 2\n") {
            // Bad input: run refuses it as check does, with the same diagnostics, and prints no notebook.
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            let diagnostics = recorded.components(separatedBy: "--- stderr\n").last ?? ""
            #expect(result.stderr == diagnostics, "\(name): run's diagnostics differ from check's")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        let input = try String(contentsOf: directory.appendingPathComponent("input.md"), encoding: .utf8)
        let expectedFile = directory.appendingPathComponent("expected.md")
        if FileManager.default.fileExists(atPath: expectedFile.path) || (Self.recording && result.stdout != input) {
            try compare(result.stdout, with: expectedFile)
        } else {
            #expect(result.stdout == input)
        }
    }

    private func compare(_ actual: String, with file: URL) throws {
        if Self.recording {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.path); unset CAHIER_RECORD and run again")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(file.path)")
    }
}
