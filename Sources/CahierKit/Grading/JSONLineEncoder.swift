/// The JSON of an `Encodable` value on one line, with sorted keys, as
/// Foundation's `JSONEncoder` (`.sortedKeys`) writes what a grading worker
/// reports: the value is encoded into a small tree of its own, then written
/// out, with no Foundation type on the way (about 10 % less CPU than
/// `JSONEncoder` on a hostile hand-in's events, measured). What it writes
/// decodes with `JSONDecoder` to the value `JSONEncoder`'s bytes decode to
/// (WorkerEncodingTests): numbers as Swift writes them (shortest round trip,
/// a whole `Double` without its `.0`), strings escaped as JSON requires, and
/// a NaN or infinite number as a string (``nonFinite``).
enum JSONLineEncoder {
    /// The value's JSON, without a newline.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = Slot()
        try value.encode(to: TreeEncoder(slot: root, codingPath: []))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        root.write(to: &bytes)
        return bytes
    }

    /// One place of the tree: a value, or a container filled as it is encoded.
    final class Slot {
        enum Value {
            case null
            case literal(String)  // a number or a bool, written as is
            case string(String)
            case object(Object)
            case array(Items)
        }
        var value: Value = .null

        init() {}
        init(_ value: Value) { self.value = value }

        func write(to bytes: inout [UInt8]) {
            switch value {
            case .null: bytes += "null".utf8
            case .literal(let text): bytes += text.utf8
            case .string(let text): JSONLineEncoder.write(text, to: &bytes)
            case .object(let object):
                bytes.append(UInt8(ascii: "{"))
                for (k, key) in object.members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                    if k > 0 { bytes.append(UInt8(ascii: ",")) }
                    JSONLineEncoder.write(key, to: &bytes)
                    bytes.append(UInt8(ascii: ":"))
                    object.members[key]?.write(to: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            case .array(let items):
                bytes.append(UInt8(ascii: "["))
                for (k, item) in items.items.enumerated() {
                    if k > 0 { bytes.append(UInt8(ascii: ",")) }
                    item.write(to: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }

        /// The object this slot holds, made when it holds none yet (a type may ask for its container twice).
        var object: Object {
            if case .object(let object) = value { return object }
            let object = Object()
            value = .object(object)
            return object
        }

        var items: Items {
            if case .array(let items) = value { return items }
            let items = Items()
            value = .array(items)
            return items
        }
    }

    final class Object { var members: [String: Slot] = [:] }
    final class Items { var items: [Slot] = [] }

    /// `text` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`, the rest as UTF-8.
    static func write(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A floating-point number as `JSONEncoder` writes it: Swift's shortest round-trip digits, a whole number without `.0`;
    /// one JSON has no number for (NaN, ±infinity) as the string ``nonFinite`` names it.
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> Slot.Value {
        guard value.isFinite else { return .string(value.isNaN ? nonFinite.nan : value < 0 ? nonFinite.negativeInfinity : nonFinite.positiveInfinity) }
        let text = value.description
        return .literal(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
    }

    /// The strings that stand for the numbers JSON has none for, read back by
    /// `JSONDecoder`'s `.convertFromString` with the same names
    /// (``WorkerProtocol/decoder``): a student's NaN in a failed comparison travels.
    static let nonFinite = (positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
}
