/// Gives every name of a command its place, making the resolved tree
/// (``ResolvedProgram``) from the parsed one: a `let`, `var` or `func` at the
/// top of a command binds a name of the notebook (a global); a name bound
/// inside a block, a loop or a function is local to it, in a slot of the
/// running frame. Names are looked up from the innermost block outwards,
/// then among the notebook's names.
struct Resolver {
    let globals: Globals
    /// The local scopes, innermost last: name → slot.
    private var scopes: [[String: Int]] = []
    private(set) var frameSize = 0

    private init(globals: Globals, inFunction: Bool) {
        self.globals = globals
        // In a function's body every binding is local.
        if inFunction { scopes = [[:]] }
    }

    /// The program with every name resolved, and the size of its frame.
    static func resolve(_ program: Program, globals: Globals) -> ResolvedProgram {
        var resolver = Resolver(globals: globals, inFunction: false)
        let statements = program.statements.map { resolver.statement($0) }
        return ResolvedProgram(statements: statements, frameSize: resolver.frameSize)
    }

    /// A new slot of the frame for `name`, in the innermost scope.
    private mutating func local(_ name: String) -> Int {
        let slot = frameSize
        frameSize += 1
        scopes[scopes.count - 1][name] = slot
        return slot
    }

    /// The place of a name a `let`, `var` or `func` binds: a global at the top of a command, else a local.
    private mutating func declare(_ name: BoundName<Parsed.Place>) -> BoundName<Resolved.Place> {
        let place: Resolved.Place = scopes.isEmpty ? .global(globals.slot(name.text)) : .local(local(name.text))
        return BoundName(text: name.text, range: name.range, place: place)
    }

    /// The slot of a parameter or a loop's name, in the innermost scope.
    private mutating func declareLocal(_ name: BoundName<Parsed.Slot>) -> BoundName<Resolved.Slot> {
        BoundName(text: name.text, range: name.range, place: local(name.text))
    }

    private mutating func block(_ statements: [Statement]) -> [ResolvedStatement] {
        scopes.append([:])
        defer { scopes.removeLast() }
        return statements.map { statement($0) }
    }

    mutating func statement(_ statement: Statement) -> ResolvedStatement {
        let kind: ResolvedStatement.Kind
        switch statement.kind {
        case .expression(let e):
            kind = .expression(expression(e))
        case .binding(let binding):
            // The value first: `let x = x + 1` in a block reads the x outside it.
            let value = expression(binding.value)
            kind = .binding(.init(mutable: binding.mutable, name: declare(binding.name), value: value, type: binding.type))
        case .assignment(let target, let op, let value):
            kind = .assignment(target: expression(target), op: op, value: expression(value))
        case .function(let declaration):
            // The name first: the body may call the function.
            let name = declare(declaration.name)
            kind = .function(Resolver.function(declaration, named: name, globals: globals))
        case .ifElse(let condition, let then, let otherwise):
            kind = .ifElse(condition: expression(condition), then: block(then), otherwise: otherwise.map { block($0) })
        case .forIn(let variable, let sequence, let body):
            let sequence = expression(sequence)
            // The loop's name lives in the loop's own scope, around its body.
            scopes.append([:])
            let name = declareLocal(variable)
            let body = body.map { self.statement($0) }
            scopes.removeLast()
            kind = .forIn(variable: name, sequence: sequence, body: body)
        case .whileLoop(let condition, let body):
            kind = .whileLoop(condition: expression(condition), body: block(body))
        case .returnValue(let value):
            kind = .returnValue(value.map { expression($0) })
        case .noGrad(let body):
            kind = .noGrad(block(body))
        case .breakLoop:
            kind = .breakLoop
        case .continueLoop:
            kind = .continueLoop
        }
        return ResolvedStatement(kind, statement.range, operatorRange: statement.operatorRange)
    }

    /// A function's body, resolved in a frame of its own whose first slots
    /// are its parameters; its default values are read where it is declared.
    private static func function(_ declaration: FunctionDeclaration, named name: BoundName<Resolved.Place>, globals: Globals) -> ResolvedFunctionDeclaration {
        var resolver = Resolver(globals: globals, inFunction: true)
        let defaults = declaration.parameters.map { parameter in parameter.defaultValue.map { resolver.expression($0) } }
        let parameters = zip(declaration.parameters, defaults).map { parameter, defaultValue in
            ResolvedFunctionDeclaration.Parameter(label: parameter.label, name: resolver.declareLocal(parameter.name), type: parameter.type,
                                                  defaultValue: defaultValue)
        }
        let body = declaration.body.map { resolver.statement($0) }
        return ResolvedFunctionDeclaration(name: name, parameters: parameters, returns: declaration.returns, body: body, frameSize: resolver.frameSize)
    }

    mutating func expression(_ expression: Expression) -> ResolvedExpression {
        let kind: ResolvedExpression.Kind
        switch expression.kind {
        case .name(let name):
            if let slot = scopes.reversed().lazy.compactMap({ $0[name] }).first {
                kind = .name(.local(slot, name))
            } else {
                kind = .name(.global(globals.slot(name), name))
            }
        case .number(let x):
            kind = .number(x)
        case .string(let s):
            kind = .string(s)
        case .bool(let b):
            kind = .bool(b)
        case .array(let elements):
            kind = .array(elements.map { self.expression($0) })
        case .unary(let op, let operand):
            kind = .unary(op, self.expression(operand))
        case .binary(let op, let left, let right):
            kind = .binary(op, self.expression(left), self.expression(right))
        case .conditional(let condition, let a, let b):
            kind = .conditional(self.expression(condition), self.expression(a), self.expression(b))
        case .range(let lower, let upper, let closed):
            kind = .range(self.expression(lower), self.expression(upper), closed: closed)
        case .call(let callee, let arguments):
            kind = .call(self.expression(callee), arguments.map { ResolvedCallArgument(label: $0.label, value: self.expression($0.value)) })
        case .index(let base, let items):
            kind = .index(self.expression(base), items.map { index($0) })
        case .member(let base, let name):
            kind = .member(self.expression(base), name)
        }
        return ResolvedExpression(kind, expression.range, depth: expression.depth)
    }

    private mutating func index(_ item: IndexItem) -> ResolvedIndexItem {
        switch item {
        case .value(let e):
            return .value(expression(e))
        case .slice(let start, let end, let step):
            return .slice(start: start.map { expression($0) }, end: end.map { expression($0) }, step: step.map { expression($0) })
        }
    }
}
