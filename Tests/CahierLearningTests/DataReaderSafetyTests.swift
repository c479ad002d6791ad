@testable import CahierLearning
import Foundation
import Testing

/// Hostile data files, made byte by byte (HostileFiles): each reader parses
/// its format as the format defines it, refuses what it does not define with
/// an error, and checks sizes before it allocates.
@Suite("Data readers refuse hostile files")
struct DataReaderSafetyTests {
    typealias H = HostileFiles
    static let good = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"

    // MARK: NumPy's .npy

    @Test("a .npy header in any form Python's literal syntax gives the three keys reads as written", arguments: [
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", [2]),
        ("{\"shape\": (2, 1), \"fortran_order\": False, \"descr\": \"<f8\"}", [2, 1]),
        ("{'descr':'<f8','fortran_order':False,'shape':(2L,)}", [2]),
    ])
    func npyAccepted(header: String, shape: [Int]) throws {
        let array = try NumPyFile.array(bytes: H.npy(header, H.doubles([1.5, 2.5])), path: "a.npy", maximumElements: 100)
        #expect(array.shape == shape)
        #expect(array.scalars == [1.5, 2.5])
    }

    @Test("a .npy header that is not exactly the dictionary of descr, fortran_order and shape is refused, saying why", arguments: [
        // Reproducer 16: the keys were found by searching the text.
        ("{'descr': '<f8', 'x': 'fortran_order', 'fortran_order': True, 'shape': (2, 2), }", 4, "the key 'x' is not one of a .npy header"),
        ("{'descr': '<f8', 'note': \"'shape': (1,)\", 'fortran_order': False, 'shape': (2,), }", 2, "the key 'note' is not one"),
        ("{'descr': '<f8', 'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 2, "the key 'descr' is given twice"),
        ("{'descr': '<f8', 'fortran_order': False}", 2, "has no 'shape'"),
        ("{'descr': '<f8', 'shape': (2,)}", 2, "has no 'fortran_order'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}", 2, "a number in parentheses, not a tuple"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,)}", 2, "negative extent"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", 2, "too large"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,,)}", 2, "whole numbers"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2 3)}", 2, "expected ',' or ')'"),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}", 2, "True or False"),
        ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,)}", 2, "structured"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} x", 2, "goes on after its dictionary"),
        ("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1)}", 2, "Fortran order"),
        // 2³² · 2³² overflows an Int; 40 · 40 = 1600 is over 1000.
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}", 2, "more than 1000 elements"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (40, 40)}", 2, "more than 1000 elements"),
        // The data must be exactly count · 8 bytes: 3 · 8 = 24, 1 · 8 = 8.
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", 2, "exactly 24 are needed"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", 2, "exactly 8 are needed"),
    ])
    func npyRefused(header: String, values: Int, reason: String) {
        let bytes = H.npy(header, H.doubles((0..<values).map(Double.init)))
        let error = #expect(throws: DataFileError.self) { try NumPyFile.array(bytes: bytes, path: "h.npy", maximumElements: 1000) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "no error")")
        #expect(error?.isOffset == true)
    }

    // MARK: NumPy's .npz (ZIP)

    static func member(_ name: String, _ values: [Double], deflated: Bool = false) -> H.Member {
        let npy = H.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (\(values.count),), }", H.doubles(values))
        return H.Member(name: name, stored: deflated ? H.storedDeflate(npy) : npy, method: deflated ? 8 : 0)
    }

    static func npySize(_ count: Int) -> Int { H.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (\(count),), }", H.doubles(Array(repeating: 0, count: count))).count }

    @Test("an archive of a stored and a deflated member reads both, in order")
    func npzAccepted() throws {
        let zip = H.zip([Self.member("a.npy", [1, 2]), Self.member("b.npy", [3], deflated: true)], sizes: [1: Self.npySize(1)])
        let arrays = try NumPyFile.arrays(bytes: zip, path: "z.npz", maximumBytes: 10_000, maximumElements: 100)
        #expect(arrays.map(\.name) == ["a", "b"])
        #expect(arrays.map(\.array.scalars) == [[1, 2], [3]])
    }

    /// Archives whose central directory lies about their members.
    static let hostileArchives: [(String, [UInt8], String)] = {
        let one = member("a.npy", [1, 2])
        let size = one.stored.count
        // Fifty entries with true sizes, all pointing at one member: each would read the same bytes.
        let fifty = (0..<50).map { H.Central(name: "e\($0).npy", member: 0, method: 0, compressed: size, size: size) }
        let sameName = (0..<50).map { _ in H.Central(name: "a.npy", member: 0, method: 0, compressed: size, size: size) }
        // A member whose stored bytes are a whole local member b.npy (header of 30 + 5 bytes, then its data), both listed.
        let inner = Array(H.zip([member("b.npy", [3])]).prefix(35 + npySize(1)))
        let outer = H.Member(name: "a.npy", stored: inner)
        let nested = [H.Central(name: "a.npy", member: 0, method: 0, compressed: inner.count, size: inner.count),
                      H.Central(name: "b.npy", member: 0, method: 0, compressed: npySize(1), size: npySize(1), offset: 35)]
        // Reproducer 07's form: stored, declaring 0 bytes unpacked.
        let zero = (0..<50).map { H.Central(name: "e\($0).npy", member: 0, method: 0, compressed: size, size: 0) }
        let big = [UInt8](repeating: 7, count: 600)
        var outside = H.zip([one])
        outside.replaceSubrange((outside.count - 6)..<(outside.count - 2), with: H.le32(1_000_000))
        return [
            ("fifty entries at one member", H.zip([one], central: fifty), "the local header of e0.npy names another member"),
            ("fifty entries of one name at one member", H.zip([one], central: sameName), "two members named a.npy"),
            ("a member inside another's data", H.zip([outer], central: nested), "the members a.npy and b.npy overlap"),
            ("stored, declaring 0 bytes", H.zip([one], central: zero), "is stored, yet declares 0 bytes unpacked and \(size) stored"),
            ("one name twice", H.zip([one, member("a.npy", [3])]), "two members named a.npy"),
            ("an entry naming another member", H.zip([one], central: [H.Central(name: "b.npy", member: 0, method: 0, compressed: size, size: size)]), "names another member"),
            // 600 + 600 declared bytes are over 1000.
            ("declared sizes over the limit", H.zip([H.Member(name: "a.npy", stored: H.storedDeflate(big), method: 8), H.Member(name: "b.npy", stored: H.storedDeflate(big), method: 8)],
                                                   sizes: [0: 600, 1: 600]), "more than 1000 bytes once unpacked"),
            // 600 bytes unpacked where 100 are declared: zlib is given room for 100 only.
            ("deflated data larger than declared", H.zip([H.Member(name: "a.npy", stored: H.storedDeflate(big), method: 8)], sizes: [0: 100]), "do not unpack to the 100 bytes declared"),
            ("a directory beyond the end", outside, "does not lie inside the archive"),
            // An empty fixed-Huffman block (2 bytes) cannot unpack to 5,000: 2 · 1,032 = 2,064.
            ("a ratio deflate cannot give", H.zip([H.Member(name: "a.npy", stored: [0x03, 0x00], method: 8)], sizes: [0: 5000]),
             "a.npy declares 5000 bytes unpacked from 2, more than deflate can give (1032 to 1)"),
            ("a local header beyond the end", H.zip([one], central: [H.Central(name: "a.npy", member: 0, method: 0, compressed: size, size: size, offset: 1_000_000)]),
             "a.npy's local header would be at byte 1000000, past the members"),
            ("no end record", Array(H.zip([one]).dropLast(3)), "no end of central directory"),
        ]
    }()

    @Test("an archive whose central directory lies (shared, overlapping or oversized members, repeated names) is refused before unpacking",
          arguments: hostileArchives.indices)
    func npzRefused(index: Int) {
        let (what, bytes, reason) = Self.hostileArchives[index]
        let error = #expect(throws: DataFileError.self, "\(what)") { try NumPyFile.arrays(bytes: bytes, path: "z.npz", maximumBytes: 1000, maximumElements: 1000) }
        #expect(error?.message.contains(reason) == true, "\(what): \(error?.message ?? "no error")")
    }

    @Test("the arrays of an archive together stay within the element limit")
    func npzElements() {
        // 2 + 2 elements read; the third array's 2 would make 6, over 5.
        let zip = H.zip([Self.member("a.npy", [1, 2]), Self.member("b.npy", [3, 4]), Self.member("c.npy", [5, 6])])
        let error = #expect(throws: DataFileError.self) { try NumPyFile.arrays(bytes: zip, path: "z.npz", maximumBytes: 10_000, maximumElements: 5) }
        #expect(error?.path == "z.npz/c.npy")
    }

    // MARK: Tables

    @Test("a header of 100,000 columns is read, each column found by name")
    func wideHeader() throws {
        let n = 100_000
        let text = (0..<n).map { "c\($0)" }.joined(separator: ",") + ",label\n" + Array(repeating: "1", count: n).joined(separator: ",") + ",0\n"
        let table = try DataTable(bytes: Array(text.utf8), path: "w.csv", delimiter: UInt8(ascii: ","))
        #expect(table.columns.count == n + 1 && table.rowCount == 1)
        #expect(table.column(named: "c99999") == 99_999 && table.column(named: "label") == n && table.column(named: "c100000") == nil)
    }

    @Test("a repeated column name is found wherever it is")
    func duplicateColumn() {
        let text = (0..<50_000).map { "c\($0)" }.joined(separator: ",") + ",c0\n1\n"
        let error = #expect(throws: DataFileError.self) { try DataTable(bytes: Array(text.utf8), path: "d.csv", delimiter: UInt8(ascii: ",")) }
        #expect(error?.message == "two columns are named 'c0'")
    }

    @Test("a table is refused at its first field over the limit, before storing it", arguments: [
        // Fields a, b, 1, 2, 3 fit a limit of 5; the sixth, 4, is on line 3 at byte 3.
        ("a,b\n1,2\n3,4\n", 5, 3, 3),
        // A line of 1,000 commas holds 1,001 empty fields; field 101 starts after 100 commas, at byte 101.
        (String(repeating: ",", count: 1000) + "\n", 100, 1, 101),
    ])
    func fieldLimit(text: String, limit: Int, line: Int, column: Int) {
        let error = #expect(throws: DataFileError.self) { try DataTable(bytes: Array(text.utf8), path: "t.csv", delimiter: UInt8(ascii: ","), maximumFields: limit) }
        #expect(error?.line == line && error?.column == column)
        #expect(error?.message.contains("more than \(limit) fields") == true)
    }

    // MARK: PNG

    @Test("a PNG declaring 100,000 × 100,000 pixels is refused from its header, before anything is allocated")
    func pngDimensions() {
        let bytes = H.pngDeclaring(width: 100_000, height: 100_000)
        let error = #expect(throws: DataFileError.self) { try ImageFile.png(bytes, path: "big.png", maximumElements: 10_000_000) }
        // 100,000 · 100,000 · 3 = 3·10¹⁰ numbers.
        #expect(error?.message == "the image of 100000×100000 pixels with 3 channels holds more than 10000000 numbers, the limit")
    }

    // MARK: Confinement to a folder

    /// A notebook folder `nb` beside a folder `outside` holding secret.csv and secret.png, with links and a pipe in `nb`.
    static func confinedFolder() throws -> (nb: URL, outside: URL) {
        let top = try H.folder()
        let (nb, outside) = (top.appendingPathComponent("nb"), top.appendingPathComponent("outside"))
        let manager = FileManager.default
        for folder in ["data", "imgs/a", "imgs/b", "classes/a", "inner/a", "inner/b", "piped/a"] {
            try manager.createDirectory(at: nb.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try manager.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("a,label\n1,0\n".utf8).write(to: nb.appendingPathComponent("data/a.csv"))
        try Data("secret,label\n7,0\n".utf8).write(to: outside.appendingPathComponent("secret.csv"))
        let grey = try ImageFile.encodePNG(rgba: [10, 10, 10, 255], width: 1, height: 1)
        try Data(try ImageFile.encodePNG(rgba: [200, 200, 200, 255], width: 1, height: 1)).write(to: outside.appendingPathComponent("secret.png"))
        for image in ["imgs/a/mine.png", "classes/a/mine.png", "inner/a/x.png", "piped/a/x.png"] { try Data(grey).write(to: nb.appendingPathComponent(image)) }
        let links = [("inlink", "data/a.csv"), ("out", outside.appendingPathComponent("secret.csv").path), ("updir", "../outside/secret.csv"),
                     ("loop1", "loop2"), ("loop2", "loop1"), ("imgs/b/stolen.png", outside.appendingPathComponent("secret.png").path),
                     ("classes/b", outside.path), ("inner/b/y.png", "../a/x.png")]
        for (name, target) in links { try manager.createSymbolicLink(atPath: nb.appendingPathComponent(name).path, withDestinationPath: target) }
        for pipe in ["fifo", "piped/a/y.png"] { #expect(mkfifo(nb.appendingPathComponent(pipe).path, 0o600) == 0) }
        return (nb, outside)
    }

    @Test("paths are opened inside the folder: links inside followed, links out, pipes and loops refused without naming their targets", arguments: [
        ("data/a.csv", nil, "data/a.csv"), ("inlink", nil, "data/a.csv"), ("data/./a.csv", nil, "data/a.csv"), ("data", nil, "data"),
        ("out", DataFolder.Refusal.Reason.outside, "outside the notebook's folder"), ("updir", .outside, "outside the notebook's folder"),
        ("data/../../x", .outside, "outside the notebook's folder"), ("/etc/passwd", .outside, "an absolute path"),
        ("loop1", .other, "more than 40 links"), ("fifo", .other, "not a regular file"), ("data/a.csv/x", .other, "a file, not a folder"),
        ("nothing", .missing, "no such file"),
    ])
    func confinement(path: String, refusal: DataFolder.Refusal.Reason?, expected: String) throws {
        let (nb, outside) = try Self.confinedFolder()
        let folder = DataFolder(nb.path)
        guard let refusal else {
            #expect(try folder.open(path).path == expected)
            return
        }
        let error = #expect(throws: DataFolder.Refusal.self) { try folder.open(path) }
        #expect(error?.reason == refusal && error?.path == path)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(outside.path) == false && error?.message.contains("secret") == false)
    }

    @Test("a folder of images refuses a class folder or an image linked outside, or a pipe, naming only the path inside", arguments: [
        ("imgs", "imgs/b/stolen.png", "leads outside the notebook's folder"),
        ("classes", "classes/b", "leads outside the notebook's folder"),
        ("piped", "piped/a/y.png", "not a regular file"),
    ])
    func imageFolderRefused(folder: String, shown: String, reason: String) throws {
        let (nb, outside) = try Self.confinedFolder()
        let error = #expect(throws: DataFileError.self) {
            try ImageFile.folder(DataFolder(nb.path), folder, display: folder, maximumBytes: 1_000_000, maximumElements: 1_000_000)
        }
        #expect(error?.path == shown)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(error?.description.contains(outside.path) == false && error?.description.contains("secret") == false)
    }

    @Test("a link from one class folder to an image of another, inside the folder, is read")
    func imageFolderInsideLink() throws {
        let (nb, _) = try Self.confinedFolder()
        let images = try ImageFile.folder(DataFolder(nb.path), "inner", display: "inner", maximumBytes: 1_000_000, maximumElements: 1_000)
        // The same 1×1 RGBA pixel twice (10/255 in each colour, 1 in alpha), labels 0 and 1.
        #expect(images.classes == ["a", "b"] && images.y.scalars == [0, 1])
        let grey: Double = 10.0 / 255
        let pixel: [Double] = [grey, grey, grey, 1]
        #expect(images.x.shape == [2, 4])
        #expect(images.x.scalars == pixel + pixel)
    }
}
