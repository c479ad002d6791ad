import CahierLearning

/// Random programs of the command language, made from its grammar by a seeded
/// generator: bindings, updates (`x op= v`, `x[i] = v`, `x += a * b`), loops,
/// conditions, `noGrad` and functions over numbers, vectors, matrices, masks
/// and a parameter. Most expressions have the kind their place wants (a
/// vector of 2, a 2 × 2 matrix, …), so that programs run deep into loops and
/// functions; one in ``wrongKind`` is of any kind, so that errors are met
/// everywhere too. The same seed gives the same programs on every platform.
/// Run after ``setup``, which binds the names they use.
public struct RandomPrograms {
    /// Commands that bind the global names the programs read and change.
    public static let setup = [
        "var x = [[1, 2], [3, 4]]", "var v = [1, -2]", "var m = [1, 2] > 1", "var n = 2", "var b = true",
        "let lin = Linear(weight: [[1, 2]], bias: [0])", "let w = lin.weight", "var items = [1, \"a\", [2]]",
    ]

    /// The kinds of value a place in a program wants.
    enum Kind: CaseIterable { case number, vector, matrix, bool, mask }

    /// One expression in this many is of a random kind.
    static let wrongKind = 12

    private var random: Xoshiro256
    /// The names the block being made sees, with their kinds and whether each may change (`var`).
    private var scope: [(name: String, kind: Kind, mutable: Bool)] = []
    private var fresh = 0

    public init(seed: UInt64) {
        random = Xoshiro256(seed: seed)
    }

    /// The next program: one command.
    public mutating func next() -> String {
        scope = [("x", .matrix, true), ("v", .vector, true), ("m", .mask, true), ("n", .number, true), ("b", .bool, true)]
        switch pick(5) {
        case 0: return statements(depth: 2, count: 1 + pick(3))
        case 1, 2:
            // A loop: its names are locals, the forms most specialisations are for.
            return "for k in 0..<\(1 + pick(3)) { " + block(("k", .number), depth: 2, count: 1 + pick(4)) + " }"
        case 3:
            fresh += 1
            let name = "g\(fresh)"
            let saved = scope
            scope += [("a", .vector, false), ("c", .number, false)]
            let body = statements(depth: 2, count: 1 + pick(4))
            let result = expression(Kind.allCases[pick(Kind.allCases.count)], 2)
            scope = saved
            return "func \(name)(_ a: Tensor, _ c: Number) -> Any { \(body); return \(result) }; \(name)(\(expression(.vector, 1)), \(expression(.number, 1)))"
        default:
            return expression(Kind.allCases[pick(Kind.allCases.count)], 3)
        }
    }

    /// Statements of a nested block that sees `name` (a loop's), if any; its own names end with it.
    private mutating func block(_ name: (String, Kind)?, depth: Int, count: Int) -> String {
        let saved = scope
        if let name { scope.append((name.0, name.1, false)) }
        let text = statements(depth: depth, count: count)
        scope = saved
        return text
    }

    private mutating func statements(depth: Int, count: Int) -> String {
        (0..<count).map { _ in statement(depth) }.joined(separator: "; ")
    }

    private mutating func statement(_ depth: Int) -> String {
        // Numbers and tensors change by arithmetic; the global ones are always there to change.
        let mutable = scope.filter { $0.mutable && $0.kind != .bool && (pick(8) == 0 || $0.kind != .mask) }
        switch pick(depth > 0 ? 12 : 8) {
        case 0, 1:
            fresh += 1
            let kind = Kind.allCases[pick(Kind.allCases.count)], isVar = pick(3) > 0
            let text = (isVar ? "var " : "let ") + "t\(fresh) = " + expression(kind, 2)
            scope.append(("t\(fresh)", kind, isVar))
            return text
        case 2, 3:
            let target = mutable[pick(mutable.count)]
            let value = target.kind == .number || pick(2) == 0 ? expression(.number, 2) : expression(target.kind, 2)
            return "\(target.name) \(["+=", "-=", "*=", "/="][pick(4)]) \(value)"
        case 4:
            let target = mutable[pick(mutable.count)]
            return "\(target.name)[\(position(target.kind))] \(["=", "+=", "-="][pick(3)]) \(expression(.number, 1))"
        case 5:
            let target = mutable[pick(mutable.count)]
            let (a, c) = pick(2) == 0 ? (expression(.number, 1), expression(target.kind, 1)) : (expression(target.kind, 1), expression(.number, 1))
            return "\(target.name) \(["+=", "-="][pick(2)]) \(a) * \(c)"
        case 6:
            return "print(\(expression(Kind.allCases[pick(Kind.allCases.count)], 2)))"
        case 7:
            return "noGrad { w -= \(expression(.number, 1)) * w; w[0, \(pick(2))] = \(expression(.number, 1)) }"
        case 8:
            return "for r in \(expression(.matrix, 1)) { " + block(("r", .vector), depth: depth - 1, count: 1 + pick(3)) + " }"
        case 9:
            return "for k in 0..<\(pick(4)) { " + block(("k", .number), depth: depth - 1, count: 1 + pick(3)) + " }"
        case 10:
            let condition = expression(.bool, 1)
            let yes = block(nil, depth: depth - 1, count: 1 + pick(2))
            return "if \(condition) { " + yes + " } else { " + block(nil, depth: depth - 1, count: 1) + " }"
        default:
            return "noGrad { " + block(nil, depth: depth - 1, count: 1 + pick(2)) + " }"
        }
    }

    /// The position of an element, or a row, of a value of `kind`.
    private mutating func position(_ kind: Kind) -> String {
        let index = scope.contains { $0.name == "k" } && pick(2) == 0 ? "k" : "\(pick(4) - 2)"
        switch kind {
        case .matrix: return pick(2) == 0 ? "\(index), \(pick(2))" : index
        default: return index
        }
    }

    private mutating func expression(_ wanted: Kind, _ depth: Int) -> String {
        let kind = pick(Self.wrongKind) == 0 ? Kind.allCases[pick(Kind.allCases.count)] : wanted
        let names = scope.filter { $0.kind == kind }.map(\.name)
        if depth <= 0 || pick(4) == 0 {
            if !names.isEmpty, pick(2) == 0 { return names[pick(names.count)] }
            return literal(kind)
        }
        let d = depth - 1
        let arithmetic = ["+", "-", "*", "/"][pick(4)], comparison = ["<", ">=", "==", "!="][pick(4)]
        switch kind {
        case .number:
            switch pick(10) {
            case 0: return "(\(expression(.number, d)) \(["%", "**"][pick(2)]) \(expression(.number, d)))"
            case 1: return "-\(expression(.number, d))"
            case 2: return "\(["sum", "mean", "max"][pick(3)])(\(expression(pick(2) == 0 ? .vector : .matrix, d)))"
            case 3: return "\(expression(.vector, d))[\(position(.vector))]"
            case 4: return "\(expression(.matrix, 0))[\(pick(4) - 2), \(pick(2))]"
            case 5: return "\(expression(.vector, d)) @ \(expression(.vector, d))"
            case 6: return "(\(expression(.bool, d)) ? \(expression(.number, d)) : \(expression(.number, d)))"
            case 7: return "\(expression(.vector, d)).count"
            default: return "(\(expression(.number, d)) \(arithmetic) \(expression(.number, d)))"
            }
        case .vector:
            switch pick(12) {
            case 0: return "[\(expression(.number, d)), \(expression(.number, d))]"
            case 1: return "(\(expression(.vector, d)) \(arithmetic) \(expression(.number, d)))"
            case 2: return "(\(expression(.number, d)) \(arithmetic) \(expression(.vector, d)))"
            case 3: return "\(expression(.matrix, d))[\(position(.vector))]"
            case 4: return "\(expression(.matrix, d)) @ \(expression(.vector, d))"
            case 5: return "\(expression(.vector, d)) @ \(expression(.matrix, d))\(pick(2) == 0 ? ".T" : "")"
            case 6: return "\(expression(.matrix, d))[:, \(pick(2))]"
            case 7: return "concat([\(expression(.number, d))], [\(expression(.number, d))])"
            case 8: return "\(["exp", "abs", "tanh"][pick(3)])(\(expression(.vector, d)))"
            case 9: return "where(\(expression(.mask, d)), \(expression(.vector, d)), \(expression(.number, d)))"
            case 10: return "\(expression(.vector, d))[::-1]"
            default: return "(\(expression(.vector, d)) \(arithmetic) \(expression(.vector, d)))"
            }
        case .matrix:
            switch pick(8) {
            case 0: return "(\(expression(.matrix, d)) \(arithmetic) \(expression(.number, d)))"
            case 1: return "\(expression(.matrix, d)) @ \(expression(.matrix, d))"
            case 2: return "\(expression(.matrix, d)) @ \(expression(.matrix, d)).T"
            case 3: return "\(expression(.matrix, d)).T @ \(expression(.matrix, d))"
            case 4: return "-\(expression(.matrix, d))"
            case 5: return "(w.T @ w)"
            case 6: return "stack(\(expression(.vector, d)), \(expression(.vector, d)))"
            default: return "(\(expression(.matrix, d)) \(arithmetic) \(expression(.matrix, d)))"
            }
        case .bool:
            switch pick(5) {
            case 0: return "(\(expression(.number, d)) \(comparison) \(expression(.number, d)))"
            case 1: return "\(["any", "all"][pick(2)])(\(expression(.mask, d)))"
            case 2: return "(\(expression(.bool, d)) \(["&&", "||"][pick(2)]) \(expression(.bool, d)))"
            case 3: return "!\(expression(.bool, d))"
            default: return "(\(expression(.number, d)) < \(expression(.number, d)))"
            }
        case .mask:
            switch pick(4) {
            case 0: return "(\(expression(.vector, d)) \(comparison) \(expression(pick(2) == 0 ? .vector : .number, d)))"
            case 1: return "!\(expression(.mask, d))"
            case 2: return "(\(expression(.mask, d)) \(["&&", "||"][pick(2)]) \(expression(.mask, d)))"
            default: return "\(expression(.mask, d))[::-1]"
            }
        }
    }

    private mutating func literal(_ kind: Kind) -> String {
        switch kind {
        case .number: return ["0", "1", "2", "-1", "0.5", "3", "1e308"][pick(7)]
        case .vector: return ["[1, 2]", "[0.5, -3]", "[1e308, 0]", "[2, 2]"][pick(4)]
        case .matrix: return ["[[1, 2], [3, 4]]", "[[0, 1], [1, 0]]", "[[0.5, -1], [2, 0.25]]"][pick(3)]
        case .bool: return ["true", "false"][pick(2)]
        case .mask: return ["([1, 2] > 1)", "([0, 0] == 0)"][pick(2)]
        }
    }

    private mutating func pick(_ bound: Int) -> Int {
        random.nextIndex(below: bound)
    }
}
