extension FunctionParameter.Kind {
    /// Refuses a value that does not bind to this kind, in the one wording a
    /// builtin's argument, a user function's argument or result and a typed
    /// `let` share: "`what` must be a Tensor, got a String", then "; the
    /// signature is …" when there is one. An Int that is not a whole number,
    /// or too large, says so instead.
    func check(_ value: Value, _ what: @autoclosure () -> String, signature: @autoclosure () -> String?) throws {
        if admits(value) { return }
        guard accepts(value) else {
            let shown = signature().map { "; the signature is " + $0 } ?? ""
            throw RuntimeError("\(what()) must be \(article(name)), got \(article(value.typeName))" + shown)
        }
        // Accepted but not admitted: an Int that is not a whole number, or too large; this says which.
        _ = try Coerce.integer(value, what())
    }
}
