import Foundation

/// The teacher's class list, a CSV file: a row per student, a `Hand-in`
/// column holding the ID of the student's hand-in (its file or folder name,
/// as `grade` names it), and the columns that tell the student to the
/// platform the grades go to: Moodle's `Email address` or `ID number`, and
/// Canvas's `Student`, `ID`, `SIS User ID`, `SIS Login ID` and `Section` (the
/// headers of the platforms' own exports, so an export with a `Hand-in` column
/// added is a roster). Headers are matched without regard to case or the
/// spaces around them; cells are trimmed. Hand-ins are matched to students by
/// that exact ID, never by a likeness of names.
public struct Roster: Sendable, Hashable {
    public struct Student: Sendable, Hashable {
        /// The cells of the row, by the header's column.
        public var cells: [String]
        /// The ID of the student's hand-in; empty when the student has none.
        public var handIn: String
        /// The row's line in the file.
        public var line: Int
    }

    public var path: String
    public var header: [String]
    public var students: [Student]

    /// The name of the column that holds hand-in IDs.
    public static let handInColumn = "Hand-in"

    /// The most students a roster may hold.
    public static let maximumStudents = 100_000

    /// Reads a roster. Errors, each with its line: no `Hand-in` column, a row
    /// whose number of fields differs from the header's, a hand-in ID given to
    /// two students, more than ``maximumStudents`` rows.
    public init(_ text: String, path: String) throws(DiagnosticError) {
        self.path = path
        let (rows, lines) = try Gradebook.rows(text, path: path)
        func error(_ message: String, line: Int) -> DiagnosticError {
            DiagnosticError([Diagnostic(.error, message, path: path, range: SourceRange(at: .init(line: line, column: 1)))])
        }
        guard let first = rows.first else { throw error("the roster is empty: it needs a header row with a \(Self.handInColumn) column", line: 1) }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        guard rows.count - 1 <= Self.maximumStudents else { throw error("the roster has more than \(Self.maximumStudents) students", line: lines[0]) }
        guard let handIn = Self.column(Self.handInColumn, in: header) else {
            throw error("the roster has no \(Self.handInColumn) column (the ID of each student's hand-in); its columns are \(header.joined(separator: ", "))", line: lines[0])
        }
        var students: [Student] = []
        var owner: [String: Int] = [:]
        for (row, line) in zip(rows.dropFirst(), lines.dropFirst()) {
            guard row.count == header.count else { throw error("this row has \(row.count) fields but the header has \(header.count)", line: line) }
            let cells = row.map { $0.trimmingCharacters(in: .whitespaces) }
            let id = cells[handIn]
            if !id.isEmpty, let other = owner[id] {
                throw error("hand-in '\(id)' is given to two students, on lines \(other) and \(line)", line: line)
            }
            if !id.isEmpty { owner[id] = line }
            students.append(Student(cells: cells, handIn: id, line: line))
        }
        self.students = students
    }

    /// The index of the column named `name` (case and surrounding spaces aside), or nil.
    public static func column(_ name: String, in header: [String]) -> Int? {
        header.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() }
    }

    /// The index of the first of `names` the roster has as a column, or nil.
    public func column(_ names: [String]) -> Int? {
        names.lazy.compactMap { Self.column($0, in: header) }.first
    }
}
