import CahierKit
import CahierLearning
import Foundation
import Testing

/// Memory is counted where it is allocated (every block the process holds),
/// checked before each tensor is made and at every step, so that no command
/// can take the process past the notebook's memory limit, and held values
/// cannot grow without bound. The reproducers of the second reliability pass
/// (`Tests/Reproducers/reliability-2/`, copied from shared/reproducers) run
/// through the real binary under the 4 GB address-space cap they were found
/// under: each ends with the limit's error, never a signal.
@Suite("Memory limits")
struct MemoryLimitTests {
    static let folder = Support.root.appendingPathComponent("Tests/Reproducers/reliability-2")

    /// Runs `cahier ARGUMENTS` with its address space capped at 4,000,000 KiB, as the reproducers were run.
    static func capped(_ arguments: [String], in directory: URL? = nil) throws -> Support.Result {
        try Support.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -v 4000000; exec \"$0\" \"$@\"", Support.binary.path] + arguments, in: directory)
    }

    @Test("the counter follows memory where it is allocated and released, on the thread that does it")
    func counter() {
        let before = Memory.allocatedBytes
        var block: [Double]? = Array(repeating: 1, count: 25_000_000)  // 200,000,000 bytes and the array's header
        let during = Memory.allocatedBytes
        #expect(during - before >= 200_000_000 && during - before < 201_000_000, "\(before) → \(during)")
        #expect(block?.count == 25_000_000)
        block = nil
        #expect(abs(Memory.allocatedBytes - before) < 1_000_000)
    }

    @Test("reproducers 01 and 02: values bound to names or not, held at once, stop at the memory limit with an error, never a signal",
          arguments: ["01-held-limit-not-enforced.md", "01-variant-two-lists-exit0.md", "02-temporaries-oom.md", "02-mem-call-args.md",
                      "02-mem-fm-maxelements.md", "02-mem-list.md", "02-mem-map-func.md", "02-mem-map.md", "02-mem-nested-plus.md",
                      "02-mem-recursion-locals.md"])
    func reproducer(file: String) throws {
        let result = try Self.capped(["run", Self.folder.appendingPathComponent(file).path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stdout.contains("memory limit of 1 GB (front matter max-memory)"), "\(result.stdout.suffix(2000))")
    }

    @Test("reproducer 01: the appends past the limit are refused before they happen, so the list holds what fits")
    func appendsRefused() throws {
        let result = try Self.capped(["run", Self.folder.appendingPathComponent("01-held-limit-not-enforced.md").path])
        // Each append makes 10,000,000 numbers, 80 MB: within 1 GB, at most 12 of them (12 × 80 MB = 960 MB).
        let lines = result.stdout.split(separator: "\n")
        guard let count = lines.firstIndex(of: "> l.count").flatMap({ Int(lines[$0 + 1]) }) else {
            Issue.record("no count in \(result.stdout.suffix(500))")
            return
        }
        #expect((1...12).contains(count))
    }

    @Test("a notebook's max-memory bounds what its names hold: the fourth list of 80 MB is refused under 300 MB, and the list keeps three")
    func frontMatterLimit() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The process holds a few MB before the notebook runs: 3 × 80 MB = 240 MB fit in 300 MB, a fourth (320 MB) does not.
        let text = """
        ---
        max-memory: 300000000
        ---
        ```cahier
        > var l = []
        > for i in 0..<10 { l.append(zeros(10000000)) }
        > l.count
        ```

        """
        let file = folder.appendingPathComponent("memory.md")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try Self.capped(["run", file.path])
        #expect(run.stdout.contains("> l.count\n3\n"), "\(run.stdout)")
        #expect(run.stdout.contains("error: a tensor of shape [10000000] of 80 MB would take the notebook past its memory limit of 300 MB (front matter max-memory)"))
    }

    @Test("reproducer 03: a chain of recorded operations on one number is held to the limit by its length, and the notebook goes on")
    func autogradChain() throws {
        let result = try Self.capped(["run", Self.folder.appendingPathComponent("03-autograd-graph-memory.md").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(result.stdout.contains("the recorded operations would hold") || result.stdout.contains("memory limit"), "\(result.stdout.suffix(1500))")
    }

    @Test("each recorded operation counts its node: 1,000 operations on one number pass 50,000 numbers, 500 do not")
    func operationCost() throws {
        // An operation on one number holds its value (1), what its backward keeps (at most a few numbers)
        // and Tape.operationCost (64): 500 of them hold about 33,000, 1,000 about 66,000.
        var limits = WorkLimits()
        limits.maximumRecordedElements = 50_000
        let session = Session(limits: limits)
        try session.must("let w = param([1])", "var x = w * 1\nfor i in 0..<500 { x = x * 1 }", "x = 0")
        let outcome = try session.run("var y = w * 1\nfor i in 0..<1000 { y = y * 1 }")
        #expect(outcome.errorLines.joined().contains("the recorded operations would hold"), "\(outcome.lines)")
    }

    @Test("reproducer 04: a hundred thousand appends to a global list change it in place and give its count")
    func appends() throws {
        let result = try Support.cahier(["check", Self.folder.appendingPathComponent("04-append-quadratic.md").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("reproducer 19: concat answers to the element limit as every other operation, before it joins")
    func concat() throws {
        let result = try Self.capped(["run", Self.folder.appendingPathComponent("19-concat-bypasses-max-elements.md").path])
        #expect(result.status == 0, "\(result.stderr)")
        for line in ["error: a tensor of shape [12000000] is over the limit of 10000000 elements",
                     "error: a tensor of shape [2, 6000000] is over the limit of 10000000 elements",
                     // 2^24 = 16,777,216 is the first doubling over 10,000,000; t keeps 2^23.
                     "error: a tensor of shape [16777216] is over the limit of 10000000 elements", "> t.count\n8388608",
                     "error: a tensor of shape [67108864] is over the limit of 10000000 elements"] {
            #expect(result.stdout.contains(line), "\(line)")
        }
    }
}
