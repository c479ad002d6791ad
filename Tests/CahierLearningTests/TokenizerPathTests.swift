import CahierLearning
import Foundation
import Testing

/// The byte-level tokenizer and vocabulary against plain implementations of
/// their documented rules: scalar by scalar for the tokenizer, a `[String: Int]`
/// for the vocabulary (whose keys are equal when canonically equivalent).
@Suite("Tokenizer and vocabulary fast paths")
struct TokenizerPathTests {
    /// The tokenizer's rules, written out plainly on scalars: a word is a run of
    /// Alphabetic or decimal-digit scalars (lowercased), with the nonspacing marks
    /// that follow them and single apostrophes between them.
    static func referenceTokens(_ text: String) -> [String] {
        var words: [String] = []
        var current: [Unicode.Scalar] = []
        var apostrophe = false
        func end() {
            if !current.isEmpty { words.append(String(String.UnicodeScalarView(current))) }
            current = []
            apostrophe = false
        }
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType == .decimal {
                if apostrophe { current.append("'") }
                apostrophe = false
                current += p.lowercaseMapping.unicodeScalars
            } else if p.generalCategory == .nonspacingMark, !current.isEmpty {
                if apostrophe { current.append("'") }
                apostrophe = false
                current.append(scalar)
            } else if scalar == "'", !current.isEmpty, !apostrophe {
                apostrophe = true
            } else {
                end()
            }
        }
        end()
        return words
    }

    /// The vocabulary's rules with a String dictionary: document frequencies, the
    /// words kept sorted by their UTF-8 bytes, a word's index its place.
    struct ReferenceVocabulary {
        var words: [String]
        var index: [String: Int]
        init(_ documents: [[String]], minimumCount: Int) {
            var frequency: [String: Int] = [:]
            var order: [String] = []
            for document in documents {
                var seen = Set<String>()
                for word in document where seen.insert(word).inserted {
                    if frequency[word] == nil { order.append(word) }
                    frequency[word, default: 0] += 1
                }
            }
            // The dictionary keeps the first spelling of canonically equivalent words; so does `order`.
            words = order.filter { frequency[$0]! >= minimumCount }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            index = Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, $0) })
        }
        func row(_ document: [String], counts: Bool) -> [Int: Double] {
            var row: [Int: Double] = [:]
            for word in document { if let i = index[word] { row[i] = counts ? (row[i] ?? 0) + 1 : 1 } }
            return row
        }
    }

    /// Compares a vocabulary with the reference: its words, each word's index, and the rows of the documents.
    static func expectSame(_ documents: [[String]], minimumCount: Int = 1, probes: [String] = []) {
        let fast = Vocabulary(documents: documents, minimumCount: minimumCount)
        let reference = ReferenceVocabulary(documents, minimumCount: minimumCount)
        #expect(fast.words.map { Array($0.utf8) } == reference.words.map { Array($0.utf8) })
        for word in documents.joined() + probes {
            #expect(fast.index(of: word) == reference.index[word], "index of \(word.debugDescription)")
        }
        for counts in [false, true] {
            for document in documents {
                let row = fast.encode(document, counts: counts)
                #expect(row.map(\.column) == row.map(\.column).sorted())
                #expect(Dictionary(uniqueKeysWithValues: row.map { ($0.column, $0.value) }) == reference.row(document, counts: counts))
            }
        }
    }

    static let asciiAlphabet: [String] = ["a", "b", "z", "Q", "Z", "0", "9", "'", "''", " ", "\t", "\n", "!", ".", "-", "_", "@", "\u{0}", "\u{7F}", "`"]
    static let unicodeAlphabet: [String] = asciiAlphabet + [
        "é", "e\u{301}", "\u{301}", "É", "ü", "Ü", "ß", "İ", "Σ", "ς", "\u{212A}", "\u{212B}", "£", "’", "…", "😀", "👍🏽", "👨‍👩‍👧",
        "٣", "½", "ﬁ", "Ǆ", "\u{200D}", "\u{FE0F}", "\u{FFFD}", "\u{37E}", "中", "\u{0345}", "ǅ",
    ]

    static func randomText(_ alphabet: [String], _ random: inout Xoshiro256, length: Int) -> String {
        (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    @Test("The tokenizer gives the reference's words on random ASCII text", arguments: [1, 2, 3])
    func randomASCII(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        for _ in 0..<500 {
            let text = Self.randomText(Self.asciiAlphabet, &random, length: Int(random.next() % 60))
            #expect(Tokenizer()(text) == Self.referenceTokens(text), "\(text.debugDescription)")
        }
    }

    @Test("The tokenizer gives the reference's words on random Unicode text (accents, emoji, combining marks)", arguments: [4, 5, 6])
    func randomUnicode(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        for _ in 0..<500 {
            let text = Self.randomText(Self.unicodeAlphabet, &random, length: Int(random.next() % 40))
            let words = Tokenizer()(text)
            #expect(words.map { Array($0.unicodeScalars) } == Self.referenceTokens(text).map { Array($0.unicodeScalars) }, "\(text.debugDescription)")
        }
    }

    @Test("Invalid UTF-8, read by the loader or decoded, tokenizes as the reference does")
    func invalidUTF8() throws {
        let invalid: [[UInt8]] = [[0x41, 0xFF, 0x42], [0xC3], [0xE2, 0x82], [0x63, 0x61, 0x66, 0xC3, 0xA9, 0xC3], [0xED, 0xA0, 0x80, 0x7A], [0x27, 0x80, 0x27, 0x61]]
        for bytes in invalid {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(Tokenizer()(text) == Self.referenceTokens(text))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokenizer-invalid-\(UUID().uuidString).tsv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = Array("label\ttext\n".utf8)
        for bytes in invalid { file += Array("ham\t".utf8) + bytes + [0x0A] }
        FileManager.default.createFile(atPath: path, contents: Data(file))
        // Whatever the loader does with the bytes (repairs them or refuses the file), what it gives tokenizes as the reference does.
        if let (texts, _) = try? DataFile.spam(path) {
            for text in texts { #expect(Tokenizer()(text) == Self.referenceTokens(text)) }
        }
    }

    @Test("On the SMS corpus the tokens, vocabulary and rows are the reference's")
    func corpus() throws {
        let (texts, _) = try DataFile.spam(DataTests.data.appendingPathComponent("spam.tsv").path)
        let documents = texts.map { Tokenizer()($0) }
        for (text, words) in zip(texts, documents) { #expect(words == Self.referenceTokens(text)) }
        // Notebook 01 counts 8,896 words in the whole corpus and 80,758 non-zero entries.
        let vocabulary = Vocabulary(documents: documents)
        #expect(vocabulary.count == 8896)
        #expect(try vocabulary.encode(documents: documents).nonZeroCount == 80758)
        Self.expectSame(documents, probes: ["", "zzzz", "Free", "\u{212A}"])
        Self.expectSame(documents, minimumCount: 3)
    }

    @Test("Canonically equivalent words are one word, spelt as first met", arguments: [
        // (documents, the words expected): é precomposed (C3 A9) and decomposed (65 CC 81) are equal Strings,
        // as are KELVIN SIGN (E2 84 AA) and K (4B); the first spelling met stays, sorted by its bytes.
        ([["e\u{301}"], ["é"], ["\u{212A}"], ["K"]], ["e\u{301}", "\u{212A}"]),
        ([["K"], ["\u{212A}", "é"], ["e\u{301}"]], ["K", "é"]),
        // ANGSTROM SIGN (E2 84 AB) is Å (C3 85), which sorts before E2.
        ([["\u{212A}b", "Kb"], ["Å"], ["\u{212B}"]], ["Å", "\u{212A}b"]),
    ])
    func canonicalEquivalence(documents: [[String]], expected: [String]) {
        let vocabulary = Vocabulary(documents: documents)
        #expect(vocabulary.words.map { Array($0.utf8) } == expected.map { Array($0.utf8) })
        for document in documents {
            for word in document { #expect(vocabulary.index(of: word) != nil, "\(word.debugDescription)") }
        }
        Self.expectSame(documents, probes: ["K", "\u{212A}", "é", "e\u{301}", "Å", "A\u{30A}", "\u{212B}"])
    }

    @Test("Words sharing their first 8 bytes, or ending in NUL bytes, sort by all their bytes")
    func longPrefixes() {
        let words = ["abcdefghij", "abcdefghi", "abcdefgh", "abcdefgh\u{0}", "abcdefg", "abcdefghiz", "a", "a\u{0}", "a\u{0}\u{0}", "abcdefghijklmnopé", "abcdefghijklmnope"]
        // In byte order, a word comes before every longer word it begins; NUL (00) before any other byte.
        let expected = ["a", "a\u{0}", "a\u{0}\u{0}", "abcdefg", "abcdefgh", "abcdefgh\u{0}", "abcdefghi", "abcdefghij", "abcdefghijklmnope", "abcdefghijklmnopé", "abcdefghiz"]
        #expect(Vocabulary(documents: [words.reversed()]).words == expected)
        Self.expectSame([words, Array(words.prefix(4))], minimumCount: 1)
    }

    @Test("Random vocabularies of Unicode and ASCII words agree with the reference, through table growth", arguments: [7, 8])
    func randomVocabularies(seed: UInt64) {
        var random = Xoshiro256(seed: seed)
        let documents = (0..<300).map { _ in
            (0..<Int(random.next() % 30)).map { _ in Self.randomText(random.next() % 3 == 0 ? Self.unicodeAlphabet : Self.asciiAlphabet, &random, length: 1 + Int(random.next() % 12)) }
        }
        Self.expectSame(documents, probes: ["never", "\u{FFFD}", ""])
        Self.expectSame(documents, minimumCount: 2)
    }
}
