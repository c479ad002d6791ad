/// A type written in a program (`_ x: Tensor`, `-> Number`, `let x: MLP = …`)
/// resolved, where it is declared, to the kind a builtin declares its
/// arguments with (``FunctionParameter/Kind``): one vocabulary of types, one
/// check and one wording whether a builtin or a notebook's function is called.
/// `T?` also admits a command that has no value.
struct DeclaredType: Sendable {
    let kind: FunctionParameter.Kind
    let optional: Bool

    /// The annotation's kind; an unknown name is an error at the annotation,
    /// naming the known types, with the close ones first.
    init(_ annotation: TypeAnnotation) throws {
        guard let kind = DeclaredType.kinds[annotation.name] else {
            throw RuntimeError(DeclaredType.unknown(annotation.name), at: annotation.range)
        }
        self.kind = kind
        optional = annotation.optional
    }

    /// Refuses a value of another kind, in the builtins' wording (``FunctionParameter/Kind/check(_:_:signature:)``).
    func check(_ value: Value, _ subject: @autoclosure () -> WrongKind.Subject, signature: @autoclosure () -> String?) throws {
        if optional, case .void = value { return }
        try kind.check(value, subject(), signature: signature())
    }

    /// The kinds builtins declare, by name, in the order messages list them.
    static let builtinKinds: [FunctionParameter.Kind] = [.number, .integer, .bool, .string, .tensor, .list, .dataset, .function, .any]

    /// The library's types (and `Void`): every value type no builtin kind already names.
    static let libraryTypes: [ValueType] = ValueType.allCases.filter { type in !builtinKinds.contains { $0.name == type.rawValue } }

    /// Every type name a program may write, and its kind.
    static let kinds: [String: FunctionParameter.Kind] = {
        var kinds: [String: FunctionParameter.Kind] = [:]
        for kind in builtinKinds { kinds[kind.name] = kind }
        for type in libraryTypes { kinds[type.rawValue] = .value(type) }
        return kinds
    }()

    /// Names other languages give types Cahier names otherwise.
    static let habits: [String: String] = [
        "Double": "Number", "Float": "Number", "float": "Number", "int": "Int", "str": "String", "bool": "Bool",
        "list": "List", "Array": "Tensor or List", "ndarray": "Tensor", "Callable": "Function",
    ]

    /// "unknown type 'Tensr'; the types are …; did you mean 'Tensor'?"
    static func unknown(_ name: String) -> String {
        var advice: String
        if name.hasPrefix("[") {
            // `[Number]`: Cahier has no array types; an array of numbers is a Tensor.
            let element = String(name.dropFirst().dropLast())
            let numeric: Set<String> = ["Number", "Int", "Bool", "Tensor", "Double", "Float"]
            advice = numeric.contains(element) ? "; an array of numbers is a Tensor: write Tensor" : "; an array of other values is a List: write List"
        } else if let habit = habits[name] {
            advice = "; Cahier writes \(habit)"
        } else {
            let near = NameSuggestions.close(to: name, among: Array(kinds.keys))
            advice = near.isEmpty ? "" : "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
        let known = builtinKinds.map(\.name).joined(separator: ", ")
        let library = libraryTypes.map(\.rawValue).joined(separator: ", ")
        return "unknown type '\(NameSuggestions.shown(name))'; the types are \(known), and the library's \(library)\(advice)"
    }
}

extension Syntax.FunctionDeclaration {
    /// `f(_ x: Number, by k: Number = …) -> Number`: the declaration's
    /// signature, as messages show a builtin's (a default shown as `…`).
    var declaredSignature: String {
        let parameters = self.parameters.map { parameter -> String in
            var text = (parameter.label ?? "_") + (parameter.label == parameter.name.text ? "" : " " + parameter.name.text)
            if let type = parameter.type { text += ": " + type.written }
            if parameter.defaultValue != nil { text += " = …" }
            return text
        }
        return name.text + "(" + parameters.joined(separator: ", ") + ")" + (returns.map { " -> " + $0.written } ?? "")
    }

    /// The parameters as a builtin declares its own (``FunctionParameter``),
    /// with their annotations resolved to `types` (`Any` where none is
    /// written), so that a call binds them by the builtins' matcher. A
    /// parameter with a default may be left out; the function evaluates the
    /// default itself, each call.
    func callParameters(_ types: [DeclaredType?]) -> [FunctionParameter] {
        zip(parameters, types).map { parameter, type in
            FunctionParameter(label: parameter.label, name: parameter.name.text, kind: type?.kind ?? .any, optional: parameter.defaultValue != nil,
                              defaultValue: nil, variadic: false, admitsVoid: type?.optional ?? false)
        }
    }
}

extension TypeAnnotation {
    /// The type as written: `Tensor`, `Number?`, `[Int]`.
    var written: String { name + (optional ? "?" : "") }
}
