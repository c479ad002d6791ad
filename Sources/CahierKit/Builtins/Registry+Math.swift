import CahierLearning
import Foundation

extension Registry {
    /// An element-wise function: a number gives a number, a tensor a tensor.
    /// On a tensor autograd follows, `recorded` computes it with its derivative.
    private static func elementWise(
        _ name: String, summary: String, example: [String], _ f: @escaping @Sendable (Double) -> Double,
        recorded: @escaping @Sendable (Variable) throws -> Variable
    ) -> Builtin {
        Builtin(name, [.positional("x", .tensor)], returns: "Tensor", topic: "Element-wise functions", summary: summary, example: example) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try recorded(v)) }
            switch try arguments.value("x") {
            case .number(let x): return .number(f(x))
            default: return .tensor(try arguments.tensor("x").map(f))
            }
        }
    }

    static let mathBuiltins: [Builtin] = [
        elementWise("exp", summary: "e raised to each element.", example: ["> exp(0)", "1"], { Foundation.exp($0) }) { try $0.exp() },
        elementWise("log", summary: "The natural logarithm of each element; log(0) is -inf and a negative number gives nan.",
                    example: ["> log([1, 0])", "[0, -inf]"], { Foundation.log($0) }) { try $0.log() },
        elementWise("sqrt", summary: "The square root of each element; a negative number gives nan.",
                    example: ["> sqrt([4, 2])", "[2, 1.41421]"], { $0.squareRoot() }) { try $0.squareRoot() },
        elementWise("abs", summary: "The absolute value of each element; under autograd its derivative at 0 is 0, as PyTorch's.",
                    example: ["> abs([-2, 3])", "[2, 3]"], { Swift.abs($0) }) { try $0.magnitude() },
    ]

    static let outputBuiltins: [Builtin] = [
        Builtin(
            "print", [.variadic("values", .any), .labeled("digits", .integer, optional: true)], returns: "Void", topic: "Output and checks",
            summary: "Writes its arguments, separated by spaces; strings are written without quotes, numbers with `digits` significant digits (the front matter's `digits`, 6 by default).",
            example: ["> print(\"n =\", 3)", "n = 3", "> print(20.000000002, digits: 12)", "20.000000002"]
        ) { context, arguments in
            let digits = try arguments.optionalInteger("digits") ?? context.digits
            guard (1...Display.maximumDigits).contains(digits) else { throw RuntimeError(.within(.parameter(function: "print", name: "digits"), low: 1, high: Display.maximumDigits, got: String(digits))) }
            try context.print(arguments.variadic.map { Display.printed($0, digits: digits) }.joined(separator: " "))
            return .void
        },
        Builtin(
            "todo", [.positional("exercise", .string)], returns: "Void", topic: "Output and checks",
            summary: "Stands for a solution in a student's sheet: always fails with \"exercise ID is not done yet\".",
            example: ["> todo(\"ex1\")", "error: exercise ex1 is not done yet"]
        ) { _, arguments in
            throw RuntimeError(.notDone(exercise: try arguments.string("exercise")))
        },
        Builtin(
            "expect", [.positional("condition", .any), .positional("message", .string), .labeled("points", .number, optional: true)],
            returns: "Void", topic: "Output and checks",
            summary: "Does nothing when the condition holds (a Bool, or a comparison of tensors that holds for every element); otherwise the command fails with the message.",
            details: "The failure shows as the command's output `error: expectation failed: MESSAGE`, which `cahier check` reports unless the notebook expects it. When the condition compares a name an answer bound (or a member of one) with something, the failure adds its value: `(you gave epochs = 20)`; names the sheet defines and any other expression are never shown. In a check block of an exercise sheet each expect scores: `points:` (a number literal) gives its share, or the exercise's points are shared out equally.",
            example: ["> expect(1 + 1 == 2, \"arithmetic works\")", "> expect([1, 2] * 2 == [2, 4], \"every element doubles\")"]
        ) { _, arguments in
            let holds: Bool
            switch try arguments.value("condition") {
            case .bool(let b): holds = b
            case .mask(let m): holds = m.scalars.allSatisfy { $0 != 0 }
            case let other: throw RuntimeError(.notA(.item(function: "expect", .condition), .condition, got: .type(other.typeName)))
            }
            guard holds else {
                throw RuntimeError(.expectationFailed(Expectation(message: try arguments.string("message"))))
            }
            return .void
        },
    ]
}
