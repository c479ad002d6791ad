import CahierLearning
import Foundation

extension Interpreter {
    /// An array literal: numbers become a vector, equal-shaped tensors stack
    /// into a tensor of one more rank, Bools become a mask, anything else (and
    /// the empty array) is a list. Counted as the elements arrive, so a huge
    /// literal stops before it fills the memory.
    func array(_ elements: [CodeCell]) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        var held = 0
        for element in elements {
            let value = try element.run(self)
            held += value.elementCount
            if held > context.limits.maximumElements {
                throw RuntimeError(.overLimit(.arrayElements(limit: context.limits.maximumElements)))
            }
            values.append(value)
        }
        return try Coerce.array(values, context)
    }

    /// `a..<b` or `a...b`, of whole numbers.
    static func range(_ lower: Value, _ upper: Value, closed: Bool) throws -> Value {
        let a = try Coerce.integer(lower, .item(function: nil, .rangeStart))
        let b = try Coerce.integer(upper, .item(function: nil, .rangeEnd))
        let end: (partialValue: Int, overflow: Bool) = closed ? b.addingReportingOverflow(1) : (b, false)
        guard !end.overflow else { throw RuntimeError(.rangeEndTooLarge) }
        guard end.partialValue >= a else {
            throw RuntimeError(.backwardRange(start: a, end: b, closed: closed))
        }
        return .range(NumberRange(from: a, to: end.partialValue))
    }

    /// `base.name`: a record's field or a property of the base's type.
    func member(_ base: Value, _ name: String) throws -> Value {
        if case .record(let record) = base, let field = record[name] { return field }
        if name == "T", let v = context.tracked(base) {
            try budget.charge(2 * v.value.count)
            return .variable(try v.transposed())
        }
        if case .variable = base, name == "grad" {
            throw RuntimeError(.gradOfComputed)
        }
        var type = base.type == .number || base.type == .range ? ValueType.tensor : base.type
        // A parameter has the tensor's properties too (w.T, w.rank).
        if type == .parameter, registry.property(name, of: .parameter) == nil, registry.property(name, of: .tensor) != nil { type = .tensor }
        guard let property = registry.property(name, of: type) else {
            var known = registry.properties.filter { $0.type == type }.map(\.name)
            if case .record(let record) = base { known = record.fields.map(\.name) }
            let methods = registry.methods.filter { $0.type == type }.map(\.name)
            if methods.contains(name) { throw RuntimeError(.methodNotCalled(name: name, type: base.typeName)) }
            throw RuntimeError(.noMember(type: base.typeName, name: name, known: known))
        }
        return try property.get(base)
    }
}
