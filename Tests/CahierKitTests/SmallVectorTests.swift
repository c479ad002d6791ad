@testable import CahierKit
import CahierLearning
import Foundation
import Testing

/// Short vectors held inline (``SmallVector``, ``Specialisation/smallVectors``):
/// programs on vectors of 0 to 5 numbers, straddling the inline limit of 4, must
/// print the same text and be charged the same work as on the plain path, which
/// never makes an inline vector (every vector there is an ordinary tensor).
@Suite("Small vectors")
struct SmallVectorTests {
    typealias Step = PlainPathTests.Step

    /// Runs `commands` both ways and compares them command by command; returns the specialised run.
    @discardableResult
    static func same(_ commands: [String], _ what: String, limits: WorkLimits = WorkLimits()) -> [Step] {
        let specialised = PlainPathTests.run(commands, .specialised, limits: limits)
        #expect(specialised.count == commands.count, "\(what): every command parses")
        PlainPathTests.expectSame(specialised, PlainPathTests.run(commands, .plain, limits: limits), what, commands: commands)
        return specialised
    }

    /// A perceptron-like loop on rows of `n` columns: every operator on short
    /// vectors and each way one leaves a specialised step (display, `==`, shape,
    /// count, a list, a builtin, a function with a `Tensor` parameter).
    static func program(columns n: Int) -> [String] {
        [
            "let X = reshape(range(3 * \(n)), 3, \(n)) / 2 - 1",
            "func g(_ t: Tensor) -> Tensor { return t * 10 }",
            """
            func f(_ X: Tensor) -> Any {
              var w = zeros(\(n) + 1)
              var out = []
              for i in 0..<3 {
                let x = concat([1], X[i])
                let r = X[i]
                let d = w @ x
                w += (d - 1.5) * x
                w -= x * 0.25
                w *= 2
                w /= 3
                w += x
                w -= 1
                let s = r + r
                let p = 2 * r - r / 4
                out.append(s)
                out.append(p)
                out.append(r @ r)
                out.append(x[0])
                out.append(x[-1])
                out.append(x == x)
                out.append(x > 0)
                out.append(sum(x))
                out.append(softmax(x))
                out.append(x.shape)
                out.append(x.count)
                out.append(g(x))
                out.append(concat(r, [7], r))
                out.append(r / 0)
              }
              out.append(w)
              return out
            }
            """,
            "print(f(X))",
            "f(X)[0]",
        ]
    }

    @Test("a loop on rows of 0 to 5 numbers prints and charges what the plain path does", arguments: 0...5)
    func loop(columns: Int) {
        let steps = Self.same(Self.program(columns: columns), "rows of \(columns)")
        #expect(steps.count == 5)
        for k in [3, 4] {
            let first = steps[k].lines.first ?? "error: nothing shown"
            #expect(!first.hasPrefix("error:"), "the program runs: \(first)")
        }
    }

    @Test("−0, NaN and ±inf in short vectors print and compare as in tensors")
    func specialValues() {
        let commands = [
            """
            func f() -> Any {
              let z = concat([0], [-1]) * 0
              let n = concat([0, 1], [-1]) / 0
              var w = [1, 2, 3]
              w *= n
              let eq = n == n
              return list(z, n, w, eq, n @ n, z @ z, -z, z[1], 1 / z[1], 1 / z, 1 / -z)
            }
            """,
            "print(f())",
        ]
        let steps = Self.same(commands, "special values")
        // [0, -1]·0 = [0, -0]; [0, 1, -1]/0 = [nan, inf, -inf]; [1, 2, 3]·n = [nan, inf, -inf];
        // nan == nan is false, inf == inf true; n@n = nan + inf + inf = nan; z@z = 0 + 0 = 0.
        // −0 is shown as 0; its sign shows in 1 / −0 = −inf: 1/z = [inf, −inf], 1/−z = [−inf, inf].
        #expect(steps[1].lines == ["[[0, 0], [nan, inf, -inf], [nan, inf, -inf], [0, 1, 1], nan, 0, [0, 0], 0, -inf, [inf, -inf], [-inf, inf]]"])
    }

    @Test("a dot product of short vectors sums from the left, as the tensor path does")
    func dotOrder() {
        // 1 + 1e16 rounds to 1e16 (a tie, to the even neighbour), then 1e16 − 1e16 = 0;
        // summed as 1 + (1e16 − 1e16) it would be 1.
        let commands = ["func f() -> Number { let a = [1, 10 ** 16, -(10 ** 16)]; let b = [1, 1, 1]; return concat(a) @ b }", "f()"]
        let steps = Self.same(commands, "dot order")
        #expect(steps[1].lines == ["0"])
    }

    @Test("a short vector leaves the specialised steps as the tensor it stands for")
    func boundaries() {
        let commands = [
            "func f() -> Any { let x = concat([1], [2, 3]); return x }",
            "f()", "f() == [1, 2, 3]", "f().shape", "f().count",
            "func h() -> Any { var l = []; var v = [4, 5]; l.append(v); v += 1; l.append(v); return l }",
            "h()",
            "func e() { let x = concat([1], [2, 3]); expect(x == [1, 2, 4]) }",
            "e()",
            "func k(_ t: Tensor) -> Tensor { return t }",
            "func m() -> Any { let x = [1, 2] * 3; return k(x) + sum(x) }",
            "m()",
            "func i() -> Any { var v = [1, 2]; v[0] = 9; return v }",
            "i()",
        ]
        let steps = Self.same(commands, "boundaries")
        #expect(steps[1].lines == ["[1, 2, 3]"])
        #expect(steps[2].lines == ["[1, 1, 1]"])
        #expect(steps[3].lines == ["[3]"])
        #expect(steps[4].lines == ["3"])
        // The list keeps the vector as it was appended; the later update changes only the local.
        #expect(steps[6].lines == ["[[4, 5], [5, 6]]"])
        #expect(steps[8].lines.first?.hasPrefix("error:") == true, "the expectation fails: \(steps[8].lines)")
        // [3, 6] + 9 = [12, 15].
        #expect(steps[11].lines == ["[12, 15]"])
        #expect(steps[13].lines == ["[9, 2]"])
    }

    @Test("a short vector's errors and the limits are the tensor's")
    func errors() {
        let commands = [
            "func a() { let x = concat([1], [2]); let y = x @ [1, 2, 3] }", "a()",
            "func b() { var v = [1, 2]; v += [1, 2, 3] }", "b()",
            "func c() { let x = [1, 2]; let y = x[2] }", "c()",
            "func d() { let x = concat([1], [[2]]) }", "d()",
        ]
        let steps = Self.same(commands, "errors")
        for k in stride(from: 1, to: commands.count, by: 2) {
            #expect(steps[k].lines.first?.hasPrefix("error:") == true, "\(commands[k - 1]) fails")
        }
        var limits = WorkLimits()
        limits.maximumElements = 2
        let limited = Self.same(["func f() -> Any { return concat([1], [2], [3]) }", "f()"], "element limit", limits: limits)
        #expect(limited[1].lines.first?.hasPrefix("error:") == true)
    }

    @Test("the W6 perceptron notebook gives CPython's weights, the same both ways")
    func perceptronNotebook() throws {
        let path = Support.root.appendingPathComponent("benchmarks/language/W6-perceptron.md").path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let notebook = try NotebookParser.parse(try SourceLoader.validate(path: path, bytes: Array(bytes)))
        let specialised = PlainPathTests.run(notebook, .specialised)
        PlainPathTests.expectSame(specialised, PlainPathTests.run(notebook, .plain), "W6")
        // The weights benchmarks/language.py computes with CPython's lists and with NumPy.
        #expect(specialised.last?.lines == ["[[-3, 2, 1], [-1, 1, 1], [2, -2, -1], [0, -1, 0]]"])
    }

    @Test("a short vector inline makes no value bigger: it fits in the largest other payload, a list")
    func layout() {
        #expect(MemoryLayout<SmallVector>.size <= MemoryLayout<List>.size)
        #expect(MemoryLayout<Value>.size <= MemoryLayout<List>.size + 1)
        #expect(MemoryLayout<Value>.stride <= 40)
    }

    /// What a fast path gave: the value as shown, whether it stayed inline, and the operations charged.
    struct Outcome: Equatable {
        var lines: [String]
        var inline: Bool
        var work: Int
    }

    /// `run` in a fresh interpreter: its value (or error) and the operations charged.
    static func outcome(_ run: (Interpreter) throws -> Value) -> Outcome {
        let interpreter = Interpreter(context: EvaluationContext(seed: 7, lowering: .specialised))
        let before = interpreter.context.budget.command
        do {
            let value = try run(interpreter)
            return Outcome(lines: Display.lines(value.widened), inline: value.isSmall, work: interpreter.context.budget.command - before)
        } catch {
            return Outcome(lines: ["error: \(RuntimeError.from(error).message)"], inline: false, work: interpreter.context.budget.command - before)
        }
    }

    static let operands: [[Double]] = [[], [2], [1, -0.0], [1.5, -2, 4], [0.1, 0.2, 0.3, 1e300], [1, 2, 3, 4, 5]]

    @Test("every operator on inline vectors gives the tensor path's value and charge, and keeps short results inline",
          arguments: [BinaryOperator.add, .subtract, .multiply, .divide, .matmul, .less, .equal, .power])
    func operators(op: BinaryOperator) {
        let range = SourceRange(at: .init(line: 1, column: 1))
        for a in Self.operands {
            for b in Self.operands {
                let pairs: [(Value, Value, Value, Value)] = [
                    (.tensor(Tensor(vector: a)), .tensor(Tensor(vector: b)), Self.inline(a), Self.inline(b)),
                    (.tensor(Tensor(vector: a)), .number(3), Self.inline(a), .number(3)),
                    (.number(-0.5), .tensor(Tensor(vector: b)), .number(-0.5), Self.inline(b)),
                    (.tensor(Tensor(vector: a)), .tensor(Tensor(vector: b)), .tensor(Tensor(vector: a)), Self.inline(b)),
                ]
                for (x, y, smallX, smallY) in pairs {
                    let plain = Self.outcome { i in try Operators.binary(op, x, y, i.context) }
                    let fast = Self.outcome { i in try Compiler.apply(op, smallX, smallY, i, range, keep: true) }
                    #expect(fast.lines == plain.lines && fast.work == plain.work, "\(op.rawValue) of \(a), \(b): \(fast) against \(plain)")
                    // A result of + - * / stays inline when its operands are inline vectors of one length (not
                    // broadcast) or an inline vector and a number.
                    let inlineOperands = (smallX.isSmall && smallY.isSmall && a.count == b.count) || (smallX.isSmall && smallY.isNumber) || (smallX.isNumber && smallY.isSmall)
                    if Arithmetic(op) != nil, inlineOperands, !plain.lines[0].hasPrefix("error") { #expect(fast.inline, "\(op.rawValue) of \(a), \(b)") }
                }
            }
        }
    }

    @Test("op= on an inline vector changes it in place, with the tensor path's value and charge", arguments: [BinaryOperator.add, .subtract, .multiply, .divide, .matmul])
    func compound(op: BinaryOperator) {
        for a in Self.operands {
            for b in Self.operands {
                for (value, smallValue) in [(Value.tensor(Tensor(vector: b)), Self.inline(b)), (.number(0.5), .number(0.5))] {
                    let plain = Self.outcome { i in var held = Value.tensor(Tensor(vector: a)); try Operators.compound(op, &held, value, i.context); return held }
                    let fast = Self.outcome { i in var held = Self.inline(a); try Operators.specialisedCompound(op, &held, smallValue, i.context); return held }
                    #expect(fast.lines == plain.lines && fast.work == plain.work, "\(op.rawValue)= of \(a), \(b): \(fast) against \(plain)")
                    // Inline when a held inline vector meets one of its length or a number (a broadcast widens it).
                    let sameLength = smallValue.isNumber || (smallValue.isSmall && a.count == b.count)
                    if Arithmetic(op) != nil, a.count <= SmallVector.capacity, sameLength, !plain.lines[0].hasPrefix("error") {
                        #expect(fast.inline, "\(op.rawValue)= of \(a), \(b)")
                    }
                }
            }
        }
    }

    /// The vector inline when it is short enough, else the tensor.
    static func inline(_ values: [Double]) -> Value {
        let t = Tensor(vector: values)
        return SmallVector(t).map(Value.small) ?? .tensor(t)
    }
}

extension Value {
    var isNumber: Bool { if case .number = self { true } else { false } }
}
