/// A name being bound (by `let`, `var`, `func`, a parameter or a loop), where
/// it is written, and where it lives: nothing yet in a parsed tree
/// (``Parsed/Unplaced``), a global or a local slot in a resolved one.
public struct BoundName<Place: Sendable & Hashable>: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
    public var place: Place

    public init(text: String, range: SourceRange, place: Place) {
        self.text = text
        self.range = range
        self.place = place
    }
}

extension BoundName where Place == Parsed.Unplaced {
    /// A name as the parser reads it.
    public init(text: String, range: SourceRange) {
        self.init(text: text, range: range, place: Parsed.Unplaced())
    }
}
