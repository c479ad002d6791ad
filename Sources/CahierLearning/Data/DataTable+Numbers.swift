/// The fields that are not numbers, and how a table writes its decimals.
extension DataTable {
    /// The error for the field of `row` in `column` that is not a number:
    /// missing, written with a decimal comma in a file read with points, or anything else.
    public func notANumber(row r: Int, column: Int) -> DataFileError {
        let field = fields[r * columns.count + column]
        let text = DataTable.excerpt(DataTable.text(bytes, field))
        let name = DataTable.excerpt(columns[column])
        var problem: DataFileError
        if field.isEmpty {
            problem = error(row: r, column: column, "a missing value in column '\(name)'; fill it in or remove the row")
            problem.field = .missing(column: name)
        } else if looksLikeDecimalComma(row: r, column: column) {
            problem = error(row: r, column: column, "'\(text)' in column '\(name)' is not a number here: it looks like a decimal comma; read the file with decimal: \",\"")
            problem.field = .decimalComma(text: text, column: name)
        } else {
            problem = error(row: r, column: column, "'\(text)', not a number, in column '\(name)'; fill it in or remove the row")
            problem.field = .notANumber(text: text, column: name)
        }
        return problem
    }

    /// Whether the field of `row` in `column` would be a number with a decimal
    /// comma (`2,5`) though the table reads decimal points. Never in a file
    /// separated by commas, where a quoted `"1,000"` is a thousands separator.
    public func looksLikeDecimalComma(row: Int, column: Int) -> Bool {
        let field = fields[row * columns.count + column]
        return !decimalComma && delimiter != UInt8(ascii: ",") && !field.escaped && field.number == nil && CSVDialect.commaNumber(bytes, field.start, field.end) != nil
    }

    /// The first row of `column` whose field is not a number, or nil.
    public func firstNonNumber(_ column: Int, decimalCommaOnly: Bool = false) -> Int? {
        (0..<rowCount).first { fields[$0 * columns.count + column].number == nil && (!decimalCommaOnly || looksLikeDecimalComma(row: $0, column: column)) }
    }

    /// How the file writes decimals: the fields holding a number with a point
    /// (`2.5`) and those that would be numbers with a decimal comma (`2,5`).
    /// One pass over the fields; asked only of a file not separated by commas.
    public func decimalMarks() -> (points: Int, commas: Int) {
        var points = 0, commas = 0
        for field in fields where !field.escaped {
            if field.number != nil {
                if bytes[field.start..<field.end].contains(UInt8(ascii: ".")) { points += 1 }
            } else if CSVDialect.commaNumber(bytes, field.start, field.end) != nil {
                commas += 1
            }
        }
        return (points, commas)
    }
}
