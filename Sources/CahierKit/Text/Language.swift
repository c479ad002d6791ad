import CahierLearning

/// The language a notebook's messages are written in: errors, feedback,
/// summaries, the site's interface. Messages are derived from typed reasons
/// (``FailureReason``) and catalogue keys in the notebook's language, so
/// which language, and which words, never decide a verdict or a grade.
public struct Language: Sendable, Hashable, Codable {
    /// The language's tag (BCP 47): `en`, `fr`.
    public var tag: String

    public init(tag: String) {
        self.tag = tag
    }

    public static let english = Language(tag: "en")

    /// A pseudo-translation (the `en-XA` pseudo-locale): every message
    /// bracketed and its letters accented, so a test can translate every
    /// message and see that no decision reads one.
    public static let pseudo = Language(tag: "en-XA")

    /// The languages with a catalogue of messages (`Embedded/catalogues/`), English first.
    public static var catalogued: [Language] { Catalogue.embedded.map { Language(tag: $0.tag) } }

    /// The language of `tag` (`fr`, `FR`, `fr-FR` name French) when it has a catalogue, else nil.
    public init?(catalogued tag: String) {
        let wanted = tag.lowercased()
        guard let found = Language.catalogued.first(where: { $0.tag == wanted || wanted.hasPrefix($0.tag + "-") }) else { return nil }
        self = found
    }

    /// The language's catalogue; English's for the pseudo-language and for a language without one.
    var catalogue: Catalogue? {
        Catalogue.byTag[tag] ?? Catalogue.byTag["en"]
    }

    /// The message `key` in this language with `values` put in: English's when
    /// this language's catalogue lacks it, the key itself when none has it.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        let template = catalogue?.entries[key] ?? Catalogue.byTag["en"]?.entries[key] ?? key
        return Catalogue.filling(self == .pseudo ? Language.pseudoWording(template) : template, values)
    }

    /// The message `key.one` or `key.other` as the language writes `count`, with `{count}` and `values` put in.
    public func text(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        text(plural(key, count), values.merging(["count": String(count)]) { a, _ in a })
    }

    /// `key.one` or `key.other`: the form the language gives `count` (French: 0 and 1 are singular).
    public func plural(_ key: String, _ count: Int) -> String {
        key + ((catalogue?.singularCounts ?? [1]).contains(count) ? ".one" : ".other")
    }

    /// A number in prose (a score, seconds) as the language writes it: `8.5`, `8,5`
    /// (the catalogue's `number.decimal`). Values in code keep the tool's form.
    public func number(_ value: Double) -> String {
        let written = Display.number(value)
        let separator = text("number.decimal")
        return separator == "." ? written : written.replacingOccurrences(of: ".", with: separator)
    }

    /// `items` as the language lists them: `a`, `a or b`, `a, b or c` (`key` is `list.or` or `list.and`).
    public func list(_ items: [String], _ key: String) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return text(key, ["items": items.dropLast().joined(separator: ", "), "last": last])
    }

    /// The words of an English message in this language: for text that has no
    /// key (a message of the language written without a reason), the pseudo-
    /// language accents it; other languages show it as written.
    public func wording(of english: String) -> String {
        self == .pseudo ? Language.pseudoWording(english) : english
    }

    /// Bracketed and accented, leaving names between quotes and `{values}` as they are.
    static func pseudoWording(_ english: String) -> String {
        var quoted = false, braced = false
        return "⟦" + String(english.map { character in
            if character == "'" { quoted.toggle() }
            if character == "{" { braced = true } else if character == "}" { braced = false }
            return quoted || braced ? character : Language.accented[character] ?? character
        }) + "⟧"
    }

    private static let accented: [Character: Character] = [
        "a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "c": "ç", "n": "ñ", "y": "ý",
        "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú", "C": "Ç", "N": "Ñ", "Y": "Ý",
    ]
}
