/// Gives every name of a command its place: a `let`, `var` or `func` at the
/// top of a command binds a name of the notebook (a global); a name bound
/// inside a block, a loop or a function is local to it, in a slot of the
/// running frame. Names are looked up from the innermost block outwards,
/// then among the notebook's names.
struct Resolver {
    let globals: Globals
    /// The local scopes, innermost last: name → slot.
    private var scopes: [[String: Int]] = []
    private(set) var frameSize = 0
    /// Whether this resolves a function body (then every binding is local).
    private let inFunction: Bool

    init(globals: Globals, inFunction: Bool = false) {
        self.globals = globals
        self.inFunction = inFunction
        if inFunction { scopes = [[:]] }
    }

    /// The program with every name resolved, and the size of its frame.
    static func resolve(_ program: Program, globals: Globals) -> Program {
        var resolver = Resolver(globals: globals)
        var resolved = program
        resolved.statements = program.statements.map { resolver.statement($0) }
        resolved.frameSize = resolver.frameSize
        return resolved
    }

    private mutating func declare(_ name: inout Binding.Name) {
        if scopes.isEmpty {
            name.place = .global(globals.slot(name.text))
        } else {
            let slot = frameSize
            frameSize += 1
            scopes[scopes.count - 1][name.text] = slot
            name.place = .local(slot)
        }
    }

    private mutating func block(_ statements: [Statement], declaring variable: inout Binding.Name?) -> [Statement] {
        scopes.append([:])
        if variable != nil { declare(&variable!) }
        let result = statements.map { statement($0) }
        scopes.removeLast()
        return result
    }

    private mutating func block(_ statements: [Statement]) -> [Statement] {
        var none: Binding.Name?
        return block(statements, declaring: &none)
    }

    mutating func statement(_ statement: Statement) -> Statement {
        var result = statement
        switch statement.kind {
        case .expression(let e):
            result.kind = .expression(expression(e))
        case .binding(var binding):
            binding.value = expression(binding.value)
            declare(&binding.name)
            result.kind = .binding(binding)
        case .assignment(let target, let op, let value):
            result.kind = .assignment(target: expression(target), op: op, value: expression(value))
        case .function(var declaration):
            declare(&declaration.name)
            declaration = Resolver.function(declaration, globals: globals)
            result.kind = .function(declaration)
        case .ifElse(let condition, let then, let otherwise):
            result.kind = .ifElse(condition: expression(condition), then: block(then), otherwise: otherwise.map { block($0) })
        case .forIn(let variable, let sequence, let body):
            let sequence = expression(sequence)
            var name: Binding.Name? = variable
            let body = block(body, declaring: &name)
            result.kind = .forIn(variable: name ?? variable, sequence: sequence, body: body)
        case .whileLoop(let condition, let body):
            result.kind = .whileLoop(condition: expression(condition), body: block(body))
        case .returnValue(let value):
            result.kind = .returnValue(value.map { expression($0) })
        case .noGrad(let body):
            result.kind = .noGrad(block(body))
        case .breakLoop, .continueLoop:
            break
        }
        return result
    }

    /// A function's body, resolved in a frame of its own whose first slots are its parameters.
    static func function(_ declaration: FunctionDeclaration, globals: Globals) -> FunctionDeclaration {
        var resolver = Resolver(globals: globals, inFunction: true)
        var resolved = declaration
        for i in resolved.parameters.indices {
            resolved.parameters[i].defaultValue = resolved.parameters[i].defaultValue.map { resolver.expression($0) }
        }
        for i in resolved.parameters.indices { resolver.declare(&resolved.parameters[i].name) }
        resolved.body = declaration.body.map { resolver.statement($0) }
        resolved.frameSize = resolver.frameSize
        return resolved
    }

    mutating func expression(_ expression: Expression) -> Expression {
        var result = expression
        switch expression.kind {
        case .name(let name):
            if let slot = scopes.reversed().lazy.compactMap({ $0[name] }).first {
                result.kind = .local(slot, name)
            } else {
                result.kind = .global(globals.slot(name), name)
            }
        case .number, .string, .bool, .global, .local:
            break
        case .array(let elements):
            result.kind = .array(elements.map { self.expression($0) })
        case .unary(let op, let operand):
            result.kind = .unary(op, self.expression(operand))
        case .binary(let op, let left, let right):
            result.kind = .binary(op, self.expression(left), self.expression(right))
        case .conditional(let condition, let a, let b):
            result.kind = .conditional(self.expression(condition), self.expression(a), self.expression(b))
        case .range(let lower, let upper, let closed):
            result.kind = .range(self.expression(lower), self.expression(upper), closed: closed)
        case .call(let callee, let arguments):
            result.kind = .call(self.expression(callee), arguments.map { CallArgument(label: $0.label, value: self.expression($0.value)) })
        case .index(let base, let items):
            result.kind = .index(self.expression(base), items.map { item in
                switch item {
                case .value(let e): return .value(self.expression(e))
                case .slice(let a, let b, let c): return .slice(start: a.map { self.expression($0) }, end: b.map { self.expression($0) }, step: c.map { self.expression($0) })
                }
            })
        case .member(let base, let name):
            result.kind = .member(self.expression(base), name)
        }
        return result
    }
}
