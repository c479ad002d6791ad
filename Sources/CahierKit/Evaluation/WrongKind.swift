/// A value of another kind than a parameter, a function's result or a typed
/// binding asks for (`sum: 'x' must be a Tensor, got a String`), as data: its
/// words come from the catalogues (`reason.wrong-kind`, `kind.subject.*`,
/// `type.a`/`type.an`) in the notebook's language.
public struct WrongKind: Sendable, Hashable, Codable {
    /// What was refused.
    public enum Subject: Sendable, Hashable, Codable {
        /// The argument of `function` for the parameter `name`.
        case argument(function: String, name: String)
        /// The value `function` returned.
        case result(function: String)
        /// The value of `let name: T` or `var name: T`.
        case binding(String)
    }

    public var subject: Subject
    /// The kind asked for (`Tensor`, `Int`).
    public var expected: String
    /// The type of the value given (`String`).
    public var got: String
    /// The function's signature, shown after the message, when there is one.
    public var signature: String?

    public init(subject: Subject, expected: String, got: String, signature: String?) {
        self.subject = subject
        self.expected = expected
        self.got = got
        self.signature = signature
    }

    /// The message, in `language`.
    public func message(in language: Language) -> String {
        let text = language.text("reason.wrong-kind", [
            "subject": subject.words(in: language), "expected": Self.typeName(expected, in: language), "got": Self.typeName(got, in: language),
        ])
        return text + (signature.map { language.text("call.signature", ["signature": $0]) } ?? "")
    }

    /// A type named in a sentence: `a Tensor`, `an Int` in English; the
    /// article's form is picked by the English sound, which other languages
    /// may ignore (French writes `de type Tensor` for both).
    static func typeName(_ name: String, in language: Language) -> String {
        language.text(article(name).hasPrefix("an ") ? "type.an" : "type.a", ["type": name])
    }
}

extension WrongKind {
    /// The same, every text it carries cut by `cut` (a hand-in's names and signatures are untrusted).
    func bounded(_ cut: (String) -> String) -> WrongKind {
        let subject: Subject
        switch self.subject {
        case .argument(let function, let name): subject = .argument(function: cut(function), name: cut(name))
        case .result(let function): subject = .result(function: cut(function))
        case .binding(let name): subject = .binding(cut(name))
        }
        return WrongKind(subject: subject, expected: cut(expected), got: cut(got), signature: signature.map(cut))
    }
}

extension WrongKind.Subject {
    /// The subject's words, in `language`.
    public func words(in language: Language) -> String {
        switch self {
        case .argument(let function, let name): return language.text("kind.subject.argument", ["function": function, "name": name])
        case .result(let function): return language.text("kind.subject.result", ["function": function])
        case .binding(let name): return language.text("kind.subject.binding", ["name": name])
        }
    }
}
