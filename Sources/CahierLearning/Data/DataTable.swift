/// A table read from a CSV or TSV file: a header row naming the columns,
/// then one row of fields per line. In a CSV file (RFC 4180) fields may be
/// quoted (`"a, b"`, with `""` for a quote, and line breaks inside); a TSV
/// file's fields are taken as they are, quotes included (IANA's TSV has no
/// quoting: a field cannot hold a tab or a line break). Lines end with `\n`
/// or `\r\n`; a UTF-8 byte order mark is skipped; blank lines are skipped.
/// Every problem names its line and column (counted in bytes from 1).
/// With `decimalComma`, numbers are written as French spreadsheets write
/// them, `2,5` for 2.5 (``CSVDialect``).
///
/// A column is numeric when every field holds a number; empty fields are
/// missing values, refused where the column is used (``numbers(_:)``).
public struct DataTable: Sendable {
    public let path: String
    /// The column names, from the header.
    public let columns: [String]
    /// The number of rows, the header excluded.
    public let rowCount: Int
    /// The fields, row after row.
    let fields: [Field]
    /// The line each row starts on.
    private let rowLines: [Int]
    let bytes: [UInt8]
    /// The index of each column by name.
    private let indices: [String: Int]
    /// Whether numbers are read with a decimal comma.
    public let decimalComma: Bool
    /// The byte between fields: `,`, `;` or a tab.
    public let delimiter: UInt8

    /// One field, in 16 bytes: where its text is, whether it is quoted with
    /// `""` inside, and its number (a sentinel NaN when it holds none).
    struct Field: Sendable {
        private var startBits: UInt32
        private var endBits: UInt32
        private var value: Double

        /// The NaN that means "not a number" (no text parses to this payload).
        private static let none = Double(bitPattern: 0x7FF4_CAFE_0000_0001)

        init(start: Int, end: Int, escaped: Bool, number: Double?) {
            startBits = UInt32(start)
            endBits = UInt32(end) | (escaped ? 1 << 31 : 0)
            value = number ?? Field.none
        }

        var start: Int {
            get { Int(startBits) }
            set { startBits = UInt32(newValue) }
        }
        var end: Int {
            get { Int(endBits & 0x7FFF_FFFF) }
            set { endBits = UInt32(newValue) | (endBits & (1 << 31)) }
        }
        /// A quoted field with `""` inside, whose text needs unescaping.
        var escaped: Bool {
            get { endBits & (1 << 31) != 0 }
            set { endBits = (endBits & 0x7FFF_FFFF) | (newValue ? 1 << 31 : 0) }
        }
        var number: Double? {
            get { value.bitPattern == Field.none.bitPattern ? nil : value }
            set { value = newValue ?? Field.none }
        }
        var isEmpty: Bool { start == end }
    }

    /// The largest number of fields a table may hold unless a caller says otherwise (header included).
    public static let defaultMaximumFields = 20_000_000

    /// Reads `path`, its fields separated by `delimiter` (`,` or a tab).
    public init(_ path: String, delimiter: UInt8, decimalComma: Bool = false, maximumBytes: Int = DataFile.defaultMaximumBytes,
                maximumFields: Int = DataTable.defaultMaximumFields) throws {
        try self.init(bytes: try DataFile.read(path, maximumBytes: maximumBytes), path: path, delimiter: delimiter,
                      decimalComma: decimalComma, maximumFields: maximumFields)
    }

    /// Reads a table from the bytes of a file named `path`. Reading is linear in
    /// the bytes; a table of more than `maximumFields` fields (the header's
    /// included) is refused when its field over the limit is met, before it is stored.
    public init(bytes: [UInt8], path: String, delimiter: UInt8, decimalComma: Bool = false,
                maximumFields: Int = DataTable.defaultMaximumFields) throws {
        self.path = path
        self.decimalComma = decimalComma
        self.delimiter = delimiter
        var bytes = bytes
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DataFileError(path: path, line: 1, message: "not UTF-8 text")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.count < 1 << 31 else { throw DataFileError(path: path, line: 0, message: "a table file may be at most 2 GB") }
        self.bytes = bytes
        // Every field, row after row, and where each row's fields start.
        var all: [Field] = []
        all.reserveCapacity(Swift.min(bytes.count / 4, Swift.max(maximumFields, 0)))
        var rowStarts: [Int] = []
        var lines: [Int] = []
        var line = 1
        var lineStart = 0
        var i = 0
        let n = bytes.count
        let quoting = delimiter != UInt8(ascii: "\t")
        func error(_ message: String, at offset: Int) -> DataFileError {
            DataFileError(path: path, line: line, column: offset - lineStart + 1, message: message)
        }
        while i < n {
            // A blank line is skipped.
            if bytes[i] == UInt8(ascii: "\n") || (bytes[i] == UInt8(ascii: "\r") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n")) {
                i += bytes[i] == UInt8(ascii: "\r") ? 2 : 1
                line += 1
                lineStart = i
                continue
            }
            rowStarts.append(all.count)
            let rowLine = line
            while true {
                var field = Field(start: i, end: i, escaped: false, number: nil)
                if quoting, i < n, bytes[i] == UInt8(ascii: "\"") {
                    let open = i
                    let (openLine, openLineStart) = (line, lineStart)
                    i += 1
                    field.start = i
                    while true {
                        guard i < n else {
                            throw DataFileError(path: path, line: openLine, column: open - openLineStart + 1, message: "a quoted field opened here is never closed")
                        }
                        if bytes[i] == UInt8(ascii: "\"") {
                            if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                                field.escaped = true
                                i += 2
                                continue
                            }
                            break
                        }
                        if bytes[i] == UInt8(ascii: "\n") {
                            line += 1
                            lineStart = i + 1
                        }
                        i += 1
                    }
                    field.end = i
                    i += 1
                    if i < n, bytes[i] != delimiter, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") {
                        throw error("expected \(DataTable.name(of: delimiter)) or the end of the line after a closing quote", at: i)
                    }
                } else {
                    while i < n, bytes[i] != delimiter, bytes[i] != UInt8(ascii: "\n") {
                        if quoting, bytes[i] == UInt8(ascii: "\"") { throw error("a quote inside a field that does not start with one; quote the whole field", at: i) }
                        if bytes[i] == UInt8(ascii: "\r"), !(i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n")) {
                            throw error("a carriage return that does not end the line", at: i)
                        }
                        if bytes[i] == UInt8(ascii: "\r") { break }
                        i += 1
                    }
                    field.end = i
                }
                // A quoted number ("3.5", as spreadsheets write every field) is a number too.
                if !field.escaped {
                    field.number = decimalComma ? CSVDialect.decimalCommaNumber(bytes, field.start, field.end) : DataTable.number(bytes, field.start, field.end)
                }
                guard all.count < maximumFields else {
                    throw error("the table has more than \(maximumFields) fields, the limit (front matter max-elements)", at: field.start)
                }
                all.append(field)
                if i < n, bytes[i] == delimiter {
                    i += 1
                    continue
                }
                // The end of the row: \r\n, \n or the end of the file.
                if i < n, bytes[i] == UInt8(ascii: "\r") { i += 1 }
                if i < n, bytes[i] == UInt8(ascii: "\n") { i += 1 }
                line += 1
                lineStart = i
                break
            }
            lines.append(rowLine)
        }
        guard !rowStarts.isEmpty else { throw DataFileError(path: path, line: 1, message: "the file is empty: expected a header naming the columns") }
        rowStarts.append(all.count)
        var names: [String] = []
        var indices: [String: Int] = [:]
        names.reserveCapacity(rowStarts[1])
        for field in all[rowStarts[0]..<rowStarts[1]] {
            let name = DataTable.text(bytes, field).trimmingSpaces
            guard !name.isEmpty else {
                throw DataFileError(path: path, line: lines[0], column: 0, message: "column \(names.count + 1) of the header has no name")
            }
            guard indices.updateValue(names.count, forKey: name) == nil else {
                throw DataFileError(path: path, line: lines[0], column: 0, message: "two columns are named '\(DataTable.excerpt(name))'")
            }
            names.append(name)
        }
        for r in 1..<(rowStarts.count - 1) where rowStarts[r + 1] - rowStarts[r] != names.count {
            throw DataFileError(path: path, line: lines[r], column: 0,
                                message: "expected \(names.count) fields, as the header has columns, found \(rowStarts[r + 1] - rowStarts[r])")
        }
        self.columns = names
        self.indices = indices
        self.rowCount = rowStarts.count - 2
        self.fields = Array(all[rowStarts[1]...])
        self.rowLines = Array(lines.dropFirst())
    }

    /// The index of the column named `name`, or nil.
    public func column(named name: String) -> Int? { indices[name] }

    /// Whether every non-empty field of the column holds a number.
    public func isNumeric(_ column: Int) -> Bool {
        (0..<rowCount).allSatisfy { fields[$0 * columns.count + column].isEmpty || fields[$0 * columns.count + column].number != nil }
    }

    /// The column's numbers; a missing value or a field that is not a number is
    /// an error naming its line and column.
    public func numbers(_ column: Int) throws -> [Double] {
        try (0..<rowCount).map { r in
            let field = fields[r * columns.count + column]
            if let number = field.number { return number }
            throw notANumber(row: r, column: column)
        }
    }

    /// The column's fields as text.
    public func texts(_ column: Int) -> [String] {
        (0..<rowCount).map { DataTable.text(bytes, fields[$0 * columns.count + column]) }
    }

    /// The line and the byte column where the field of `row` in `column` starts.
    public func location(row: Int, column: Int) -> (line: Int, column: Int) {
        let field = fields[row * columns.count + column]
        var start = field.start
        var line = rowLines[row]
        // A quoted field before it may span lines: count the line breaks since the row began.
        var rowStart = fields[row * columns.count].start
        while rowStart > 0, bytes[rowStart - 1] != UInt8(ascii: "\n") { rowStart -= 1 }
        for k in rowStart..<start where bytes[k] == UInt8(ascii: "\n") { line += 1 }
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return (line, field.start - start + 1)
    }

    /// An error at the field of `row` in `column`.
    public func error(row: Int, column: Int, _ message: String) -> DataFileError {
        let (line, byte) = location(row: row, column: column)
        return DataFileError(path: path, line: line, column: byte, message: message)
    }

    private static func name(of delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "a tab" : "'\(String(UnicodeScalar(delimiter)))'"
    }

    /// The field's text, a doubled quote of a quoted field read as one: one pass over its bytes.
    static func text(_ bytes: [UInt8], _ field: Field) -> String {
        guard field.escaped else { return String(decoding: bytes[field.start..<field.end], as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            unescaped.append(bytes[i])
            i += bytes[i] == UInt8(ascii: "\"") && i + 1 < field.end && bytes[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// A field's or a name's text as an error message shows it: the first 60 characters,
    /// then how much was left out, so that a message never carries a whole huge field.
    public static func excerpt(_ text: String) -> String {
        guard text.utf8.count > 80 else { return text }
        let shown = String(text.prefix(60))
        return shown + "… (\(text.utf8.count - shown.utf8.count) more bytes)"
    }

    /// The number a field holds (spaces around it allowed), or nil. Simple
    /// decimals are converted directly, exactly as `Double(_:)` would; others go through it.
    static func number(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
        var s = start, e = end
        while s < e, bytes[s] == UInt8(ascii: " ") { s += 1 }
        while e > s, bytes[e - 1] == UInt8(ascii: " ") { e -= 1 }
        guard s < e, mayStartNumber(bytes, s, e) else { return nil }
        var i = s
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var seenPoint = false
        while i < e {
            let b = bytes[i]
            if b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                if digits < 18 { mantissa = mantissa * 10 + UInt64(b - UInt8(ascii: "0")) } else { return slow(bytes, s, e) }
                digits += 1
                if seenPoint { fraction += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                return slow(bytes, s, e)
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        // Exact: an integer below 2⁵³ divided by a power of ten up to 10²² is correctly rounded.
        guard mantissa < (1 << 53), fraction <= 22 else { return slow(bytes, s, e) }
        let value = Double(mantissa) / DataTable.powersOfTen[fraction]
        return negative ? -value : value
    }

    /// Whether the text at `s..<e` may be a number: after one sign, a digit, a point, or the first
    /// letter of inf, infinity, nan or snan (any case), the only texts `Double(_:)` reads that start
    /// otherwise with none of these (`FieldNumberTests` checks every first byte). A text that
    /// cannot is refused without making a String of it, which most fields of texts are.
    @inline(__always)
    static func mayStartNumber(_ bytes: [UInt8], _ s: Int, _ e: Int, comma: Bool = false) -> Bool {
        var i = s
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        guard i < e else { return false }
        switch bytes[i] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "i"), UInt8(ascii: "I"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "s"), UInt8(ascii: "S"): return true
        case UInt8(ascii: ","): return comma
        default: return false
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    private static func slow(_ bytes: [UInt8], _ s: Int, _ e: Int) -> Double? {
        Double(String(decoding: bytes[s..<e], as: UTF8.self))
    }
}

extension String {
    /// The text without spaces and tabs at either end.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
