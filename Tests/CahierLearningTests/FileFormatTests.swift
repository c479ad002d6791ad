import CahierLearning
import Foundation
import Testing

/// Tables, NumPy's arrays and PNG images, read from files that the tools
/// defining those formats wrote (tools/reference/data_files.py: NumPy's own
/// np.save and np.savez, libpng's own writer), against the values they were
/// given (tools/reference/data_files.json).
@Suite("Data file formats")
struct FileFormatTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let docs = root.appendingPathComponent("docs/data").path
    static let tests = root.appendingPathComponent("Tests/DataFiles").path
    static let expected = Reference.load(root.appendingPathComponent("tools/reference/data_files.json"))["files"]

    static func values(_ entry: JSONValue) -> (shape: [Int], values: [Double]) {
        (entry["shape"].array.map { Int($0.number) }, entry["values"].flat)
    }

    @Test("a CSV with a byte order mark, CRLF and quoted fields reads as written")
    func csv() throws {
        let table = try DataTable(Self.docs + "/fruits.csv", delimiter: UInt8(ascii: ","))
        let want = Self.expected["fruits.csv"]
        #expect(table.columns == ["name", "weight", "diameter", "kind"])
        #expect(table.texts(0) == want["names"].array.compactMap(\.string))
        let x = want["x"].array.map(\.flat)
        #expect(try table.numbers(1) == x.map { $0[0] })
        #expect(try table.numbers(2) == x.map { $0[1] })
        #expect(!table.isNumeric(0) && table.isNumeric(1) && !table.isNumeric(3))
    }

    @Test("a TSV keeps quotes as they are")
    func tsv() throws {
        let table = try DataTable(Self.docs + "/reviews.tsv", delimiter: UInt8(ascii: "\t"))
        #expect(table.texts(1) == Self.expected["reviews.tsv"]["texts"].array.compactMap(\.string))
    }

    @Test("table errors name the line and the column", arguments: [
        ("missing.csv", 2, "missing.csv:3:3: a missing value in column 'b'; fill it in or remove the row"),
        ("ragged.csv", 0, "ragged.csv:3: expected 3 fields, as the header has columns, found 2"),
        ("quote.csv", 0, "quote.csv:2:1: a quoted field opened here is never closed"),
    ])
    func tableErrors(file: String, column: Int, message: String) throws {
        let path = Self.tests + "/" + file
        let error = #expect(throws: DataFileError.self) {
            let table = try DataTable(path, delimiter: UInt8(ascii: ","))
            _ = try table.numbers(1)
        }
        #expect(error.map { "\(($0.path as NSString).lastPathComponent)\($0.position): \($0.message)" } == message)
    }

    @Test("np.save's arrays read as NumPy wrote them")
    func npy() throws {
        let array = try NumPyFile.array(Self.docs + "/measurements.npy")
        let (shape, values) = Self.values(Self.expected["measurements.npy"])
        #expect(array.shape == shape && array.scalars == values)
        for kind in ["f4", "f2", "i4", "u2", "u1", "i1", "u8"] {
            let t = try NumPyFile.array(Self.tests + "/kind-\(kind).npy")
            #expect(t.shape == [2, 3] && t.scalars == [1, 2, 3, 4, 5, 6], "\(kind)")
        }
    }

    @Test("np.savez and np.savez_compressed archives read as NumPy wrote them", arguments: ["arrays.npz", "compressed.npz"])
    func npz(file: String) throws {
        let arrays = try NumPyFile.arrays(Self.docs + "/" + file)
        guard case .object(let want) = Self.expected[file] else { Issue.record("no expected values for \(file)"); return }
        #expect(Set(arrays.map(\.name)) == Set(want.keys))
        for (name, array) in arrays {
            let (shape, values) = Self.values(Self.expected[file][name])
            #expect(array.shape == shape && array.scalars == values, "\(name)")
        }
    }

    @Test("what NumPy's format allows but Cahier does not read is refused, saying why", arguments: [
        ("fortran.npy", "Fortran order"),
        ("big-endian.npy", "big-endian"),
        ("objects.npy", "Python objects"),
        ("strings.npy", "strings"),
        ("truncated.npy", "bytes of data"),
    ])
    func npyRefusals(file: String, reason: String) throws {
        let error = #expect(throws: DataFileError.self) { try NumPyFile.array(Self.tests + "/" + file) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(error?.isOffset == true)
    }

    @Test("libpng's PNG files read as the pixels they were written from", arguments: [
        ("docs", "grey.png"), ("docs", "rgb.png"), ("tests", "rgba.png"), ("tests", "grey16.png"), ("tests", "grey-alpha.png"),
    ])
    func png(folder: String, file: String) throws {
        let image = try ImageFile.png((folder == "docs" ? Self.docs : Self.tests) + "/" + file)
        let (shape, values) = Self.values(Self.expected[file])
        #expect(image.shape == shape)
        #expect(image.scalars == values)
    }

    @Test("a folder of class folders reads as a data set of images, channels first")
    func imageFolder() throws {
        let images = try ImageFile.folder(Self.docs + "/shapes")
        let want = Self.expected["shapes"]
        #expect(images.classes == want["classes"].array.compactMap(\.string))
        #expect(images.y.scalars == want["y"].flat)
        #expect(images.shape == want["shape"].array.map { Int($0.number) })
        #expect(images.x.scalars == want["rows"].array.flatMap(\.flat))
    }

    @Test("a file that is not a PNG is refused whatever its name")
    func notPNG() throws {
        let error = #expect(throws: DataFileError.self) { try ImageFile.png(Self.tests + "/not-a-png.png") }
        #expect(error?.message == "not a PNG file: it does not start with PNG's signature")
    }

    @Test("a PNG's pixels written by libpng come back: every grey level, every channel")
    func roundTrip() throws {
        var rgba: [UInt8] = []
        for k in 0..<256 { rgba += [UInt8(k), UInt8(255 - k), UInt8(k / 2), 255] }
        let bytes = try ImageFile.encodePNG(rgba: rgba, width: 16, height: 16)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-\(UUID().uuidString).png").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let image = try ImageFile.png(path)
        #expect(image.shape == [16, 16, 4])
        #expect(image.scalars == rgba.map { Double($0) / 255 })
    }

    @Test("limits: an array or an image larger than the element limit is refused before it is made")
    func limits() throws {
        #expect(throws: DataFileError.self) { try NumPyFile.array(Self.docs + "/measurements.npy", maximumElements: 11) }
        #expect(throws: DataFileError.self) { try ImageFile.png(Self.docs + "/rgb.png", maximumElements: 11) }
        #expect(throws: DataFileError.self) { try NumPyFile.array(Self.docs + "/measurements.npy", maximumBytes: 100) }
    }
}
