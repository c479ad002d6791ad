@testable import CahierKit
import Foundation
import Testing

/// Issue #27, the command line's part: suggestions with bounded work, writers
/// of one file at once, teacher's notes kept out of handouts, and messages
/// that say what happened (reproducers 05, 12, 13, 15 and 17).
@Suite("The command line under hostile input")
struct CommandLineSafetyTests {
    // MARK: 05 "did you mean"

    @Test("the edit distance is the Levenshtein distance when within the limit, else nil", arguments: [
        // Hand-derived: kitten → sitten → sittin → sitting is 3 edits and no 2 will do (k≠s, e≠i, one letter more).
        ("kitten", "sitting", 3, Optional(3)), ("kitten", "sitting", 2, nil),
        // flaw → law (delete f) → lawn (insert n): 2.
        ("flaw", "lawn", 2, 2), ("softmax", "softmx", 2, 1), ("abc", "abc", 1, 0),
        // Lengths 2 apart with limit 1: too far without computing anything.
        ("ab", "abcd", 1, nil), ("", "ab", 2, 2), ("叶子", "叶", 1, 1),
    ])
    func distance(a: String, b: String, limit: Int, expected: Int?) {
        var cells = 0
        #expect(NameSuggestions.distance(Array(a), Array(b), limit: limit, cells: &cells) == expected)
        // A band of 2·limit+1 cells a row at most.
        #expect(cells <= (2 * limit + 1) * max(a.count, b.count))
    }

    /// (typed name, candidate names, largest number of cells allowed)
    static let suggestionCases: [(String, [String], Int)] = {
        let builtins: [String] = Registry.standard.functions.map(\.name)
        let long: String = String(repeating: "a", count: 80_000)
        let similar: [String] = (0..<1000).map { (k: Int) -> String in String(repeating: "x", count: 63) + String(k % 10) }
        return [
            (long, [String(long.dropLast()) + "c"], 0),
            (String(repeating: "b", count: 4_000_000), builtins, 0),
            (String(repeating: "x", count: 64), similar, 1000 * 5 * 64),
            ("softmx", builtins, builtins.count * 5 * 64),
        ]
    }()

    @Test("a suggestion costs at most (2·2+1)·64 cells a candidate, and none for names too long to mistype", arguments: suggestionCases)
    func suggestionWork(name: String, candidates: [String], bound: Int) {
        var cells = 0
        _ = NameSuggestions.close(to: name, among: candidates, cells: &cells)
        #expect(cells <= bound)
    }

    @Test("close names are still suggested")
    func suggestions() {
        #expect(NameSuggestions.close(to: "softmx", among: ["softmax", "softplus", "sigmoid"]) == ["softmax"])
        #expect(NameSuggestions.close(to: "weigths", among: ["weights", "width"]) == ["weights"])
        // A one-letter name is never "close" to another one-letter name (distance 1 is all of it).
        #expect(NameSuggestions.close(to: "x", among: ["y"]).isEmpty)
    }

    @Test("an unknown name of 100,000 characters is shown elided, with how much was left out")
    func elidedName() throws {
        let folder = try Support.temporaryDirectory()
        try Data("```cahier\n> \(String(repeating: "q", count: 100_000))\n```\n".utf8).write(to: folder.appendingPathComponent("n.md"))
        let result = try Support.cahier(["run", "n.md"], in: folder)
        // 100,000 − 60 shown = 99,940 left out.
        #expect(result.stdout.contains("error: unknown name '\(String(repeating: "q", count: 60))… (99940 more characters)'"))
        #expect(NameSuggestions.shown("short") == "short")
    }

    // MARK: 12 and 17 b: writing back

    @Test("two run --update of one notebook at once: never 'unchanged', the notebook always whole and right")
    func concurrentUpdates() throws {
        let folder = try Support.temporaryDirectory()
        // 1 + 1 is 2 (by hand): every wrong expected output 5 becomes 2.
        let block = "```cahier\n" + String(repeating: "> 1 + 1\n5\n", count: 50) + "```\n\n"
        let original = String(repeating: block, count: 200)
        let expected = original.replacingOccurrences(of: "\n5\n", with: "\n2\n")
        let notebook = folder.appendingPathComponent("n.md")
        for round in 0..<20 {
            try Data(original.utf8).write(to: notebook)
            let runs = try (0..<2).map { k in try Background(["run", "--update", "n.md"], in: folder, log: "err\(k).txt") }
            for run in runs {
                let (status, stderr) = try run.finish()
                #expect(status == 0, "round \(round): \(stderr)")
                #expect(!stderr.contains("unchanged"), "round \(round): \(stderr)")
            }
            #expect(try String(contentsOf: notebook, encoding: .utf8) == expected, "round \(round)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty)
    }

    @Test("replacing a file checks it still holds what was read: the same new content is fine, another change is kept")
    func replaceChecks() throws {
        let file = try Support.temporaryDirectory().appendingPathComponent("n.md")
        try Data("theirs".utf8).write(to: file)
        #expect(throws: AtomicFile.ChangedMeanwhile.self) { try AtomicFile.replace(file.path, expecting: Array("mine".utf8), with: Array("new".utf8)) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "theirs")
        #expect(try AtomicFile.replace(file.path, expecting: Array("old".utf8), with: Array("theirs".utf8)) == .alreadyThere)
        #expect(try AtomicFile.replace(file.path, expecting: Array("theirs".utf8), with: Array("new".utf8)) == .written)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new")
    }

    @Test("a temporary name fits in 255 bytes whatever the file's name, cut between characters", arguments: [
        String(repeating: "n", count: 255), String(repeating: "é", count: 127), String(repeating: "叶", count: 85), "short.md",
    ])
    func temporaryName(name: String) {
        let temporary = AtomicFile.temporaryName(for: name, tag: 0xAB)
        #expect(temporary.utf8.count <= 255)
        #expect(temporary.hasPrefix("."))
        #expect(temporary.hasSuffix(".000000ab.cahier.tmp"))
        // Cut at a character boundary: the kept part is a prefix of the name.
        #expect(name.hasPrefix(String(temporary.dropFirst().dropLast(".000000ab.cahier.tmp".count))))
    }

    @Test("run --update writes a notebook whose name is 251 bytes long")
    func longName() throws {
        let folder = try Support.temporaryDirectory()
        let name = String(repeating: "n", count: 248) + ".md"
        try Data("```cahier\n> 1 + 1\n5\n```\n".utf8).write(to: folder.appendingPathComponent(name))
        let result = try Support.cahier(["run", "--update", name], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) == "```cahier\n> 1 + 1\n2\n```\n")
    }
}

/// A `cahier` process running while the test starts another, its standard error in a file.
struct Background {
    let process = Process()
    let log: URL

    init(_ arguments: [String], in folder: URL, log name: String) throws {
        log = folder.appendingPathComponent(name)
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = Support.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    /// Waits for it to end: its status and what it wrote to standard error.
    func finish() throws -> (Int32, String) {
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
    }
}
