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
        var counts: [String: Int] = [:]
        for document in documents {
            for word in Set(document) { counts[word, default: 0] += 1 }
        }
        // UTF-8 byte order is Unicode scalar order.
        words = counts.filter { $0.value >= minimumCount }.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
        try SparseMatrix(rows: documents.map { encode($0, counts: counts) }, columns: count)
    }
}
