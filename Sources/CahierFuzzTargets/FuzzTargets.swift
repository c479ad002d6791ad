import CahierKit
import CahierLearning
import Foundation

/// The properties the fuzzers check, one function per target. Each takes any
/// bytes and returns normally when the property holds; when it does not, it
/// returns the failure (the fuzz driver then stops with it, and the tests
/// replay saved inputs through the same functions). A crash or a hang of
/// Cahier itself is found by the driver.
public enum FuzzTargets {
    public enum Target: String, CaseIterable, Sendable {
        case notebook, language, frontMatter = "front-matter", handIn = "hand-in"
        case csv, npy, npz, png
        case httpHead = "http-head"
        case hostileAnswer = "hostile-answer"
    }

    /// Small limits, so every input ends quickly.
    static let limits = "max-operations: 20000000\nmax-notebook-operations: 100000000\nmax-elements: 100000\nmax-call-depth: 50\nmax-output: 20000\n"

    public static func run(_ target: Target, _ bytes: [UInt8]) -> String? {
        switch target {
        case .notebook: return notebook(bytes)
        case .language: return language(bytes)
        case .frontMatter: return frontMatter(bytes)
        case .handIn: return handIn(bytes)
        case .csv: return csv(bytes)
        case .npy: return npy(bytes)
        case .npz: return npz(bytes)
        case .png: return png(bytes)
        case .httpHead: return httpHead(bytes)
        case .hostileAnswer: return hostileAnswer(bytes)
        }
    }

    /// A notebook parses or is refused; once run and woven it parses again,
    /// every command passes, and weaving it again changes nothing.
    public static func notebook(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 100_000 else { return nil }
        // The fuzzer's own limits go first, so that the input cannot raise them.
        let text = Array("---\n\(limits)---\n".utf8) + bytes
        guard let source = try? SourceLoader.validate(path: "fuzz.md", bytes: text),
              let notebook = try? NotebookParser.parse(source) else { return nil }
        let once = Weaver.weave(NotebookRun(notebook))
        let parsed: Notebook
        do throws(DiagnosticError) {
            parsed = try NotebookParser.parse(try SourceLoader.validate(path: "fuzz.md", bytes: once))
        } catch {
            return "the woven notebook does not parse again: \(error.diagnostics.first?.message ?? "")"
        }
        let again = NotebookRun(parsed)
        if let failing = again.commands.first(where: { !$0.passed }) {
            return "after weaving, the command at line \(failing.command.line) does not pass: \(failing.outcome.lines)"
        }
        if Weaver.weave(again) != once { return "weaving is not a fixed point" }
        return nil
    }

    /// A command parses or is refused; when it runs, it ends within its limits,
    /// and the plain lowering gives the specialised one's output, error and work charge.
    public static func language(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 10_000, let text = String(validating: bytes, as: UTF8.self),
              let program = try? Parser.parse(CommandText(text)) else { return nil }
        var limits = WorkLimits()
        limits.maximumCommandWork = 20_000_000
        limits.maximumElements = 100_000
        limits.maximumCallDepth = 50
        limits.maximumCommandOutput = 20_000
        func run(_ lowering: Lowering) -> (lines: [String], work: Int) {
            let interpreter = Interpreter(context: EvaluationContext(seed: 1, limits: limits, lowering: lowering))
            for setup in ["let x = [[1, 2], [3, 4]]", "var v = [1, 2, 3]", "let p = Perceptron(features: 2)", "func f(_ a: Any) -> Any { return a }"] {
                if let setupProgram = try? Parser.parse(CommandText(setup)) { _ = interpreter.run(setupProgram) }
            }
            let outcome = interpreter.run(program)
            return (outcome.lines, interpreter.context.budget.command)
        }
        let specialised = run(.specialised)
        if specialised.lines.joined().utf8.count > 2 * limits.maximumCommandOutput + 10_000 { return "output over its limit" }
        let plain = run(.plain)
        if plain.lines != specialised.lines || plain.work != specialised.work {
            return "the plain lowering differs: \(plain.work) operations, \(plain.lines.prefix(3)); specialised \(specialised.work), \(specialised.lines.prefix(3))"
        }
        return nil
    }

    /// Front matter is read or refused with diagnostics, never a crash.
    public static func frontMatter(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 10_000 else { return nil }
        let text = Array("---\n".utf8) + bytes + Array("\n---\n```cahier\n> 1\n1\n```\n".utf8)
        guard let source = try? SourceLoader.validate(path: "fuzz.md", bytes: text) else { return nil }
        _ = try? NotebookParser.parse(source)
        return nil
    }

    /// Any hand-in is graded against a small sheet; its reports stay bounded and its XML well formed.
    public static func handIn(_ bytes: [UInt8]) -> String? {
        guard bytes.count <= 100_000, let source = try? SourceLoader.validate(path: "h.md", bytes: bytes) else { return nil }
        let sheetText = "---\n\(limits)---\n```cahier exercise=a points=2\n> let a = [1, 2]\n```\n```cahier check=a visible\n> expect(a[0] == 1, \"first\")\n> expect(sum(a) == 3, \"sum\")\n```\n"
        guard let sheetSource = try? SourceLoader.validate(path: "sheet.md", bytes: Array(sheetText.utf8)),
              let sheet = try? Sheet(try NotebookParser.parse(sheetSource)) else { return "the fuzz sheet does not parse" }
        var events: [Grader.Event] = []
        Grader(sheet: sheet).grade(HandIn(source)) { events.append($0) }
        let result = GradeResult(sheet: sheet, handIn: "h", events: events, stopped: nil)
        let reports = GradeReports.junit(result) + GradeReports.feedback(result) + ((try? GradeReports.gradescope(result)) ?? "")
        if reports.utf8.count > 100_000 { return "reports of \(reports.utf8.count) bytes" }
        if result.total > result.maximum + 1e-9 || result.total < 0 { return "a score of \(result.total) out of \(result.maximum)" }
        return nil
    }
}
