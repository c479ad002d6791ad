import CahierKit
import Foundation
import Testing

/// A course in two languages: each edition in its folder, in its language,
/// its pages linking their translations and each other's pages.
@Suite("Course editions")
struct EditionTests {
    /// A course whose top is English and whose `fr/` is French; `c.md` has no translation.
    static func course() throws -> (URL, [String: String]) {
        let folder = try Support.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fr"), withIntermediateDirectories: true)
        let files = [
            "index.md": "---\ntitle: Course\n---\n# Course\n\nThe course.\n",
            "a.md": "# A\n\nSee [B](b.md#two) and [the source](b.md?raw) and [outside](../x.md).\n\n## One\n",
            "b.md": "# B\n\n## Two\n\nBackpropagation.\n",
            "c.md": "# C\n\nOnly in English.\n",
            "fr/index.md": "---\ntitle: Cours\nlang: fr\n---\n# Cours\n\nLe cours.\n",
            "fr/a.md": "# A\n\nVoir [B](b.md) et [l'anglais](../b.md).\n",
            "fr/b.md": "# B\n\nLa rétropropagation des neurones.\n\n```cahier\n> plotLines([1, 2])\n[figure: ]\n```\n",
        ]
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let site = try DownloadBundleTests.site(folder)
        return (folder, site.mapValues { String(decoding: $0, as: UTF8.self) })
    }

    @Test("each edition has its home, search and course zip in its folder, pages in its language with its interface")
    func editions() throws {
        let (folder, site) = try Self.course()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["index.html", "a.html", "fr/index.html", "fr/a.html", "search-index.js", "fr/search-index.js", "course.zip", "fr/course.zip",
                     "lunr.fr.js", "lunr.stemmer.support.js"] where path.hasPrefix("lunr") == false || site["lunr.min.js"] != nil {
            #expect(site[path] != nil, "\(path) is not in the site")
        }
        let french = try #require(site["fr/a.html"])
        #expect(french.contains("<html lang=\"fr\">"))
        #expect(french.contains("placeholder=\"Rechercher dans le cours\""))
        #expect(french.contains("src=\"../fr/search-index.js\""))
        #expect(try #require(site["a.html"]).contains("<html lang=\"en\">"))
        // The French search index holds only the French pages.
        let index = try #require(site["fr/search-index.js"])
        #expect(index.contains("./fr/b.html") && !index.contains("\"./b.html"))
        // The figure's default axis label is the French one.
        #expect(try #require(site["fr/b.html"]).contains(">époque<"))
    }

    @Test("a page links its translation, or the other edition's home when it has none")
    func languageSwitch() throws {
        let (folder, site) = try Self.course()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try #require(site["a.html"]).contains("<a href=\"./fr/a.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(try #require(site["fr/a.html"]).contains("<a href=\"../a.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(try #require(site["c.html"]).contains("<a href=\"./fr/index.html\" hreflang=\"fr\" lang=\"fr\">Français</a>"))
        #expect(try #require(site["fr/index.html"]).contains("<a href=\"../index.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(try #require(site["a.html"]).contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"./fr/a.html\">"))
    }

    @Test("links between notebooks lead to their pages; others stay as written")
    func pageLinks() throws {
        let (folder, site) = try Self.course()
        defer { try? FileManager.default.removeItem(at: folder) }
        let english = try #require(site["a.html"])
        #expect(english.contains("href=\"b.html#two\""))
        #expect(english.contains("href=\"b.md?raw\""))
        #expect(english.contains("href=\"../x.md\""))
        let french = try #require(site["fr/a.html"])
        #expect(french.contains("href=\"b.html\""))
        #expect(french.contains("href=\"../b.html\""))
    }
}
