/// How a table file writes its fields and its numbers, as spreadsheets save
/// them: English ones put `,` between fields and a point in `2.5`; French ones
/// put `;` between fields and a comma in `2,5`.
public enum CSVDialect {
    /// `;` when the header (the first line that is not blank) holds a `;` and
    /// no `,` outside quotes: a file that the name `.csv` calls comma-separated
    /// but that is unambiguously separated by semicolons. Nil otherwise.
    public static func semicolonHeader(_ bytes: [UInt8]) -> UInt8? {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { i += 1 }
        var quoted = false, semicolons = 0
        while i < bytes.count, quoted || bytes[i] != UInt8(ascii: "\n") {
            switch bytes[i] {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ","): if !quoted { return nil }
            case UInt8(ascii: ";"): if !quoted { semicolons += 1 }
            default: break
            }
            i += 1
        }
        return semicolons > 0 ? UInt8(ascii: ";") : nil
    }

    /// The number a field writes with a decimal comma (`2,5`, `-0,125`,
    /// spaces around allowed), or nil: one comma, no point, and what
    /// ``DataTable`` reads as a number once the comma is a point.
    static func commaNumber(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
        // The comma becomes a point: a text that could not start a number then is refused at once.
        var s = start
        while s < end, bytes[s] == UInt8(ascii: " ") { s += 1 }
        guard s < end, DataTable.mayStartNumber(bytes, s, end, comma: true) else { return nil }
        var comma: Int?
        for k in start..<end {
            if bytes[k] == UInt8(ascii: ".") { return nil }
            if bytes[k] == UInt8(ascii: ",") {
                guard comma == nil else { return nil }
                comma = k
            }
        }
        guard let comma else { return nil }
        var pointed = Array(bytes[start..<end])
        pointed[comma - start] = UInt8(ascii: ".")
        return DataTable.number(pointed, 0, pointed.count)
    }

    /// A field's number in a file of decimal commas: `2,5` is 2.5, `3` is 3,
    /// and `2.5` is not a number (a point there would be a thousands separator or a slip).
    static func decimalCommaNumber(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Double? {
        if let number = commaNumber(bytes, start, end) { return number }
        guard !bytes[start..<end].contains(UInt8(ascii: ".")) else { return nil }
        return DataTable.number(bytes, start, end)
    }
}
