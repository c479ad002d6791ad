import Foundation

/// Words to dense ids (0, 1, 2… in the order first seen), with Swift's String
/// equality: canonically equivalent spellings are one word, and the spelling
/// seen first is the one kept, as a `[String: Int]` would.
///
/// ASCII words, nearly all of them in practice, are hashed and compared as
/// bytes (``ByteSpellings``), without String hashing. Other words go through a
/// String dictionary; one that is canonically equivalent to an ASCII spelling
/// (KELVIN SIGN "K" is "K") is also filed under that spelling in the byte
/// table, so that both tables agree on what is the same word.
struct WordTable: Sendable {
    /// The words, by id: the first spelling seen of each.
    private(set) var words: [String] = []
    /// The ASCII spellings; the id of entry k is `asciiIDs[k]`.
    private var ascii = ByteSpellings()
    private var asciiIDs: [Int] = []
    /// The words with a byte outside ASCII, and the id of each spelling met.
    private var others: [String: Int] = [:]

    /// An empty table.
    init() {}

    /// The number of distinct words.
    var count: Int { words.count }

    /// The id of `word`, a new one (the next integer) when it was not there.
    mutating func insert(_ word: String) -> Int {
        var spelling = word
        if let id = spelling.withUTF8({ Self.isASCII($0) ? insertASCII($0, word: word) : nil }) { return id }
        if let id = others[word] { return id }
        let id: Int
        if var composed = Self.asciiSpelling(word) {
            id = composed.withUTF8 { insertASCII($0, word: word) }
        } else {
            id = words.count
            words.append(word)
        }
        others[word] = id
        return id
    }

    /// The id of `word`, or nil when it is not in the table.
    func id(of word: String) -> Int? {
        var spelling = word
        let (isASCII, found) = spelling.withUTF8 { p -> (Bool, Int?) in Self.isASCII(p) ? (true, idOfASCII(p)) : (false, nil) }
        if isASCII { return found }
        if let id = others[word] { return id }
        guard var composed = Self.asciiSpelling(word) else { return nil }
        return composed.withUTF8 { idOfASCII($0) }
    }

    /// The id of an ASCII spelling, or nil.
    private func idOfASCII(_ spelling: UnsafeBufferPointer<UInt8>) -> Int? {
        ascii.find(spelling).map { asciiIDs[$0] }
    }

    /// Files an ASCII spelling: its id if filed already, else a new id with `word` as its first spelling.
    private mutating func insertASCII(_ spelling: UnsafeBufferPointer<UInt8>, word: String) -> Int {
        let (entry, new) = ascii.insert(spelling)
        guard new else { return asciiIDs[entry] }
        let id = words.count
        words.append(word)
        asciiIDs.append(id)
        return id
    }

    private static func isASCII(_ spelling: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in spelling { any |= byte }
        return any < 0x80
    }

    /// The ASCII string canonically equivalent to `word`, if there is one
    /// (its composed form, kept only when it is ASCII and equal to `word`).
    private static func asciiSpelling(_ word: String) -> String? {
        let composed = word.precomposedStringWithCanonicalMapping
        guard composed.utf8.allSatisfy({ $0 < 0x80 }), composed == word else { return nil }
        return composed
    }
}
