import CahierKit
import Foundation
import Testing

/// The shape of the course: every topic notebook ends with the same
/// computation in Python (which tools/reference/bridges.py runs and checks
/// against the notebook), and student pages keep provenance out of sight.
@Suite("The course notebooks")
struct CourseTests {
    static let notebooks = Support.root.appendingPathComponent("notebooks")

    /// The chapters: 00c (learning from data) and 01 to 09.
    static var chapters: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: notebooks.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && ($0.hasPrefix("00c") || $0.first.map { "123456789".contains($0) } == true || $0.hasPrefix("0") && !$0.hasPrefix("00")) }.sorted()
    }

    @Test("there are ten chapters")
    func count() {
        #expect(Self.chapters.count == 10, "\(Self.chapters)")
    }

    @Test("each chapter ends with the same computation in Python and what it prints", arguments: chapters)
    func endsWithPython(chapter: String) throws {
        let text = try String(contentsOf: Self.notebooks.appendingPathComponent(chapter), encoding: .utf8)
        let last = try #require(text.range(of: "\n## The same in ", options: .backwards))
        let tail = text[last.lowerBound...]
        #expect(!tail.dropFirst().contains("\n## "), "the Python section is the last one")
        let python = try #require(tail.range(of: "```python\n"))
        let output = try #require(tail.range(of: "```output\n"))
        #expect(python.upperBound < output.lowerBound)
    }

    @Test("student pages do not mention the reference scripts outside teacher's notes", arguments: chapters)
    func provenanceHidden(chapter: String) throws {
        var text = try String(contentsOf: Self.notebooks.appendingPathComponent(chapter), encoding: .utf8)
        while let start = text.range(of: "<!--"), let end = text.range(of: "-->", range: start.upperBound..<text.endIndex) {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        #expect(!text.contains("tools/reference"))
    }
}
