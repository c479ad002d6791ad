import Foundation

/// The reports of a grade: Gradescope's results.json, JUnit XML, and a
/// Markdown feedback page. Everything that comes from a hand-in or a message
/// is escaped for its format.
public enum GradeReports {
    /// Gradescope's autograder results: score, max_score, and one test per check.
    public static func gradescope(_ result: GradeResult) throws -> String {
        struct Test: Encodable {
            var name: String
            var number: String
            var score: Double
            var max_score: Double
            var status: String
            var output: String
            var visibility: String
        }
        struct Results: Encodable {
            var score: Double
            var max_score: Double
            var output: String
            var visibility: String
            var stdout_visibility: String
            var tests: [Test]
        }
        let results = Results(
            score: result.total, max_score: result.maximum,
            output: (result.notes + result.exercises.flatMap { e in e.answerErrors.map { "\(e.id): \($0)" } }).joined(separator: "\n"),
            visibility: "visible", stdout_visibility: "hidden",
            tests: result.checks.map { check in
                Test(name: "\(check.exercise): check \(check.number)", number: String(check.number), score: check.score, max_score: check.maximum,
                     status: check.passed ? "passed" : "failed", output: check.message,
                     visibility: check.visible ? "visible" : "after_published")
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(results), as: UTF8.self) + "\n"
    }

    /// JUnit XML: a test case per check, a failure element for each failed one.
    public static func junit(_ result: GradeResult) -> String {
        let failures = result.checks.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"cahier\" tests=\"\(result.checks.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"\(xmlEscape(result.handIn))\" tests=\"\(result.checks.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for check in result.checks {
            let name = "check \(check.number)" + (check.message.isEmpty ? "" : ": " + check.message)
            xml += "    <testcase classname=\"exercise.\(xmlEscape(check.exercise))\" name=\"\(xmlEscape(name))\" time=\"0\""
            if check.passed {
                xml += "/>\n"
            } else {
                xml += ">\n      <failure message=\"\(xmlEscape(check.message))\" type=\"check\">\(xmlEscape("0 of \(Display.number(check.maximum)) points"))</failure>\n    </testcase>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// The feedback page a student reads.
    public static func feedback(_ result: GradeResult) -> String {
        var md = "# Feedback: \(markdownEscape(result.handIn))\n\n"
        md += "**Total: \(Display.number(round2(result.total))) / \(Display.number(result.maximum)) points**\n"
        for exercise in result.exercises {
            md += "\n## Exercise \(markdownEscape(exercise.id)): \(Display.number(round2(exercise.score))) / \(Display.number(exercise.maximum)) points\n\n"
            if let problem = exercise.problem { md += "\(markdownEscape(problem))\n\n" }
            if !exercise.answerErrors.isEmpty {
                md += "Your answer met errors:\n\n" + exercise.answerErrors.map { "- " + markdownEscape($0) + "\n" }.joined() + "\n"
            }
            for check in result.checks where check.exercise == exercise.id {
                let points = "\(Display.number(round2(check.score))) / \(Display.number(round2(check.maximum)))"
                // The exercise's problem is said once, above its checks.
                let text = check.message.isEmpty || check.message == exercise.problem ? "" : ": " + markdownEscape(check.message)
                md += "- \(check.passed ? "passed" : "failed") check \(check.number) (\(points))\(text)\n"
            }
        }
        if !result.notes.isEmpty {
            md += "\n## Notes\n\n" + result.notes.map { "- " + markdownEscape($0) + "\n" }.joined()
        }
        return md
    }

    public static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Text for an XML attribute or element: HTML's escapes, newlines as `&#10;`,
    /// and the control characters XML 1.0 cannot hold replaced by `?`.
    static func xmlEscape(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\t" && scalar != "\r" && scalar != "\n" ? "?" : scalar
        }))
        return HTML.escape(cleaned).replacingOccurrences(of: "\n", with: "&#10;")
    }

    /// Text that Markdown shows as it is: HTML-special characters as entities,
    /// Markdown punctuation escaped, lines joined.
    static func markdownEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r": out += " "
            case "\\", "`", "*", "_", "[", "]", "#", "|", "!", "~":
                out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        // A leading - + or digits and a dot would start a list.
        if let first = out.first, "-+0123456789".contains(first) { out = "\\" + out }
        return out
    }
}

/// The grade book of a batch: a CSV file with a row per hand-in, the points
/// of each exercise and the total, which Moodle and spreadsheets import.
public struct Gradebook: Sendable, Hashable {
    public var exercises: [String]
    public var rows: [(handIn: String, scores: [String])]

    public init(exercises: [String], results: [GradeResult]) {
        self.exercises = exercises
        rows = results.sorted { $0.handIn < $1.handIn }.map { result in
            (result.handIn, exercises.map { id in Display.number(GradeReports.round2(result.exercises.first { $0.id == id }?.score ?? 0)) }
                + [Display.number(GradeReports.round2(result.total))])
        }
    }

    public static func == (a: Gradebook, b: Gradebook) -> Bool {
        a.csv == b.csv
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(csv) }

    public var header: [String] { ["Hand-in"] + exercises + ["Total"] }

    public var csv: String {
        ([header] + rows.map { [$0.handIn] + $0.scores }).map { $0.map(Gradebook.field).joined(separator: ",") + "\n" }.joined()
    }

    /// A CSV field: quoted when needed; a leading = + - @ is defused for spreadsheets.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// Reads a grade book written by ``csv``.
    public static func parse(_ text: String, path: String) throws(DiagnosticError) -> (header: [String], rows: [[String]]) {
        var lines: [[String]] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            var fields: [String] = []
            var current = ""
            var quoted = false
            var chars = Array(line)
            if chars.last == "\r" { chars.removeLast() }
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if quoted {
                    if c == "\"", i + 1 < chars.count, chars[i + 1] == "\"" { current.append("\""); i += 1 }
                    else if c == "\"" { quoted = false }
                    else { current.append(c) }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    fields.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
                i += 1
            }
            if quoted {
                throw DiagnosticError([Diagnostic(.error, "unclosed quote in a CSV field", path: path, range: SourceRange(at: .init(line: n + 1, column: 1)))])
            }
            fields.append(current)
            lines.append(fields)
        }
        guard let header = lines.first, header.first == "Hand-in", header.last == "Total" else {
            throw DiagnosticError([Diagnostic(.error, "not a Cahier grade book: the header must start with Hand-in and end with Total",
                                              path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        for (n, row) in lines.enumerated().dropFirst() where row.count != header.count {
            throw DiagnosticError([Diagnostic(.error, "row has \(row.count) fields but the header has \(header.count)", path: path,
                                              range: SourceRange(at: .init(line: n + 1, column: 1)))])
        }
        return (header, Array(lines.dropFirst()))
    }
}
