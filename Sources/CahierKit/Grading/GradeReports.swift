import Foundation

/// The reports of a grade: Gradescope's results.json, JUnit XML, and a
/// Markdown feedback page. Everything that comes from a hand-in or a message
/// is escaped for its format.
public enum GradeReports {
    /// How Gradescope shows the texts of a results.json: `output_format` (its
    /// specification's values are text, html, simple_format, md and ansi).
    public enum OutputFormat: String, Sendable {
        case text
        case markdown = "md"
    }

    /// Gradescope's autograder results: score, max_score, and one test per
    /// check, visible checks `visible` and hidden ones `after_published`. The
    /// submission's output says only what the student's own answers met (an
    /// exercise that could not be graded, the errors of an answer, notes), never
    /// a hidden check's outcome, since it is visible at once. In Markdown it is a
    /// list per exercise and each test's output is escaped; `executionTime`
    /// (seconds) is given when known.
    public static func gradescope(_ result: GradeResult, format: OutputFormat = .markdown, executionTime: Int? = nil) throws -> String {
        struct Test: Encodable {
            var name: String
            var number: String
            var score: Double
            var max_score: Double
            var status: String
            var output: String
            var output_format: String?
            var visibility: String
        }
        struct Results: Encodable {
            var score: Double
            var max_score: Double
            var execution_time: Int?
            var output: String
            var output_format: String?
            var visibility: String
            var stdout_visibility: String
            var tests: [Test]
        }
        let markdown = format == .markdown
        let notes = (result.notes + result.exercises.flatMap { e in e.answerErrors.map { "\(e.id): \($0)" } }).joined(separator: "\n")
        let results = Results(
            score: result.total, max_score: result.maximum, execution_time: executionTime,
            output: markdown ? submissionMarkdown(result) : notes, output_format: markdown ? format.rawValue : nil,
            visibility: "visible", stdout_visibility: "hidden",
            tests: result.checks.map { check in
                Test(name: result.language.text("report.check-name", ["exercise": check.exercise, "number": String(check.number)]), number: String(check.number), score: check.score, max_score: check.maximum,
                     status: check.passed ? "passed" : "failed",
                     output: markdown ? ([markdownProse(check.message)] + check.feedback.map { "- " + self.markdown($0) }).joined(separator: "\n")
                        : ([check.message] + check.feedback.map { "  " + $0.plain }).joined(separator: "\n"),
                     output_format: markdown ? format.rawValue : nil,
                     visibility: check.visible ? "visible" : "after_published")
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(results), as: UTF8.self) + "\n"
    }

    /// What a student's answers met, in Markdown: per exercise its problem and
    /// its answer's errors, then the notes; empty when there is nothing to say.
    /// A problem the notes already state (a stopped run, a refused submission) is said once, there.
    static func submissionMarkdown(_ result: GradeResult) -> String {
        var md = ""
        let noted = Set(result.notes)
        for exercise in result.exercises {
            let problem = exercise.problem.flatMap { noted.contains($0) ? nil : $0 }
            guard problem != nil || !exercise.answerErrors.isEmpty else { continue }
            md += "**" + result.language.text("report.exercise-plain", ["exercise": markdownProse(exercise.id)]) + "**\n\n"
            if let problem { md += "- " + markdownProse(problem) + "\n" }
            md += exercise.answerErrors.map { "- " + markdownProse($0) + "\n" }.joined() + "\n"
        }
        if !result.notes.isEmpty {
            md += "**" + markdownProse(result.language.text("report.notes")) + "**\n\n" + result.notes.map { "- " + markdownProse($0) + "\n" }.joined()
        }
        return md
    }

    /// JUnit XML: a test case per check, a failure element for each failed one.
    public static func junit(_ result: GradeResult) -> String {
        let failures = result.checks.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"cahier\" tests=\"\(result.checks.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml += "  <testsuite name=\"\(xmlEscape(result.handIn))\" tests=\"\(result.checks.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for check in result.checks {
            let name = result.language.text("grade.check", ["number": String(check.number)]) + (check.message.isEmpty ? "" : ": " + check.message)
            xml += "    <testcase classname=\"exercise.\(xmlEscape(check.exercise))\" name=\"\(xmlEscape(name))\" time=\"0\""
            if check.passed {
                xml += "/>\n"
            } else {
                let body = ([result.language.text("report.zero-of", ["maximum": result.language.number(check.maximum)])] + check.feedback.map(\.plain)).joined(separator: "\n")
                xml += ">\n      <failure message=\"\(xmlEscape(check.message))\" type=\"check\">\(xmlEscape(body))</failure>\n    </testcase>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    /// The feedback page a student reads: Markdown that reads as well as
    /// plain text (values, names and code in code spans, prose escaped only
    /// where Markdown would misread it).
    public static func feedback(_ result: GradeResult) -> String {
        let language = result.language
        var md = "# " + language.text("report.feedback", ["handIn": markdownProse(result.handIn)]) + "\n\n"
        md += "**" + language.text("report.total", ["score": language.number(round2(result.total)), "maximum": language.number(result.maximum)]) + "**\n"
        for exercise in result.exercises {
            md += "\n## " + language.text("report.exercise", ["exercise": markdownProse(exercise.id), "score": language.number(round2(exercise.score)),
                                                          "maximum": language.number(exercise.maximum)]) + "\n\n"
            if let problem = exercise.problem { md += "\(markdownProse(problem))\n\n" }
            if !exercise.answerErrors.isEmpty {
                md += markdownProse(language.text("report.answer-errors")) + "\n\n" + exercise.answerErrors.map { "- " + markdownProse($0) + "\n" }.joined() + "\n"
            }
            for check in result.checks where check.exercise == exercise.id {
                let points = language.number(round2(check.score)) + " / " + language.number(round2(check.maximum))
                // The exercise's problem is said once, above its checks.
                let message = exercise.problem != nil && !check.passed ? markdownProse(language.text("report.see-above"), atStart: false)
                    : check.message.isEmpty ? nil : markdownProse(check.message)
                let key = (check.passed ? "report.passed" : "report.failed") + (message == nil ? "" : "-because")
                md += "- " + language.text(key, ["number": String(check.number), "points": points, "message": message ?? ""]) + "\n"
                for line in check.feedback { md += "  - " + markdown(line) + "\n" }
            }
        }
        if !result.notes.isEmpty {
            md += "\n## " + markdownProse(language.text("report.notes")) + "\n\n" + result.notes.map { "- " + markdownProse($0) + "\n" }.joined()
        }
        return md
    }

    /// A feedback line in Markdown: prose escaped where needed, code in code spans.
    public static func markdown(_ line: FeedbackLine) -> String {
        line.spans.map { $0.isCode ? codeSpan($0.text) : markdownProse($0.text, atStart: false) }.joined()
    }

    /// `text` as a code span: fenced by one backtick more than its longest run of them.
    static func codeSpan(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || (flat.hasPrefix(" ") && flat.hasSuffix(" ") && !flat.allSatisfy { $0 == " " })
        return fence + (pad ? " " + flat + " " : flat) + fence
    }

    public static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// Text for an XML attribute or element: HTML's escapes, newlines as `&#10;`,
    /// and the characters XML 1.0 cannot hold replaced by `?`.
    static func xmlEscape(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { XML.allows($0) ? $0 : "?" }))
        return HTML.escape(cleaned).replacingOccurrences(of: "\n", with: "&#10;")
    }

    /// Prose that Markdown shows as it is, escaped only where Markdown would
    /// read markup: backslashes, backticks, `*`, `_` at a word's edge, `~~`,
    /// a link's `](`, an HTML tag or entity's start, and (`atStart`) what would
    /// begin a heading, a quote or a list. Lines are joined.
    static func markdownProse(_ text: String, atStart: Bool = true) -> String {
        let characters = Array(text)
        // Emphasis needs a pair of delimiters, and a tag or an autolink its closing `>`: a lone `_` or `*`
        // (`online(_:rate:)`) and a `<` with no `>` after it (`0..<n`) are shown as they are.
        let pairs = characters.filter { $0 == "_" }.count >= 2, stars = characters.filter { $0 == "*" }.count >= 2
        let lastClose = characters.lastIndex(of: ">") ?? -1
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (k, ch) in characters.enumerated() {
            let before = k > 0 ? characters[k - 1] : " "
            let after = k + 1 < characters.count ? characters[k + 1] : " "
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "\\", "`": out += "\\" + String(ch)
            case "*" where stars: out += "\\*"
            case "_" where pairs && (!(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)): out += "\\_"
            case "~" where after == "~" || before == "~": out += "\\~"
            case "(" where before == "]", "[" where before == "]": out += "\\" + String(ch)
            case "<" where k < lastClose && (after.isLetter || after == "/" || after == "!" || after == "?"): out += "&lt;"
            case "&" where after.isLetter || after == "#": out += "&amp;"
            default: out.append(ch)
            }
        }
        guard atStart else { return out }
        // A leading #, >, -, +, = or digits and a dot or a parenthesis would start a block:
        // the punctuation is escaped (a backslash before a digit would show).
        if let first = out.first, "#>-+=*".contains(first) { out = "\\" + out }
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, let next = out.dropFirst(digits.count).first, next == "." || next == ")" {
            out = String(digits) + "\\" + out.dropFirst(digits.count)
        }
        return out
    }
}

/// What XML 1.0 allows in a document.
enum XML {
    /// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    static func allows(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
