/// The language a notebook's messages are written in. Messages are derived
/// from typed reasons (``FailureReason``) in the notebook's language, so that
/// which language, and which words, never decide a verdict or a grade.
public struct Language: Sendable, Hashable, Codable {
    /// The language's tag (BCP 47): `en`.
    public var tag: String

    public init(tag: String) {
        self.tag = tag
    }

    public static let english = Language(tag: "en")

    /// The languages with a catalogue of messages.
    public static var catalogued: [Language] { [.english, Language(tag: "fr")] }

    /// The language of `tag` (`fr`, `FR`, `fr-FR` name French) when it has a catalogue, else nil.
    public init?(catalogued tag: String) {
        let wanted = tag.lowercased()
        guard let found = Language.catalogued.first(where: { $0.tag == wanted || wanted.hasPrefix($0.tag + "-") }) else { return nil }
        self = found
    }

    /// A pseudo-translation (the `en-XA` pseudo-locale): every message
    /// bracketed and its letters accented, so a test can translate every
    /// message and see that no decision reads one.
    public static let pseudo = Language(tag: "en-XA")

    /// The words of an English message in this language.
    public func wording(of english: String) -> String {
        guard self == .pseudo else { return english }
        // Names between single quotes are code: they stay as written, as a translator would leave them.
        var quoted = false
        return "⟦" + String(english.map { character in
            if character == "'" { quoted.toggle() }
            return quoted ? character : Language.accented[character] ?? character
        }) + "⟧"
    }

    private static let accented: [Character: Character] = [
        "a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "c": "ç", "n": "ñ", "y": "ý",
        "A": "Á", "E": "É", "I": "Í", "O": "Ó", "U": "Ú", "C": "Ç", "N": "Ñ", "Y": "Ý",
    ]
}
