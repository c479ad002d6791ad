/// An expression written back as source text, in the language's own spelling
/// (`online(unseen, rate: 0.5, epochs: 40)`), with the parentheses its
/// operators need: how feedback names a value.
extension Syntax.Expression {
    public var sourceText: String { written(self) }
}

private func written<Phase>(_ e: Syntax<Phase>.Expression) -> String {
    switch e.kind {
    case .number(let x): return Display.number(x, digits: 17)
    case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    case .bool(let b): return b ? "true" : "false"
    case .name(let name): return Phase.text(of: name)
    case .array(let items): return "[" + items.map(written).joined(separator: ", ") + "]"
    case .unary(let op, let x): return op.rawValue + operand(x, above: 8)
    case .binary(let op, let left, let right):
        let p = precedence(op)
        if op == .power { return operand(left, above: 9) + " ** " + operand(right, above: 8) }
        return operand(left, above: p) + " " + op.rawValue + " " + operand(right, above: p + 1)
    case .conditional(let c, let a, let b): return operand(c, above: 1) + " ? " + operand(a, above: 1) + " : " + operand(b, above: 0)
    case .range(let a, let b, let closed): return operand(a, above: 5) + (closed ? "..." : "..<") + operand(b, above: 5)
    case .call(let callee, let arguments):
        return operand(callee, above: 9) + "(" + arguments.map { ($0.label.map { $0 + ": " } ?? "") + written($0.value) }.joined(separator: ", ") + ")"
    case .index(let base, let items):
        return operand(base, above: 9) + "[" + items.map { item in
            switch item {
            case .value(let v): return written(v)
            case .slice(let start, let end, let step):
                return (start.map(written) ?? "") + ":" + (end.map(written) ?? "") + (step.map { ":" + written($0) } ?? "")
            }
        }.joined(separator: ", ") + "]"
    case .member(let base, let name): return operand(base, above: 9) + "." + name
    }
}

/// `e`, in parentheses when it binds less tightly than `above`.
private func operand<Phase>(_ e: Syntax<Phase>.Expression, above: Int) -> String {
    let own: Int
    switch e.kind {
    case .binary(let op, _, _): own = precedence(op)
    case .conditional: own = 0
    case .range: own = 4
    case .unary: own = 8
    default: own = 9
    }
    return own < above ? "(" + written(e) + ")" : written(e)
}

private func precedence(_ op: BinaryOperator) -> Int {
    switch op {
    case .or: return 1
    case .and: return 2
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return 3
    case .add, .subtract: return 5
    case .multiply, .divide, .remainder, .matmul: return 6
    case .power: return 7
    }
}
