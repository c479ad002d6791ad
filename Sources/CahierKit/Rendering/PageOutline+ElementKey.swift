extension PageOutline {
    /// A tag's element as the text needs it (``elementName(_:)``: its letters
    /// and digits after any `/`, lowercased), read without making a string:
    /// an ASCII name of at most 16 bytes is packed, lowercased, in two words
    /// (a letter or digit is never a zero byte, so the padding tells the
    /// lengths apart); a longer one is none of the elements looked for; a
    /// tag beyond ASCII is read as ``elementName(_:)`` reads it, then packed
    /// when that name is ASCII.
    enum ElementKey: Hashable {
        case packed(UInt64, UInt64)
        /// An ASCII name longer than any element the text looks for.
        case long
        case unicode(String)

        static let svg = ElementKey(Array("svg".utf8))
        static let span = ElementKey(Array("span".utf8))
        /// ``PageOutline/blocks``, packed.
        static let blocks = Set(PageOutline.blocks.map { ElementKey(Array($0.utf8)) })

        init(_ tag: [UInt8]) {
            guard tag.allSatisfy({ $0 < 0x80 }) else {
                // The name may still be ASCII (`svg é="…"`, or a letter whose lowercase is ASCII): then it is packed.
                let name = PageOutline.elementName(tag)
                self = name.utf8.allSatisfy({ $0 < 0x80 }) ? ElementKey(Array(name.utf8)) : .unicode(name)
                return
            }
            var low: UInt64 = 0, high: UInt64 = 0
            var i = 0, count = 0
            while i < tag.count, tag[i] == UInt8(ascii: "/") { i += 1 }
            while i < tag.count, PageOutline.isASCIILetterOrDigit(tag[i]) {
                guard count < 16 else {
                    self = .long
                    return
                }
                let b = tag[i] >= UInt8(ascii: "A") && tag[i] <= UInt8(ascii: "Z") ? tag[i] + 32 : tag[i]
                if count < 8 { low |= UInt64(b) << (8 * count) } else { high |= UInt64(b) << (8 * (count - 8)) }
                count += 1
                i += 1
            }
            self = .packed(low, high)
        }

        /// Whether the element ends a run of text (one of ``PageOutline/blocks``).
        var isBlock: Bool {
            switch self {
            case .packed: return Self.blocks.contains(self)
            case .long: return false
            case .unicode(let name): return PageOutline.blocks.contains(name)
            }
        }
    }
}
