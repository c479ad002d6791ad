import Foundation

/// Byte strings to dense ids (0, 1, 2… in the order first filed), equal when
/// their bytes are equal: one open-addressing table, linear probing, at most
/// half full. The hash is seeded per process, so crafted words cannot pile up
/// in one chain; ids never depend on it.
struct ByteSpellings: Sendable {
    /// Where an entry's spelling lies in `bytes`, and its hash.
    private struct Entry {
        var hash: UInt64
        var start: Int
        var count: Int
    }

    /// The spellings, back to back.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// An entry, or -1 for an empty slot.
    private var slots = [Int32](repeating: -1, count: 64)
    private let seed = UInt64.random(in: .min ... .max)

    /// An empty table.
    init() {}

    /// The number of spellings filed.
    var count: Int { entries.count }

    /// The entry of `spelling`, or nil when it was never filed.
    func find(_ spelling: UnsafeBufferPointer<UInt8>) -> Int? {
        locate(spelling, hash: hash(spelling)).entry
    }

    /// The entry of `spelling`, a new one (the next integer) when it was not
    /// there, and whether it is new. At most 2³¹ − 1 entries (a table that
    /// large is refused by the memory limits long before).
    mutating func insert(_ spelling: UnsafeBufferPointer<UInt8>) -> (entry: Int, new: Bool) {
        let h = hash(spelling)
        let (slot, found) = locate(spelling, hash: h)
        if let found { return (found, false) }
        let entry = entries.count
        entries.append(Entry(hash: h, start: bytes.count, count: spelling.count))
        bytes.append(contentsOf: spelling)
        slots[slot] = Int32(truncatingIfNeeded: entry)
        if 2 * entries.count > slots.count { grow() }
        return (entry, true)
    }

    /// The slot of `spelling`: the entry filed there, or the empty slot where it would go.
    @inline(__always)
    private func locate(_ spelling: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h >> 32) & mask
        let n = spelling.count
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                bytes.withUnsafeBufferPointer { stored in
                    while true {
                        let entry = Int(slots[slot])
                        if entry < 0 { return (slot, nil) }
                        let e = entries[entry]
                        if e.hash == h, e.count == n, Self.same(stored, from: e.start, spelling) { return (slot, entry) }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `stored[start..<start + spelling.count]` holds the bytes of `spelling`.
    @inline(__always)
    private static func same(_ stored: UnsafeBufferPointer<UInt8>, from start: Int, _ spelling: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = stored.baseAddress, let other = spelling.baseAddress else { return spelling.isEmpty }
        let n = spelling.count
        if n <= 8 {
            // Short words, most of them: byte by byte, without a call.
            for k in 0..<n where base[start + k] != other[k] { return false }
            return true
        }
        return memcmp(base + start, other, n) == 0
    }

    /// Twice the slots, every spelling filed again.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        for entry in entries.indices {
            var slot = Int(truncatingIfNeeded: entries[entry].hash >> 32) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: entry)
        }
    }

    /// A seeded hash of bytes, 8 at a time, each step a full-width multiply
    /// folded; the last 1 to 7 bytes read as two overlapping loads (wyhash's way),
    /// which together cover every byte.
    @inline(__always)
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
}
