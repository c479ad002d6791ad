/// A function value: a builtin of the registry, or one a notebook declared.
public enum Function: Sendable {
    case builtin(Builtin)
    case user(UserFunction)

    public var name: String {
        switch self {
        case .builtin(let b): return b.name
        case .user(let f): return f.declaration.name.text
        }
    }

    /// `name(_:rate:)`: the name and the argument labels, Swift's way.
    public var signature: String {
        switch self {
        case .builtin(let b): return b.name + "(" + b.parameters.map { ($0.label ?? "_") + ":" }.joined() + ")"
        case .user(let f): return f.declaration.name.text + "(" + f.declaration.parameters.map { ($0.label ?? "_") + ":" }.joined() + ")"
        }
    }
}

/// A function declared with `func`, and the command that declared it (for the
/// positions of errors inside it).
public final class UserFunction: @unchecked Sendable {
    /// The body and default values, compiled once when the function is declared.
    struct Compiled {
        var body: Action
        var defaults: [Code?]
        /// The declared type of each parameter, nil where none is written.
        var types: [DeclaredType?]
        /// The declared type of the result.
        var returns: DeclaredType?
        /// The parameters as the builtins' matcher binds them (``FunctionDeclaration/callParameters(_:)``).
        var parameters: [FunctionParameter]
        /// The parameters' names, in order.
        var names: [String]
    }

    public let declaration: ResolvedFunctionDeclaration
    public let definition: CommandText
    let compiled: Compiled
    /// Whose code it is: the block that declared it (a student's answer runs as the answer wherever it is called).
    let origin: CodeOrigin

    init(declaration: ResolvedFunctionDeclaration, definition: CommandText, compiled: Compiled, origin: CodeOrigin) {
        self.declaration = declaration
        self.definition = definition
        self.compiled = compiled
        self.origin = origin
    }
}

extension UserFunction {
    /// `f(_ x: Number, by k: Number = …) -> Number`, as errors name it (made
    /// only when an error needs it).
    var declaredSignature: String { declaration.declaredSignature }
}
