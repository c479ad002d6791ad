/// The syntax of the command language, in one of its phases: as the parser
/// reads it (``Parsed``, the names as written: the types below without a
/// prefix) or as the resolver places its names (``Resolved``: the types named
/// `Resolved…`, which the compiler takes). The two trees have the same shape;
/// only their names differ.
public enum Syntax<Phase: SyntaxPhase> {
    /// An expression of the command language with its source range.
    public struct Expression: Sendable, Hashable {
        public indirect enum Kind: Sendable, Hashable {
            case number(Double)
            case string(String)
            case bool(Bool)
            /// A name: as written once parsed; its place once resolved (``Resolved/Name``).
            case name(Phase.Name)
            case array([Expression])
            case unary(UnaryOperator, Expression)
            case binary(BinaryOperator, Expression, Expression)
            /// `condition ? a : b`
            case conditional(Expression, Expression, Expression)
            /// `a..<b` or `a...b`
            case range(Expression, Expression, closed: Bool)
            case call(Expression, [CallArgument])
            case index(Expression, [IndexItem])
            case member(Expression, String)
        }

        public var kind: Kind
        public var range: SourceRange
        /// How deep the expression nests: 1 for a literal or a name.
        public var depth: Int

        public init(_ kind: Kind, _ range: SourceRange, depth: Int = 1) {
            self.kind = kind
            self.range = range
            self.depth = depth
        }
    }

    /// A call argument, with its Swift-style label when it has one.
    public struct CallArgument: Sendable, Hashable {
        public var label: String?
        public var value: Expression
    }

    /// One item between the brackets of an index: an expression (a number, a
    /// range, an integer tensor or a mask), or a slice `start:end:step` whose
    /// parts may each be left out.
    public enum IndexItem: Sendable, Hashable {
        case value(Expression)
        case slice(start: Expression?, end: Expression?, step: Expression?)
    }

    /// A statement: what a command, a function body or a block is made of.
    public struct Statement: Sendable, Hashable {
        public indirect enum Kind: Sendable, Hashable {
            /// An expression; at the top of a command its value is shown.
            case expression(Expression)
            /// `let name = value` (constant) or `var name = value` (variable).
            case binding(Binding)
            /// `target = value`, or `target op= value` for `+= -= *= /=`.
            case assignment(target: Expression, op: BinaryOperator?, value: Expression)
            case function(FunctionDeclaration)
            case ifElse(condition: Expression, then: [Statement], otherwise: [Statement]?)
            case forIn(variable: BoundName<Phase.Slot>, sequence: Expression, body: [Statement])
            case whileLoop(condition: Expression, body: [Statement])
            case breakLoop
            case continueLoop
            case returnValue(Expression?)
            /// `noGrad { … }`: the block runs without recording gradients.
            case noGrad([Statement])
        }

        public var kind: Kind
        public var range: SourceRange
        /// The operator of an assignment (`=`, `+=` …), where its failures are reported.
        public var operatorRange: SourceRange?

        public init(_ kind: Kind, _ range: SourceRange, operatorRange: SourceRange? = nil) {
            self.kind = kind
            self.range = range
            self.operatorRange = operatorRange
        }
    }

    /// `let` or `var`, a name and its value.
    public struct Binding: Sendable, Hashable {
        /// The name bound: global or local once resolved.
        public typealias Name = BoundName<Phase.Place>

        public var mutable: Bool
        public var name: Name
        public var value: Expression
        /// The type written after the name (`let x: Tensor = …`), checked against the value.
        public var type: TypeAnnotation? = nil
    }

    /// `func name(_ x: Type, label y: Type = default) -> Type { body }`
    public struct FunctionDeclaration: Sendable, Hashable {
        public struct Parameter: Sendable, Hashable {
            /// The argument label; nil for `_`.
            public var label: String?
            /// A slot of the call's frame once resolved.
            public var name: BoundName<Phase.Slot>
            public var type: TypeAnnotation?
            public var defaultValue: Expression?
        }

        public var name: Binding.Name
        public var parameters: [Parameter]
        public var returns: TypeAnnotation?
        public var body: [Statement]
        /// The slots a call's frame needs: parameters and the body's locals (0 until resolved).
        public var frameSize = 0
    }
}

/// An expression as parsed.
public typealias Expression = Syntax<Parsed>.Expression
/// A call argument as parsed.
public typealias CallArgument = Syntax<Parsed>.CallArgument
/// An index item as parsed.
public typealias IndexItem = Syntax<Parsed>.IndexItem
/// A statement as parsed.
public typealias Statement = Syntax<Parsed>.Statement
/// A binding as parsed.
public typealias Binding = Syntax<Parsed>.Binding
/// A function declaration as parsed.
public typealias FunctionDeclaration = Syntax<Parsed>.FunctionDeclaration

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-", not = "!"
}

public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", matmul = "@", power = "**"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case and = "&&", or = "||"
}

/// A type written after `:` or `->`, as written; the compiler resolves it to a
/// kind (``DeclaredType``), and the value is checked against it.
public struct TypeAnnotation: Sendable, Hashable {
    public var name: String
    public var optional: Bool
    public var range: SourceRange
}

/// One command after parsing: its text (for positions) and its statements.
public struct Program: Sendable, Hashable {
    public var text: CommandText
    public var statements: [Statement]
    /// The comment, when the command is only a comment (`> // solution`).
    public var comment: String?

    public init(text: CommandText, statements: [Statement], comment: String? = nil) {
        self.text = text
        self.statements = statements
        self.comment = comment
    }

    /// The names the command binds at its top level (`let`, `var`, `func`).
    public var boundNames: [String] {
        statements.compactMap { statement in
            switch statement.kind {
            case .binding(let binding): return binding.name.text
            case .function(let function): return function.name.text
            default: return nil
            }
        }
    }
}
