/// The interpreter's specialisations, in one table: each is a shorter way to
/// what the plain lowering computes for some form, taken only under
/// ``Lowering/specialised``, and each names the rule (the plain lowering or
/// the operation) whose values, errors and work charges it must equal.
///
/// The witnesses are commands that take each one; the tests run them, the
/// course, the docs, the fixtures and random programs both ways and compare.
/// A new fast path gets a row here, a rule it equals and a witness.
enum Specialisation: String, CaseIterable, Sendable {
    /// `[1, -2.5]`: a literal of numbers made once (``Compiler/constantArray(_:_:_:)``).
    case constantArray
    /// `-x` of a number on the spot.
    case numberNegation
    /// `a op b` with local operands read where they are held (``Compiler/LocalRead``).
    case localOperands
    /// `a op b` of two numbers on the spot (``Compiler/apply(_:_:_:_:_:)``, ``Operators/specialisedBinary(_:_:_:_:)``).
    case numberOperands
    /// `+ - * /` of same-shaped tensors or a tensor and a number, `@` of two vectors (``Operators/arithmetic(_:_:_:_:)``).
    case tensorArithmetic
    /// `t.shape`: a tensor's property found once, when lowering.
    case tensorProperty
    /// `x[k]` for a local `x`, read where it is held (``Compiler/localIndex(_:_:_:)``).
    case localIndex
    /// `t[k]` of a tensor: an element or a row (``Compiler/item(_:_:_:)``).
    case tensorItem
    /// `x[k]` for a local whole number `k` (``Compiler/position(_:)``).
    case localPosition
    /// `t[i]`, `m[i, j]`: one or two positions without a plan (``Indexing/specialisedGet(_:_:_:)``).
    case fewPositions
    /// `f(a, b: c)` of a builtin named in the call, bound by a plan made when lowering.
    case builtinPlan
    /// `f(a, by: c)` of a notebook's function a global holds, bound by a plan made at its first call.
    case userPlan
    /// `let x = …` / `var x = …` of a local, fused with its statement.
    case localBinding
    /// `x op= v` of a local, fused with its statement.
    case localUpdate
    /// `x op= v` of a tensor and a same-shaped tensor or a number, in place (``Operators/updateInPlace(_:_:_:_:)``).
    case updateInPlace
    /// `x += a * b`, `x -= a * b` of a local tensor, without a buffer for the product.
    case scaledUpdate
    /// Vectors of at most four numbers held inline, without a heap block (``SmallVector``, ``Compiler/flexible(_:)``).
    case smallVectors

    /// The rule it must equal: the plain lowering or operation, by name.
    var rule: String {
        switch self {
        case .constantArray: return "Compiler.plain(.array) with Interpreter.array"
        case .numberNegation: return "Compiler.plain(.unary) with Operators.unary"
        case .localOperands: return "Compiler.plain(.local) as each operand of Compiler.plain(.binary)"
        case .numberOperands, .tensorArithmetic: return "Compiler.plain(.binary) with Operators.binary"
        case .tensorProperty: return "Compiler.plain(.member) with Interpreter.member"
        case .localIndex, .tensorItem, .fewPositions: return "Compiler.plain(.index) with Indexing.get"
        case .localPosition: return "Compiler.index(.value) with Indexing.item"
        case .builtinPlan: return "Compiler.call with Interpreter.callBuiltin"
        case .userPlan: return "Compiler.call with Interpreter.invoke"
        case .localBinding: return "Compiler.statement with Compiler.binder"
        case .localUpdate, .updateInPlace: return "Compiler.assignment with Operators.compound"
        case .scaledUpdate: return "Compiler.assignment with Operators.compound of Operators.binary(.multiply)"
        case .smallVectors: return "each form's rule on the tensor Value.widened makes of a short vector"
        }
    }

    /// Commands that take the specialisation (the last one does), with its
    /// edges: the errors it must give as the rule gives them.
    var witness: [String] {
        switch self {
        case .constantArray: return ["for k in 0..<3 { var v = [1, -2.5, 3]; v[0] = k; print(v) }"]
        case .numberNegation: return ["let a = 2", "print(-a, -[1, 2], -(-a))", "-(a > 0)"]
        case .localOperands: return ["func f(_ a: Any, _ b: Any) -> Any { return a * b + a - b }", "print(f(2, 3), f([1, 2], 3), f([1], [1, 2]))"]
        case .numberOperands: return ["print(7 % -3, 2 ** 0.5, 1 / 0, 3 < 4, 1 == 1)", "1 @ 2"]
        case .tensorArithmetic: return ["let t = [1, 2]", "print(t + t, t * 2, 2 / t, t @ t, [[1, 2]] - [[3, 4]])", "t + [1, 2, 3]"]
        case .tensorProperty: return ["let t = [[1, 2, 3]]", "print(t.shape, t.T, [1, 2].count)", "t.nothing"]
        case .localIndex: return ["func f(_ t: Any, _ k: Any) -> Any { let x = t; return x[k] }", "print(f([5, 6], 1), f([[1, 2], [3, 4]], -1), f([5, 6] > 5, 0))", "f([5, 6], 2)"]
        case .tensorItem: return ["let t = [[1, 2], [3, 4]]", "print(t[0], [7, 8][1], t[-1])", "t[2]"]
        case .localPosition: return ["let t = [5, 6, 7]", "for i in 0..<3 { print(t[i], t[i - 3]) }", "for i in 0..<1 { let x = 0.5; t[x] }"]
        case .fewPositions: return ["let m = [[1, 2], [3, 4]]", "print(m[1, 0], m[0, -1], (m > 1)[1], m[0:1, 1])", "m[0, 2]"]
        case .builtinPlan: return ["print(sum([1, 2, 3]), concat([1], [2, 3]), zeros(2, 2))", "concat([1], [[2]])"]
        case .userPlan: return ["func f(_ x: Number, by k: Number = 2) -> Number { return x * k }", "for _ in 0..<2 { print(f(1), f(2, by: 3), f(1, per: 2)) }",
                                "print(f(3))", "f(\"a\")"]
        case .localBinding: return ["func f() -> Any { let a = 1; var b = [1, 2]; b[0] = a; return b }", "print(f())", "func g() { let x = print(1) }", "g()"]
        case .localUpdate: return ["func f() -> Any { var a = 1; a += 2; var t = [1, 2]; t *= 3; t -= [1, 1]; return [a, t[0], t[1]] }", "print(f())",
                                   "func g() { var t = [1, 2]; t += [[1, 2], [3, 4]] }", "g()"]
        case .updateInPlace: return ["var w = [1, 2]", "let u = w", "w += [1, 1]", "w /= 2", "print(w, u)", "w -= [1, 2, 3]"]
        case .scaledUpdate: return ["func f() -> Any { var v = [1, 2]; let u = v; v += 2 * [3, 4]; v -= v * 0.5; return [v, u] }", "print(f())",
                                    "func g() { let v = [1, 2]; v += 2 * [1, 1] }", "g()"]
        case .smallVectors: return ["let X = [[1, 2], [3, 4], [5, 6]]",
                                    "func f(_ X: Tensor) -> Any { var w = zeros(3); for i in 0..<3 { let x = concat([1], X[i]); let y = w @ x; w += (1 - y) * x; w -= x / 4; w *= 2 }; return list(w, w[1], -w, w == w) }",
                                    "print(f(X))", "f(X[0:2])", "func g() { var v = [1, 2]; v += [1, 2, 3] }", "g()"]
        }
    }
}
