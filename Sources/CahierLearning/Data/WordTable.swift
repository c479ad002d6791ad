import Foundation

/// Words to dense ids (0, 1, 2… in the order first seen), with Swift's String
/// equality: canonically equivalent spellings are one word, and the spelling
/// seen first is the one kept, as a `[String: Int]` would.
///
/// ASCII words, nearly all of them in practice, are hashed and compared as
/// bytes in one open-addressing table, without String hashing. Other words go
/// through a String dictionary; one that is canonically equivalent to an ASCII
/// spelling (KELVIN SIGN "K" is "K") is also filed under that spelling in the
/// byte table, so that both tables agree on what is the same word. The hash is
/// seeded per process, so crafted words cannot pile up in one chain; ids never
/// depend on it.
struct WordTable: Sendable {
    /// The words, by id: the first spelling seen of each.
    private(set) var words: [String] = []
    /// The ASCII spellings, back to back; an id's is `bytes[starts[id]..<starts[id] + lengths[id]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    /// The length of an id's ASCII spelling, -1 for a word that has none.
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing, at most half full: an id, or -1 for an empty slot.
    private var slots = [Int](repeating: -1, count: 64)
    private var filed = 0
    /// The words with a byte outside ASCII, and the id of each spelling met.
    private var others: [String: Int] = [:]
    private let seed = UInt64.random(in: .min ... .max)

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
        if var ascii = Self.asciiSpelling(word) {
            id = ascii.withUTF8 { insertASCII($0, word: word) }
        } else {
            id = words.count
            words.append(word)
            starts.append(bytes.count)
            lengths.append(-1)
            hashes.append(0)
        }
        others[word] = id
        return id
    }

    /// The id of `word`, or nil when it is not in the table.
    func id(of word: String) -> Int? {
        var spelling = word
        let (ascii, found) = spelling.withUTF8 { p -> (Bool, Int?) in Self.isASCII(p) ? (true, find(p, hash: hash(p)).id) : (false, nil) }
        if ascii { return found }
        if let id = others[word] { return id }
        guard var composed = Self.asciiSpelling(word) else { return nil }
        return composed.withUTF8 { find($0, hash: hash($0)).id }
    }

    /// Files an ASCII spelling: its id if filed already, else a new id with `word` as its first spelling.
    private mutating func insertASCII(_ spelling: UnsafeBufferPointer<UInt8>, word: String) -> Int {
        let h = hash(spelling)
        let (slot, found) = find(spelling, hash: h)
        if let found { return found }
        let id = words.count
        words.append(word)
        starts.append(bytes.count)
        lengths.append(spelling.count)
        hashes.append(h)
        bytes.append(contentsOf: spelling)
        slots[slot] = id
        filed += 1
        if 2 * filed > slots.count { grow() }
        return id
    }

    /// The slot of `spelling`: the id filed there, or the empty slot where it would go.
    private func find(_ spelling: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (slot: Int, id: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h >> 32) & mask
        let n = spelling.count
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                lengths.withUnsafeBufferPointer { lengths in
                    starts.withUnsafeBufferPointer { starts in
                        bytes.withUnsafeBufferPointer { stored in
                            while true {
                                let id = slots[slot]
                                if id < 0 { return (slot, nil) }
                                if hashes[id] == h, lengths[id] == n, Self.same(stored, from: starts[id], spelling) { return (slot, id) }
                                slot = (slot + 1) & mask
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether `stored[start..<start + spelling.count]` holds the bytes of `spelling`.
    @inline(__always)
    private static func same(_ stored: UnsafeBufferPointer<UInt8>, from start: Int, _ spelling: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = stored.baseAddress, let other = spelling.baseAddress else { return spelling.isEmpty }
        return memcmp(base + start, other, spelling.count) == 0
    }

    /// Twice the slots, every ASCII spelling filed again.
    private mutating func grow() {
        slots = [Int](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for id in 0..<lengths.count where lengths[id] >= 0 {
            var slot = Int(truncatingIfNeeded: hashes[id] >> 32) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = id
        }
    }

    /// A seeded hash of bytes, 8 at a time, each step a full-width multiply
    /// folded; the last 1 to 7 bytes read as two overlapping loads (wyhash's way),
    /// which together cover every byte.
    private func hash(_ spelling: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = spelling.count
        var h = seed ^ UInt64(truncatingIfNeeded: n)
        guard n > 0, let base = UnsafeRawPointer(spelling.baseAddress) else { return Self.mix(h) }
        var i = 0
        while i + 8 <= n {
            h = Self.mix(h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        let r = n - i
        if r >= 4 {
            let low = UInt64(base.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            let high = UInt64(base.loadUnaligned(fromByteOffset: i + r - 4, as: UInt32.self))
            h = Self.mix(h ^ (low | high << 32))
        } else if r > 0 {
            let a = UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            let b = UInt64(base.load(fromByteOffset: i + r / 2, as: UInt8.self))
            let c = UInt64(base.load(fromByteOffset: i + r - 1, as: UInt8.self))
            h = Self.mix(h ^ (a << 16 | b << 8 | c))
        }
        return Self.mix(h)
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        let product = x.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
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
