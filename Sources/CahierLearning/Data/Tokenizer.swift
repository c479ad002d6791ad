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
        var sink = StringSink()
        Self.scan(text, into: &sink)
        return sink.words
    }

    /// The words of each text as ids into one ``Lexicon`` shared by all of
    /// them: the same words as `callAsFunction`, each distinct spelling's String made once.
    public func tokenLists(_ texts: [String]) -> [TokenList] {
        var sink = IDSink()
        var lists: [[UInt32]] = []
        lists.reserveCapacity(texts.count)
        for text in texts {
            Self.scan(text, into: &sink)
            lists.append(sink.ids)
            sink.ids = []
        }
        let lexicon = sink.lexicon.freeze()
        return lists.map { TokenList(lexicon: lexicon, ids: $0) }
    }

    /// Feeds the words of `text` to `sink`: byte by byte when the text is ASCII, else scalar by scalar.
    private static func scan<Sink: WordSink>(_ text: String, into sink: inout Sink) {
        var bytes = text
        if bytes.withUTF8({ ascii($0, into: &sink) }) { return }
        unicode(text, into: &sink)
    }

    /// The rules on the scalars of any text, each word's UTF-8 gathered in one reused buffer.
    private static func unicode<Sink: WordSink>(_ text: String, into sink: inout Sink) {
        var current: [UInt8] = []
        var pendingApostrophe = false
        func flush() {
            if !current.isEmpty { current.withUnsafeBufferPointer { sink.word($0) } }
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
    }

    /// The same rules on ASCII text, byte by byte: a word is a run of letters
    /// and digits, with single apostrophes between them, handed to the sink
    /// with whether it holds a capital; false when a byte is not ASCII (nothing handed).
    private static func ascii<Sink: WordSink>(_ text: UnsafeBufferPointer<UInt8>, into sink: inout Sink) -> Bool {
        var any: UInt8 = 0
        for byte in text { any |= byte }
        guard any < 0x80 else { return false }
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
            sink.ascii(UnsafeBufferPointer(rebasing: text[start..<i]), hasUpper: hasUpper)
        }
        return true
    }

    /// A letter or a digit of ASCII.
    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte &- UInt8(ascii: "0")) < 10 || ((byte | 0x20) &- UInt8(ascii: "a")) < 26
    }

    /// The lowercase of an ASCII byte.
    @inline(__always)
    fileprivate static func lower(_ byte: UInt8) -> UInt8 { (byte &- UInt8(ascii: "A")) < 26 ? byte | 0x20 : byte }
}

/// Where the scanner puts the words it finds.
private protocol WordSink {
    /// An ASCII word as written (to lowercase when `hasUpper`).
    mutating func ascii(_ word: UnsafeBufferPointer<UInt8>, hasUpper: Bool)
    /// A word's UTF-8, already lowercased.
    mutating func word(_ utf8: UnsafeBufferPointer<UInt8>)
}

/// The words as Strings, each made from its bytes.
private struct StringSink: WordSink {
    var words: [String] = []

    mutating func ascii(_ word: UnsafeBufferPointer<UInt8>, hasUpper: Bool) {
        if hasUpper {
            words.append(String(unsafeUninitializedCapacity: word.count) { buffer in
                for (k, byte) in word.enumerated() { buffer[k] = Tokenizer.lower(byte) }
                return word.count
            })
        } else {
            words.append(String(decoding: word, as: UTF8.self))
        }
    }

    mutating func word(_ utf8: UnsafeBufferPointer<UInt8>) { words.append(String(decoding: utf8, as: UTF8.self)) }
}

/// The words as ids into a lexicon being built; an ASCII word with capitals
/// lowercased into one reused buffer first.
private struct IDSink: WordSink {
    var lexicon = Lexicon.Builder()
    var ids: [UInt32] = []
    /// Room for the lowercased word (grown, never shrunk).
    var scratch = [UInt8](repeating: 0, count: 64)

    mutating func ascii(_ word: UnsafeBufferPointer<UInt8>, hasUpper: Bool) {
        guard hasUpper else { return self.word(word) }
        if scratch.count < word.count { scratch = [UInt8](repeating: 0, count: Swift.max(word.count, 2 * scratch.count)) }
        let id = scratch.withUnsafeMutableBufferPointer { buffer in
            for k in 0..<word.count { buffer[k] = Tokenizer.lower(word[k]) }
            return lexicon.id(of: UnsafeBufferPointer(rebasing: buffer[0..<word.count]))
        }
        ids.append(id)
    }

    mutating func word(_ utf8: UnsafeBufferPointer<UInt8>) { ids.append(lexicon.id(of: utf8)) }
}
