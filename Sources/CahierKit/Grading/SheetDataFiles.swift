/// The data files a notebook reads: the path of every `load("…")` call in its
/// commands, found in the syntax tree (answer, check and every other block,
/// inside functions and loops too). A `load` whose path is not a string
/// literal cannot be followed before the notebook runs: it is reported, so
/// that whoever packs the notebook names its files (`--include`) instead of a
/// bundle that fails where it is unpacked.
public enum SheetDataFiles {
    public struct Use: Sendable, Hashable {
        /// The path as written, relative to the notebook's folder.
        public var path: String
        public var range: SourceRange
    }

    /// The literal paths the notebook loads, in order of first use, and a
    /// diagnostic for each `load` whose path is computed.
    public static func uses(_ notebook: Notebook) -> (uses: [Use], computed: [Diagnostic]) {
        var walker = Walker()
        for block in notebook.blocks {
            for command in block.commands { walker.statements(command.program.statements) }
        }
        var seen: Set<String> = []
        let uses = walker.uses.filter { seen.insert($0.path).inserted }
        let computed = walker.computed.map { range in
            Diagnostic(.error, "this load's path is computed, so the files it reads cannot be known before the notebook runs; write the path as a string, or name the files with --include",
                       in: notebook.source, range: range)
        }
        return (uses, computed)
    }

    private struct Walker {
        var uses: [Use] = []
        var computed: [SourceRange] = []

        mutating func statements(_ list: [Statement]) {
            for statement in list { self.statement(statement) }
        }

        mutating func statement(_ statement: Statement) {
            switch statement.kind {
            case .expression(let e): expression(e)
            case .binding(let binding): expression(binding.value)
            case .assignment(let target, _, let value): expression(target); expression(value)
            case .function(let function):
                for parameter in function.parameters { if let value = parameter.defaultValue { expression(value) } }
                statements(function.body)
            case .ifElse(let condition, let then, let otherwise):
                expression(condition)
                statements(then)
                if let otherwise { statements(otherwise) }
            case .forIn(_, let sequence, let body): expression(sequence); statements(body)
            case .whileLoop(let condition, let body): expression(condition); statements(body)
            case .returnValue(let value): if let value { expression(value) }
            case .noGrad(let body): statements(body)
            case .breakLoop, .continueLoop: break
            }
        }

        mutating func expression(_ e: Expression) {
            switch e.kind {
            case .number, .string, .bool, .name: break
            case .array(let items): for item in items { expression(item) }
            case .unary(_, let a): expression(a)
            case .binary(_, let a, let b): expression(a); expression(b)
            case .conditional(let a, let b, let c): expression(a); expression(b); expression(c)
            case .range(let a, let b, _): expression(a); expression(b)
            case .call(let callee, let arguments):
                if Self.isLoad(callee) {
                    if let first = arguments.first, first.label == nil, case .string(let path) = first.value.kind {
                        uses.append(Use(path: path, range: first.value.range))
                    } else {
                        computed.append(e.range)
                    }
                }
                expression(callee)
                for argument in arguments { expression(argument.value) }
            case .index(let base, let items):
                expression(base)
                for item in items {
                    switch item {
                    case .value(let v): expression(v)
                    case .slice(let start, let end, let step):
                        for part in [start, end, step] { if let part { expression(part) } }
                    }
                }
            case .member(let base, _): expression(base)
            }
        }

        /// The builtin `load`, as written.
        static func isLoad(_ callee: Expression) -> Bool {
            if case .name("load") = callee.kind { return true }
            return false
        }
    }
}
