/// One line of feedback: prose and code (names, values, expressions), kept
/// apart so that each report writes code its own way (a Markdown code span,
/// plain text) and never escapes prose it does not need to.
public struct FeedbackLine: Sendable, Codable, Hashable {
    public struct Span: Sendable, Codable, Hashable {
        public var text: String
        public var isCode: Bool
    }

    public var spans: [Span]

    public init(_ spans: [Span]) {
        self.spans = spans
    }

    /// Code: a name, a value, an expression, shown as it is in every language.
    public static func code(_ text: String) -> Span {
        Span(text: text, isCode: true)
    }

    /// The message `key` in `language` as a line: its words as prose, each
    /// `{name}` of `code` as code and of `prose` as prose.
    public static func message(_ key: String, _ language: Language, code: [String: String] = [:], prose: [String: String] = [:]) -> FeedbackLine {
        filled(language.text(key), code: code, prose: prose)
    }

    /// `template` as a line, values put in one pass: a value's braces are never read as a name.
    public static func filled(_ template: String, code: [String: String], prose: [String: String] = [:]) -> FeedbackLine {
        var spans: [Span] = []
        var words = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            words += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if let value = code[name] {
                if !words.isEmpty { spans.append(Span(text: words, isCode: false)) }
                words = ""
                spans.append(Span(text: value, isCode: true))
            } else {
                words += prose[name] ?? "{" + name + "}"
            }
            rest = rest[rest.index(after: close)...]
        }
        words += rest
        if !words.isEmpty { spans.append(Span(text: words, isCode: false)) }
        return FeedbackLine(spans)
    }

    /// The line as plain text.
    public var plain: String { spans.map(\.text).joined() }
}
