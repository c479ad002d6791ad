import Foundation

/// The words of a corpus, each with an index: the index of word i is its
/// place in alphabetical (Unicode scalar) order, so the same corpus always
/// gives the same vocabulary. Words are the same when their Strings are equal
/// (canonically equivalent); the first spelling met is the one kept.
public struct Vocabulary: Sendable, Hashable {
    /// The words, in index order.
    public let words: [String]
    /// The words again, an id being the index.
    private let index: WordTable

    /// The words that occur in at least `minimumCount` documents.
    public init(documents: [[String]], minimumCount: Int = 1) {
        var counter = DocumentFrequencies()
        for (d, document) in documents.enumerated() {
            for word in document { counter.count(counter.table.insert(word), in: d) }
        }
        self.init(counter, minimumCount: minimumCount)
    }

    /// The same vocabulary as `init(documents: lists.map(\.words), minimumCount:)`,
    /// each distinct spelling of a lexicon looked up once: the table meets the
    /// same Strings in the same order, less the repeats it would have found.
    public init(tokenLists lists: [TokenList], minimumCount: Int = 1) {
        var counter = DocumentFrequencies()
        var ids = LexiconMap()
        for (d, list) in lists.enumerated() {
            ids.use(list.lexicon)
            let words = list.lexicon.words
            for spelling in list.ids {
                var id = ids.slots[Int(spelling)]
                if id == LexiconMap.unknown {
                    id = counter.table.insert(words[Int(spelling)])
                    ids.slots[Int(spelling)] = id
                }
                counter.count(id, in: d)
            }
        }
        self.init(counter, minimumCount: minimumCount)
    }

    /// The words counted in at least `minimumCount` documents, sorted, and their index.
    private init(_ counter: DocumentFrequencies, minimumCount: Int) {
        let table = counter.table
        // UTF-8 byte order is Unicode scalar order; distinct words have distinct bytes.
        words = Self.sortedByBytes(table.words.indices.lazy.filter { counter.frequencies[$0] >= minimumCount }.map { table.words[$0] })
        var index = WordTable()
        for word in words { _ = index.insert(word) }
        self.index = index
    }

    /// Words in the order of their UTF-8 bytes: by their first 8 bytes as one
    /// big-endian integer (zeros after the end), and on a tie by `memcmp` on the rest.
    private static func sortedByBytes(_ words: some Sequence<String>) -> [String] {
        var list: [String] = []
        var bytes: [UInt8] = []
        var keys: [(prefix: UInt64, start: Int, count: Int, index: Int)] = []
        for word in words {
            var spelling = word
            spelling.withUTF8 { utf8 in
                var prefix: UInt64 = 0
                for k in 0..<min(8, utf8.count) { prefix |= UInt64(utf8[k]) << (56 - 8 * UInt64(k)) }
                keys.append((prefix, bytes.count, utf8.count, list.count))
                bytes.append(contentsOf: utf8)
            }
            list.append(word)
        }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            keys.sort { x, y in
                if x.prefix != y.prefix { return x.prefix < y.prefix }
                // Equal first 8 bytes (or the shorter word ends inside them, padded with zeros, and the bytes are NUL).
                let common = min(x.count, y.count)
                let c = common <= 8 ? 0 : memcmp(base + x.start + 8, base + y.start + 8, common - 8)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
        return keys.map { list[$0.index] }
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.words == b.words }

    public func hash(into hasher: inout Hasher) { hasher.combine(words) }

    /// The number of words N: the size of one-hot vectors.
    public var count: Int { words.count }

    /// The index of `word`, or nil when it is not in the vocabulary.
    public func index(of word: String) -> Int? { index.id(of: word) }

    /// The one-hot vector of a word: 1 at its index, 0 elsewhere; all zeros
    /// for an unknown word. Shape: `[count]`.
    public func oneHot(_ word: String) -> Tensor {
        var values = [Double](repeating: 0, count: count)
        if let i = index.id(of: word) { values[i] = 1 }
        return Tensor(vector: values)
    }

    /// A document as a row: 1 for each word it contains (multi-hot), or the
    /// number of times it contains it (counts). Unknown words are ignored.
    public func encode(_ document: [String], counts: Bool = false) -> [(column: Int, value: Double)] {
        var columns: [Int] = []
        columns.reserveCapacity(document.count)
        for word in document { if let column = index.id(of: word) { columns.append(column) } }
        return Self.row(&columns, counts: counts)
    }

    /// The row of the words at `columns` (in any order, repeats included): sorted, repeats merged.
    private static func row(_ columns: inout [Int], counts: Bool) -> [(column: Int, value: Double)] {
        columns.sort()
        var row: [(column: Int, value: Double)] = []
        row.reserveCapacity(columns.count)
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

    /// The same rows as `encode(documents: lists.map(\.words), counts:)`, each
    /// distinct spelling of a lexicon looked up once.
    public func encode(tokenLists lists: [TokenList], counts: Bool = false) -> SparseMatrix {
        var columnOf = LexiconMap()
        var columns: [Int] = []
        let rows = lists.map { list in
            columnOf.use(list.lexicon)
            let words = list.lexicon.words
            columns.removeAll(keepingCapacity: true)
            for spelling in list.ids {
                var column = columnOf.slots[Int(spelling)]
                if column == LexiconMap.unknown {
                    column = index.id(of: words[Int(spelling)]) ?? LexiconMap.absent
                    columnOf.slots[Int(spelling)] = column
                }
                if column >= 0 { columns.append(column) }
            }
            return Self.row(&columns, counts: counts)
        }
        return SparseMatrix(sortedRows: rows, columns: count)
    }
}

/// A word table and, for each of its ids, the number of documents that hold
/// the word and the last document that counted it.
private struct DocumentFrequencies {
    var table = WordTable()
    var frequencies: [Int] = []
    var last: [Int] = []

    /// Counts word `id` (new when it is the next id) once for document `d`.
    @inline(__always)
    mutating func count(_ id: Int, in d: Int) {
        if id == frequencies.count {
            frequencies.append(1)
            last.append(d)
        } else if last[id] != d {
            frequencies[id] += 1
            last[id] = d
        }
    }
}

/// What each spelling of the lexicons met so far maps to (a word id, a
/// column), found once per spelling; `slots` is the current lexicon's.
private struct LexiconMap {
    static let unknown = -2
    static let absent = -1
    private(set) var current: ObjectIdentifier?
    var slots: [Int] = []
    private var others: [ObjectIdentifier: [Int]] = [:]

    /// Makes `lexicon`'s slots the current ones (all unknown the first time).
    @inline(__always)
    mutating func use(_ lexicon: Lexicon) {
        let id = ObjectIdentifier(lexicon)
        guard id != current else { return }
        if let current { others[current] = slots }
        slots = others.removeValue(forKey: id) ?? [Int](repeating: Self.unknown, count: lexicon.count)
        current = id
    }
}
