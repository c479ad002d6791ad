import CahierLearning

/// Runs commands against the registry, keeping the names bound so far.
///
/// One interpreter serves one notebook: names bound in a block are visible in
/// the blocks after it, and the random generator advances across commands.
public struct Interpreter: Sendable {
    public let registry: Registry
    public private(set) var bindings: [String: Value] = [:]
    /// How many numbers each name holds, and their total: kept as names are bound.
    private var heldByName: [String: Int] = [:]
    private var held = 0
    public var context: EvaluationContext
    /// Names an answer may not rebind or change: those the sheet bound outside answer blocks.
    public var protectedNames: Set<String> = []
    /// Whether the commands now running are a student's answer.
    public var runningAnswer = false

    public init(registry: Registry = .standard, context: EvaluationContext) {
        self.registry = registry
        self.context = context
    }

    public init(registry: Registry = .standard, seed: UInt64, limits: WorkLimits = WorkLimits()) {
        self.init(registry: registry, context: EvaluationContext(seed: seed, limits: limits))
    }

    /// Runs one command: what it printed, the value it shows, the figures it
    /// drew and the error that stopped it.
    public mutating func run(_ statement: Statement) -> CommandOutcome {
        context.printed = []
        context.figures = []
        var shown: [CommandOutcome.Line] = []
        var failure: RuntimeError?
        do {
            switch statement {
            case .empty:
                break
            case .bind(let name, _, let expression):
                try checkRebinding(name)
                let value = try evaluate(expression)
                if case .void = value { throw RuntimeError("'\(name)' cannot be bound to a command that has no value") }
                try bind(name, to: value)
            case .expression(let expression):
                shown = Display.outputLines(try evaluate(expression))
            }
        } catch let error as RuntimeError {
            failure = error
        } catch let error as TensorError {
            failure = RuntimeError(error)
        } catch {
            failure = RuntimeError("\(error)")
        }
        return CommandOutcome(output: context.printed.map { .text($0) } + shown, figures: context.figures, error: failure)
    }

    public mutating func evaluate(_ expression: Expression) throws -> Value {
        switch expression.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .name(let name): return try lookUp(name)
        case .array(let elements):
            // Count as the elements arrive, so a huge array literal stops before it fills the memory.
            var values: [Value] = []
            var held = 0
            for element in elements {
                let value = try evaluate(element)
                held += value.elementCount
                if held > context.limits.maximumElements {
                    throw RuntimeError("this array holds more than the limit of \(context.limits.maximumElements) elements")
                }
                values.append(value)
            }
            return try array(values)
        case .unary(let op, let operand): return try unary(op, try evaluate(operand))
        case .binary(.and, let left, let right):
            guard try condition(try evaluate(left), "&&") else { return .bool(false) }
            return .bool(try condition(try evaluate(right), "&&"))
        case .binary(.or, let left, let right):
            if try condition(try evaluate(left), "||") { return .bool(true) }
            return .bool(try condition(try evaluate(right), "||"))
        case .binary(let op, let left, let right):
            return try binary(op, try evaluate(left), try evaluate(right))
        case .call(let callee, let arguments): return try call(callee, arguments)
        case .index(let base, let indices): return try index(try evaluate(base), try indices.map { try evaluate($0) })
        case .member(let base, let name): return try member(try evaluate(base), name)
        }
    }

    /// Binds `name`, keeping the numbers all names hold within the limit.
    private mutating func bind(_ name: String, to value: Value) throws {
        let size = value.elementCount
        let total = held - (heldByName[name] ?? 0) + size
        guard total <= context.limits.maximumHeldElements else {
            throw RuntimeError("the names of this notebook would hold \(total) numbers, over the limit of \(context.limits.maximumHeldElements)")
        }
        bindings[name] = value
        heldByName[name] = size
        held = total
    }

    /// Refuses to rebind a builtin's name, a name every notebook has, or, in an
    /// answer, a name the sheet defines: a check must see the sheet's values.
    private func checkRebinding(_ name: String) throws {
        if registry.function(named: name) != nil {
            throw RuntimeError("'\(name)' is the name of a builtin function; choose another name")
        }
        if registry.constants.contains(where: { $0.name == name }) {
            throw RuntimeError("'\(name)' is defined in every notebook and cannot be rebound; choose another name")
        }
        if runningAnswer, protectedNames.contains(name) {
            throw RuntimeError("'\(name)' is defined by the exercise sheet and cannot be changed in an answer; choose another name")
        }
    }

    private func lookUp(_ name: String) throws -> Value {
        if let value = bindings[name] { return value }
        if let constant = registry.constants.first(where: { $0.name == name }) { return constant.value }
        if registry.function(named: name) != nil {
            throw RuntimeError("'\(name)' is a function; call it with parentheses: \(name)(…)")
        }
        throw RuntimeError("unknown name '\(name)'" + hint(registry.suggestions(for: name, among: Array(bindings.keys))))
    }

    private func hint(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : "; did you mean " + suggestions.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    private mutating func call(_ callee: Expression, _ arguments: [CallArgument]) throws -> Value {
        if case .member(let baseExpression, let name) = callee.kind {
            return try callMethod(name, on: baseExpression, arguments)
        }
        guard case .name(let name) = callee.kind else {
            throw RuntimeError("only named functions and methods can be called")
        }
        guard let builtin = registry.function(named: name) else {
            if bindings[name] != nil { throw RuntimeError("'\(name)' is a value, not a function") }
            throw RuntimeError("unknown function '\(name)'" + hint(registry.suggestions(for: name)))
        }
        let values = try arguments.map { (label: $0.label, value: try evaluate($0.value)) }
        let bound = try registry.bind(values, to: builtin)
        return try builtin.implementation(&context, bound)
    }

    /// `base.name(arguments)`: a method of the base's type. A mutating method
    /// (`p.fit(…)`) changes the value bound to the name it is called on.
    private mutating func callMethod(_ name: String, on baseExpression: Expression, _ arguments: [CallArgument]) throws -> Value {
        var base = try evaluate(baseExpression)
        guard let method = registry.method(name, of: base.type) else {
            let known = registry.methods.filter { $0.type == base.type }.map(\.name)
            if registry.property(name, of: base.type) != nil || recordField(base, name) != nil {
                throw RuntimeError("'\(name)' is a property of \(article(base.typeName)); read it without parentheses")
            }
            throw RuntimeError("\(article(base.typeName)) has no method '\(name)'" + (known.isEmpty ? "" : "; its methods are " + known.joined(separator: ", ")))
        }
        if method.mutating {
            guard case .name(let bound) = baseExpression.kind, bindings[bound] != nil else {
                throw RuntimeError("\(name) changes the \(base.typeName): call it on a name bound with let, like m.\(name)(…)")
            }
            if runningAnswer, protectedNames.contains(bound) {
                throw RuntimeError("'\(bound)' is defined by the exercise sheet and cannot be changed in an answer; make your own with let")
            }
        }
        let values = try arguments.map { (label: $0.label, value: try evaluate($0.value)) }
        let bound = try registry.bind(values, to: method)
        let result = try method.implementation(&context, &base, bound)
        if method.mutating, case .name(let name) = baseExpression.kind { try bind(name, to: base) }
        return result
    }

    private func recordField(_ base: Value, _ name: String) -> Value? {
        if case .record(let record) = base { return record[name] }
        return nil
    }

    private func member(_ base: Value, _ name: String) throws -> Value {
        if let field = recordField(base, name) { return field }
        let type = base.type == .number ? ValueType.tensor : base.type
        guard let property = registry.property(name, of: type) else {
            var known = registry.properties.filter { $0.type == type }.map(\.name)
            if case .record(let record) = base { known = record.fields.map(\.name) }
            let methods = registry.methods.filter { $0.type == type }.map(\.name)
            if methods.contains(name) { throw RuntimeError("'\(name)' is a method of \(article(base.typeName)); call it with parentheses: .\(name)(…)") }
            throw RuntimeError("\(article(base.typeName)) has no member '\(name)'" + (known.isEmpty ? "" : "; it has " + known.joined(separator: ", ")))
        }
        return try property.get(base)
    }

    private func condition(_ value: Value, _ op: String) throws -> Bool {
        guard case .bool(let b) = value else { throw RuntimeError("'\(op)' needs Bool operands, got \(article(value.typeName))") }
        return b
    }

    /// An array literal: numbers become a vector, arrays of equal-shaped tensors
    /// stack into a tensor of one more rank, anything else is a list.
    private func array(_ elements: [Value]) throws -> Value {
        if elements.isEmpty { return .tensor(Tensor(vector: [])) }
        if elements.allSatisfy({ if case .number = $0 { true } else { false } }) {
            return .tensor(Tensor(vector: elements.map { if case .number(let x) = $0 { x } else { 0 } }))
        }
        if elements.allSatisfy({ if case .tensor = $0 { true } else { false } }) {
            let parts = elements.map { if case .tensor(let t) = $0 { t } else { Tensor(scalar: 0) } }
            guard parts.allSatisfy({ $0.shape == parts[0].shape }) else {
                throw RuntimeError("the rows of an array must have the same shape; got " + parts.map { Tensor.describe($0.shape) }.joined(separator: " and "))
            }
            try context.limits.check([parts.count] + parts[0].shape)
            return .tensor(try Tensor.stack(parts))
        }
        return .list(elements)
    }

    private func unary(_ op: UnaryOperator, _ value: Value) throws -> Value {
        switch (op, value) {
        case (.negate, .number(let x)): return .number(-x)
        case (.negate, .tensor(let t)): return .tensor(t.map { -$0 })
        case (.not, .bool(let b)): return .bool(!b)
        default: throw RuntimeError("'\(op.rawValue)' cannot be applied to \(article(value.typeName))")
        }
    }

    private func binary(_ op: BinaryOperator, _ left: Value, _ right: Value) throws -> Value {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return try scalar(op, a, b)
        case (.string(let a), .string(let b)):
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .add: return .string(a + b)
            default: break
            }
        case (.bool(let a), .bool(let b)):
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: break
            }
        case (.tensor, .tensor), (.tensor, .number), (.number, .tensor):
            return try tensor(op, try Coerce.tensor(left, "operand"), try Coerce.tensor(right, "operand"))
        default:
            break
        }
        throw RuntimeError("'\(op.rawValue)' cannot combine \(article(left.typeName)) and \(article(right.typeName))")
    }

    private func scalar(_ op: BinaryOperator, _ a: Double, _ b: Double) throws -> Value {
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .matmul: throw RuntimeError("'@' needs tensors of rank 1 or 2, got two numbers; use '*'")
        case .and, .or: throw RuntimeError("'\(op.rawValue)' needs Bool operands")
        }
    }

    private func tensor(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor) throws -> Value {
        if op == .matmul {
            if a.rank == 2, b.rank == 2 {
                try context.limits.check([a.shape[0], b.shape[1]])
                try context.limits.check(operations: [a.shape[0], a.shape[1], b.shape[1]], "this matrix product")
            }
            return Coerce.result(try a.matmul(b))
        }
        if let shape = Tensor.broadcastShape(a.shape, b.shape) { try context.limits.check(shape) }
        let f: (Double, Double) -> Double
        switch op {
        case .add: f = (+)
        case .subtract: f = (-)
        case .multiply: f = (*)
        case .divide: f = (/)
        case .less: f = { $0 < $1 ? 1 : 0 }
        case .lessEqual: f = { $0 <= $1 ? 1 : 0 }
        case .greater: f = { $0 > $1 ? 1 : 0 }
        case .greaterEqual: f = { $0 >= $1 ? 1 : 0 }
        case .equal: f = { $0 == $1 ? 1 : 0 }
        case .notEqual: f = { $0 != $1 ? 1 : 0 }
        case .matmul, .and, .or: throw RuntimeError("'\(op.rawValue)' needs Bool operands")
        }
        return Coerce.result(try a.zipWith(b, operation: op.rawValue, f))
    }

    private func index(_ base: Value, _ indices: [Value]) throws -> Value {
        switch base {
        case .tensor(var t):
            for index in indices {
                t = try t.slice(at: try Coerce.integer(index, "an index"))
            }
            return Coerce.result(t)
        case .list(let items):
            guard indices.count == 1 else { throw RuntimeError("a List takes one index, got \(indices.count)") }
            let i = try Coerce.integer(indices[0], "an index")
            let j = i < 0 ? i + items.count : i
            guard j >= 0, j < items.count else { throw RuntimeError("index \(i) is out of range for a List of \(items.count) items") }
            return items[j]
        default:
            throw RuntimeError("\(article(base.typeName)) cannot be indexed")
        }
    }
}
