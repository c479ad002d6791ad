import CahierKit
import Foundation
import Testing

/// The catalogues of messages: every language has every key with the same
/// values to put in, every key the code asks for exists, and a notebook's
/// `lang` is what its messages, summaries and figures follow — never its grade.
@Suite("Message catalogues")
struct CatalogueTests {
    static let folder = Support.root.appendingPathComponent("Sources/CahierKit/Embedded/catalogues")

    static func catalogue(_ tag: String) throws -> Catalogue {
        try Catalogue(tag: tag, text: String(contentsOf: folder.appendingPathComponent(tag + ".txt"), encoding: .utf8))
    }

    static var tags: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test("every catalogue file reads, and is one the binary knows")
    func everyFileReads() throws {
        #expect(Self.tags.contains("en") && Self.tags.contains("fr"))
        for tag in Self.tags {
            _ = try Self.catalogue(tag)
        }
        #expect(Language.catalogued.map(\.tag).sorted() == Self.tags)
    }

    @Test("every language has every English key, no other, with the same values to put in")
    func sameKeys() throws {
        let english = try Self.catalogue("en")
        for tag in Self.tags where tag != "en" {
            let other = try Self.catalogue(tag)
            let missing = Set(english.entries.keys).subtracting(other.entries.keys).subtracting(["plural-one"])
            let extra = Set(other.entries.keys).subtracting(english.entries.keys).subtracting(["plural-one"])
            #expect(missing.isEmpty, "catalogues/\(tag).txt lacks \(missing.sorted())")
            #expect(extra.isEmpty, "catalogues/\(tag).txt has keys English lacks: \(extra.sorted())")
            for (key, text) in english.entries where other.entries[key] != nil {
                #expect(Catalogue.placeholders(in: other.entries[key] ?? "") == Catalogue.placeholders(in: text),
                        "catalogues/\(tag).txt: '\(key)' puts in other values than English's")
            }
        }
    }

    @Test("a malformed line is reported with its number")
    func malformed() {
        #expect(throws: CatalogueError.self) { try Catalogue(tag: "xx", text: "# fine\nsite.search Search\n") }
        do {
            _ = try Catalogue(tag: "xx", text: "a = b\na = c\n")
            Issue.record("a key given twice was accepted")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test("a catalogue's lines read as written: indentation, comments, blank lines, the first ' = ', non-ASCII text", arguments: [
        ("  a.b = x = y\n", ["a.b": "x = y"]),
        ("# c = d\n\n   \nk-1 = é « ok »", ["k-1": "é « ok »"]),
        ("k = \nl =  two  spaces ", ["k": "", "l": " two  spaces "]),
        ("", [:]),
    ])
    func lines(text: String, expected: [String: String]) throws {
        #expect(try Catalogue(tag: "xx", text: text).entries == expected)
    }

    @Test("a malformed line names its number and its problem", arguments: [
        ("a = b\n# c\n\nKey = v\n", 4, "a key is lowercase letters, digits, '.' and '-'"),
        ("a = b\nnothing to see\n", 2, "expected 'key = text'"),
        ("a=b\n", 1, "expected 'key = text'"),
        (" = v\n", 1, "expected 'key = text'"),
        ("é = v\n", 1, "a key is lowercase letters, digits, '.' and '-'"),
    ])
    func malformedLines(text: String, line: Int, problem: String) {
        do {
            _ = try Catalogue(tag: "xx", text: text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.problem == problem)
        }
    }

    @Test("every message key the sources ask for is in the English catalogue")
    func keysUsedExist() throws {
        let english = try Self.catalogue("en")
        let pattern = try NSRegularExpression(pattern: #""((?:site|check|cli|number|watch|reason|hint|limit|error|explain|grade|report|plot|tensor|list|transcript)\.[a-z0-9.-]+)""#)
        var used: Set<String> = []
        let sources = Support.root.appendingPathComponent("Sources")
        let walker = FileManager.default.enumerator(atPath: sources.path)
        while let path = walker?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { used.insert(String(text[range])) }
            }
        }
        #expect(used.count > 100)
        for key in used {
            // A key given to `plural` or `text(_:count:)` names its `.one` and `.other` forms.
            let known = english.entries[key] != nil || (english.entries[key + ".one"] != nil && english.entries[key + ".other"] != nil)
            #expect(known, "'\(key)' is used but not in catalogues/en.txt")
        }
    }

    @Test("lang picks a catalogued language, and refuses one without a catalogue")
    func langSetting() throws {
        #expect(try Support.notebook("---\nlang: fr\n---\n").settings.language == Language(tag: "fr"))
        #expect(try Support.notebook("---\nlang: fr-CA\n---\n").settings.language == Language(tag: "fr"))
        #expect(throws: DiagnosticError.self) { try Support.notebook("---\nlang: tlh\n---\n") }
    }

    @Test("a French notebook's errors, check report and figures are in French")
    func frenchNotebook() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = "```cahier\n> y + 1\nerror: unknown name 'y'\n> [1, 2] + [1, 2, 3]\n> plotLines([1, 2])\n[figure: ]\n> 1 + 1\n2\n```\n"
        for (front, summary) in [("", "3 passed, 1 failed"), ("---\nlang: fr\n---\n", "réussies\u{A0}: 2, en échec\u{A0}: 2")] {
            let path = folder.appendingPathComponent("n.md")
            try (front + body).write(to: path, atomically: true, encoding: .utf8)
            // The expected error line is English: in French, that command's output differs too.
            let run = try Support.cahier(["check", path.path])
            #expect(run.status == 1)
            #expect(run.stdout.hasSuffix(summary + "\n"), "\(run.stdout)")
            if front.isEmpty { continue }
            #expect(run.stdout.contains("erreur\u{A0}: nom inconnu 'y'"))
            #expect(run.stdout.contains("+\u{A0}: les formes [2] et [3] ne correspondent pas"))
            #expect(run.stdout.contains("la sortie diffère de la sortie attendue"))
            // The figure's default axis label follows the language: an SVG text "époque".
            let notebook = try NotebookParser.load(path: path.path)
            let svg = NotebookRun(notebook).commands.flatMap(\.outcome.figures).map(\.svg).joined()
            #expect(svg.contains(">époque<"))
        }
    }

    @Test("a 2-D plot's axis labels and legend follow the language, or what the command gives")
    func plotTexts() throws {
        func svg(_ front: String, _ command: String) throws -> String {
            let notebook = try Support.notebook(front + "```cahier\n> let d = dataset(x: [[0, 0], [1, 1]], y: [0, 1])\n> " + command + "\n```\n")
            return NotebookRun(notebook).commands.flatMap(\.outcome.figures).map(\.svg).joined()
        }
        let english = try svg("", "plotData(d)")
        #expect(english.contains(">class 0<") && english.contains(">class 1<") && english.contains(">Data<"))
        let french = try svg("---\nlang: fr\n---\n", "plotData(d)")
        #expect(french.contains(">classe 0<") && french.contains(">classe 1<") && french.contains(">Données<"))
        let named = try svg("---\nlang: fr\n---\n", "plotData(d, xLabel: \"longueur\", yLabel: \"largeur\", classes: [\"ham\", \"spam\"])")
        #expect(named.contains(">longueur<") && named.contains(">largeur<") && named.contains(">ham<") && named.contains(">spam<"))
        #expect(!named.contains(">classe 0<"))
    }

    @Test("the French sheets grade a hand-in as the English ones do, with French feedback")
    func frenchSheetsGradeAlike() throws {
        let sheets = Support.root.appendingPathComponent("notebooks")
        for (sheet, handIns) in [("01-perceptrons", ["full", "wrong", "partial", "empty"]), ("03-mlp", ["full", "wrong", "partial"])] {
            let english = try Sheet(try NotebookParser.load(path: sheets.appendingPathComponent("exercises/\(sheet).md").path))
            let french = try Sheet(try NotebookParser.load(path: sheets.appendingPathComponent("fr/exercises/\(sheet).md").path))
            #expect(french.notebook.settings.language == Language(tag: "fr"))
            for name in handIns {
                let text = try String(contentsOf: Support.root.appendingPathComponent("Tests/HandIns/\(sheet)/\(name).md"), encoding: .utf8)
                let handIn = HandIn(try SourceLoader.validate(path: "h.md", bytes: Array(text.utf8)))
                func grade(_ sheet: Sheet) -> GradeResult {
                    var events: [Grader.Event] = []
                    Grader(sheet: sheet).grade(handIn) { events.append($0) }
                    return GradeResult(sheet: sheet, handIn: name, events: events, stopped: nil, language: sheet.notebook.settings.language)
                }
                let (en, fr) = (grade(english), grade(french))
                #expect(en.checks.map(\.score) == fr.checks.map(\.score), "\(sheet)/\(name)")
                #expect(en.checks.map(\.passed) == fr.checks.map(\.passed), "\(sheet)/\(name)")
                #expect(en.total == fr.total)
                let page = GradeReports.feedback(fr)
                #expect(page.hasPrefix("# Retour sur votre travail"))
                if en.total < en.maximum { #expect(page.contains("en échec")) }
            }
        }
    }

    @Test("the French edition's data files are the English ones, byte for byte")
    func frenchDataIsTheSame() throws {
        let notebooks = Support.root.appendingPathComponent("notebooks")
        for folder in ["data", "exercises/data"] {
            let english = try FileManager.default.contentsOfDirectory(atPath: notebooks.appendingPathComponent(folder).path).filter { $0 != "README.md" }.sorted()
            let french = try FileManager.default.contentsOfDirectory(atPath: notebooks.appendingPathComponent("fr/" + folder).path).filter { $0 != "README.md" }.sorted()
            #expect(english == french, "notebooks/fr/\(folder) holds other files than notebooks/\(folder)")
            for name in english {
                let a = try Data(contentsOf: notebooks.appendingPathComponent(folder + "/" + name))
                let b = try Data(contentsOf: notebooks.appendingPathComponent("fr/" + folder + "/" + name))
                #expect(a == b, "notebooks/fr/\(folder)/\(name) differs from the English copy")
            }
        }
    }
}
