import Foundation

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

    init(exercises: [String], rows: [(handIn: String, scores: [String])]) {
        self.exercises = exercises
        self.rows = rows
    }

    /// A grade book read back from its CSV text (``csv``), as `gradebook merge` writes it too.
    public init(parsing text: String, path: String) throws(DiagnosticError) {
        let (header, rows) = try Gradebook.parse(text, path: path)
        self.init(exercises: Array(header.dropFirst().dropLast()), rows: rows.map { ($0[0], Array($0.dropFirst())) })
    }

    public static func == (a: Gradebook, b: Gradebook) -> Bool {
        a.csv == b.csv
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(csv) }

    public var header: [String] { ["Hand-in"] + exercises + ["Total"] }

    public var csv: String {
        Gradebook.csv([header] + rows.map { [$0.handIn] + $0.scores })
    }

    /// Rows of fields as CSV lines.
    static func csv(_ lines: [[String]]) -> String {
        lines.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
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

    /// The rows of fields of a CSV text (RFC 4180 quoting; CRLF or LF; a
    /// leading byte order mark, which spreadsheets write, is skipped). A field
    /// may not hold a line break. Blank lines are skipped; `lines` gives each
    /// row's line in the file.
    static func rows(_ text: String, path: String) throws(DiagnosticError) -> (rows: [[String]], lines: [Int]) {
        var lines: [[String]] = []
        var numbers: [Int] = []
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        for (n, line) in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            var fields: [String] = []
            var current = ""
            var quoted = false
            var chars = Array(line)
            if chars.last == "\r" { chars.removeLast() }
            if chars.isEmpty { continue }
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
            numbers.append(n + 1)
        }
        return (lines, numbers)
    }

    /// Reads a grade book written by ``csv``.
    public static func parse(_ text: String, path: String) throws(DiagnosticError) -> (header: [String], rows: [[String]]) {
        let (lines, numbers) = try rows(text, path: path)
        guard let header = lines.first, header.first == "Hand-in", header.last == "Total" else {
            throw DiagnosticError([Diagnostic(.error, "not a Cahier grade book: the header must start with Hand-in and end with Total",
                                              path: path, range: SourceRange(at: .init(line: 1, column: 1)))])
        }
        for (n, row) in lines.enumerated().dropFirst() where row.count != header.count {
            throw DiagnosticError([Diagnostic(.error, "row has \(row.count) fields but the header has \(header.count)", path: path,
                                              range: SourceRange(at: .init(line: numbers[n], column: 1)))])
        }
        return (header, Array(lines.dropFirst()))
    }

    /// Joins the grade books of the shards of one batch: the same columns, each
    /// hand-in in one book only; rows sorted by hand-in. `books` are (path, text).
    public static func merge(_ books: [(path: String, text: String)]) throws(DiagnosticError) -> (csv: String, handIns: Int) {
        var header: [String]?
        var rows: [String: [String]] = [:]
        for (path, text) in books {
            let book = try parse(text, path: path)
            let start = SourceRange(at: .init(line: 1, column: 1))
            if let header, header != book.header {
                throw DiagnosticError([Diagnostic(.error, "its columns differ from the first grade book's: " + book.header.joined(separator: ","), path: path, range: start)])
            }
            header = book.header
            for row in book.rows {
                guard rows[row[0]] == nil else {
                    throw DiagnosticError([Diagnostic(.error, "hand-in '\(row[0])' is in two grade books", path: path, range: start)])
                }
                rows[row[0]] = row
            }
        }
        guard let header else { return ("", 0) }
        let lines = [header] + rows.keys.sorted().compactMap { rows[$0] }
        return (csv(lines), rows.count)
    }
}
