@testable import CahierKit
import Testing

/// Resolution makes a tree of its own (``ResolvedProgram``), the only one the
/// compiler takes: every name in it has its place, a global of the notebook or
/// a slot of the running frame. Checked on the tree itself (slots derived by
/// hand from the order names are met) and by running small programs whose
/// values depend on each name reaching the right slot.
@Suite("Resolved program")
struct ResolvedProgramTests {
    /// Every name of a resolved tree in the order written, a binding's name
    /// before its value: `name@g3` for a global in slot 3 of the notebook,
    /// `name@l1` for slot 1 of the frame.
    static func places(_ statements: [ResolvedStatement]) -> [String] {
        statements.flatMap { statement -> [String] in
            switch statement.kind {
            case .expression(let e): return places(e)
            case .binding(let binding): return [place(binding.name)] + places(binding.value)
            case .assignment(let target, _, let value): return places(target) + places(value)
            case .function(let declaration):
                return [place(declaration.name)]
                    + declaration.parameters.flatMap { ["\($0.name.text)@l\($0.name.place)"] + ($0.defaultValue.map(places) ?? []) }
                    + places(declaration.body)
            case .ifElse(let condition, let then, let otherwise): return places(condition) + places(then) + places(otherwise ?? [])
            case .forIn(let variable, let sequence, let body): return ["\(variable.text)@l\(variable.place)"] + places(sequence) + places(body)
            case .whileLoop(let condition, let body): return places(condition) + places(body)
            case .returnValue(let value): return value.map(places) ?? []
            case .noGrad(let body): return places(body)
            case .breakLoop, .continueLoop: return []
            }
        }
    }

    static func place(_ name: BoundName<Resolved.Place>) -> String {
        switch name.place {
        case .global(let slot): return "\(name.text)@g\(slot)"
        case .local(let slot): return "\(name.text)@l\(slot)"
        }
    }

    static func places(_ expression: ResolvedExpression) -> [String] {
        if case .name(let name) = expression.kind {
            switch name {
            case .global(let slot, let text): return ["\(text)@g\(slot)"]
            case .local(let slot, let text): return ["\(text)@l\(slot)"]
            }
        }
        return expression.children.flatMap(places)
    }

    /// The commands resolved one after another against one notebook's names.
    static func resolve(_ commands: [String]) throws -> [ResolvedProgram] {
        let globals = Globals()
        return try commands.map { Resolver.resolve(try Parser.parse(CommandText($0)), globals: globals) }
    }

    @Test("resolution places every name: globals at the top, slots of the frame in blocks, loops and functions")
    func placesByHand() throws {
        let resolved = try Self.resolve([
            "let a = 1; if a > 0 { let b = a; for i in 0..<2 { let c = i + b } }; a",
            "func f(_ x: Number, y: Number = a) -> Number { let z = x + y; return z * w }",
            "for a in [1, 2] { let a = a * 2 }",
        ])
        // a is the notebook's first name (slot 0); b, i and c take the command's frame slots in the order declared.
        #expect(Self.places(resolved[0].statements) == ["a@g0", "a@g0", "b@l0", "a@g0", "i@l1", "c@l2", "i@l1", "b@l0", "a@g0"])
        #expect(resolved[0].frameSize == 3)
        // f is the second name of the notebook; its parameters are the first slots of its own frame, then z;
        // a default is read where f is declared (the global a), and w, never bound, is the third name.
        #expect(Self.places(resolved[1].statements) == ["f@g1", "x@l0", "y@l1", "a@g0", "z@l2", "x@l0", "y@l1", "z@l2", "w@g2"])
        #expect(resolved[1].frameSize == 0)
        guard case .function(let f) = resolved[1].statements.first?.kind else {
            Issue.record("the second command declares a function")
            return
        }
        #expect(f.frameSize == 3)
        // The loop's a (slot 0) shadows the global; the body's `let a` is a new slot (1) whose value reads the loop's.
        #expect(Self.places(resolved[2].statements) == ["a@l0", "a@l1", "a@l0"])
        #expect(resolved[2].frameSize == 2)
    }

    /// The expressions of a tree written back as source, in the order written, in either phase.
    static func texts<Phase>(_ statements: [Syntax<Phase>.Statement]) -> [String] {
        statements.flatMap { statement -> [String] in
            switch statement.kind {
            case .expression(let e): return [e.sourceText]
            case .binding(let binding): return [binding.name.text, binding.value.sourceText]
            case .assignment(let target, let op, let value): return [target.sourceText, op?.rawValue ?? "=", value.sourceText]
            case .function(let declaration):
                return [declaration.name.text] + declaration.parameters.flatMap { [$0.name.text] + ($0.defaultValue.map { [$0.sourceText] } ?? []) }
                    + texts(declaration.body)
            case .ifElse(let condition, let then, let otherwise): return [condition.sourceText] + texts(then) + ["else"] + texts(otherwise ?? [])
            case .forIn(let variable, let sequence, let body): return [variable.text, sequence.sourceText] + texts(body)
            case .whileLoop(let condition, let body): return [condition.sourceText] + texts(body)
            case .returnValue(let value): return ["return"] + (value.map { [$0.sourceText] } ?? [])
            case .noGrad(let body): return ["noGrad"] + texts(body)
            case .breakLoop: return ["break"]
            case .continueLoop: return ["continue"]
            }
        }
    }

    @Test("resolution keeps each command's shape: every kind of node writes back the same source resolved as parsed")
    func shapeKept() throws {
        let commands = [
            "let m = [[1, 2], [3, 4]]; m[0, 0:1] + m[1, :].sum() * (m.T @ m)[1, 0]",
            "var s = 0; for k in 0..<3 { s += k > 1 ? k ** 2 : -k }; s",
            "func g(_ t: Tensor, by k: Number = 2) -> Tensor { if !(k == 2) || k != 3 { return t / k } else { return t % k } }",
            "var n = 0; while n < 3 { n = n + 1; if n == 2 { continue }; if n > 5 { break } }; noGrad { n -= 1 }; [n, 1...2]",
        ]
        for (command, resolved) in zip(commands, try Self.resolve(commands)) {
            let parsed = try Parser.parse(CommandText(command))
            let written = Self.texts(parsed.statements)
            #expect(written.count >= 3, "\(command)")
            #expect(Self.texts(resolved.statements) == written)
            #expect(resolved.statements.map(\.range) == parsed.statements.map(\.range))
        }
    }

    /// The values a program shows and prints, one entry per command (its transcript lines joined by " | ").
    static func run(_ commands: [String], _ lowering: Lowering) -> [String] {
        PlainPathTests.run(commands, lowering).map { $0.lines.joined(separator: " | ") }
    }

    @Test("shadowed names and loop variables read and write their own slots, on either path", arguments: [
        // Inside the block, `let x = x + 1` reads the global x (10) and binds a local: 11 printed, the global still 10.
        (["let x = 10", "if true { let x = x + 1; print(x) }", "x"], ["", "11", "10"]),
        // The loop's i is its own: 0 + 1 + 2 + 3 = 6, and the global i is still 100 after the loop.
        (["let i = 100", "var s = 0", "for i in 0..<4 { s += i }", "s", "i"], ["", "", "", "6", "100"]),
        // Nested loops over one name: the inner k (0…4, sum 10) does not overwrite the outer one (0, 1, 2):
        // 3 · 10 + 10 · (0 + 1 + 2) = 60 (one shared slot would give 3 · 10 + 10 · 4 · 3 = 150).
        (["var t = 0", "for k in 0..<3 { for k in 0..<5 { t += k }; t += 10 * k }", "t"], ["", "", "60"]),
        // A parameter shadows a global of its name: g(3) = 3 · 2 + 1 = 7; the global y is still 5.
        (["let y = 5", "func g(_ y: Number) -> Number { let z = y * 2; return z + 1 }", "g(3)", "y"], ["", "", "7", "5"]),
        // A global is read by its slot when the function runs, so one bound after the declaration is seen: 41 + 1.
        (["func h() -> Number { return later + 1 }", "let later = 41", "h()"], ["", "", "42"]),
        // A recursive function reads its own global slot: 5! = 120.
        (["func fact(_ n: Number) -> Number { return n <= 1 ? 1 : n * fact(n - 1) }", "fact(5)"], ["", "120"]),
        // A local rebinding in a loop's body shadows the loop's name: 2·1 + 2·2 + 2·3 = 12.
        (["var u = 0", "for a in [1, 2, 3] { let a = a * 2; u += a }", "u"], ["", "", "12"]),
    ] as [([String], [String])], [Lowering.specialised, .plain])
    func shadowing(example: (commands: [String], shown: [String]), lowering: Lowering) {
        #expect(Self.run(example.commands, lowering) == example.shown)
    }

    @Test("an unknown name is the same error at the same line and column, at the top, in a block and in a function", arguments: [
        // "known + " is 8 characters: nope starts at column 9.
        (["let known = 2", "known + nope"], "nope", 9),
        // A name bound in a block is the block's: after it, q is unknown (column 1 of the command).
        (["if true { let q = 1 }", "q"], "q", 1),
        // "func f() -> Number { return " is 28 characters: missing starts at column 29 of f's own line.
        (["func f() -> Number { return missing * 2 }", "f()"], "missing", 29),
    ] as [([String], String, Int)], [Lowering.specialised, .plain])
    func unknownName(example: (commands: [String], name: String, column: Int), lowering: Lowering) throws {
        let interpreter = Interpreter(context: EvaluationContext(seed: 1, lowering: lowering))
        var outcome = CommandOutcome()
        for command in example.commands { outcome = interpreter.run(try Parser.parse(CommandText(command))) }
        let error = try #require(outcome.error)
        guard case .unknownName(let name, _) = error.reason else {
            Issue.record("not an unknown name: \(error.reason)")
            return
        }
        #expect(name == example.name)
        #expect(error.message.hasPrefix("unknown name '\(example.name)'"))
        #expect(error.range?.start == SourcePosition(line: 1, column: example.column))
    }
}
