import CahierLearning
import Foundation

extension Interpreter {
    /// The value of an expression. Each evaluation is one step of the work
    /// budget; an error that does not yet say where it happened gets the
    /// range of this expression (the innermost one that failed).
    public func evaluate(_ expression: Expression) throws -> Value {
        try context.budget.charge(WorkBudget.stepCost)
        do {
            return try value(of: expression)
        } catch let error as RuntimeError {
            guard error.range == nil else { throw error }
            var located = error
            located.range = expression.range
            throw located
        } catch {
            var converted = RuntimeError.from(error)
            converted.range = expression.range
            throw converted
        }
    }

    private func value(of expression: Expression) throws -> Value {
        switch expression.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .global(let slot, let name):
            if let value = globals.values[slot] { return value }
            return try unbound(name)
        case .local(let slot, let name):
            guard let value = frame[slot] else { throw RuntimeError("'\(name)' is used before it has a value") }
            return value
        case .name(let name):
            return try value(of: Expression(.global(globals.slot(name), name), expression.range))
        case .array(let elements):
            return try array(elements)
        case .unary(let op, let operand):
            return try Operators.unary(op, try evaluate(operand), context)
        case .binary(.and, let left, let right), .binary(.or, let left, let right):
            return try logical(expression, left, right)
        case .binary(.matmul, let left, let right) where left.transposedBase != nil || right.transposedBase != nil:
            // a @ b.T and a.T @ b without forming the transpose: the products a linear layer computes, with its bits.
            if let base = right.transposedBase, left.transposedBase == nil {
                return try Operators.matmul(try evaluate(left), try evaluate(base), transposed: .right, context)
            }
            if let base = left.transposedBase, right.transposedBase == nil {
                return try Operators.matmul(try evaluate(base), try evaluate(right), transposed: .left, context)
            }
            return try Operators.binary(.matmul, try evaluate(left), try evaluate(right), context)
        case .binary(let op, let left, let right):
            return try Operators.binary(op, try evaluate(left), try evaluate(right), context)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return try evaluate(try self.condition(try evaluate(condition), "? :") ? whenTrue : whenFalse)
        case .range(let lower, let upper, let closed):
            let a = try Coerce.integer(try evaluate(lower), "the start of a range")
            let b = try Coerce.integer(try evaluate(upper), "the end of a range")
            let end: (partialValue: Int, overflow: Bool) = closed ? b.addingReportingOverflow(1) : (b, false)
            guard !end.overflow else { throw RuntimeError("the end of a range is too large") }
            guard end.partialValue >= a else {
                throw RuntimeError("a range cannot run backwards: \(a)\(closed ? "..." : "..<")\(b); for a reversed order index with [::-1]")
            }
            return .range(NumberRange(from: a, to: end.partialValue))
        case .call(let callee, let arguments):
            return try call(callee, arguments, at: expression.range)
        case .index(let base, let items):
            return try Indexing.get(try evaluate(base), try items.map(evaluateIndex), context)
        case .member(let base, let name):
            return try member(try evaluate(base), name)
        }
    }

    /// `&&` and `||`: on Bools they stop as soon as the answer is known; on
    /// masks they combine element by element.
    private func logical(_ expression: Expression, _ left: Expression, _ right: Expression) throws -> Value {
        guard case .binary(let op, _, _) = expression.kind else { return .void }
        let a = try evaluate(left)
        if case .bool(let x) = a {
            if op == .and, !x { return .bool(false) }
            if op == .or, x { return .bool(true) }
            return .bool(try condition(try evaluate(right), op.rawValue))
        }
        return try Operators.binary(op, a, try evaluate(right), context)
    }

    /// An array literal: numbers become a vector, equal-shaped tensors stack
    /// into a tensor of one more rank, Bools become a mask, anything else (and
    /// the empty array) is a list. Counted as the elements arrive, so a huge
    /// literal stops before it fills the memory.
    private func array(_ elements: [Expression]) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        var held = 0
        for element in elements {
            let value = try evaluate(element)
            held += value.elementCount
            if held > context.limits.maximumElements {
                throw RuntimeError("this array holds more than the limit of \(context.limits.maximumElements) elements")
            }
            values.append(value)
        }
        return try Coerce.array(values, context)
    }

    /// The evaluated items of an index.
    private func evaluateIndex(_ item: IndexItem) throws -> Indexing.Item {
        switch item {
        case .value(let expression):
            return try Indexing.item(try evaluate(expression))
        case .slice(let start, let end, let step):
            func bound(_ e: Expression?, _ what: String) throws -> Int? {
                guard let e else { return nil }
                return try Coerce.integer(try evaluate(e), what)
            }
            let step = try bound(step, "a slice's step") ?? 1
            guard step != 0 else { throw RuntimeError("a slice's step cannot be 0") }
            return .slice(start: try bound(start, "a slice's start"), end: try bound(end, "a slice's end"), step: step)
        }
    }

    /// `base.name`: a record's field or a property of the base's type.
    func member(_ base: Value, _ name: String) throws -> Value {
        if case .record(let record) = base, let field = record[name] { return field }
        let type = base.type == .number || base.type == .range ? ValueType.tensor : base.type
        guard let property = registry.property(name, of: type) else {
            var known = registry.properties.filter { $0.type == type }.map(\.name)
            if case .record(let record) = base { known = record.fields.map(\.name) }
            let methods = registry.methods.filter { $0.type == type }.map(\.name)
            if methods.contains(name) { throw RuntimeError("'\(name)' is a method of \(base.type.withArticle); call it with parentheses: .\(name)(…)") }
            throw RuntimeError("\(base.type.withArticle) has no member '\(name)'" + (known.isEmpty ? "" : "; it has " + known.joined(separator: ", ")))
        }
        return try property.get(base)
    }
}

extension Expression {
    /// `x` when the expression is `x.T`.
    var transposedBase: Expression? {
        if case .member(let base, "T") = kind { return base }
        return nil
    }
}
