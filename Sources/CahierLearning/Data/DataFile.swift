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

/// Readers for the course's data files.
public enum DataFile {
    /// The lines of a UTF-8 text file, without terminators.
    static func lines(_ path: String) throws -> [Substring] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataFileError(path: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataFileError(path: path, line: 1, message: "not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The SMS Spam Collection as `label<TAB>text` lines after a header:
    /// texts, and labels 1 for spam and 0 for ham.
    public static func spam(_ path: String) throws -> (texts: [String], labels: Tensor) {
        let lines = try lines(path)
        guard lines.first == "label\ttext" else {
            throw DataFileError(path: path, line: 1, message: "expected the header 'label<TAB>text'")
        }
        var texts: [String] = []
        var labels: [Double] = []
        for (i, line) in lines.enumerated().dropFirst() {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "spam" || parts[0] == "ham" else {
                throw DataFileError(path: path, line: i + 1, message: "expected 'spam' or 'ham', a tab, then the message")
            }
            labels.append(parts[0] == "spam" ? 1 : 0)
            texts.append(String(parts[1]))
        }
        return (texts, Tensor(vector: labels))
    }

    /// The UCI digits as CSV: a header, then 64 pixel values (0…16) and a label (0…9) per row.
    ///
    /// Shape: images `[n, 64]`, labels `[n]`.
    public static func digits(_ path: String) throws -> (images: Tensor, labels: Tensor) {
        let lines = try lines(path)
        guard let header = lines.first, header.split(separator: ",").count == 65 else {
            throw DataFileError(path: path, line: 1, message: "expected a header of 64 pixel columns and a label")
        }
        var pixels: [Double] = []
        var labels: [Double] = []
        pixels.reserveCapacity(64 * lines.count)
        for (i, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 65 else {
                throw DataFileError(path: path, line: i + 1, message: "expected 65 comma-separated values, found \(fields.count)")
            }
            for (k, field) in fields.enumerated() {
                guard let value = Int(field), (0...(k == 64 ? 9 : 16)).contains(value) else {
                    throw DataFileError(path: path, line: i + 1, message: "value \(k + 1) '\(field)' is not a whole number from 0 to \(k == 64 ? 9 : 16)")
                }
                if k == 64 { labels.append(Double(value)) } else { pixels.append(Double(value)) }
            }
        }
        return (try Tensor(shape: [labels.count, 64], scalars: pixels), Tensor(vector: labels))
    }
}
