@testable import CahierKit
@testable import CahierLearning
import Foundation
import Testing

/// The site's downloads run: each page's zip holds its notebook and the data
/// it reads, and checks in an empty folder; the zips are the same bytes on
/// every render; exercise sheets are pages of their student versions.
@Suite("Download bundles")
struct DownloadBundleTests {
    /// The members of a zip, read back by the reader `load` uses for `.npz`.
    static func unzip(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
        let archive = try ZipArchive(bytes, path: "bundle.zip", maximumBytes: 100_000_000)
        var members: [String: [UInt8]] = [:]
        for entry in archive.entries { members[entry.name] = Array(try archive.data(of: entry)) }
        return members
    }

    /// Writes the members of a zip into `folder`.
    static func unpack(_ members: [String: [UInt8]], into folder: URL) throws {
        for (name, bytes) in members {
            let target = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: target)
        }
    }

    /// The site of the notebooks under `folder`, in memory.
    static func site(_ folder: URL) throws -> [String: [UInt8]] {
        let notebooks = try NotebookFinder.expand([folder.path]).map { try NotebookParser.load(path: $0) }
        let site = CourseSite(notebooks, paths: [folder.path], unsafe: false)
        #expect(site.diagnostics.isEmpty)
        return try SiteWriter(renderer: PageRenderer()).files(site)
    }

    @Test("a zip reads back as the members written, deflated or stored, with CRC-32 of \"123456789\" = CBF43926")
    func zipRoundTrip() throws {
        var writer = ZipWriter()
        let repeated = Array(repeating: Array("0123456789,".utf8), count: 1000).flatMap { $0 }
        var generator = Xoshiro256(seed: 7)
        let noise = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let members: [(String, [UInt8])] = [("check.txt", Array("123456789".utf8)), ("empty", []), ("données/é.csv", repeated), ("noise.bin", noise)]
        for (name, bytes) in members { try writer.add(name, bytes) }
        let zip = try writer.bytes()
        #expect(try Self.unzip(zip) == Dictionary(uniqueKeysWithValues: members))
        // The first member's local header: method 0 (nine bytes do not deflate smaller), CRC at offset 14.
        #expect(zip[8] == 0 && zip[14...17].elementsEqual([0x26, 0x39, 0xF4, 0xCB]))
        // 11,000 bytes of a repeated 11-byte line deflate to far less: the archive is smaller than its members.
        #expect(zip.count < 11_000 + 5000)
        // The same members give the same bytes.
        var again = ZipWriter()
        for (name, bytes) in members { try again.add(name, bytes) }
        #expect(try again.bytes() == zip)
    }

    @Test("a zip refuses a member named twice, an absolute name and one that climbs out", arguments: ["a", "/etc/passwd", "x/../../y"])
    func zipRefusesNames(name: String) throws {
        var writer = ZipWriter()
        try writer.add("a", [1])
        #expect(throws: ZipWriter.Failure.self) { try writer.add(name, [2]) }
    }

    @Test("each chapter's zip of the course unpacks into an empty folder and passes cahier check; the course's zip holds the same files")
    func courseBundlesCheck() throws {
        let files = try Self.site(Support.root.appendingPathComponent("notebooks"))
        // Both editions' chapters: the English at the top, the French in fr/ (each with its own home and sheets).
        let chapters = files.keys.filter {
            $0.hasSuffix(".html") && ($0 as NSString).lastPathComponent != "index.html" && !$0.contains("exercises/") && !$0.hasPrefix("katex/")
        }.sorted()
        #expect(chapters.count >= 24)
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var unpacked: [String] = []
        var everyMember: [String: [UInt8]] = [:]
        for page in chapters {
            let stem = ((page as NSString).lastPathComponent as NSString).deletingPathExtension
            let zip = try #require(files[(page as NSString).deletingPathExtension + ".zip"], "\(page) has no zip")
            let members = try Self.unzip(zip)
            // The notebook as published, in a folder of its name.
            #expect(members[stem + "/" + stem + ".md"] == files[(page as NSString).deletingPathExtension + ".md"])
            let empty = folder.appendingPathComponent(page)
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            try Self.unpack(members, into: empty)
            unpacked.append(empty.appendingPathComponent(stem + "/" + stem + ".md").path)
            let site = (page as NSString).deletingLastPathComponent
            for (name, bytes) in members { everyMember[(site.isEmpty ? "" : site + "/") + name.drop { $0 != "/" }.dropFirst()] = bytes }
        }
        // The chapters that load data carry it: 01 and 05 read the digits and spam files (their load lines).
        #expect(try Self.unzip(files["01-observations-features-labels.zip"] ?? []).keys.contains("01-observations-features-labels/data/spam.tsv"))
        #expect(try Self.unzip(files["05-multiclass-linear.zip"] ?? []).keys.contains("05-multiclass-linear/data/digits.csv"))
        let checked = try Support.cahier(["check", "--jobs", "2"] + unpacked)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains(" passed, 0 failed"))
        // Each edition's course zip: every chapter file and data file checked above, at its place in the edition.
        let course = try Self.unzip(try #require(files["course.zip"]))
        let cours = try Self.unzip(try #require(files["fr/course.zip"]))
        for (path, bytes) in everyMember {
            if path.hasPrefix("fr/") {
                #expect(cours["course/" + path.dropFirst(3)] == bytes, "fr/course.zip: \(path)")
            } else {
                #expect(course["course/" + path] == bytes, "course.zip: \(path)")
            }
        }
    }

    @Test("a teacher's notebook gets the files it loads beside it, a folder of images whole, and not the files it does not read")
    func teacherDataIsPublished() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("shapes/a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data.appendingPathComponent("shapes/b"), withIntermediateDirectories: true)
        try Data("x,label\n1,0\n2,1\n".utf8).write(to: data.appendingPathComponent("examen.csv"))
        try Data("secret\n".utf8).write(to: data.appendingPathComponent("answers.csv"))
        let png = try Data(contentsOf: Support.root.appendingPathComponent("Tests/DataFiles/rgba.png"))
        try png.write(to: data.appendingPathComponent("shapes/a/1.png"))
        try png.write(to: data.appendingPathComponent("shapes/b/1.png"))
        let notebook = """
            # Examen

            ```cahier
            > let e = load("data/examen.csv")
            > e.y
            [0, 1]
            > load("data/shapes").classes
            ["a", "b"]
            ```

            """
        try Data(notebook.utf8).write(to: folder.appendingPathComponent("examen.md"))
        let files = try Self.site(folder)
        #expect(files["data/examen.csv"] == Array("x,label\n1,0\n2,1\n".utf8))
        #expect(files["data/shapes/a/1.png"] == [UInt8](png))
        #expect(files["data/answers.csv"] == nil)
        let members = try Self.unzip(try #require(files["examen.zip"]))
        #expect(Set(members.keys) == ["examen/examen.md", "examen/data/examen.csv", "examen/data/shapes/a/1.png", "examen/data/shapes/b/1.png"])
        let empty = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        try Self.unpack(members, into: empty)
        let checked = try Support.cahier(["check", empty.appendingPathComponent("examen/examen.md").path])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.hasSuffix("3 passed, 0 failed\n"))  // The three commands of its one block.
        // Rendered again: the same zips, byte for byte.
        let again = try Self.site(folder)
        #expect(again["examen.zip"] == files["examen.zip"] && again["course.zip"] == files["course.zip"])
        // A notebook named course.md keeps its zip; the course's takes the next free name.
        try Data("# Course\n".utf8).write(to: folder.appendingPathComponent("course.md"))
        let renamed = try Self.site(folder)
        #expect(Set(try Self.unzip(try #require(renamed["course.zip"])).keys) == ["course/course.md"])
        #expect(try Self.unzip(try #require(renamed["course-1.zip"])).keys.contains("course/examen.md"))
        #expect(String(decoding: renamed["index.html"] ?? [], as: UTF8.self).contains("href=\"./course-1.zip\" download"))
    }

    @Test("an exercise sheet is a page of its student version, without solutions, notes or hidden checks, and its zip checks apart from its answers")
    func sheetPages() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("x,label\n1,0\n3,1\n".utf8).write(to: folder.appendingPathComponent("data/points.csv"))
        let sheet = """
            # Sheet one

            The mean of $\\hat y$ over the points.

            ```cahier
            > let points = load("data/points.csv")
            > points.y
            [0, 1]
            ```

            ```cahier exercise=mean points=2
            > // solution
            > let m = mean(points.x)
            > // end solution
            ```

            <!-- Teacher's note: SECRET-NOTE -->

            ```cahier check=mean visible
            > expect(m == 2, "the mean of 1 and 3 is 2")
            ```

            ```cahier check=mean
            > expect(m > 1.5, "HIDDEN-CHECK")
            ```

            """
        try Data(sheet.utf8).write(to: folder.appendingPathComponent("sheet.md"))
        let files = try Self.site(folder)
        let page = String(decoding: try #require(files["sheet.html"]), as: UTF8.self)
        #expect(page.contains("Check yourself and hand in"))
        #expect(page.contains("the mean of 1 and 3 is 2"))
        #expect(page.contains("todo("))
        for hidden in ["SECRET-NOTE", "HIDDEN-CHECK", "mean(points.x)"] { #expect(!page.contains(hidden), "\(hidden)") }
        let members = try Self.unzip(try #require(files["sheet.zip"]))
        #expect(Set(members.keys) == ["sheet/sheet.md", "sheet/data/points.csv"])
        #expect(members["sheet/sheet.md"] == files["sheet.md"])
        let empty = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        try Self.unpack(members, into: empty)
        // Checked as a student would before answering: the answers are still to write (exit 1, not 2),
        // and every command outside the answer and check blocks passes, its data found.
        let checked = try Support.cahier(["check", empty.appendingPathComponent("sheet/sheet.md").path])
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        let run = NotebookRun(try NotebookParser.load(path: empty.appendingPathComponent("sheet/sheet.md").path))
        let plain = run.blocks.filter { $0.block.options.exercise == nil && $0.block.options.check == nil }
        #expect(plain.count == 1 && plain.allSatisfy { $0.commands.allSatisfy(\.passed) })
    }

    /// TeX as the course writes it, and the text a reader expects (written by hand from Unicode's characters).
    static let math: [(tex: String, text: String)] = [
        ("\\hat y = 1", "y\u{302} = 1"),
        ("k \\times d", "k × d"),
        ("z \\ge 0", "z ≥ 0"),
        ("x = [1; x_1; \\dots; x_d]", "x = [1; x₁; …; x_d]"),
        ("w^\\top x", "wᵀ x"),
        ("W_{2}(W_1 x)", "W₂(W₁ x)"),
        ("\\frac{1}{n}\\sum_i", "1/n Σᵢ"),
        ("\\frac{a}{b + c}", "a/(b + c)"),
        ("x^{n+1}", "xⁿ⁺¹"),
        ("2^{d+q}", "2^(d+q)"),
        ("\\sigma(z) \\in \\mathbb{R}", "σ(z) ∈ ℝ"),
        ("w \\leftarrow w - \\alpha \\nabla L", "w ← w - α ∇ L"),
        ("\\{0, 1\\}", "{0, 1}"),
        ("\\operatorname{softmax}(s)_c", "softmax(s)_c"),
        ("\\unknown{x}", "unknownx"),
        ("a_", "a_"),
        ("\\frac{", "/"),
    ]

    @Test("math is written as plain text, never as TeX", arguments: math)
    func mathAsText(example: (tex: String, text: String)) {
        #expect(MathText.plain(example.tex) == example.text)
    }

    @Test("a page's summary and its search text hold its math as text")
    func summariesWithoutTeX() {
        let outline = PageOutline("<h1>T</h1>\n<p>A matrix of size <span class=\"math inline\">k \\times d</span> and <span class=\"math inline\">\\hat y &lt; 1</span>.</p>")
        #expect(outline.firstParagraph == "A matrix of size k × d and y\u{302} < 1.")
        #expect(outline.sections.first?.text.contains("\\") == false)
        // A sentence that runs on through a displayed formula is summarised whole, up to its full stop.
        let running = PageOutline("<p>It adds a 1 in front,</p>\n<p><span class=\"math display\">x = [1; x_1]</span></p>\n<p>then sums.</p>\n<p>More.</p>")
        #expect(running.firstParagraph == "It adds a 1 in front, x = [1; x₁] then sums.")
    }

    /// The `width` attribute of a figure's SVG.
    static func width(_ svg: String) throws -> Double {
        let start = try #require(svg.range(of: "\" width=\""))
        return try #require(Double(svg[start.upperBound...].prefix { $0 != "\"" }))
    }

    @Test("a figure is as wide as its title needs: 41 characters at 15 px bold take 41 × 15 × 0.65 = 399.75 px, plus 40 of margins")
    func figureTitlesFit() throws {
        let title = "The red, green and blue channels, stacked"
        #expect(title.count == 41)
        let grid = try Plots.imageGrid(try Tensor(repeating: 0, shape: [3, 4]), shape: nil, labels: ["red", "green", "blue"], columns: 3, title: title, signed: false)
        // Three columns of 96 px cells and 40 px of margins would be 328 px: too narrow for the title.
        #expect(try Self.width(grid.svg) == 439.75)
        #expect(grid.svg.contains("font-size=\"13\" text-anchor=\"middle\" fill=\"#222222\">green</text>"))
        // A short title leaves the grid its own width.
        #expect(try Self.width(try Plots.imageGrid(try Tensor(repeating: 0, shape: [3, 4]), shape: nil, labels: [], columns: 3, title: "RGB", signed: false).svg) == 328)
        // On a plot of fixed width (600 px), a title too long for it is drawn smaller: 580 / (70 × 0.65) = 12.75 px.
        let long = String(repeating: "x", count: 70)
        let plot = Plots.lines(x: [0, 1], series: [("a", [0, 1])], title: long, xLabel: "x", yLabel: "y")
        #expect(plot.svg.contains("font-size=\"12.75\" text-anchor=\"middle\" fill=\"#222222\" font-weight=\"bold\">\(long)</text>"))
        #expect(plot.svg.contains("style=\"--figure-width: 600px\""))
    }
}
