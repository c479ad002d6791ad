/// Splits text into words. A word is a maximal run of letters (Unicode
/// scalars with the Alphabetic property, and the combining marks that follow
/// them), decimal digits, and apostrophes inside a word ("don't" is one word);
/// everything else separates words. Words are lowercased (Unicode's lowercase
/// mapping), so "Café" and "CAFÉ" are the same word.
public struct Tokenizer: Sendable, Hashable {
    /// The tokenizer (it has no settings).
    public init() {}

    /// The words of `text`, in order, repeats included.
    public func callAsFunction(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return ascii(text) }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var pendingApostrophe = false
        func flush() {
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
            pendingApostrophe = false
        }
        func append(_ scalar: Unicode.Scalar) {
            if pendingApostrophe { current.append("'") }
            pendingApostrophe = false
            current.append(scalar)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x61...0x7A, 0x30...0x39: append(scalar)
                case 0x41...0x5A: append(Unicode.Scalar(UInt8(v + 0x20)))
                case 0x27 where !current.isEmpty && !pendingApostrophe: pendingApostrophe = true
                default: flush()
                }
                continue
            }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType == .decimal {
                for lower in properties.lowercaseMapping.unicodeScalars { append(lower) }
            } else if properties.generalCategory == .nonspacingMark && !current.isEmpty {
                append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// The same rules on ASCII text, byte by byte.
    private func ascii(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var pendingApostrophe = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            pendingApostrophe = false
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingApostrophe { current.append(UInt8(ascii: "'")) }
                pendingApostrophe = false
                current.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
            case UInt8(ascii: "'") where !current.isEmpty && !pendingApostrophe:
                pendingApostrophe = true
            default:
                flush()
            }
        }
        flush()
        return words
    }
}

/// The words of a corpus, each with an index: the index of word i is its
/// place in alphabetical (Unicode scalar) order, so the same corpus always
/// gives the same vocabulary.
public struct Vocabulary: Sendable, Hashable {
    /// The words, in index order.
    public let words: [String]
    private let index: [String: Int]

    /// The words that occur in at least `minimumCount` documents.
    public init(documents: [[String]], minimumCount: Int = 1) {
        // Document frequency with one lookup per word: the last document that counted it rides along.
        var counts: [String: (documents: Int, last: Int)] = [:]
        for (d, document) in documents.enumerated() {
            for word in document {
                if let i = counts.index(forKey: word) {
                    if counts.values[i].last != d { counts.values[i] = (counts.values[i].documents + 1, d) }
                } else {
                    counts[word] = (1, d)
                }
            }
        }
        // UTF-8 byte order is Unicode scalar order.
        words = counts.filter { $0.value.documents >= minimumCount }.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        index = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
    }

    /// The number of words N: the size of one-hot vectors.
    public var count: Int { words.count }

    /// The index of `word`, or nil when it is not in the vocabulary.
    public func index(of word: String) -> Int? { index[word] }

    /// The one-hot vector of a word: 1 at its index, 0 elsewhere; all zeros
    /// for an unknown word. Shape: `[count]`.
    public func oneHot(_ word: String) -> Tensor {
        var values = [Double](repeating: 0, count: count)
        if let i = index[word] { values[i] = 1 }
        return Tensor(vector: values)
    }

    /// A document as a row: 1 for each word it contains (multi-hot), or the
    /// number of times it contains it (counts). Unknown words are ignored.
    public func encode(_ document: [String], counts: Bool = false) -> [(column: Int, value: Double)] {
        let columns = document.compactMap { index[$0] }.sorted()
        var row: [(column: Int, value: Double)] = []
        for column in columns {
            if let last = row.last, last.column == column {
                if counts { row[row.count - 1].value += 1 }
            } else {
                row.append((column, 1))
            }
        }
        return row
    }

    /// Many documents as sparse rows. Shape: `[documents.count, count]`.
    public func encode(documents: [[String]], counts: Bool = false) throws -> SparseMatrix {
        // Rows from encode(_:counts:) are sorted, with distinct columns in range: no need to sort them again.
        SparseMatrix(sortedRows: documents.map { encode($0, counts: counts) }, columns: count)
    }
}
