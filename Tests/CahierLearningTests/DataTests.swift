import CahierLearning
import Foundation
import Testing

@Suite("Data: truth tables, text, files, splits, synthetic sets")
struct DataTests {
    static let data = Reference.root.appendingPathComponent("notebooks/data")

    @Test("truth tables list the four input pairs and each function's values")
    func truthTables() {
        #expect(BooleanFunction.and.inputs.scalars == [0, 0, 0, 1, 1, 0, 1, 1])
        #expect(BooleanFunction.xor.labels.scalars == [0, 1, 1, 0])
        #expect(BooleanFunction.nor.labels.scalars == [1, 0, 0, 0])
        #expect(BooleanFunction.not.inputs.shape == [2, 1])
        // NAND is NOT AND, and NOR is NOT OR.
        #expect(BooleanFunction.nand.labels.scalars == BooleanFunction.and.labels.scalars.map { 1 - $0 })
        #expect(BooleanFunction.nor.labels.scalars == BooleanFunction.or.labels.scalars.map { 1 - $0 })
    }

    @Test("the tokenizer lowercases and splits on everything but letters, digits and inner apostrophes", arguments: [
        ("Free entry in 2 a wkly comp!", ["free", "entry", "in", "2", "a", "wkly", "comp"]),
        ("I don't know... U're  late", ["i", "don't", "know", "u're", "late"]),
        ("Café naïve 'quoted' &lt;#&gt;", ["café", "naïve", "quoted", "lt", "gt"]),
        ("", []),
    ])
    func tokenizer(text: String, words: [String]) {
        #expect(Tokenizer()(text) == words)
    }

    @Test("a vocabulary is sorted, one-hot vectors have one 1, documents ignore unknown words")
    func vocabulary() throws {
        let vocabulary = Vocabulary(documents: [["win", "cash", "now"], ["call", "now"], ["cash"]])
        #expect(vocabulary.words == ["call", "cash", "now", "win"])
        #expect(vocabulary.oneHot("now").scalars == [0, 0, 1, 0])
        #expect(vocabulary.oneHot("unknown").scalars == [0, 0, 0, 0])
        let multi = vocabulary.encode(["now", "cash", "now", "zzz"])
        #expect(multi.map(\.column) == [1, 2] && multi.map(\.value) == [1, 1])
        #expect(vocabulary.encode(["now", "cash", "now"], counts: true).map(\.value) == [1, 2])
        #expect(Vocabulary(documents: [["a", "b"], ["a"]], minimumCount: 2).words == ["a"])
        let matrix = try vocabulary.encode(documents: [["win", "win"], []])
        #expect(matrix.dense().scalars == [0, 0, 0, 1, 0, 0, 0, 0])
    }

    @Test("the SMS Spam Collection loads: 5,574 messages, 747 spam")
    func spam() throws {
        let (texts, labels) = try DataFile.spam(Self.data.appendingPathComponent("spam.tsv").path)
        #expect(texts.count == 5574)
        #expect(labels.scalars.filter { $0 == 1 }.count == 747)
    }

    @Test("the UCI digits load: 1,797 images of 64 pixels in 0…16, labels 0…9")
    func digits() throws {
        let (images, labels) = try DataFile.digits(Self.data.appendingPathComponent("digits.csv").path)
        #expect(images.shape == [1797, 64])
        #expect(Set(labels.scalars) == Set((0...9).map(Double.init)))
        #expect(images.scalars.allSatisfy { (0...16).contains($0) })
    }

    @Test("a bad row is reported with the file and line of the data")
    func badRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let tsv = directory.appendingPathComponent("bad.tsv").path
        try "label\ttext\nham\tok\nmaybe\tnot a label\n".write(toFile: tsv, atomically: true, encoding: .utf8)
        #expect(throws: DataFileError(path: tsv, line: 3, column: 1, message: "expected 'spam' or 'ham', got 'maybe'")) {
            try DataFile.spam(tsv)
        }
        let csv = directory.appendingPathComponent("bad.csv").path
        let header = (0..<64).map { "pixel\($0)" }.joined(separator: ",") + ",label\n"
        let good = Array(repeating: "0", count: 64).joined(separator: ",") + ",3\n"
        try (header + good + good.replacingOccurrences(of: ",3", with: ",17")).write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(throws: DataFileError(path: csv, line: 3, column: 129, message: "value 65, 17, is not a whole number from 0 to 9")) {
            try DataFile.digits(csv)
        }
    }

    @Test("data files with CRLF line endings read the same as with LF")
    func crlf() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("s.tsv").path
        try "label\ttext\r\nham\tsee you\r\nspam\tWIN now\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (texts, labels) = try DataFile.spam(path)
        #expect(texts == ["see you", "WIN now"])
        #expect(labels.scalars == [0, 1])
    }

    @Test("a stratified split keeps each class's share and depends only on the seed")
    func split() throws {
        let labels = Tensor(vector: Array(repeating: 0.0, count: 90) + Array(repeating: 1.0, count: 10))
        var g1 = Xoshiro256(seed: 4), g2 = Xoshiro256(seed: 4)
        let a = try TrainTestSplit(count: 100, testFraction: 0.2, stratifyBy: labels, using: &g1)
        let b = try TrainTestSplit(count: 100, testFraction: 0.2, stratifyBy: labels, using: &g2)
        #expect(a == b)
        #expect(a.test.count == 20 && a.train.count == 80)
        #expect(a.test.filter { labels.scalars[$0] == 1 }.count == 2)
        #expect(Set(a.train).isDisjoint(with: a.test) && Set(a.train + a.test) == Set(0..<100))
    }

    @Test("synthetic sets have the documented labels")
    func synthetic() {
        var g = Xoshiro256(seed: 2)
        let square = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]
        let inside = Synthetic.polygons([square], count: 400, using: &g)
        for i in 0..<400 {
            let (x, y) = (inside.points.scalars[2 * i], inside.points.scalars[2 * i + 1])
            #expect(inside.labels.scalars[i] == (abs(x) <= 0.5 && abs(y) <= 0.5 ? 1 : 0))
        }
        let xor = Synthetic.noisyXOR(count: 200, noise: 0, using: &g)
        for i in 0..<200 {
            #expect(xor.labels.scalars[i] == (xor.points.scalars[2 * i] != xor.points.scalars[2 * i + 1] ? 1 : 0))
        }
        let moons = Synthetic.moons(count: 10, noise: 0, using: &g)
        // Without noise the first moon starts at (cos 0, sin 0) = (1, 0), the second at (1 − 1, 0.5 − 0) = (0, 0.5).
        #expect(Array(moons.points.scalars[0..<2]) == [1, 0] && Array(moons.points.scalars[10..<12]) == [0, 0.5])
        let blobs = Synthetic.blobs(centers: [(0, 0), (5, 5)], perCenter: 3, std: 0.1, using: &g)
        #expect(blobs.labels.scalars == [0, 0, 0, 1, 1, 1])
    }
}
