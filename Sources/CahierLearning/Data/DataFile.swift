import Foundation

/// A problem with a data file, at a line of it.
public struct DataFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data file.
    public var path: String
    /// The line of the file the problem is on (0 when the file cannot be read at all).
    public var line: Int
    /// What is wrong, in one sentence.
    public var message: String

    /// A problem at `line` of `path`.
    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
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
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw DataFileError(path: path, line: 0, message: "not a regular file (a device, a pipe or a folder)")
        }
        guard info.st_size <= maximumBytes else {
            throw DataFileError(path: path, line: 0, message: "the file is \(info.st_size) bytes, over the limit of \(maximumBytes) (front matter max-file-bytes)")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(fd, base + count, buffer.count - count)
            }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw DataFileError(path: path, line: 0, message: "cannot read the file: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            count += n
        }
        guard count <= maximumBytes, count < bytes.count else {
            throw DataFileError(path: path, line: 0, message: "the file grew while it was read, over the limit of \(maximumBytes) bytes")
        }
        return Array(bytes[..<count])
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
        let (bytes, lines) = try lines(path, maximumBytes: maximumBytes)
        guard let header = lines.first, Array(bytes[header]) == Array("label\ttext".utf8) else {
            throw DataFileError(path: path, line: 1, message: "expected the header 'label<TAB>text'")
        }
        var texts: [String] = []
        var labels: [Double] = []
        texts.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated().dropFirst() {
            let row = bytes[line]
            guard let tab = row.firstIndex(of: UInt8(ascii: "\t")) else {
                throw DataFileError(path: path, line: i + 1, message: "expected 'spam' or 'ham', a tab, then the message")
            }
            let label = bytes[line.lowerBound..<tab]
            if label.elementsEqual("spam".utf8) {
                labels.append(1)
            } else if label.elementsEqual("ham".utf8) {
                labels.append(0)
            } else {
                throw DataFileError(path: path, line: i + 1, message: "expected 'spam' or 'ham', a tab, then the message")
            }
            texts.append(String(decoding: bytes[(tab + 1)..<line.upperBound], as: UTF8.self))
        }
        return (texts, Tensor(vector: labels))
    }

    /// The UCI digits as CSV: a header, then 64 pixel values (0…16) and a label (0…9) per row.
    ///
    /// Shape: images `[n, 64]`, labels `[n]`.
    public static func digits(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws -> (images: Tensor, labels: Tensor) {
        let (bytes, lines) = try lines(path, maximumBytes: maximumBytes)
        guard let header = lines.first, bytes[header].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).count == 65 else {
            throw DataFileError(path: path, line: 1, message: "expected a header of 64 pixel columns and a label")
        }
        var pixels: [Double] = []
        var labels: [Double] = []
        pixels.reserveCapacity(64 * lines.count)
        labels.reserveCapacity(lines.count)
        // One pass over each line's bytes, field by field, without making substrings.
        try bytes.withUnsafeBufferPointer { b in
            for (i, line) in lines.enumerated().dropFirst() {
                var field = 0, value = 0, digits = 0, fieldStart = line.lowerBound, valid = true
                var position = line.lowerBound
                while true {
                    let atEnd = position == line.upperBound
                    let byte = atEnd ? UInt8(ascii: ",") : b[position]
                    if byte == UInt8(ascii: ",") {
                        let largest = field == 64 ? 9 : 16
                        if field < 65, !(valid && digits > 0 && digits <= 6 && value <= largest) {
                            throw DataFileError(path: path, line: i + 1, message: "value \(field + 1) '\(String(decoding: b[fieldStart..<position], as: UTF8.self))' is not a whole number from 0 to \(largest)")
                        }
                        if field == 64 { labels.append(Double(value)) } else if field < 64 { pixels.append(Double(value)) }
                        field += 1
                        (value, digits, valid, fieldStart) = (0, 0, true, position + 1)
                        if atEnd { break }
                    } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 6 {
                        value = value * 10 + Int(byte - UInt8(ascii: "0"))
                        digits += 1
                    } else {
                        valid = false
                    }
                    position += 1
                }
                guard field == 65 else {
                    throw DataFileError(path: path, line: i + 1, message: "expected 65 comma-separated values, found \(field)")
                }
            }
        }
        return (try Tensor(shape: [labels.count, 64], scalars: pixels), Tensor(vector: labels))
    }
}
