import CahierLearning

/// One parameter of a builtin, written Swift-style in signatures:
/// `_ x: Tensor`, `axis: Int? = nil`, `_ dims: Int...`.
public struct FunctionParameter: Sendable {
    /// What a parameter accepts.
    /// The same kinds are what a user function's annotations and `let x: T`
    /// resolve to (``DeclaredType``).
    public enum Kind: Sendable, Hashable {
        case number
        case integer
        case bool
        case string
        /// A tensor, a number or an array of numbers.
        case tensor
        case list
        case dataset
        case function
        case any
        /// A value of one of the library's types (`MLP`, `SGD`, `Figure`, …), or `Void`.
        case value(ValueType)

        /// The kind's name, as signatures and messages write it.
        public var name: String {
            switch self {
            case .number: return "Number"
            case .integer: return "Int"
            case .bool: return "Bool"
            case .string: return "String"
            case .tensor: return "Tensor"
            case .list: return "List"
            case .dataset: return "Dataset"
            case .function: return "Function"
            case .any: return "Any"
            case .value(let type): return type.rawValue
            }
        }

        /// Whether every value fits (no check is needed).
        @inline(__always)
        var isAny: Bool {
            if case .any = self { return true }
            return false
        }

        /// Whether an argument of this value fits the parameter. (The value is
        /// matched on its own, not in a tuple with the kind, which would copy it.)
        public func accepts(_ value: Value) -> Bool {
            switch self {
            case .any:
                return true
            case .number, .integer:
                if case .number = value { return true }
            case .bool:
                if case .bool = value { return true }
            case .string:
                if case .string = value { return true }
            case .list:
                if case .list = value { return true }
            case .function:
                if case .function = value { return true }
            case .dataset:
                return value.type == .dataset
            case .value(let type):
                return value.type == type
            case .tensor:
                switch value {
                case .tensor, .number, .mask, .range, .object(.parameter), .variable:
                    return true
                case .list(let list):
                    return list.isNumeric
                default:
                    return false
                }
            }
            return false
        }

        /// Whether a value binds to a parameter of this kind: an accepted type
        /// and, for an Int, a whole number that fits.
        func admits(_ value: Value) -> Bool {
            guard accepts(value) else { return false }
            if case .integer = self { return Coerce.isInteger(value) }
            return true
        }
    }

    /// The argument label; `nil` when the argument is written without one.
    public var label: String?
    public var name: String
    public var kind: Kind
    /// Whether the argument may be left out.
    public var optional: Bool
    /// The value an argument left out takes; nil when leaving it out means "not given".
    public var defaultValue: Value?
    /// Whether the parameter takes any number of arguments.
    public var variadic: Bool
    /// Whether a command that has no value binds too: a notebook's parameter written `T?`.
    public var admitsVoid = false

    public static func positional(_ name: String, _ kind: Kind, optional: Bool = false, default defaultValue: Value? = nil) -> FunctionParameter {
        FunctionParameter(label: nil, name: name, kind: kind, optional: optional || defaultValue != nil, defaultValue: defaultValue, variadic: false)
    }

    public static func labeled(_ label: String, _ kind: Kind, optional: Bool = false, default defaultValue: Value? = nil) -> FunctionParameter {
        FunctionParameter(label: label, name: label, kind: kind, optional: optional || defaultValue != nil, defaultValue: defaultValue, variadic: false)
    }

    public static func variadic(_ name: String, _ kind: Kind) -> FunctionParameter {
        FunctionParameter(label: nil, name: name, kind: kind, optional: true, defaultValue: nil, variadic: true)
    }

    /// `_ x: Tensor`, `axis: Int? = nil`, `_ dims: Int...`, `rate: Number = 1`
    public var signature: String {
        var text = (label ?? "_") + (label == name ? "" : " " + name) + ": " + kind.name
        if variadic { text += "..." } else if optional && defaultValue == nil { text += "?" }
        if let defaultValue { text += " = " + Display.inline(defaultValue) }
        return text
    }
}

/// A function the command language can call: the one table that runs it,
/// documents it in `cahier help` and generates `docs/reference.md`.
public final class Builtin: Sendable {
    public typealias Implementation = @Sendable (EvaluationContext, Arguments) throws -> Value

    public let name: String
    public let parameters: [FunctionParameter]
    /// The parameters' names, in order: how arguments are found.
    let parameterNames: [String]
    public let returns: String
    /// The topic it is listed under in the reference.
    public let topic: String
    /// One sentence saying what it does.
    public let summary: String
    /// Further details: conventions, edge cases.
    public let details: String
    /// A short example command with its output, shown in the reference.
    public let example: [String]
    /// What to say when the builtin is given too many arguments: the form that was probably meant.
    public let misuse: String?
    public let implementation: Implementation

    public init(
        _ name: String, _ parameters: [FunctionParameter], returns: String, topic: String, summary: String,
        details: String = "", example: [String] = [], misuse: String? = nil, implementation: @escaping Implementation
    ) {
        self.misuse = misuse
        self.name = name
        self.parameters = parameters
        self.parameterNames = parameters.map(\.name)
        self.returns = returns
        self.topic = topic
        self.summary = summary
        self.details = details
        self.example = example
        self.implementation = implementation
    }

    /// `sum(_ x: Tensor, axis: Int? = nil) -> Tensor`
    public var signature: String { FunctionParameter.signature(name, parameters, returns) }
}

/// A method of a type of value, such as `p.fit(data, epochs: 10, rate: 1)`.
/// A mutating method changes the value (which must then be a `var`) or the
/// object it is called on.
public final class Method: Sendable {
    public typealias Implementation = @Sendable (EvaluationContext, inout Value, Arguments) throws -> Value

    public let type: ValueType
    public let name: String
    public let parameters: [FunctionParameter]
    let parameterNames: [String]
    public let returns: String
    public let summary: String
    public let mutating: Bool
    public let implementation: Implementation

    public init(_ type: ValueType, _ name: String, _ parameters: [FunctionParameter], returns: String, summary: String,
                mutating: Bool = false, implementation: @escaping Implementation) {
        self.type = type
        self.name = name
        self.parameters = parameters
        self.parameterNames = parameters.map(\.name)
        self.returns = returns
        self.summary = summary
        self.mutating = mutating
        self.implementation = implementation
    }

    /// `fit(_ data: Dataset, epochs: Int, rate: Number) -> Training`
    public var signature: String { FunctionParameter.signature(name, parameters, returns) }
}

extension FunctionParameter {
    /// `name(parameters) -> returns`, Swift's way.
    static func signature(_ name: String, _ parameters: [FunctionParameter], _ returns: String) -> String {
        "\(name)(" + parameters.map(\.signature).joined(separator: ", ") + ") -> \(returns)"
    }
}

/// A read-only property of a value, such as `x.shape`.
public struct Property: Sendable {
    public var type: ValueType
    public var name: String
    public var returns: String
    public var summary: String
    public var get: @Sendable (Value) throws -> Value

    public init(_ type: ValueType, _ name: String, returns: String, summary: String, get: @escaping @Sendable (Value) throws -> Value) {
        self.type = type
        self.name = name
        self.returns = returns
        self.summary = summary
        self.get = get
    }
}

/// Where the arguments of a call go among a function's parameters: the
/// position of each parameter's argument in the call (-1 when left out), the
/// defaults of those left out, and the run of arguments the variadic
/// parameter took. A builtin's call site works it out once (``BindingPlan``).
final class ArgumentLayout: Sendable {
    let function: String
    let names: [String]
    let positions: [Int]
    let defaults: [Value?]
    let rest: Range<Int>

    /// The layout of arguments that bind, in order, the parameters `slots`
    /// (a variadic parameter's arguments are consecutive, as ``ParameterMatch`` binds them).
    init(function: String, names: [String], parameters: [FunctionParameter], slots: [Int]) {
        var positions = Array(repeating: -1, count: parameters.count)
        var defaults = parameters.map(\.defaultValue)
        var rest = 0..<0
        for (position, slot) in slots.enumerated() {
            defaults[slot] = nil
            if parameters[slot].variadic {
                rest = rest.isEmpty ? position..<position + 1 : rest.lowerBound..<position + 1
            } else {
                positions[slot] = position
            }
        }
        (self.function, self.names, self.positions, self.defaults, self.rest) = (function, names, positions, defaults, rest)
    }
}

/// An argument as written in a call: its label, if any, and its value.
public struct LabeledValue: Sendable {
    public var label: String?
    public var value: Value

    public init(label: String?, value: Value) {
        self.label = label
        self.value = value
    }
}

/// The arguments of one call, bound to parameter names, and passed to its
/// implementation. A call site of a builtin binds them where it evaluated
/// them, in a buffer on the stack that lives as long as the call: the
/// implementation reads them there, and a call allocates nothing for them.
/// An implementation must not keep its `Arguments` beyond its return.
public struct Arguments: @unchecked Sendable {
    let layout: ArgumentLayout
    private let given: Given

    /// The values of a call's arguments, in the order written.
    private enum Given {
        case owned([Value])
        /// The call site's buffer, valid while the call runs.
        case borrowed(UnsafeBufferPointer<Value>)
    }

    init(_ layout: ArgumentLayout, owning values: [Value]) {
        self.layout = layout
        given = .owned(values)
    }

    init(_ layout: ArgumentLayout, borrowing values: UnsafeBufferPointer<Value>) {
        self.layout = layout
        given = .borrowed(values)
    }

    public var function: String { layout.function }

    /// The argument given for the parameter at `slot`, nil when it was left
    /// out (its default, if any, is not looked at): how a notebook's function
    /// fills its frame, evaluating its own defaults.
    func argument(forParameter slot: Int) -> Value? {
        let position = layout.positions[slot]
        return position >= 0 ? given(position) : nil
    }

    @inline(__always)
    private func given(_ position: Int) -> Value {
        switch given {
        case .owned(let values): return values[position]
        case .borrowed(let values): return values[position]
        }
    }

    /// The value bound to a parameter: its argument, or its default; nil when left out.
    private func bound(_ name: String) -> Value? {
        let names = layout.names
        for slot in names.indices where names[slot] == name {
            let position = layout.positions[slot]
            return position >= 0 ? given(position) : layout.defaults[slot]
        }
        return nil
    }

    /// The arguments given to the variadic parameter.
    public var variadic: [Value] { (0..<variadicCount).map(variadic) }

    /// How many arguments the variadic parameter took.
    public var variadicCount: Int { layout.rest.count }

    /// The `k`th argument of the variadic parameter.
    public func variadic(_ k: Int) -> Value { given(layout.rest.lowerBound + k) }

    public func has(_ name: String) -> Bool { bound(name) != nil }

    public func value(_ name: String) throws -> Value {
        guard let value = bound(name) else { throw RuntimeError(.missingArgument(function: function, name: name)) }
        return value
    }

    public func number(_ name: String) throws -> Double {
        try Coerce.number(try value(name), .argument(function: function, name: name))
    }

    public func integer(_ name: String) throws -> Int {
        try Coerce.integer(try value(name), .argument(function: function, name: name))
    }

    public func optionalInteger(_ name: String) throws -> Int? {
        guard has(name) else { return nil }
        return try integer(name)
    }

    public func tensor(_ name: String) throws -> Tensor {
        try Coerce.tensor(try value(name), .argument(function: function, name: name))
    }

    /// The argument as the variable autograd follows, when gradients are
    /// recorded and it is a parameter or was computed from one; nil otherwise.
    public func tracked(_ name: String, _ context: EvaluationContext) throws -> Variable? {
        context.tracked(try value(name))
    }

    public func string(_ name: String) throws -> String {
        guard case .string(let s) = try value(name) else {
            throw RuntimeError(.notA(.argument(function: function, name: name), .string, got: .bareType(try value(name).typeName)))
        }
        return s
    }

    public func optionalNumber(_ name: String) throws -> Double? {
        guard has(name) else { return nil }
        return try number(name)
    }

    public func optionalString(_ name: String) throws -> String? {
        guard has(name) else { return nil }
        return try string(name)
    }

    public func optionalBool(_ name: String) throws -> Bool? {
        guard has(name) else { return nil }
        return try bool(name)
    }

    /// A list argument; a tensor counts as the list of its rows.
    public func list(_ name: String) throws -> [Value] {
        switch try value(name) {
        case .list(let list): return list.items
        case .tensor(let t) where t.rank >= 1: return try (0..<t.shape[0]).map { Coerce.result(try t.slice(at: $0)) }
        case .range(let r) where r.count <= WorkLimits().maximumElements: return (0..<r.count).map { .number(r[$0]) }
        case let other: throw RuntimeError(.notA(.argument(function: function, name: name), .list, got: .type(other.typeName)))
        }
    }

    /// A Dataset argument: its inputs and labels.
    public func dataset(_ name: String) throws -> Dataset {
        try Dataset(try value(name), .argument(function: function, name: name))
    }

    public func bool(_ name: String) throws -> Bool {
        guard case .bool(let b) = try value(name) else {
            throw RuntimeError(.notA(.argument(function: function, name: name), .bool, got: .bareType(try value(name).typeName)))
        }
        return b
    }
}

/// Conversions between values, with the messages the user sees when they fail.
public enum Coerce {
    /// Integers beyond this are not exactly representable as `Double`.
    static let largestExactInteger = 9_007_199_254_740_992.0

    public static func number(_ value: Value, _ what: @autoclosure () -> String) throws -> Double {
        try number(value, Misuse.Subject.words(what()))
    }

    /// The value as a number; `subject` names it when it is not one.
    public static func number(_ value: Value, _ subject: @autoclosure () -> Misuse.Subject) throws -> Double {
        switch value {
        case .number(let x): return x
        case .tensor(let t) where t.rank == 0: return t.scalars[0]
        case .variable(let v) where v.value.rank == 0: return v.value.scalars[0]
        default: throw RuntimeError(.notA(subject(), .number, got: .type(value.typeName)))
        }
    }

    /// A whole number that fits `Int`; never traps on huge or fractional input.
    public static func integer(_ value: Value, _ what: @autoclosure () -> String) throws -> Int {
        try integer(value, Misuse.Subject.words(what()))
    }

    /// A whole number that fits `Int`; `subject` names the value when it is not one.
    public static func integer(_ value: Value, _ subject: @autoclosure () -> Misuse.Subject) throws -> Int {
        let x = try number(value, subject())
        guard let n = exactInteger(x) else {
            throw RuntimeError(.notA(subject(), .wholeNumber, got: .value(Display.number(x))))
        }
        return n
    }

    /// Whether ``integer(_:_:)`` accepts the value.
    static func isInteger(_ value: Value) -> Bool {
        switch value {
        case .number(let x): return exactInteger(x) != nil
        default: return (try? integer(value, Misuse.Subject.words(""))) != nil
        }
    }

    /// `x` as an `Int` when it is a whole number that fits, else nil.
    public static func exactInteger(_ x: Double) -> Int? {
        guard x.isFinite, x == x.rounded(), Swift.abs(x) <= largestExactInteger else { return nil }
        return Int(x)
    }

    /// A value read as a tensor: a tensor or mask, a number (rank 0), a range's
    /// whole numbers, a parameter's values, or a list of numbers or of tensors
    /// of one shape.
    public static func tensor(_ value: Value, _ what: @autoclosure () -> String, _ context: EvaluationContext? = nil) throws -> Tensor {
        try tensor(value, Misuse.Subject.words(what()), context)
    }

    /// A value read as a tensor, as above; `subject` names it when it is not one.
    public static func tensor(_ value: Value, _ subject: @autoclosure () -> Misuse.Subject, _ context: EvaluationContext? = nil) throws -> Tensor {
        switch value {
        case .tensor(let t), .mask(let t): return t
        case .variable(let v): return v.value
        case .number(let x): return Tensor(scalar: x)
        case .object(.parameter(let p)): return p.value
        case .range(let r):
            try (context?.limits ?? WorkLimits()).check([r.count])
            return Tensor(vector: (0..<r.count).map { r[$0] })
        case .list(let list) where !list.items.isEmpty:
            // A parameter in the list ([w, b]) stands for its values here.
            let items = list.holdsParameter ? list.items.map { item -> Value in
                if case .object(.parameter(let p)) = item { return Coerce.result(p.value) }
                return item
            } : list.items
            switch try array(items, context) {
            case .tensor(let t), .mask(let t): return t
            default: break
            }
            throw RuntimeError(.listHolds(subject(), .tensor, holds: list.items[0].typeName))
        default: throw RuntimeError(.notA(subject(), .tensorOrNumber, got: .type(value.typeName)))
        }
    }

    /// A tensor result; one of rank 0 becomes a plain number.
    public static func result(_ tensor: Tensor) -> Value {
        tensor.rank == 0 ? .number(tensor.scalars[0]) : .tensor(tensor)
    }

    /// The value of an array of values: numbers become a vector, tensors of
    /// one shape stack into a tensor of one more rank, Bools a mask; anything
    /// else, and the empty array, is a list.
    public static func array(_ elements: [Value], _ context: EvaluationContext?) throws -> Value {
        guard !elements.isEmpty else { return .list(List([])) }
        if elements.allSatisfy({ if case .number = $0 { true } else { false } }) {
            return .tensor(Tensor(vector: elements.map { if case .number(let x) = $0 { x } else { 0 } }))
        }
        if elements.allSatisfy({ if case .bool = $0 { true } else { false } }) {
            return .mask(Tensor(vector: elements.map { if case .bool(true) = $0 { 1 } else { 0 } }))
        }
        if let context, context.recording, elements.contains(where: { if case .variable = $0 { true } else { false } }) {
            // Rows computed from parameters stack into a tensor autograd follows.
            let rows = try elements.map { value -> Variable in
                switch value {
                case .variable, .tensor, .number, .mask: return try context.variable(value, .item(function: nil, .arrayRow))
                default: throw RuntimeError(.arrayMixesParameters(type: value.typeName))
                }
            }
            guard rows.allSatisfy({ $0.value.shape == rows[0].value.shape }) else {
                throw RuntimeError(.raggedRows(shapes: rows.map(\.value.shape)))
            }
            try context.limits.check([rows.count] + rows[0].value.shape)
            return .variable(try Variable.stack(rows, axis: 0))
        }
        let parts = elements.compactMap { value -> Tensor? in
            switch value {
            case .tensor(let t), .mask(let t): return t
            case .variable(let v): return v.value
            case .number(let x): return Tensor(scalar: x)
            default: return nil
            }
        }
        if parts.count == elements.count, elements.contains(where: { if case .number = $0 { false } else { true } }) {
            guard parts.allSatisfy({ $0.shape == parts[0].shape }) else {
                throw RuntimeError(.raggedRows(shapes: parts.map(\.shape)))
            }
            try (context?.limits ?? WorkLimits()).check([parts.count] + parts[0].shape)
            let stacked = try Tensor.stack(parts)
            return elements.allSatisfy(\.isMask) ? .mask(stacked) : .tensor(stacked)
        }
        let list = List(elements)
        try checkNesting(list.depth, context)
        return .list(list)
    }

    /// Refuses lists nested deeper than the limit.
    static func checkNesting(_ depth: Int, _ context: EvaluationContext?) throws {
        let limit = (context?.limits ?? WorkLimits()).maximumNesting
        guard depth <= limit else { throw RuntimeError(.overLimit(.nesting(depth: depth, limit: limit))) }
    }
}
