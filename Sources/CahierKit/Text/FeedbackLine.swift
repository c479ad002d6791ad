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

    /// Prose, in `language`.
    public static func prose(_ english: String, _ language: Language) -> Span {
        Span(text: language.wording(of: english), isCode: false)
    }

    /// Code: a name, a value, an expression, shown as it is in every language.
    public static func code(_ text: String) -> Span {
        Span(text: text, isCode: true)
    }

    /// The line as plain text.
    public var plain: String { spans.map(\.text).joined() }
}
