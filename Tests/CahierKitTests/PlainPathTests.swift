@testable import CahierKit
import CahierFuzzTargets
import CahierLearning
import Foundation
import Testing

/// The specialised lowering against the plain one (``Lowering``): the same
/// programs run both ways must print the same lines, fail with the same
/// errors and be charged the same work, command by command.
@Suite("Plain path")
struct PlainPathTests {
    /// What one command gave: its transcript lines and the operations it was charged.
    struct Step: Equatable, CustomStringConvertible {
        var lines: [String]
        var work: Int
        var description: String { "\(work) operations: \(lines)" }
    }

    /// Runs `commands` in one session lowered by `lowering`; a command that does not parse is left out.
    static func run(_ commands: [String], _ lowering: Lowering, limits: WorkLimits = WorkLimits()) -> [Step] {
        let interpreter = Interpreter(context: EvaluationContext(seed: 7, limits: limits, lowering: lowering))
        return interpreter.batch {
            commands.compactMap { text in
                guard let program = try? Parser.parse(CommandText(text)) else { return nil }
                let outcome = interpreter.run(program)
                return Step(lines: outcome.lines, work: interpreter.context.budget.command)
            }
        }
    }

    /// The commands of a notebook run by `lowering`.
    static func run(_ notebook: Notebook, _ lowering: Lowering) -> [Step] {
        NotebookRun(notebook, lowering: lowering).commands.map { Step(lines: $0.outcome.lines, work: $0.work) }
    }

    /// Compares two runs command by command, naming the first that differs.
    static func expectSame(_ specialised: [Step], _ plain: [Step], _ what: String, commands: [String]? = nil) {
        #expect(specialised.count == plain.count, "\(what): \(specialised.count) commands against \(plain.count)")
        for (k, (a, b)) in zip(specialised, plain).enumerated() where a != b {
            Issue.record("\(what), command \(k + 1) \(commands.map { "(\($0[k]))" } ?? ""): specialised \(a), plain \(b)")
            return
        }
    }

    @Test("each specialisation's witness gives the plain path's outputs, errors and work", arguments: Specialisation.allCases)
    func witness(specialisation: Specialisation) {
        let commands = specialisation.witness
        let specialised = Self.run(commands, .specialised)
        #expect(specialised.count == commands.count, "every witness command parses")
        #expect(specialised.contains { !$0.lines.isEmpty && !$0.lines[0].hasPrefix("error:") }, "the witness shows a value")
        #expect(!specialisation.rule.isEmpty)
        Self.expectSame(specialised, Self.run(commands, .plain), specialisation.rawValue, commands: commands)
    }

    @Test("reading one element charges one element, of a tensor or a mask, on either path", arguments: [Lowering.specialised, .plain])
    func elementCharge(lowering: Lowering) {
        // `t[0]`: three steps (the index, the name, the literal 0) of 1,000 operations, and the one element read.
        let commands = ["let t = [5, 6]", "let m = [5, 6] > 5", "t[0]", "m[0]", "func f(_ u: Tensor) -> Number { return u[1] }", "f(t)",
                        "var x = [[1, 2], [3, 4]]", "x[1, 0]", "x[1, 0] = 9"]
        let steps = Self.run(commands, lowering)
        #expect(steps[2] == Step(lines: ["5"], work: 3001))
        #expect(steps[3] == Step(lines: ["0"], work: 3001))  // a mask's element shows as 0 or 1
        // f(t): the call, the name t; in f, the statement, the index, u and 1; the element.
        #expect(steps[5] == Step(lines: ["6"], work: 6001))
        // x[1, 0]: the index, x, 1 and 0; one element.
        #expect(steps[7] == Step(lines: ["3"], work: 4001))
        // x[1, 0] = 9: the statement, 9, x (read to see whether it is a parameter), 1 and 0; the element read, then written.
        #expect(steps[8] == Step(lines: [], work: 5002))
    }

    @Test("the differences the plain path found stay mended, on either path", arguments: [Lowering.specialised, .plain])
    func mended(lowering: Lowering) {
        let commands = ["let a = [[1, 2], [3, 4]]", "a @ a.T",
                        "let lin = Linear(weight: [[1, 2]], bias: [0])", "noGrad { for k in 0..<1 { let p = lin.weight; p *= 2 } }", "lin.weight.value"]
        let steps = Self.run(commands, lowering)
        // a @ a.T: four steps (the product, a, the .T, a) and the product's 2·2·2 multiply-adds and 2·2 results.
        #expect(steps[1] == Step(lines: ["[[ 5, 11],", " [11, 25]]"], work: 4012))
        // A parameter held by a local `let` changes in place, as one held by a global does: (1, 2)·2.
        #expect(steps[3].lines.isEmpty)
        #expect(steps[4].lines == ["[[2, 4]]"])
    }

    static let fixtures = Support.root.appendingPathComponent("Tests/Fixtures")

    @Test("every fixture runs the same both ways", arguments: ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted())
    func fixture(name: String) throws {
        let path = Self.fixtures.appendingPathComponent(name).appendingPathComponent("input.md").path
        guard let bytes = FileManager.default.contents(atPath: path),
              let notebook = try? NotebookParser.parse(try SourceLoader.validate(path: path, bytes: Array(bytes))) else {
            return  // refused before it runs (the fixture of a syntax or front-matter error): neither path is reached
        }
        Self.expectSame(Self.run(notebook, .specialised), Self.run(notebook, .plain), name)
    }

    @Test("course notebooks and the language page run the same both ways", arguments: [
        "notebooks/00b-tensor-arithmetic.md", "notebooks/02-perceptron.md", "notebooks/03-boolean-functions.md",
        "notebooks/06-gradient-descent.md", "notebooks/exercises/04-training-loop.md", "docs/language.md",
    ])
    func course(path: String) throws {
        let full = Support.root.appendingPathComponent(path).path
        let bytes = try #require(FileManager.default.contents(atPath: full))
        let notebook = try NotebookParser.parse(try SourceLoader.validate(path: full, bytes: Array(bytes)))
        let specialised = Self.run(notebook, .specialised)
        #expect(specialised.count > 10)
        Self.expectSame(specialised, Self.run(notebook, .plain), path)
    }

    @Test("hundreds of random programs run the same both ways", arguments: [1, 2, 3] as [UInt64])
    func randomPrograms(seed: UInt64) {
        var generator = RandomPrograms(seed: seed)
        let programs = (0..<150).map { _ in generator.next() }
        var limits = WorkLimits()
        limits.maximumCommandWork = 20_000_000
        limits.maximumElements = 100_000
        limits.maximumCallDepth = 50
        let commands = RandomPrograms.setup + programs
        let specialised = Self.run(commands, .specialised, limits: limits)
        let ran = specialised.dropFirst(RandomPrograms.setup.count)
        // Not vacuous: most programs parse, some fail and some show a value.
        #expect(ran.count > 100)
        #expect(ran.contains { $0.lines.first?.hasPrefix("error:") == true })
        #expect(ran.contains { !$0.lines.isEmpty && $0.lines.first?.hasPrefix("error:") == false })
        let parsed = commands.filter { (try? Parser.parse(CommandText($0))) != nil }
        Self.expectSame(specialised, Self.run(commands, .plain, limits: limits), "seed \(seed)", commands: parsed)
    }
}
