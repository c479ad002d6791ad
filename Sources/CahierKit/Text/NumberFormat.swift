import CFormat

/// C's `printf` conversions of a number (`%.2f`, `%.6g`, `%#.6g`) without
/// Foundation's `String(format:)`, which builds a CFString and boxes its
/// arguments: ten times the cost, and figures write thousands of coordinates.
/// The text is the C library's own, so it is the same as before, byte for byte.
public enum NumberFormat {
    public enum Style: UInt8, Sendable {
        /// `%.Nf`: N digits after the point.
        case fixed = 0x66
        /// `%.Ng`: N significant digits, trailing zeros dropped.
        case general = 0x67
        /// `%#.Ng`: N significant digits, trailing zeros and the point kept.
        case generalKeepingZeros = 0x47
    }

    public static func format(_ x: Double, _ style: Style, precision: Int) -> String {
        let precision = Int32(Swift.max(0, Swift.min(precision, 40)))
        // "%.40f" of the largest double is 350 bytes; one buffer fits every case.
        let capacity = 400
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let written = Int(cahier_format_double(buffer.baseAddress!, capacity, CChar(bitPattern: style.rawValue), precision, x))
            let count = Swift.max(0, Swift.min(written, capacity - 1))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: count), as: UTF8.self)
        }
    }
}
