/// What the names of a syntax tree (``Syntax``) are. The parser's tree
/// (``Parsed``) holds names as written; the resolver's (``Resolved``) holds
/// where each one lives. The compiler takes only a resolved tree, so a name
/// cannot reach evaluation without its place.
public protocol SyntaxPhase {
    /// A name read in an expression.
    associatedtype Name: Sendable & Hashable
    /// Where a `let`, `var` or `func` binds its name.
    associatedtype Place: Sendable & Hashable
    /// Where a parameter or a loop's name lives: always a slot of the frame.
    associatedtype Slot: Sendable & Hashable

    /// A name as written, for messages and feedback.
    static func text(of name: Name) -> String
}

/// The parser's tree: names as written, none of them placed yet.
public enum Parsed: SyntaxPhase {
    /// No place: the parser does not know where a name lives.
    public struct Unplaced: Sendable, Hashable {
        public init() {}
    }

    public typealias Name = String
    public typealias Place = Unplaced
    public typealias Slot = Unplaced

    public static func text(of name: String) -> String { name }
}
