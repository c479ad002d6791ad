import CahierLearning
import Foundation
import Testing

/// Texts tokenized to ids in a shared lexicon (`Tokenizer.tokenLists`), and
/// the vocabulary and rows read from the ids, against the String paths and the
/// plain reference rules of `TokenizerPathTests`. Words are compared by their
/// bytes: String equality would hide a canonically equivalent respelling.
@Suite("Token ids")
struct TokenIdsTests {
    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    /// Random texts from an alphabet, some of them repeated so that spellings recur.
    static func texts(_ alphabet: [String], seed: UInt64, count: Int, length: Int) -> [String] {
        var random = Xoshiro256(seed: seed)
        return (0..<count).map { _ in TokenizerPathTests.randomText(alphabet, &random, length: Int(random.next() % UInt64(length))) }
    }

    /// Checks every id path against the String paths for these texts.
    static func expectSame(_ texts: [String], probes: [String] = []) throws {
        let lists = Tokenizer().tokenLists(texts)
        #expect(lists.count == texts.count)
        let documents = texts.map { Tokenizer()($0) }
        for (k, text) in texts.enumerated() {
            #expect(bytes(lists[k].words) == bytes(TokenizerPathTests.referenceTokens(text)), "\(text.debugDescription)")
            #expect(lists[k].lexicon === lists[0].lexicon)
        }
        // One id per distinct byte spelling: as many ids as distinct spellings, each spelled as its String.
        if let lexicon = lists.first?.lexicon {
            #expect(lexicon.count == Set(bytes(documents.flatMap { $0 })).count)
            for list in lists { for (id, word) in zip(list.ids, list.words) { #expect(Array(lexicon.words[Int(id)].utf8) == Array(word.utf8)) } }
        }
        for minimumCount in [1, 2] {
            let fromIDs = Vocabulary(tokenLists: lists, minimumCount: minimumCount)
            let fromStrings = Vocabulary(documents: documents, minimumCount: minimumCount)
            let reference = TokenizerPathTests.ReferenceVocabulary(documents, minimumCount: minimumCount)
            #expect(bytes(fromIDs.words) == bytes(fromStrings.words))
            #expect(bytes(fromIDs.words) == bytes(reference.words))
            for word in documents.joined() + probes { #expect(fromIDs.index(of: word) == reference.index[word]) }
            // Rows of the same vocabulary, read from ids and from Strings; and a vocabulary that lacks some words.
            let partial = Vocabulary(documents: Array(documents.prefix(documents.count / 2)) + [probes])
            for vocabulary in [fromStrings, partial] {
                for counts in [false, true] {
                    let ids = vocabulary.encode(tokenLists: lists, counts: counts)
                    let strings = try vocabulary.encode(documents: documents, counts: counts)
                    #expect(ids == strings)
                }
            }
        }
    }

    @Test("Ids, vocabulary and rows agree with the String paths on random ASCII texts", arguments: [11, 12])
    func randomASCII(seed: UInt64) throws {
        try Self.expectSame(Self.texts(TokenizerPathTests.asciiAlphabet, seed: seed, count: 300, length: 80), probes: ["zz", "never"])
    }

    @Test("Ids, vocabulary and rows agree with the String paths on random Unicode texts", arguments: [13, 14])
    func randomUnicode(seed: UInt64) throws {
        try Self.expectSame(Self.texts(TokenizerPathTests.unicodeAlphabet, seed: seed, count: 300, length: 40), probes: ["K", "\u{212A}", "é", "e\u{301}"])
    }

    @Test("On the SMS corpus: 8,896 words and 80,758 non-zero entries from ids, as from Strings")
    func corpus() throws {
        let (texts, _) = try DataFile.spam(DataTests.data.appendingPathComponent("spam.tsv").path)
        let lists = Tokenizer().tokenLists(texts)
        // Notebook 01's figures.
        let vocabulary = Vocabulary(tokenLists: lists)
        #expect(vocabulary.count == 8896)
        #expect(vocabulary.encode(tokenLists: lists).nonZeroCount == 80758)
        try Self.expectSame(texts, probes: ["", "Free", "\u{212A}"])
    }

    @Test("Canonically equivalent spellings keep two ids; the vocabulary keeps the first met in its documents' order", arguments: [
        // é precomposed (C3 A9) then decomposed (65 CC 81): the lexicon files both; a vocabulary of the
        // texts in the other order keeps the decomposed one, as a [String: Int] fed in that order would.
        // In byte order x (78) and y (79) come before C3, after 65.
        (["É x", "E\u{301} y"], ["x", "y", "é"], ["e\u{301}", "x", "y"]),
        // KELVIN SIGN lowercases to k (6B): one spelling, one id.
        (["\u{212A}", "k"], ["k"], ["k"]),
    ])
    func equivalentSpellings(texts: [String], forward: [String], backward: [String]) throws {
        let lists = Tokenizer().tokenLists(texts)
        #expect(Self.bytes(Vocabulary(tokenLists: lists).words) == Self.bytes(forward))
        #expect(Self.bytes(Vocabulary(tokenLists: lists.reversed()).words) == Self.bytes(backward))
        try Self.expectSame(texts)
    }

    @Test("Lists from two tokenizations, interleaved, give the rows and words of their Strings")
    func twoLexicons() throws {
        let a = Tokenizer().tokenLists(["win cash now", "cash é", "Zebra"])
        let b = Tokenizer().tokenLists(["now e\u{301} win", "apple zebra"])
        #expect(a[0].lexicon !== b[0].lexicon)
        let mixed = [a[0], b[0], a[1], b[1], a[2], b[0]]
        let documents = mixed.map(\.words)
        let fromIDs = Vocabulary(tokenLists: mixed)
        // By hand: é is met first in b[0], decomposed (65 CC 81), before a[1]'s precomposed one; "Zebra" and
        // "zebra" are one word; in byte order: apple, cash, e◌́, now, win, zebra.
        #expect(Self.bytes(fromIDs.words) == Self.bytes(["apple", "cash", "e\u{301}", "now", "win", "zebra"]))
        #expect(Self.bytes(fromIDs.words) == Self.bytes(Vocabulary(documents: documents).words))
        for counts in [false, true] {
            #expect(fromIDs.encode(tokenLists: mixed, counts: counts) == (try fromIDs.encode(documents: documents, counts: counts)))
        }
    }
}
