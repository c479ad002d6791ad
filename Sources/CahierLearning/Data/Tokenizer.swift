/// Splits text into words: the text is lowercased, and a word is a maximal
/// run of letters, digits and apostrophes inside a word ("don't" is one word);
/// everything else separates words. Letters and digits are Unicode's, so
/// "café" and "naïve" are single words.
public struct Tokenizer: Sendable, Hashable {
    public init() {}

    public func callAsFunction(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || (character == "'" && !current.isEmpty) {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current.hasSuffix("'") ? String(current.dropLast()) : current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.hasSuffix("'") ? String(current.dropLast()) : current) }
        return words.filter { !$0.isEmpty }
    }
}

/// The words of a corpus, each with an index: the index of word i is its
/// place in alphabetical (Unicode scalar) order, so the same corpus always
/// gives the same vocabulary.
public struct Vocabulary: Sendable, Hashable {
    public let words: [String]
    private let index: [String: Int]

    /// The words that occur in at least `minimumCount` documents.
    public init(documents: [[String]], minimumCount: Int = 1) {
        var counts: [String: Int] = [:]
        for document in documents {
            for word in Set(document) { counts[word, default: 0] += 1 }
        }
        words = counts.filter { $0.value >= minimumCount }.map(\.key).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        index = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
    }

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
        var seen: [Int: Double] = [:]
        for word in document {
            guard let i = index[word] else { continue }
            seen[i] = counts ? (seen[i] ?? 0) + 1 : 1
        }
        return seen.keys.sorted().map { ($0, seen[$0]!) }
    }

    /// Many documents as sparse rows. Shape: `[documents.count, count]`.
    public func encode(documents: [[String]], counts: Bool = false) throws -> SparseMatrix {
        try SparseMatrix(rows: documents.map { encode($0, counts: counts) }, columns: count)
    }
}
