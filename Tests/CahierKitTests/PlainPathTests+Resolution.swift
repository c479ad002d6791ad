@testable import CahierKit
import CahierFuzzTargets
import Foundation
import Testing

/// The branches the compiler no longer has (a name looked up at run time, a
/// binding or a loop's name without a place) are unreachable because the
/// resolver leaves no name unresolved: checked here on the course's commands
/// and on random programs.
extension PlainPathTests {
    @Test("the resolver gives every name of the course and of random programs its place")
    func everyNameResolved() throws {
        var texts: [String] = []
        for folder in ["notebooks", "docs"] {
            let url = Support.root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() where name.hasSuffix(".md") {
                let path = url.appendingPathComponent(name).path
                let notebook = try NotebookParser.parse(try SourceLoader.validate(path: path, bytes: Array(try #require(FileManager.default.contents(atPath: path)))))
                texts += notebook.blocks.flatMap(\.commands).map(\.program.text.text)
            }
        }
        var generator = RandomPrograms(seed: 9)
        texts += (0..<300).map { _ in generator.next() }
        let globals = Globals()
        var checked = 0
        for text in texts {
            guard let program = try? Parser.parse(CommandText(text)) else { continue }
            let resolved = Resolver.resolve(program, globals: globals)
            #expect(Self.unresolved(resolved.statements).isEmpty, "\(text)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    /// The names left without a place in `statements`.
    static func unresolved(_ statements: [Statement]) -> [String] {
        statements.flatMap { statement -> [String] in
            switch statement.kind {
            case .expression(let e): return unresolved(e)
            case .binding(let binding): return unresolved(binding.name) + unresolved(binding.value)
            case .assignment(let target, _, let value): return unresolved(target) + unresolved(value)
            case .function(let declaration):
                return unresolved(declaration.name) + declaration.parameters.flatMap { unresolved($0.name) + ($0.defaultValue.map(unresolved) ?? []) }
                    + unresolved(declaration.body)
            case .ifElse(let condition, let then, let otherwise): return unresolved(condition) + unresolved(then) + unresolved(otherwise ?? [])
            case .forIn(let variable, let sequence, let body):
                // A loop's name is a local of the loop (the compiler relies on it).
                let local: [String] = if case .local = variable.place { [] } else { [variable.text] }
                return local + unresolved(sequence) + unresolved(body)
            case .whileLoop(let condition, let body): return unresolved(condition) + unresolved(body)
            case .returnValue(let value): return value.map(unresolved) ?? []
            case .noGrad(let body): return unresolved(body)
            case .breakLoop, .continueLoop: return []
            }
        }
    }

    static func unresolved(_ name: Binding.Name) -> [String] {
        if case .unresolved = name.place { return [name.text] }
        return []
    }

    static func unresolved(_ expression: CahierKit.Expression) -> [String] {
        switch expression.kind {
        case .name(let name): return [name]
        case .number, .string, .bool, .global, .local: return []
        case .array(let elements): return elements.flatMap(unresolved)
        case .unary(_, let operand): return unresolved(operand)
        case .binary(_, let a, let b), .range(let a, let b, _): return unresolved(a) + unresolved(b)
        case .conditional(let a, let b, let c): return unresolved(a) + unresolved(b) + unresolved(c)
        case .call(let callee, let arguments): return unresolved(callee) + arguments.flatMap { unresolved($0.value) }
        case .index(let base, let items):
            return unresolved(base) + items.flatMap { item -> [String] in
                switch item {
                case .value(let e): return unresolved(e)
                case .slice(let a, let b, let c): return [a, b, c].compactMap { $0 }.flatMap(unresolved)
                }
            }
        case .member(let base, _): return unresolved(base)
        }
    }
}
