import CahierFuzzTargets
import CahierHTTP
import CahierKit
import Foundation
import Testing

/// The layout docs/architecture.md promises, checked against the code: where
/// each type lives, what the fuzz-regression folders hold, and the models
/// that `cahier serve` and `cahier watch` print from.
@Suite("House layout")
struct HouseLayoutTests {
    /// Every top-level type of `Sources/` with the file that declares it,
    /// read from the declarations that start a line (`public struct Name`, …).
    static func declaredTypes() throws -> [(type: String, file: String)] {
        let sources = Support.root.appendingPathComponent("Sources")
        var found: [(String, String)] = []
        let keywords: Set<Substring> = ["struct", "class", "enum", "actor", "protocol"]
        let modifiers: Set<Substring> = ["public", "internal", "fileprivate", "private", "final", "indirect", "package"]
        guard let walker = FileManager.default.enumerator(atPath: sources.path) else { throw CocoaError(.fileReadNoSuchFile) }
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("\t") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "<" || $0 == "{" })
                guard let keyword = words.firstIndex(where: { !modifiers.contains($0) }), keywords.contains(words[keyword]),
                      keyword + 1 < words.count, words[..<keyword].allSatisfy({ modifiers.contains($0) }) else { continue }
                found.append((String(words[keyword + 1]), "Sources/" + relative))
            }
        }
        return found
    }

    /// The types whose file is not named after them (`Type.swift` or `Type+Feature.swift`).
    static func typesElsewhere() throws -> Set<String> {
        Set(try declaredTypes().compactMap { type, file in
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            return stem.split(separator: "+").first.map(String.init) == type ? nil : "\(type) \(file)"
        })
    }

    /// The rows `| `Type` | `file` |` of the page's section "Where the types live".
    static func typesListed() throws -> Set<String> {
        let page = try String(contentsOf: Support.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        guard let start = page.range(of: "\n## Where the types live\n") else { return [] }
        let section = String(page[start.upperBound...]).components(separatedBy: "\n## ").first ?? ""
        var listed: Set<String> = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { cell in
                cell.trimmingCharacters(in: CharacterSet.whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
            if cells.count >= 2 { listed.insert(cells[0] + " " + cells[1]) }
        }
        return listed
    }

    @Test("the scan finds types, in files of their name and elsewhere")
    func scanFindsTypes() throws {
        let types = try Self.declaredTypes()
        // Two declarations known by hand: SiteWriter in its own file, BlockRun beside NotebookRun.
        #expect(types.contains { $0 == ("SiteWriter", "Sources/CahierKit/Rendering/SiteWriter.swift") })
        #expect(try Self.typesElsewhere().contains("BlockRun Sources/CahierKit/Running/NotebookRun.swift"))
        #expect(types.count > 200)
    }

    @Test("docs/architecture.md lists exactly the types that live in a file not named after them")
    func typesAreWhereThePageSays() throws {
        let code = try Self.typesElsewhere()
        let page = try Self.typesListed()
        #expect(!page.isEmpty, "docs/architecture.md has no section 'Where the types live' with rows | `Type` | `file` |")
        let missing = code.subtracting(page).sorted()
        let stale = page.subtracting(code).sorted()
        #expect(missing.isEmpty, "not on the page: \(missing.joined(separator: ", "))")
        #expect(stale.isEmpty, "on the page, not in the code: \(stale.joined(separator: ", "))")
    }

    /// How many inputs each folder of Tests/FuzzCrashes holds (counted with
    /// `ls`). A 0 is a folder kept for the target's future finds:
    /// `scripts/fuzz` saves a crash there, and this count must then change
    /// with it, so that no find goes in unreplayed and no folder passes empty
    /// by mistake.
    static let replays: [FuzzTargets.Target: Int] = [
        .notebook: 0, .frontMatter: 0, .handIn: 0,  // Folders for future finds: nothing found yet.
        .language: 3, .csv: 2, .npy: 4, .npz: 3, .png: 2, .httpHead: 3, .hostileAnswer: 7,
    ]

    @Test("each fuzz target's folder holds the inputs it is said to, and each replays with its property held", arguments: FuzzTargets.Target.allCases)
    func fuzzRegressions(target: FuzzTargets.Target) throws {
        let folder = Support.root.appendingPathComponent("Tests/FuzzCrashes/\(target.rawValue)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files.count == Self.replays[target], "Tests/FuzzCrashes/\(target.rawValue) holds \(files.count) inputs")
        var replayed = 0
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(FuzzTargets.run(target, bytes) == nil, "\(target.rawValue)/\(file)")
            replayed += 1
        }
        #expect(replayed == files.count)
    }

    @Test("a site frame reads back as the files it holds")
    func siteFrameRoundTrip() throws {
        let files: [String: [UInt8]] = ["index.html": Array("<p>é</p>".utf8), "data/a b.csv": [0, 10, 255], "empty": []]
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: SiteFrame.encode(files))
        try pipe.fileHandleForWriting.close()
        var reader = SiteFrameReader(fd: pipe.fileHandleForReading.fileDescriptor)
        #expect(reader.site() == files)
        #expect(reader.site() == nil)
    }

    @Test("serve renders a notebook that does not parse as a page of its diagnostics, and the others as the site")
    func servedCourseShowsBrokenNotebooks() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("# Good\n\n```cahier\n> 1 + 1\n2\n```\n".utf8).write(to: folder.appendingPathComponent("good.md"))
        try Data("# Bad\n\n```cahier\n> let = 1\n```\n".utf8).write(to: folder.appendingPathComponent("bad.md"))
        let rendering = ServedCourse(paths: [folder.path]).render()
        let bad = String(decoding: rendering.files["bad.html"] ?? [], as: UTF8.self)
        #expect(bad.contains("does not parse") && bad.contains("bad.md:4:"))
        #expect(rendering.diagnostics.count == 1)
        #expect(rendering.diagnostics.first?.contains("bad.md:4:") == true)
        #expect(String(decoding: rendering.files["good.html"] ?? [], as: UTF8.self).contains("<h1"))
        #expect(rendering.files["index.html"] != nil)
    }

    @Test("watch says what changed since a notebook's last run: a mismatch that appears, then that it was fixed")
    func watchComparesRuns() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("n.md").path
        try Data("```cahier\n> 1 + 1\n2\n```\n".utf8).write(to: URL(fileURLWithPath: path))
        let watch = NotebookWatch(files: [path], arguments: [folder.path], update: false)
        #expect(watch.start() == [WatchLine("\(path): 1 passed, 0 failed")])
        #expect(watch.folders == [folder.path])
        try Data("```cahier\n> 1 + 1\n3\n```\n".utf8).write(to: URL(fileURLWithPath: path))
        let broken = watch.changed([path])
        #expect(broken.runs == 1)
        #expect(broken.lines.count == 2)
        #expect(broken.lines.last == WatchLine("\(path): 0 passed, 1 failed"))
        #expect(broken.lines.first?.text.hasPrefix("\(path):2:1: error:") == true)
        try Data("```cahier\n> 1 + 1\n2\n```\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(watch.changed([path]).lines == [WatchLine("\(path): 1 passed, 0 failed (1 fixed)")])
        // A file that is not a notebook, or not under what was named, is not run.
        #expect(watch.changed([folder.path + "/notes.txt", "/elsewhere/x.md"]).runs == 0)
    }
}
