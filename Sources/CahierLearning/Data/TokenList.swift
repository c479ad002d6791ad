/// A tokenized text as ids into a ``Lexicon``: `lexicon.words[ids[k]]` is
/// its k-th word. ``Vocabulary`` reads the ids, one String operation per
/// distinct spelling instead of one per word.
public final class TokenList: Sendable {
    public let lexicon: Lexicon
    public let ids: [UInt32]

    /// Ids that must all be below `lexicon.count` (the tokenizer's, with the lexicon it filed them in).
    public init(lexicon: Lexicon, ids: [UInt32]) {
        self.lexicon = lexicon
        self.ids = ids
    }

    /// The words, as Strings.
    public var words: [String] { ids.map { lexicon.words[Int($0)] } }
}
