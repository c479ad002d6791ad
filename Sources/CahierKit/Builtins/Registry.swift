import CahierLearning

/// Everything a notebook can call or read, by name.
public struct Registry: Sendable {
    public private(set) var functions: [Builtin] = []
    public private(set) var properties: [Property] = []
    public private(set) var methods: [Method] = []
    /// Names bound in every notebook from the start, such as `gates`.
    public private(set) var constants: [(name: String, summary: String, value: Value)] = []
    private var functionIndex: [String: Int] = [:]
    private var propertyIndex: [MemberKey: Int] = [:]
    private var methodIndex: [MemberKey: Int] = [:]

    /// A member of a type: methods and properties are looked up by the value's type and the name.
    private struct MemberKey: Hashable {
        var type: ValueType
        var name: String
    }

    public init() {}

    /// The standard registry: every builtin of the language.
    public static let standard: Registry = {
        do {
            return try makeStandard()
        } catch {
            // The standard tables are fixed in the source; a test builds them with makeStandard().
            fatalError("the standard registry has a duplicate: \(error)")
        }
    }()

    /// Builds the standard registry, refusing a name registered twice.
    public static func makeStandard() throws(RegistryError) -> Registry {
        var registry = Registry()
        for builtin in tensorBuiltins + mathBuiltins + languageBuiltins + outputBuiltins + learningBuiltins + autogradBuiltins + dataBuiltins + fileBuiltins + figureBuiltins {
            try registry.register(builtin)
        }
        for property in tensorProperties + learningProperties { try registry.register(property) }
        for method in listMethods + learningMethods + autogradMethods { try registry.register(method) }
        registry.constants = learningConstants
        return registry
    }

    public mutating func register(_ builtin: Builtin) throws(RegistryError) {
        guard functionIndex[builtin.name] == nil else { throw RegistryError(name: builtin.name) }
        functionIndex[builtin.name] = functions.count
        functions.append(builtin)
    }

    public mutating func register(_ property: Property) throws(RegistryError) {
        let key = MemberKey(type: property.type, name: property.name)
        guard propertyIndex[key] == nil, methodIndex[key] == nil else { throw RegistryError(name: property.type.rawValue + "." + property.name) }
        propertyIndex[key] = properties.count
        properties.append(property)
    }

    public mutating func register(_ method: Method) throws(RegistryError) {
        let key = MemberKey(type: method.type, name: method.name)
        guard methodIndex[key] == nil, propertyIndex[key] == nil else { throw RegistryError(name: method.type.rawValue + "." + method.name) }
        methodIndex[key] = methods.count
        methods.append(method)
    }

    public func method(_ name: String, of type: ValueType) -> Method? {
        methodIndex[MemberKey(type: type, name: name)].map { methods[$0] }
    }

    public func function(named name: String) -> Builtin? {
        functionIndex[name].map { functions[$0] }
    }

    public func property(_ name: String, of type: ValueType) -> Property? {
        propertyIndex[MemberKey(type: type, name: name)].map { properties[$0] }
    }

    /// The types that have methods or properties, in the order first registered.
    public var typesWithMembers: [ValueType] {
        var types: [ValueType] = []
        for type in methods.map(\.type) + properties.map(\.type) where !types.contains(type) { types.append(type) }
        return types
    }

    /// Names close to `name` (edit distance ≤ 2), for "did you mean" hints, with bounded work (``NameSuggestions``).
    public func suggestions(for name: String, among extra: [String] = []) -> [String] {
        NameSuggestions.close(to: name, among: functions.map(\.name) + extra)
    }

    /// Matches the arguments of a call to the parameters of `builtin`, Swift's way:
    /// in order, each labeled parameter needing its label, optional ones skippable.
    public func bind(_ arguments: [LabeledValue], to builtin: Builtin) throws -> Arguments {
        try bind(arguments, to: builtin.parameters, names: builtin.parameterNames, function: builtin.name, signature: builtin.signature, misuse: builtin.misuse)
    }

    /// The same for a method.
    public func bind(_ arguments: [LabeledValue], to method: Method) throws -> Arguments {
        try bind(arguments, to: method.parameters, names: method.parameterNames, function: method.name, signature: method.signature)
    }

    /// Matches a call's arguments to `parameters` (whose names are `names`) of
    /// `function`, for a builtin, a method or a notebook's function alike: the
    /// arguments that fit are checked against their parameters' kinds, then a
    /// parameter left without an argument or an argument left without a
    /// parameter is a ``CallMistake`` naming `signature`.
    func bind(_ arguments: [LabeledValue], to parameters: [FunctionParameter], names: [String], function: String, signature: @autoclosure () -> String,
              misuse: String? = nil) throws -> Arguments {
        let match = ParameterMatch(arguments.map(\.label), parameters)
        // The arguments that fit are checked first, in order, so a wrong type before a wrong label is what the error names.
        for (argument, slot) in zip(arguments, match.slots) {
            try check(argument.value, against: parameters[slot], function: function, signature: signature())
        }
        if let failure = match.failure {
            throw RuntimeError(.call(failure.mistake(arguments.map(\.label), next: match.slots.count, parameters: parameters, function: function,
                                                     signature: signature(), misuse: misuse)))
        }
        return Arguments(ArgumentLayout(function: function, names: names, parameters: parameters, slots: match.slots), owning: arguments.map(\.value))
    }

    /// Where the arguments of a call written with `labels` go among `builtin`'s
    /// parameters, worked out once for the call site; nil when the labels do
    /// not fit, and the call then binds at run time to report why.
    func plan(_ labels: [String?], for builtin: Builtin) -> BindingPlan? {
        plan(labels, for: builtin.parameters, names: builtin.parameterNames, function: builtin.name)
    }

    /// The same for any function's `parameters` (a notebook's function too).
    func plan(_ labels: [String?], for parameters: [FunctionParameter], names: [String], function: String) -> BindingPlan? {
        let match = ParameterMatch(labels, parameters)
        guard match.failure == nil else { return nil }
        return BindingPlan(slots: match.slots, kinds: match.slots.map { parameters[$0].kind },
                           layout: ArgumentLayout(function: function, names: names, parameters: parameters, slots: match.slots))
    }

    /// Binds values evaluated at a call site by its plan, checking each
    /// against its parameter in order, as ``bind(_:to:)`` does. The arguments
    /// read `values` where they are: valid while `values` is.
    func bind(_ values: UnsafeMutableBufferPointer<Value>, by plan: BindingPlan, to builtin: Builtin) throws -> Arguments {
        for k in plan.slots.indices where !plan.kinds[k].isAny && !plan.kinds[k].admits(values[k]) {
            try check(values[k], against: builtin.parameters[plan.slots[k]], function: builtin.name, signature: builtin.signature)
        }
        return Arguments(plan.layout, borrowing: UnsafeBufferPointer(values))
    }

    /// The same for any function's `parameters`, named `signature` in an error.
    func bind(_ values: UnsafeMutableBufferPointer<Value>, by plan: BindingPlan, to parameters: [FunctionParameter],
              signature: @autoclosure () -> String) throws -> Arguments {
        for k in plan.slots.indices where !plan.kinds[k].isAny && !plan.kinds[k].admits(values[k]) {
            try check(values[k], against: parameters[plan.slots[k]], function: plan.layout.function, signature: signature())
        }
        return Arguments(plan.layout, borrowing: UnsafeBufferPointer(values))
    }

    /// Refuses a value that does not bind to `parameter` of `function`, in the
    /// one wording of ``FunctionParameter/Kind/check(_:_:signature:)``.
    @inline(__always)
    func check(_ value: Value, against parameter: FunctionParameter, function: String, signature: @autoclosure () -> String) throws {
        if parameter.kind.admits(value) { return }
        if parameter.admitsVoid, case .void = value { return }
        try parameter.kind.check(value, .argument(function: function, name: parameter.name), signature: signature())
    }
}

/// How the labels of a call's arguments fit a function's parameters, Swift's
/// way: in order, each labeled parameter needing its label, optional ones
/// skippable, a variadic one taking every argument with its label.
struct ParameterMatch {
    enum Failure: Equatable {
        /// The parameter at this index has no argument and no default.
        case missing(Int)
        /// The argument after the last that fits fits no parameter.
        case extra
    }

    /// The parameter of each argument that fits, in the arguments' order.
    private(set) var slots: [Int] = []
    private(set) var failure: Failure?

    init(_ labels: [String?], _ parameters: [FunctionParameter]) {
        var next = 0
        for (index, parameter) in parameters.enumerated() {
            if parameter.variadic {
                while next < labels.count, labels[next] == parameter.label {
                    slots.append(index)
                    next += 1
                }
            } else if next < labels.count, labels[next] == parameter.label {
                slots.append(index)
                next += 1
            } else if !parameter.optional {
                failure = .missing(index)
                return
            }
        }
        if next < labels.count { failure = .extra }
    }
}

/// For each argument of a call site, the index of the parameter it binds
/// (several for a variadic one) and that parameter's kind; and where the
/// arguments go (``ArgumentLayout``).
struct BindingPlan {
    let slots: [Int]
    /// The kind of the parameter each argument binds.
    let kinds: [FunctionParameter.Kind]
    let layout: ArgumentLayout
}

/// A name registered twice.
public struct RegistryError: Error, Sendable, Hashable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// `typeName` with its English article: "an Int", "a Tensor", and for an
/// acronym the article of its first letter's name ("an MLP", "an SGD", "a GPU").
func article(_ typeName: String) -> String {
    let acronym = typeName.prefix(2).count == 2 && typeName.prefix(2).allSatisfy { $0.isUppercase }
    let vowelSounds: Set<Character> = acronym ? ["A", "E", "F", "H", "I", "L", "M", "N", "O", "R", "S", "X"] : ["A", "E", "I", "O", "U"]
    return (typeName.first.map(vowelSounds.contains) == true ? "an " : "a ") + typeName
}
