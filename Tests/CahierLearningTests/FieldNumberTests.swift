@testable import CahierLearning
import Foundation
import Testing

/// A table's fields read as numbers exactly as `Double(_:)` reads them (spaces
/// around trimmed), and as decimal-comma numbers exactly as `Double(_:)` reads
/// them once the one comma is a point, now that texts which cannot start a
/// number are refused before any String is made of them.
@Suite("Field numbers")
struct FieldNumberTests {
    /// `Double(_:)` on the field without its spaces at either end: the definition `DataTable.number` follows.
    static func plain(_ text: String) -> Double? {
        var t = Substring(text)
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        return t.isEmpty ? nil : Double(String(t))
    }

    /// The plain reading of a decimal-comma field: one comma, no point, then as a number with the comma a point.
    static func plainComma(_ text: String) -> Double? {
        guard !text.contains("."), text.filter({ $0 == "," }).count == 1 else { return nil }
        return plain(text.replacingOccurrences(of: ",", with: "."))
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        default: return false
        }
    }

    static func check(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(same(DataTable.number(bytes, 0, bytes.count), plain(text)), "\(text.debugDescription)")
        #expect(same(CSVDialect.commaNumber(bytes, 0, bytes.count), plainComma(text)), "comma \(text.debugDescription)")
    }

    @Test("Every first byte, after no sign or one, before each kind of number Double reads")
    func everyFirstByte() {
        let tails = ["", "5", ".5", ",5", "5,5", "inf", "nan", "0x1p1", "e5", "Infinity", "NaN", "nan(1)", "snan", " 5"]
        for byte in 0..<128 {
            let first = String(UnicodeScalar(UInt8(byte)))
            for sign in ["", "-", "+", " ", " -"] {
                for tail in tails { Self.check(sign + first + tail) }
            }
        }
        for first in ["é", "٣", "５", "\u{A0}", "\u{FEFF}", "ñ"] {
            for tail in tails { Self.check(first + tail) }
        }
    }

    @Test("Texts, numbers and near-numbers as fields", arguments: [
        "Go until jurong point", "ham", "spam", "", " ", "12", " 3.25 ", "-0", "+7", "1e3", "1,5", " -2,25 ", "1,000", "1,2,3",
        "inf", "-Infinity", "nan", "NaN", "snan", "sNaN", "Snan", "n", "i", "s", "S", "nope", "single", "infinite", "0x1.8p1", "0x1,8p1",
        ",5", "-,5", ".", ",", "+", "-", "9" + String(repeating: "9", count: 30), "0.1234567890123456789", "1e400", "--5", "+-5",
    ])
    func fields(text: String) {
        Self.check(text)
    }
}
