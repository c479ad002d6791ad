/// The grade books that learning platforms import, made from a batch's grade
/// book and the teacher's ``Roster``:
///
/// - Moodle's CSV grade import: a column that identifies the user, matched
///   to "Email address" (useremail) or "ID number" (useridnumber) on the
///   import page, and columns of grades the teacher maps to grade items
///   (docs.moodle.org, "Grade import").
/// - Canvas's Gradebook import: the columns of Canvas's own export, `Student`,
///   `ID`, `SIS User ID`, `SIS Login ID`, `Section`, then one column per
///   assignment, and a second row `Points Possible` (Canvas's export; the
///   guides of its import).
///
/// A row per roster student, in the roster's order; a student without a
/// hand-in is written as ``MissingGrade`` says. A hand-in that matches no
/// student is left out and reported.
public enum GradebookPlatform: String, Sendable, CaseIterable {
    case moodle, canvas
}

/// The user field Moodle's import identifies students by (*Identify user by*).
public enum MoodleIdentity: String, Sendable, CaseIterable {
    /// `Email address`, mapped to useremail.
    case email
    /// `ID number`, mapped to useridnumber.
    case idnumber
}

/// What a platform's grade book gives a roster student without a hand-in.
public enum MissingGrade: String, Sendable, CaseIterable {
    /// Empty grade cells: no grade (Moodle's import reads an empty cell as no
    /// grade, and so clears a grade entered by hand).
    case empty
    /// No row: the import leaves the student's grade as it is.
    case omit
    /// 0 points, for a course where no hand-in scores 0.
    case zero
}

/// A platform's grade book, and what could not go into it.
public struct PlatformGradebook: Sendable, Hashable {
    public var csv: String
    /// The hand-ins whose ID matches no roster student's `Hand-in` cell, sorted:
    /// their grades are not in ``csv``.
    public var unmatched: [String]
    /// The roster's students without a graded hand-in.
    public var missing: [Roster.Student]

    /// A warning per unmatched hand-in, at the roster's header line.
    public func warnings(roster: Roster, output: String) -> [Diagnostic] {
        unmatched.map { id in
            Diagnostic(.warning, "hand-in '\(id)' matches no student's \(Roster.handInColumn) cell, so its grade is not in \(output); add it to the roster and export again",
                       path: roster.path, range: SourceRange(at: .init(line: 1, column: 1)))
        }
    }

    /// A plain report: the hand-ins left out, the students without a grade.
    public func report(roster: Roster, output: String) -> String {
        var text = "Grade book \(output) from the roster \(roster.path)\n\n"
        text += "Hand-ins that match no student (their grades are NOT in \(output)): \(unmatched.count)\n"
        text += unmatched.map { "- \($0)\n" }.joined()
        text += "\nStudents of the roster without a hand-in: \(missing.count)\n"
        text += missing.map { "- line \($0.line): \($0.cells.joined(separator: ", "))\n" }.joined()
        return text
    }
}

extension Gradebook {
    /// Moodle's identifying columns, as its export names them, and the roster columns that may hold them.
    static let moodleKeys: [(identity: MoodleIdentity, header: String, names: [String])] = [
        (.email, "Email address", ["Email address", "Email", "E-mail", "useremail"]),
        (.idnumber, "ID number", ["ID number", "idnumber", "useridnumber"]),
    ]

    /// Canvas's columns that name a student, as its export writes them.
    public static let canvasColumns = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]

    /// The grade book for `platform`. `assignment` names the grade column (the
    /// total); `pointsPossible` is what the assignment is worth (Canvas's
    /// second row); `identity` picks Moodle's identifying column (by default
    /// the e-mail address when the roster has it, else the ID number). Errors, with the roster's line: a roster without an
    /// identifying column, or a student whose identifying cells are all empty.
    public func export(to platform: GradebookPlatform, roster: Roster, assignment: String, pointsPossible: Double,
                       missing missingGrade: MissingGrade = .empty, identity: MoodleIdentity? = nil) throws(DiagnosticError) -> PlatformGradebook {
        var byHandIn: [String: [String]] = [:]
        for row in rows { byHandIn[row.handIn] = row.scores }
        let listed = Set(roster.students.map(\.handIn).filter { !$0.isEmpty })
        let unmatched = rows.map(\.handIn).filter { !listed.contains($0) }.sorted()
        let missing = roster.students.filter { byHandIn[$0.handIn] == nil }
        let students = missingGrade == .omit ? roster.students.filter { byHandIn[$0.handIn] != nil } : roster.students
        let none = missingGrade == .zero ? "0" : ""
        func error(_ message: String, line: Int) -> DiagnosticError {
            DiagnosticError([Diagnostic(.error, message, path: roster.path, range: SourceRange(at: .init(line: line, column: 1)))])
        }
        var lines: [[String]] = []
        switch platform {
        case .moodle:
            let keys = Self.moodleKeys.filter { identity == nil || $0.identity == identity }
            guard let (header, column) = keys.lazy.compactMap({ key in roster.column(key.names).map { (key.header, $0) } }).first else {
                if let only = keys.first, identity != nil { throw error("the roster has no \(only.header) column, which --identify-by \(only.identity.rawValue) asks for", line: 1) }
                throw error("the roster has neither an Email address nor an ID number column, which Moodle's import identifies users by", line: 1)
            }
            lines.append([header] + exercises + [assignment])
            for student in students {
                guard !student.cells[column].isEmpty else { throw error("this student's \(header) is empty: Moodle could not tell who it is", line: student.line) }
                lines.append([student.cells[column]] + (byHandIn[student.handIn] ?? Array(repeating: none, count: exercises.count + 1)))
            }
        case .canvas:
            let columns = Self.canvasColumns.map { roster.column([$0]) }
            guard columns[0] != nil || columns[1] != nil || columns[2] != nil else {
                throw error("the roster has none of the columns Student, ID and SIS User ID, which Canvas's import identifies students by", line: 1)
            }
            lines.append(Self.canvasColumns + [assignment])
            lines.append(["Points Possible"] + Array(repeating: "", count: Self.canvasColumns.count - 1) + [Display.number(pointsPossible)])
            for student in students {
                let cells = columns.map { $0.map { student.cells[$0] } ?? "" }
                guard !cells[0...2].allSatisfy(\.isEmpty) else {
                    throw error("this student's Student, ID and SIS User ID are all empty: Canvas could not tell who it is", line: student.line)
                }
                lines.append(cells + [byHandIn[student.handIn]?.last ?? none])
            }
        }
        return PlatformGradebook(csv: Gradebook.csv(lines), unmatched: unmatched, missing: missing)
    }
}
