import Foundation

/// A problem with a data file, at a line of it.
public struct DataFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data file.
    public var path: String
    /// The line of the file the problem is on (0 when the file cannot be read
    /// at all), or for a binary file the byte offset.
    public var line: Int
    /// The column on that line, counted in bytes from 1; 0 when the whole line is meant.
    public var column: Int
    /// Whether `line` is a byte offset, in a binary file.
    public var isOffset: Bool
    /// What is wrong, in one sentence.
    public var message: String
    /// What is wrong with a table's field, as data, when that is the problem
    /// (so that a caller can word it in another language); nil otherwise.
    public var field: FieldProblem?

    /// A table's field that is not the number its column needs; names and texts as shown (cut when long).
    public enum FieldProblem: Sendable, Hashable, Codable {
        /// An empty field in column `column`.
        case missing(column: String)
        /// `text`, which would be a number with a decimal comma, in column `column`.
        case decimalComma(text: String, column: String)
        /// `text`, not a number, in column `column`.
        case notANumber(text: String, column: String)
    }

    /// A problem at `line` (and `column`) of `path`.
    public init(path: String, line: Int, column: Int = 0, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.isOffset = false
        self.message = message
    }

    /// A problem at byte `offset` of a binary file.
    public init(path: String, offset: Int, message: String) {
        self.path = path
        self.line = offset
        self.column = 0
        self.isOffset = true
        self.message = message
    }

    /// Where, after the file's name: `:3:7`, `:3`, ` at byte 128`, or nothing.
    public var position: String {
        if isOffset { return " at byte \(line)" }
        guard line > 0 else { return "" }
        return ":\(line)" + (column > 0 ? ":\(column)" : "")
    }

    public var description: String { "\(path)\(position): \(message)" }
}

/// Readers for the course's data files. They work on bytes: a file is
/// checked to be UTF-8 once, lines end at `\n` (a `\r` before it is dropped),
/// and every problem names its line.
public enum DataFile {
    /// The largest data file read, unless a caller says otherwise: 100 MB.
    public static let defaultMaximumBytes = 100_000_000

    /// The bytes of a regular file, its size checked before and while it is
    /// read: a larger file, a device or a pipe is refused without reading it.
    public static func read(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw DataFileError(path: path, line: 0, message: "cannot read the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        return try read(descriptor: fd, path: path, maximumBytes: maximumBytes)
    }

    /// The bytes of a file opened inside a ``DataFolder``; `path` is how errors name it.
    public static func read(_ entry: DataFolder.Entry, path: String, maximumBytes: Int = defaultMaximumBytes) throws -> [UInt8] {
        guard !entry.isDirectory else { throw DataFileError(path: path, line: 0, message: "a folder, not a file") }
        return try read(descriptor: entry.descriptor, path: path, maximumBytes: maximumBytes)
    }

    /// The bytes of the regular file open as `fd`, its size checked before and while it is read.
    static func read(descriptor fd: Int32, path: String, maximumBytes: Int) throws -> [UInt8] {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataFileError(path: path, line: 0, message: "not a regular file (a device, a pipe or a folder)")
        }
        guard info.st_size <= maximumBytes else {
            throw DataFileError(path: path, line: 0, message: "the file is \(info.st_size) bytes, over the limit of \(maximumBytes) (front matter max-file-bytes)")
        }
        do {
            return try DescriptorReader.read(fd, size: Int(info.st_size))
        } catch {
            switch error {
            case .system(let message): throw DataFileError(path: path, line: 0, message: "cannot read the file: \(message)")
            case .grew: throw DataFileError(path: path, line: 0, message: "the file grew while it was read, over the \(info.st_size) bytes it had")
            }
        }
    }

    /// The file's bytes and the range of each line, terminators excluded.
    static func lines(_ path: String, maximumBytes: Int) throws -> (bytes: [UInt8], lines: [Range<Int>]) {
        let bytes = try read(path, maximumBytes: maximumBytes)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DataFileError(path: path, line: 1, message: "not UTF-8 text")
        }
        var lines: [Range<Int>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<(i > start && bytes[i - 1] == UInt8(ascii: "\r") ? i - 1 : i))
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return (bytes, lines)
    }

    /// The SMS Spam Collection as `label<TAB>text` lines after a header:
    /// texts, and labels 1 for spam and 0 for ham.
    public static func spam(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws -> (texts: [String], labels: Tensor) {
        let table = try DataTable(path, delimiter: UInt8(ascii: "\t"), maximumBytes: maximumBytes)
        guard table.columns == ["label", "text"] else {
            throw DataFileError(path: path, line: 1, message: "expected the header 'label<TAB>text'")
        }
        let labels = try table.texts(0).enumerated().map { row, label -> Double in
            switch label {
            case "spam": return 1
            case "ham": return 0
            default: throw table.error(row: row, column: 0, "expected 'spam' or 'ham', got '\(label)'")
            }
        }
        return (table.texts(1), Tensor(vector: labels))
    }

    /// The UCI digits as CSV: a header, then 64 pixel values (0…16) and a label (0…9) per row.
    ///
    /// Shape: images `[n, 64]`, labels `[n]`.
    public static func digits(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws -> (images: Tensor, labels: Tensor) {
        let table = try DataTable(path, delimiter: UInt8(ascii: ","), maximumBytes: maximumBytes)
        guard table.columns == (0..<64).map({ "pixel\($0)" }) + ["label"] else {
            throw DataFileError(path: path, line: 1, message: "expected a header of 64 pixel columns and a label")
        }
        var pixels = [Double](repeating: 0, count: 64 * table.rowCount)
        for column in 0..<65 {
            let largest: Double = column == 64 ? 9 : 16
            for (row, value) in try table.numbers(column).enumerated() {
                guard value == value.rounded(), value >= 0, value <= largest else {
                    throw table.error(row: row, column: column, "value \(column + 1), \(value.messageText), is not a whole number from 0 to \(Int(largest))")
                }
                if column < 64 { pixels[row * 64 + column] = value }
            }
        }
        return (try Tensor(shape: [table.rowCount, 64], scalars: pixels), Tensor(vector: try table.numbers(64)))
    }
}
