import CahierKit
import Testing

/// A value of another kind than asked for is a typed reason, worded from the
/// catalogues in the notebook's language; English keeps its wording.
@Suite("Wrong kinds")
struct WrongKindTests {
    @Test("an argument, a result and a typed binding of the wrong kind, in English and in French", arguments: [
        (WrongKind(subject: .argument(function: "sum", name: "x"), expected: "Tensor", got: "String", signature: "sum(_ x: Tensor) -> Tensor"),
         "sum: 'x' must be a Tensor, got a String; the signature is sum(_ x: Tensor) -> Tensor",
         "sum\u{A0}: 'x' doit être de type Tensor, et non de type String\u{202F}; la signature est sum(_ x: Tensor) -> Tensor"),
        (WrongKind(subject: .result(function: "f"), expected: "Int", got: "MLP", signature: nil),
         "f: the value returned must be an Int, got an MLP",
         "f\u{A0}: la valeur renvoyée doit être de type Int, et non de type MLP"),
        (WrongKind(subject: .binding("n"), expected: "Number", got: "List", signature: nil),
         "'n' must be a Number, got a List",
         "'n' doit être de type Number, et non de type List"),
    ])
    func words(wrong: WrongKind, english: String, french: String) {
        #expect(FailureReason.wrongKind(wrong).message(in: .english) == english)
        #expect(FailureReason.wrongKind(wrong).message(in: Language(tag: "fr")) == french)
    }
}
