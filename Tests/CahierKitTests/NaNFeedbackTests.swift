import CahierLearning
@testable import CahierKit
import Testing

/// A student's NaN fails every comparison; the feedback says that the value is
/// not a number and where it first appears, in the sheet's language.
@Suite("NaN in feedback")
struct NaNFeedbackTests {
    static func side(_ value: Value, fromAnswer: Bool = true) -> CahierKit.Expectation.Compared {
        CahierKit.Expectation.Compared(expression: "w", value: value, fromAnswer: fromAnswer, isLiteral: false, digits: 6)
    }

    @Test("where a value first holds a NaN: [] for a number, the row-major index for a tensor, nil without one")
    func firstNaN() throws {
        // Row-major: element 4 of a 2 × 3 tensor is at row 1, column 1.
        let matrix = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, .nan, .nan])
        let vector = try Tensor(shape: [3], scalars: [1, .nan, 2])
        let infinite = try Tensor(shape: [3], scalars: [1, .infinity, 2])
        #expect(Self.side(.tensor(matrix)).firstNaN == [1, 1])
        #expect(Self.side(.tensor(vector)).firstNaN == [1])
        #expect(Self.side(.number(.nan)).firstNaN == [])
        #expect(Self.side(.tensor(infinite)).firstNaN == nil)
        #expect(Self.side(.number(0.5)).firstNaN == nil)
    }

    @Test("the feedback names the NaN under the value, in English and in French")
    func worded() throws {
        let weights = try Tensor(shape: [3], scalars: [.nan, .nan, .nan])
        let comparison = CahierKit.Expectation.Comparison(operation: "==", left: Self.side(.tensor(weights)),
                                                right: .init(expression: "[-3, 2, 1]", value: "[-3, 2, 1]", shape: [3], fromAnswer: false, isLiteral: true),
                                                firstFailure: [0], valuesThere: [.nan, -3])
        let expectation = CahierKit.Expectation(message: "m", comparisons: [comparison])
        let english = expectation.feedback().map(\.plain)
        // The value, and the NaN at the first failing place: a line saying the values differ there would add nothing.
        #expect(english.count == 2)
        #expect(english[1].hasPrefix("w holds nan, not a number, first at [0]: "))
        let french = expectation.feedback(in: Language(tag: "fr")).map(\.plain)
        #expect(french[1].hasPrefix("w contient nan, «\u{A0}not a number\u{A0}», d'abord en [0]\u{A0}: "))
        // A number that is NaN has no place to name.
        let number = CahierKit.Expectation(message: "m", comparisons: [.init(operation: "<", left: Self.side(.number(.nan)), right: Self.side(.number(1e-12)))])
        #expect(number.feedback().map(\.plain).contains { $0.hasPrefix("w is nan, not a number: ") })
    }

    @Test("a hidden check's expected side keeps its NaN to itself, as it keeps its value")
    func hidden() {
        let comparison = CahierKit.Expectation.Comparison(operation: "==", left: Self.side(.number(.nan)), right: Self.side(.number(.nan), fromAnswer: false))
        let shown = CahierKit.Expectation(message: "m", comparisons: [comparison]).visible(everything: false)
        #expect(shown.comparisons[0].left.firstNaN == [])
        #expect(shown.comparisons[0].right.firstNaN == nil)
        #expect(shown.feedback().map(\.plain).filter { $0.contains("nan, not a number") }.count == 1)
    }
}
