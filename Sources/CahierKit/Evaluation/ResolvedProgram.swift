/// One command with every name placed (``Resolver``): what the compiler and
/// everything that runs code take. Its text stays with the parsed ``Program``.
struct ResolvedProgram {
    var statements: [ResolvedStatement]
    /// The slots the command's own frame needs for names local to its blocks.
    var frameSize: Int
}

/// The resolver's tree: every name has its place, so no name is looked up by
/// its text while a command runs.
public enum Resolved: SyntaxPhase {
    /// A name read: where its value lives, and the name as written (for messages).
    public enum Name: Sendable, Hashable {
        /// A name of the notebook: its slot in the interpreter's table of names.
        case global(Int, String)
        /// A name local to a function or a block: its slot in the frame.
        case local(Int, String)
    }

    /// Where a `let`, `var` or `func` binds its name.
    public enum Place: Sendable, Hashable {
        case global(Int)
        case local(Int)
    }

    /// A parameter's or a loop's name: its slot in the frame.
    public typealias Slot = Int

    public static func text(of name: Name) -> String {
        switch name {
        case .global(_, let text), .local(_, let text): return text
        }
    }
}

/// An expression with its names placed.
public typealias ResolvedExpression = Syntax<Resolved>.Expression
/// A call argument with its names placed.
public typealias ResolvedCallArgument = Syntax<Resolved>.CallArgument
/// An index item with its names placed.
public typealias ResolvedIndexItem = Syntax<Resolved>.IndexItem
/// A statement with its names placed.
public typealias ResolvedStatement = Syntax<Resolved>.Statement
/// A function declaration with its names placed and its frame's size.
public typealias ResolvedFunctionDeclaration = Syntax<Resolved>.FunctionDeclaration
