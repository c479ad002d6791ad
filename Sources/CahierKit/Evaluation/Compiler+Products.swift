import CahierLearning

extension Compiler {
    /// `a @ b.T` and `a.T @ b` (one side transposed), the language's rule for
    /// them: the product computed without forming the transpose, as a linear
    /// layer computes it, so that a loop written this way gives the bits that
    /// `fit` gives (docs/language.md compares them exactly). The `.T` node is
    /// folded into its product: its step is charged where its own closure would
    /// charge it, and for a value autograd follows the charge of its transpose.
    /// An operand that is neither a tensor nor followed by autograd is
    /// transposed by ``Interpreter/member(_:_:)`` and multiplied as `@` is.
    /// Nil when neither or both sides are transposed.
    func transposedProduct(_ left: ResolvedExpression, _ right: ResolvedExpression, _ range: SourceRange) -> CodeCell? {
        let combine = binaryOperator
        let leftBase = left.transposedBase, rightBase = right.transposedBase
        if let rightBase, leftBase == nil {
            let (a, b, memberRange) = (expression(left), expression(rightBase), right.range)
            return CodeCell(run: { i in
                try i.budget.step()
                let x = try a(i)
                try i.budget.step()
                let y = try b(i)
                guard let transposedY = try Compiler.transposable(y, i, memberRange) else {
                    let t = try Compiler.transposed(y, i, memberRange)
                    do { return try combine(.matmul, x, t, i.context) } catch { throw located(error, range) }
                }
                do { return try Operators.matmul(x, transposedY, transposed: .right, i.context) } catch { throw located(error, range) }
            })
        }
        if let leftBase, rightBase == nil {
            let (a, b, memberRange) = (expression(leftBase), expression(right), left.range)
            return CodeCell(run: { i in
                try i.budget.step()
                try i.budget.step()
                let x = try a(i)
                guard let transposedX = try Compiler.transposable(x, i, memberRange) else {
                    let t = try Compiler.transposed(x, i, memberRange)
                    let y = try b(i)
                    do { return try combine(.matmul, t, y, i.context) } catch { throw located(error, range) }
                }
                let y = try b(i)
                do { return try Operators.matmul(transposedX, y, transposed: .left, i.context) } catch { throw located(error, range) }
            })
        }
        return nil
    }

    /// The operand of a product written `x.T` when the product can take it
    /// untransposed: a tensor, or a value autograd follows (charged what its
    /// transpose would be); nil for any other value.
    private static func transposable(_ value: Value, _ i: Interpreter, _ memberRange: SourceRange) throws -> Value? {
        if case .tensor = value { return value }
        guard let v = i.context.tracked(value) else { return nil }
        do { try i.budget.charge(2 * v.value.count) } catch { throw located(error, memberRange) }
        return value
    }

    /// `value.T` by the rule.
    private static func transposed(_ value: Value, _ i: Interpreter, _ memberRange: SourceRange) throws -> Value {
        do { return try i.member(value, "T") } catch { throw located(error, memberRange) }
    }
}

extension ResolvedExpression {
    /// `x` when the expression is `x.T`.
    var transposedBase: ResolvedExpression? {
        if case .member(let base, "T") = kind { return base }
        return nil
    }
}
