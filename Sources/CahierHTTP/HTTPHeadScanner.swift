/// Finds where a request's head ends in the bytes received so far, looking
/// at each byte once however the bytes arrive (so a head sent one byte at a
/// time costs what it costs sent at once).
public struct HTTPHeadScanner: Sendable {
    /// How many bytes have been looked at.
    public private(set) var scanned = 0
    private var lineStart = 0

    public init() {}

    /// The head's end once the empty line after it has arrived: `head` is
    /// the head's bytes without that line, `bodyStart` where what follows
    /// begins. Nil while the empty line has not arrived.
    public mutating func scan(_ bytes: [UInt8]) -> (head: Range<Int>, bodyStart: Int)? {
        while scanned < bytes.count {
            let i = scanned
            scanned += 1
            guard bytes[i] == UInt8(ascii: "\n") else { continue }
            let empty = i == lineStart || (i == lineStart + 1 && bytes[lineStart] == UInt8(ascii: "\r"))
            if empty { return (0..<max(0, lineStart - 1), i + 1) }
            lineStart = i + 1
        }
        return nil
    }
}
