/// Splits text into words. A word is a maximal run of letters (Unicode
/// scalars with the Alphabetic property, and the combining marks that follow
/// them), decimal digits, and apostrophes inside a word ("don't" is one word);
/// everything else separates words. Words are lowercased (Unicode's lowercase
/// mapping), so "Café" and "CAFÉ" are the same word.
public struct Tokenizer: Sendable, Hashable {
    /// The tokenizer (it has no settings).
    public init() {}

    /// The words of `text`, in order, repeats included.
    public func callAsFunction(_ text: String) -> [String] {
        var bytes = text
        if let words = bytes.withUTF8({ Self.ascii($0) }) { return words }
        return unicode(text)
    }

    /// The rules on the scalars of any text, each word's UTF-8 gathered in one reused buffer.
    private func unicode(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var pendingApostrophe = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            pendingApostrophe = false
        }
        func append(_ scalar: Unicode.Scalar) {
            if pendingApostrophe { current.append(UInt8(ascii: "'")) }
            pendingApostrophe = false
            if scalar.isASCII {
                current.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                current.append(contentsOf: scalar.utf8)
            }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x61...0x7A, 0x30...0x39: append(scalar)
                case 0x41...0x5A: append(Unicode.Scalar(UInt8(v + 0x20)))
                case 0x27 where !current.isEmpty && !pendingApostrophe: pendingApostrophe = true
                default: flush()
                }
                continue
            }
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType == .decimal {
                for lower in properties.lowercaseMapping.unicodeScalars { append(lower) }
            } else if properties.generalCategory == .nonspacingMark && !current.isEmpty {
                append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// The same rules on ASCII text, byte by byte: a word is a run of letters
    /// and digits, with single apostrophes between them, its String made
    /// straight from the bytes (lowercased on the way); nil when a byte is not ASCII.
    private static func ascii(_ text: UnsafeBufferPointer<UInt8>) -> [String]? {
        var any: UInt8 = 0
        for byte in text { any |= byte }
        guard any < 0x80 else { return nil }
        var words: [String] = []
        let n = text.count
        var i = 0
        while i < n {
            guard isWordByte(text[i]) else { i += 1; continue }
            let start = i
            var hasUpper = false
            while i < n {
                let byte = text[i]
                if isWordByte(byte) {
                    hasUpper = hasUpper || (byte &- UInt8(ascii: "A")) < 26
                    i += 1
                } else if byte == UInt8(ascii: "'"), i + 1 < n, isWordByte(text[i + 1]) {
                    i += 1
                } else {
                    break
                }
            }
            let word = UnsafeBufferPointer(rebasing: text[start..<i])
            if hasUpper {
                words.append(String(unsafeUninitializedCapacity: word.count) { buffer in
                    for (k, byte) in word.enumerated() { buffer[k] = (byte &- UInt8(ascii: "A")) < 26 ? byte | 0x20 : byte }
                    return word.count
                })
            } else {
                words.append(String(decoding: word, as: UTF8.self))
            }
        }
        return words
    }

    /// A letter or a digit of ASCII.
    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte &- UInt8(ascii: "0")) < 10 || ((byte | 0x20) &- UInt8(ascii: "a")) < 26
    }
}
