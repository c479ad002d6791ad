@testable import CahierKit
import Foundation
import Testing

/// A batch writes its hand-ins' reports several at once (each file is flushed
/// to the disk before its rename): the files must be what writing them one
/// after another gives, and an error must still stop the grade book.
@Suite("Report writing")
struct ReportWritingTests {
    /// A batch of the engine's sheet, and results for `count` hand-ins: even ones right, odd ones half right.
    static func batch(count: Int) throws -> (GradeBatch, [GradeResult]) {
        let folder = try Support.temporaryDirectory()
        let sheet = folder.appendingPathComponent("sheet.md")
        try Data(GradingEngineTests.sheetText.utf8).write(to: sheet)
        let batch = try GradeBatch(sheetPath: sheet.path, worker: GradeBatch.cahierWorker(executable: "/nonexistent", sheet: sheet.path, memory: 64))
        let results = (0..<count).map { i in
            GradeResult(sheet: batch.sheet, handIn: String(format: "s%02d", i),
                        events: [.answers(["double": .ready]), .check(number: 1, outcome: .passed),
                                 .check(number: 2, outcome: i % 2 == 0 ? .passed : .failed(CheckFailure(reason: .other("wrong")))), .done],
                        stopped: nil)
        }
        return (batch, results)
    }

    @Test("the reports written at once are, file for file, those written one hand-in after another, and grades.csv lists every hand-in")
    func sameFiles() throws {
        let (batch, results) = try Self.batch(count: 20)
        let together = try Support.temporaryDirectory().path
        let apart = try Support.temporaryDirectory().path
        try batch.writeReports(results, to: together)
        for result in results { try GradeBatch.writeReports(result, to: apart) }
        for result in results {
            for name in ["results.json", "junit.xml", "feedback.md"] {
                let a = try Data(contentsOf: URL(fileURLWithPath: "\(together)/\(result.handIn)/\(name)"))
                let b = try Data(contentsOf: URL(fileURLWithPath: "\(apart)/\(result.handIn)/\(name)"))
                #expect(a == b, "\(result.handIn)/\(name)")
            }
        }
        // A header, then a line per hand-in: 10 right ones at 2 points, 10 at 1 (the sheet's two checks share its 2 points).
        let csv = try String(contentsOfFile: together + "/grades.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 21)
        #expect(csv.contains("\ns00,") && csv.contains("\ns19,"))
    }

    @Test("a hand-in whose folder cannot be made: its error is thrown, the others' reports are written, grades.csv is not")
    func firstErrorStops() throws {
        let (batch, results) = try Self.batch(count: 12)
        let out = try Support.temporaryDirectory().path
        // A plain file where the folders of s03 and s07 would go.
        for id in ["s03", "s07"] { try Data("x".utf8).write(to: URL(fileURLWithPath: "\(out)/\(id)")) }
        #expect(throws: (any Error).self) { try batch.writeReports(results, to: out) }
        #expect(!FileManager.default.fileExists(atPath: out + "/grades.csv"))
        for id in ["s00", "s04", "s11"] { #expect(FileManager.default.fileExists(atPath: "\(out)/\(id)/feedback.md"), "\(id)") }
    }
}
