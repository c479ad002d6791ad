/// One language's messages: the text of each key, with `{name}` where a
/// value goes. Catalogues are the files `Embedded/catalogues/TAG.txt`, one
/// line per message (`key = text`, `#` comments); English's has every key,
/// and a test fails when another lacks one or changes a key's values.
/// A count picks `KEY.one` or `KEY.other`; the line `plural-one = 0 1`
/// says which counts are singular in the language (English: 1).
public struct Catalogue: Sendable {
    /// The language's tag: the file's name (`fr`).
    public let tag: String
    public let entries: [String: String]
    /// The counts written with a key's `.one` form.
    public let singularCounts: Set<Int>

    /// Reads a catalogue's text; a malformed line is reported with its number.
    /// Read as bytes (a key is ASCII, the separator is " = "), so that a
    /// process pays microseconds, not milliseconds, for its first message.
    public init(tag: String, text: String) throws(CatalogueError) {
        var entries: [String: String] = [:]
        let bytes = Array(text.utf8)
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            var first = start
            while first < end, bytes[first] == UInt8(ascii: " ") { first += 1 }
            if first == end || bytes[first] == UInt8(ascii: "#") { continue }
            guard let equals = Catalogue.separator(in: bytes, from: first, to: end) else {
                throw CatalogueError(tag: tag, line: lineNumber, problem: "expected 'key = text'")
            }
            let keyBytes = bytes[first..<equals]
            guard !keyBytes.isEmpty, keyBytes.allSatisfy(Catalogue.isKeyByte) else {
                throw CatalogueError(tag: tag, line: lineNumber, problem: "a key is lowercase letters, digits, '.' and '-'")
            }
            let key = String(decoding: keyBytes, as: UTF8.self)
            guard entries[key] == nil else { throw CatalogueError(tag: tag, line: lineNumber, problem: "'\(key)' is given twice") }
            entries[key] = String(decoding: bytes[(equals + 3)..<end], as: UTF8.self)
        }
        self.tag = tag
        self.entries = entries
        self.singularCounts = Set((entries["plural-one"] ?? "1").split(separator: " ").compactMap { Int($0) })
    }

    /// Where the first " = " of `bytes[from..<to]` starts, or nil.
    private static func separator(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        var i = from
        while i + 3 <= to {
            if bytes[i] == UInt8(ascii: " "), bytes[i + 1] == UInt8(ascii: "="), bytes[i + 2] == UInt8(ascii: " ") { return i }
            i += 1
        }
        return nil
    }

    /// A key's characters: lowercase ASCII letters, digits, '.' and '-'.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    /// The names of the values a message puts in (`{count}`, `{name}`).
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `text` with each `{name}` replaced by its value (a name without a value stays as written).
    static func filling(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? "{" + name + "}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Every catalogue embedded in the binary, by tag (English first).
    static let embedded: [Catalogue] = {
        var catalogues: [Catalogue] = []
        for (path, text) in EmbeddedFiles.files where path.hasPrefix("catalogues/") && path.hasSuffix(".txt") {
            let tag = String(path.dropFirst("catalogues/".count).dropLast(".txt".count))
            // A malformed catalogue cannot be built into a release: CatalogueTests reads each one.
            if let catalogue = try? Catalogue(tag: tag, text: text) { catalogues.append(catalogue) }
        }
        return catalogues.sorted { ($0.tag == "en" ? "" : $0.tag) < ($1.tag == "en" ? "" : $1.tag) }
    }()

    /// ``embedded`` by tag.
    static let byTag = Dictionary(uniqueKeysWithValues: embedded.map { ($0.tag, $0) })
}

/// A catalogue line that cannot be read.
public struct CatalogueError: Error, Sendable, CustomStringConvertible {
    public var tag: String
    public var line: Int
    public var problem: String
    public var description: String { "catalogues/\(tag).txt:\(line): \(problem)" }
}
