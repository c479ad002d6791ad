/// A figure made by a notebook command: a title and a deterministic SVG drawing.
public struct Figure: Sendable, Hashable {
    public var title: String
    /// A complete `<svg>` element; every text in it is escaped.
    public var svg: String

    public init(title: String, svg: String) {
        self.title = title
        self.svg = svg
    }

    /// The transcript line that stands for the figure.
    public var transcriptLine: String { "[figure: \(title)]" }
}
