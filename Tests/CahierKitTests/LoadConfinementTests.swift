import CahierKit
import CahierLearning
import Foundation
import Testing

/// `load` in a notebook: every file it opens, a folder's entries included, is
/// opened inside the notebook's folder; hostile files end in an error naming
/// the file as the notebook gave it (reproducers 06, 07, 08 and 16 of
/// shared/reproducers/reliability-2).
@Suite("load stays in the notebook's folder and refuses hostile files")
struct LoadConfinementTests {
    /// Runs commands in a notebook saved in `folder`.
    func run(_ commands: [String], in folder: URL, frontMatter: String = "") throws -> [[String]] {
        let text = frontMatter + "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let path = folder.appendingPathComponent("n.md").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return NotebookRun(try NotebookParser.load(path: path)).outputs.first ?? []
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }

    /// A version 1.0 .npy file (numpy.lib.format): the header padded with spaces and a newline to 64 bytes, then float64s.
    static func npy(_ header: String, _ values: [Double]) -> [UInt8] {
        var text = Array(header.utf8)
        text += [UInt8](repeating: 0x20, count: 63 - (10 + text.count) % 64) + [0x0A]
        return [0x93] + Array("NUMPY".utf8) + [1, 0] + le16(text.count) + text
            + values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
    }

    @Test("an image folder whose image or class folder links outside is refused, naming only the path inside (reproducer 08)")
    func imageFolderLinks() throws {
        let top = try Support.temporaryDirectory()
        let (nb, outside) = (top.appendingPathComponent("nb"), top.appendingPathComponent("outside"))
        for folder in ["imgs/a", "imgs/b", "etc/a"] { try FileManager.default.createDirectory(at: nb.appendingPathComponent(folder), withIntermediateDirectories: true) }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let mine = try ImageFile.encodePNG(rgba: [10, 10, 10, 255], width: 1, height: 1)
        try Data(try ImageFile.encodePNG(rgba: [200, 200, 200, 255], width: 1, height: 1)).write(to: outside.appendingPathComponent("secret.png"))
        for image in ["imgs/a/mine.png", "etc/a/mine.png"] { try Data(mine).write(to: nb.appendingPathComponent(image)) }
        try FileManager.default.createSymbolicLink(atPath: nb.appendingPathComponent("imgs/b/stolen.png").path, withDestinationPath: outside.appendingPathComponent("secret.png").path)
        try FileManager.default.createSymbolicLink(atPath: nb.appendingPathComponent("etc/b").path, withDestinationPath: "/etc")
        let out = try run(["load(\"imgs/b/stolen.png\")", "load(\"imgs\")", "load(\"etc\")", "load(\"etc/a\")"], in: nb)
        #expect(out[0] == ["error: load: 'imgs/b/stolen.png' leads outside the notebook's folder"])
        #expect(out[1] == ["error: load: imgs/b/stolen.png: it goes through a link that leads outside the notebook's folder"])
        #expect(out[2] == ["error: load: etc/b: it goes through a link that leads outside the notebook's folder"])
        // etc/a holds mine.png directly: no class folders, and nothing of /etc is listed.
        #expect(out[3] == ["error: load: etc/a: no class folders: put each class's images in a folder named after it (cat/, dog/, …)"])
        let all = out.joined().joined(separator: "\n")
        #expect(!all.contains(outside.path) && !all.contains("secret") && !all.contains("passwd"))
    }

    @Test("a pipe, a link to a pipe and a link loop are refused at once, never waited on")
    func pipes() throws {
        let nb = try Support.temporaryDirectory()
        #expect(mkfifo(nb.appendingPathComponent("pipe.csv").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: nb.appendingPathComponent("alias.csv").path, withDestinationPath: "pipe.csv")
        try FileManager.default.createSymbolicLink(atPath: nb.appendingPathComponent("loop.csv").path, withDestinationPath: "loop.csv")
        let out = try run(["load(\"pipe.csv\")", "load(\"alias.csv\")", "load(\"loop.csv\")"], in: nb)
        #expect(out[0] == ["error: load: 'pipe.csv': not a regular file (a device, a pipe or a socket)"])
        #expect(out[1] == ["error: load: 'alias.csv': not a regular file (a device, a pipe or a socket)"])
        #expect(out[2] == ["error: load: 'loop.csv': it goes through more than 40 links"])
    }

    @Test("a link inside the notebook's folder to a file inside it is followed")
    func insideLink() throws {
        let nb = try Support.temporaryDirectory()
        try FileManager.default.createDirectory(at: nb.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("a,label\n1.5,0\n2.5,1\n".utf8).write(to: nb.appendingPathComponent("data/t.csv"))
        try FileManager.default.createSymbolicLink(atPath: nb.appendingPathComponent("data/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: nb.appendingPathComponent("t.csv").path, withDestinationPath: "data/up/data/t.csv")
        let out = try run(["load(\"t.csv\").x.shape", "sum(load(\"t.csv\").x)", "load(\"data/up/data/t.csv\").y"], in: nb)
        // x is the column a, [[1.5], [2.5]]: its sum is 4.
        #expect(out == [["[2, 1]"], ["4"], ["[0, 1]"]])
    }

    @Test("an .npz whose central directory points fifty entries at one stored member is refused (reproducer 07)")
    func npzBomb() throws {
        let nb = try Support.temporaryDirectory()
        let data = Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", [1, 2])
        let name = Array("a.npy".utf8)
        let body = Self.le32(0x0403_4B50) + [20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] + Self.le32(data.count) + Self.le32(0) + Self.le16(name.count) + [0, 0] + name + data
        var central: [UInt8] = []
        for k in 0..<50 {
            let entry = Array(String(format: "e%05d.npy", k).utf8)
            central += Self.le32(0x0201_4B50) + [20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] + Self.le32(data.count) + Self.le32(0)
            central += Self.le16(entry.count) + [UInt8](repeating: 0, count: 8) + Self.le32(0) + Self.le32(0) + entry
        }
        let end = Self.le32(0x0605_4B50) + [0, 0, 0, 0] + Self.le16(50) + Self.le16(50) + Self.le32(central.count) + Self.le32(body.count) + [0, 0]
        try Data(body + central + end).write(to: nb.appendingPathComponent("bomb.npz"))
        let out = try run(["load(\"bomb.npz\")"], in: nb)
        // The first central entry starts where the member ends, at byte body.count.
        #expect(out == [["error: load: bomb.npz at byte \(body.count): e00000.npy is stored, yet declares 0 bytes unpacked and \(data.count) stored"]])
    }

    @Test("a .npy header is parsed as a dictionary: keys in values, repeated keys and unknown keys are refused (reproducer 16)", arguments: [
        ("{'descr': '<f8', 'x': 'fortran_order', 'fortran_order': True, 'shape': (2, 2), }", 4, "the key 'x' is not one of a .npy header ('descr', 'fortran_order', 'shape')"),
        ("{'descr': '<f8', 'note': \"'shape': (1,)\", 'fortran_order': False, 'shape': (2,), }", 2, "the key 'note' is not one of a .npy header ('descr', 'fortran_order', 'shape')"),
        ("{'descr': '<f8', 'descr': '|O', 'fortran_order': False, 'shape': (2,), }", 2, "the key 'descr' is given twice"),
    ])
    func npyHeaders(header: String, count: Int, message: String) throws {
        let nb = try Support.temporaryDirectory()
        try Data(Self.npy(header, (0..<count).map(Double.init))).write(to: nb.appendingPathComponent("h.npy"))
        // Each second key starts at byte 17 of the header ("{'descr': '<f8', " is 17 bytes), which starts at byte 10 of the file.
        #expect(try run(["load(\"h.npy\")"], in: nb) == [["error: load: h.npy at byte 27: the .npy header is not the dictionary NumPy writes: \(message)"]])
    }

    @Test("a wide header is read in one pass, and a table over max-elements fields is refused where it passes it (reproducer 06)")
    func wideTables() throws {
        let nb = try Support.temporaryDirectory()
        let n = 100_000
        let wide = (0..<n).map { "c\($0)" }.joined(separator: ",") + ",label\n" + Array(repeating: "1", count: n).joined(separator: ",") + ",0\n"
        try Data(wide.utf8).write(to: nb.appendingPathComponent("w.csv"))
        try Data((String(repeating: ",", count: 5000) + "\n").utf8).write(to: nb.appendingPathComponent("c.csv"))
        let out = try run(["load(\"w.csv\").x.shape", "load(\"c.csv\")"], in: nb, frontMatter: "---\nmax-elements: 1000\n---\n")
        // w.csv's field 1,001 (index 1,000) is the header's c1000, after c0…c9 (3 bytes each with the comma),
        // c10…c99 (4 bytes each) and c100…c999 (5 bytes each): 30 + 360 + 4,500 = 4,890 bytes, so at byte 4,891.
        #expect(out[0] == ["error: load: w.csv:1:4891: the table has more than 1000 fields, the limit (front matter max-elements)"])
        // 1,001 fields fit after 1,000 commas; the 1,001st field (index 1,000) starts after 1,000 commas, at byte 1,001.
        #expect(out[1] == ["error: load: c.csv:1:1001: the table has more than 1000 fields, the limit (front matter max-elements)"])
        let wideOut = try run(["load(\"w.csv\").x.shape"], in: nb)
        #expect(wideOut == [["[1, 100000]"]])
    }

    @Test("a message about a wide table's columns names the first 20 and how many there are")
    func wideMessage() throws {
        let nb = try Support.temporaryDirectory()
        try Data(((0..<30).map { "c\($0)" }.joined(separator: ",") + "\n" + Array(repeating: "1", count: 30).joined(separator: ",") + "\n").utf8)
            .write(to: nb.appendingPathComponent("t.csv"))
        let first20 = (0..<20).map { "c\($0)" }.joined(separator: ", ")
        #expect(try run(["load(\"t.csv\")"], in: nb) == [["error: load: say which column of t.csv holds the labels, as in load(\"t.csv\", label: \"c29\"); its columns are \(first20), … (30 in all)"]])
    }

    @Test("reading a file is charged to the command's work, one operation a byte, before it is parsed")
    func readingIsCharged() throws {
        let nb = try Support.temporaryDirectory()
        // 2 + 1,000 · 5 = 5,002 bytes ("a\n", then "1234\n" a thousand times), more than the 1,000 operations allowed.
        try Data(("a\n" + String(repeating: "1234\n", count: 1000)).utf8).write(to: nb.appendingPathComponent("t.csv"))
        let out = try run(["load(\"t.csv\", label: \"a\")"], in: nb, frontMatter: "---\nmax-operations: 1000\n---\n")
        #expect(out == [["error: work limit of 1000 operations reached (front matter max-operations)"]])
    }
}
