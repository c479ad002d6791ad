extension FunctionParameter.Kind {
    /// Refuses a value that does not bind to this kind, in the one wording a
    /// builtin's argument, a user function's argument or result and a typed
    /// `let` share: "`what` must be a Tensor, got a String", then "; the
    /// signature is …" when there is one. An Int that is not a whole number,
    /// or too large, says so instead.
    func check(_ value: Value, _ subject: @autoclosure () -> WrongKind.Subject, signature: @autoclosure () -> String?) throws {
        if admits(value) { return }
        guard accepts(value) else {
            throw RuntimeError(.wrongKind(WrongKind(subject: subject(), expected: name, got: value.typeName, signature: signature())))
        }
        // Accepted but not admitted: an Int that is not a whole number, or too large; this says which.
        _ = try Coerce.integer(value, Misuse.Subject.kind(subject()))
    }
}
