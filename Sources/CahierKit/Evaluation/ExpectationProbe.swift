/// What an `expect(…)` records while its condition runs, to explain a failure
/// the way a teaching assistant would: the sides of each comparison in the
/// condition (`a == b`, `x >= 0.97`, `all(abs(a - b) < tol)`, joined by `&&`,
/// `||` and `!`), each kept as it was computed, never computed again (a
/// student's function runs once, as the condition asked).
///
/// The compiler wraps each recorded sub-expression (``Compiler/probes``), so
/// the condition's own code runs unchanged; a comparison whose sides were not
/// reached (`&&` stopped early) reports nothing.
struct ExpectationProbe {
    /// One side of a comparison, and the slot its value is recorded in.
    struct Side {
        var expression: ResolvedExpression
        var slot: Int
    }

    /// A comparison of the condition.
    struct Comparison {
        var operation: String
        var left: Side
        var right: Side
        var tolerance: Side?
        /// The slot of the comparison's own value.
        var result: Int
        /// Under a `!`: it fails by holding.
        var negated: Bool
    }

    private(set) var comparisons: [Comparison] = []
    /// The slot of each recorded expression.
    private(set) var slots: [ResolvedExpression: Int] = [:]

    init(_ condition: ResolvedExpression) {
        walk(condition, negated: false)
    }

    var count: Int { slots.count }

    private mutating func slot(_ e: ResolvedExpression) -> Side {
        if let k = slots[e] { return Side(expression: e, slot: k) }
        slots[e] = slots.count
        return Side(expression: e, slot: slots.count - 1)
    }

    private mutating func walk(_ e: ResolvedExpression, negated: Bool) {
        guard comparisons.count < 16 else { return }
        switch e.kind {
        case .binary(.and, let l, let r), .binary(.or, let l, let r):
            walk(l, negated: negated)
            walk(r, negated: negated)
        case .unary(.not, let x):
            walk(x, negated: !negated)
        case .call(let callee, let arguments) where arguments.count == 1 && arguments[0].label == nil:
            if case .name(.global(_, let name)) = callee.kind, name == "all" || name == "any" { walk(arguments[0].value, negated: negated) }
        case .binary(let op, let l, let r) where op.isComparison:
            if let (a, b) = ExpectationProbe.difference(l), op == .less || op == .lessEqual {
                comparisons.append(Comparison(operation: "≈", left: slot(a), right: slot(b), tolerance: slot(r), result: slot(e).slot, negated: negated))
            } else if let (a, b) = ExpectationProbe.difference(r), op == .greater || op == .greaterEqual {
                comparisons.append(Comparison(operation: "≈", left: slot(a), right: slot(b), tolerance: slot(l), result: slot(e).slot, negated: negated))
            } else {
                comparisons.append(Comparison(operation: op.rawValue, left: slot(l), right: slot(r), tolerance: nil, result: slot(e).slot, negated: negated))
            }
        default:
            break
        }
    }

    /// `a` and `b` when `e` is `abs(a - b)`.
    private static func difference(_ e: ResolvedExpression) -> (ResolvedExpression, ResolvedExpression)? {
        guard case .call(let callee, let arguments) = e.kind, case .name(.global(_, "abs")) = callee.kind, arguments.count == 1,
              case .binary(.subtract, let a, let b) = arguments[0].value.kind else { return nil }
        return (a, b)
    }

    /// The comparisons whose two sides were computed but not compared: the
    /// condition failed comparing them (shapes that do not pair).
    func unfinished(_ values: [Value?], in interpreter: Interpreter) -> [Expectation.Comparison] {
        var result: [Expectation.Comparison] = []
        for comparison in comparisons where result.count < Expectation.maximumComparisons {
            guard comparison.result < values.count, values[comparison.result] == nil,
                  let left = compared(comparison.left, values, interpreter), let right = compared(comparison.right, values, interpreter) else { continue }
            result.append(Expectation.Comparison(operation: comparison.operation, left: left, right: right))
        }
        return result
    }

    /// The first side of a comparison that was being computed (not recorded) and is the student's: where the condition failed.
    func computing(_ values: [Value?], in interpreter: Interpreter) -> String? {
        for comparison in comparisons {
            for side in [comparison.left, comparison.right] where side.slot < values.count && values[side.slot] == nil {
                return interpreter.mentionsAnswer(side.expression) ? side.expression.sourceText : nil
            }
        }
        return nil
    }

    /// The comparisons that did not hold, from the values recorded.
    func failures(_ values: [Value?], in interpreter: Interpreter) -> [Expectation.Comparison] {
        var result: [Expectation.Comparison] = []
        for comparison in comparisons where result.count < Expectation.maximumComparisons {
            guard comparison.result < values.count, let outcome = values[comparison.result],
                  let left = compared(comparison.left, values, interpreter), let right = compared(comparison.right, values, interpreter),
                  let a = values[comparison.left.slot], let b = values[comparison.right.slot] else { continue }
            let held: Bool
            switch outcome {
            case .bool(let x): held = x
            case .mask(let m): held = comparison.negated ? m.scalars.contains { $0 != 0 } : m.scalars.allSatisfy { $0 != 0 }
            default: continue
            }
            guard held == comparison.negated else { continue }
            result.append(Expectation.comparison(comparison.operation, left: left, right: right,
                                                 tolerance: comparison.tolerance.flatMap { compared($0, values, interpreter) }, values: (a, b, outcome)))
        }
        return result
    }

    /// A side as the reader sees it, when its value was recorded.
    private func compared(_ side: Side, _ values: [Value?], _ interpreter: Interpreter) -> Expectation.Compared? {
        guard side.slot < values.count, let value = values[side.slot] else { return nil }
        return Expectation.Compared(expression: side.expression.sourceText, value: value, fromAnswer: interpreter.mentionsAnswer(side.expression),
                                    isLiteral: side.expression.isLiteral, digits: interpreter.context.digits)
    }
}

extension Syntax.Expression {
    /// A literal: a number, a string, a Bool, or an array of them (with signs).
    var isLiteral: Bool {
        switch kind {
        case .number, .string, .bool: return true
        case .unary(.negate, let x): return x.isLiteral
        case .array(let items): return items.allSatisfy(\.isLiteral)
        default: return false
        }
    }

    /// The expressions directly inside this one.
    var children: [Self] {
        switch kind {
        case .number, .string, .bool, .name: return []
        case .array(let items): return items
        case .unary(_, let x): return [x]
        case .binary(_, let a, let b), .range(let a, let b, _): return [a, b]
        case .conditional(let c, let a, let b): return [c, a, b]
        case .call(let callee, let arguments): return [callee] + arguments.map(\.value)
        case .index(let base, let items):
            return [base] + items.flatMap { item -> [Self] in
                switch item {
                case .value(let v): return [v]
                case .slice(let start, let end, let step): return [start, end, step].compactMap { $0 }
                }
            }
        case .member(let base, _): return [base]
        }
    }
}

extension Interpreter {
    /// Whether `expression` reads a name a student's answer bound or calls a
    /// function an answer declared: its value is the student's to see.
    /// Outside a graded sheet (no names protected) every value is.
    func mentionsAnswer(_ expression: ResolvedExpression) -> Bool {
        var stack = [expression]
        var visited = 0
        while let e = stack.popLast(), visited < 10_000 {
            visited += 1
            switch e.kind {
            case .name(.global(let slot, let name)):
                guard policy?.checkNames.contains(name) != true, let value = globals.value(slot) else { continue }
                if case .function(.user(let f)) = value {
                    if f.origin.isAnswer { return true }
                } else if case .function = value {
                    continue
                } else if policy?.protectedNames.contains(name) != true {
                    return true
                }
            default:
                stack += e.children
            }
        }
        return false
    }
}
