import CahierHTTP
@testable import CahierKit
import Foundation
import Testing

/// The rendered site: no link its script builds can be other than one of its
/// pages, and no data file is read past its limit or published as a page that runs.
@Suite("Site safety")
struct SiteSafetyTests {
    /// A sheet with one exercise, its front matter first.
    static func sheet(frontMatter: String = "") -> String {
        (frontMatter.isEmpty ? "" : "---\n\(frontMatter)---\n")
            + "# Sheet\n\n```cahier exercise=e points=1\n> // solution\n> let a = 1\n> // end solution\n```\n\n```cahier check=e\n> expect(a == 1, \"a is 1\")\n```\n"
    }

    // Expected encodings by hand: ':' is 0x3A, '(' 0x28, ')' 0x29, ' ' 0x20, '?' 0x3F, '#' 0x23, 'é' is C3 A9 in UTF-8.
    @Test("a page's address is ./ and its percent-encoded path, its fragment encoded too", arguments: [
        ("javascript:alert(1337).html", nil, "./javascript%3Aalert%281337%29.html"),
        ("a b/c?.html", "d#e", "./a%20b/c%3F.html#d%23e"),
        ("é.html", "é", "./%C3%A9.html#%C3%A9"),
        ("//evil.example/x.html", nil, ".///evil.example/x.html"),
    ] as [(String, String?, String)])
    func pageAddress(path: String, fragment: String?, expected: String) {
        #expect(HTML.href("", path, fragment: fragment) == expected)
    }

    @Test("the search documents of a notebook named javascript:… give its page's encoded address, and the script follows no other kind")
    func searchIds() throws {
        let directory = try Support.temporaryDirectory()
        let source = directory.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        try Data("Zebra text before any heading.\n\n# A heading\n".utf8).write(to: source.appendingPathComponent("javascript:alert(1337).md"))
        let site = directory.appendingPathComponent("site")
        let result = try Support.cahier(["render", source.path, "--to", "html", "-o", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        let search = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        #expect(search.contains("\"id\":\"./javascript%3Aalert%281337%29.html\""))
        #expect(!search.contains("\"id\":\"javascript"))
        let script = try String(contentsOf: site.appendingPathComponent("cahier.js"), encoding: .utf8)
        #expect(!script.contains("root + d.id;"))
        #expect(script.contains("var href = pageLink(d.id);"))
    }

    @Test("a data file that could run as a page is published with .txt added; others as they are", arguments: [
        ("evil.html", "evil.html.txt"), ("x.SVG", "x.SVG.txt"), ("app.js", "app.js.txt"), ("page.xhtml", "page.xhtml.txt"),
        ("trailing.html.", "trailing.html..txt"), ("numbers.csv", "numbers.csv"), ("weights.npy", "weights.npy"), ("README", "README"),
    ])
    func publishedNames(name: String, expected: String) {
        #expect(PublishedData.publishedName(of: name) == expected)
    }

    @Test("render publishes data/evil.html and evil.svg only as text, linked as downloads under their own names")
    func activeDataFiles() throws {
        let directory = try Support.temporaryDirectory()
        let data = directory.appendingPathComponent("src/ex/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(Self.sheet().utf8).write(to: directory.appendingPathComponent("src/ex/sheet.md"))
        try Data("<script>alert(\"data-html\")</script>\n".utf8).write(to: data.appendingPathComponent("evil.html"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n".utf8).write(to: data.appendingPathComponent("evil.svg"))
        try Data("x\n1\n".utf8).write(to: data.appendingPathComponent("numbers.csv"))
        let site = directory.appendingPathComponent("site")
        let result = try Support.cahier(["render", directory.appendingPathComponent("src").path, "--to", "html", "-o", site.path])
        #expect(result.status == 0, "\(result.stderr)")
        let published = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("ex/data").path).sorted()
        #expect(published == ["evil.html.txt", "evil.svg.txt", "numbers.csv"])
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"./ex/data/evil.html.txt\" download=\"evil.html\">evil.html</a>"))
        #expect(index.contains("<a href=\"./ex/data/numbers.csv\" download>numbers.csv</a>"))
    }

    @Test("a data file over the sheet's max-file-bytes stops render with exit 2 and a diagnostic naming it, before it is read")
    func dataFileOverLimit() throws {
        let directory = try Support.temporaryDirectory()
        let data = directory.appendingPathComponent("src/ex/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(Self.sheet(frontMatter: "max-file-bytes: 100\n").utf8).write(to: directory.appendingPathComponent("src/ex/sheet.md"))
        let big = data.appendingPathComponent("big.csv")
        try Data(repeating: UInt8(ascii: "1"), count: 101).write(to: big)
        try Data(repeating: UInt8(ascii: "1"), count: 100).write(to: data.appendingPathComponent("small.csv"))
        let result = try Support.cahier(["render", directory.appendingPathComponent("src").path, "--to", "html", "-o", directory.appendingPathComponent("site").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(big.path):1:1: error: the file is 101 bytes, over the limit of 100 for a data file (the sheet's front matter max-file-bytes)"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        #expect(!result.stderr.contains("Error Domain"))
    }

    @Test("a sparse data file larger than memory is refused by its size, without reading it")
    func sparseHugeDataFile() throws {
        let directory = try Support.temporaryDirectory()
        let data = directory.appendingPathComponent("src/ex/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(Self.sheet().utf8).write(to: directory.appendingPathComponent("src/ex/sheet.md"))
        let huge = data.appendingPathComponent("huge.csv")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 5_000_000_000)  // 5 GB of holes: more than the 4 GB the reproducers allow a run.
        try handle.close()
        let result = try Support.cahier(["render", directory.appendingPathComponent("src").path, "--to", "html", "-o", directory.appendingPathComponent("site").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(huge.path):1:1: error: the file is 5000000000 bytes, over the limit of 100000000"), "\(result.stderr)")
    }

    @Test("nothing outside a sheet's data folder is published: a linked data folder stops render, linked files are skipped")
    func linksOut() throws {
        let directory = try Support.temporaryDirectory()
        let outside = directory.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("secret\n".utf8).write(to: outside.appendingPathComponent("secret.csv"))
        for (sheet, linkedFolder) in [("linked", true), ("files", false)] {
            let folder = directory.appendingPathComponent("src/\(sheet)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(Self.sheet().utf8).write(to: folder.appendingPathComponent("sheet.md"))
            if linkedFolder {
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("data"), withDestinationURL: outside)
            } else {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("data/secret.csv"), withDestinationURL: outside.appendingPathComponent("secret.csv"))
                try Data("x\n".utf8).write(to: folder.appendingPathComponent("data/own.csv"))
            }
        }
        let site = directory.appendingPathComponent("site")
        let linked = try Support.cahier(["render", directory.appendingPathComponent("src/linked").path, "--to", "html", "-o", site.path])
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("src/linked/data:1:1: error: the data folder is a link; a site publishes only a folder beside the sheet"), "\(linked.stderr)")
        let files = try Support.cahier(["render", directory.appendingPathComponent("src/files").path, "--to", "html", "-o", site.path])
        #expect(files.status == 0, "\(files.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("data").path) == ["own.csv"])
    }

    @Test("serve says which data file is over the limit and serves the pages without the data")
    func serveDataOverLimit() throws {
        let directory = try Support.temporaryDirectory()
        let data = directory.appendingPathComponent("src/ex/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data(Self.sheet(frontMatter: "max-file-bytes: 100\n").utf8).write(to: directory.appendingPathComponent("src/ex/sheet.md"))
        try Data("# Chapter\n\nWords.\n".utf8).write(to: directory.appendingPathComponent("src/chapter.md"))
        let big = data.appendingPathComponent("big.csv")
        try Data(repeating: UInt8(ascii: "1"), count: 101).write(to: big)
        let serve = try RunningCahier(["serve", directory.appendingPathComponent("src").path, "--port", "0", "--stop-after", "1"], logIn: directory)
        serve.wait(for: "serving http://", seconds: 10)
        #expect(serve.logged.contains("\(big.path):1:1: error: the file is 101 bytes, over the limit of 100"), "\(serve.logged)")
        let base = try #require(serve.logged.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init))
        #expect(HTTPFetch(base + "chapter.html").text.contains("Words."))
        #expect(HTTPFetch(base + "ex/data/big.csv").status == 404)
    }

    @Test("cahier-http sends pages inline and every other file of the site as a download, never sniffed", arguments: [
        ("/a.html", "text/html; charset=utf-8", false),
        ("/cahier.js", "text/javascript; charset=utf-8", false),
        ("/ex/data/evil.html.txt", "application/octet-stream", true),
        ("/ex/sheet.md", "application/octet-stream", true),
        ("/ex/data/picture.svg", "application/octet-stream", true),
    ])
    func servedKinds(path: String, contentType: String, attachment: Bool) throws {
        let site = ServedSite()
        site.replace(with: ["a.html": Array("<body></body>".utf8), "cahier.js": [], "ex/data/evil.html.txt": [], "ex/sheet.md": [], "ex/data/picture.svg": []])
        let head = try HTTPRequestHead.parse(ArraySlice(Array("GET \(path) HTTP/1.1\r\nHost: x".utf8)))
        let response = site.response(head)
        let headers = Dictionary(response.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(response.status == .ok)
        #expect(headers["Content-Type"] == contentType)
        #expect(headers["X-Content-Type-Options"] == "nosniff")
        #expect((headers["Content-Disposition"]?.hasPrefix("attachment;") ?? false) == attachment)
        #expect(site.response(try HTTPRequestHead.parse(ArraySlice(Array("GET /missing.html HTTP/1.1".utf8)))).status == .notFound)
    }
}
