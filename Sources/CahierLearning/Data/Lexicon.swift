/// The distinct spellings of the words of one tokenization, each with an id
/// (0, 1, 2… in the order first met) and its String, made once. Two ids are
/// two different byte spellings; canonically equivalent spellings (a composed
/// and a decomposed "é") keep two ids, and ``Vocabulary`` merges them as
/// String equality does. Immutable once built, shared by the token lists made with it.
public final class Lexicon: Sendable {
    /// The words, by id.
    public let words: [String]

    init(words: [String]) {
        self.words = words
    }

    /// The number of distinct spellings.
    public var count: Int { words.count }

    /// Files spellings while a text is tokenized; ``freeze()`` makes the shared lexicon.
    public struct Builder: Sendable {
        private var spellings = ByteSpellings()
        private var words: [String] = []

        /// An empty lexicon.
        public init() {}

        /// The id of the word spelled by `utf8` (valid UTF-8), its String made the first time it is met.
        @inline(__always)
        mutating func id(of utf8: UnsafeBufferPointer<UInt8>) -> UInt32 {
            let (entry, new) = spellings.insert(utf8)
            if new { words.append(String(decoding: utf8, as: UTF8.self)) }
            return UInt32(truncatingIfNeeded: entry)
        }

        /// The lexicon of the words filed so far.
        public func freeze() -> Lexicon { Lexicon(words: words) }
    }
}
