import CahierLearning

extension Interpreter {
    /// Calls a function with labelled arguments.
    func invoke(_ function: Function, _ arguments: [LabeledValue], callSite: SourceRange?) throws -> Value {
        switch function {
        case .builtin(let builtin):
            return try callBuiltin(builtin, arguments)
        case .user(let user):
            return try running(as: user) { try callUser(user, arguments, callSite: callSite ?? command.range(0..<0)) }
        }
    }

    /// Calls a builtin, charging the elements of its arguments and result.
    func callBuiltin(_ builtin: Builtin, _ arguments: [LabeledValue]) throws -> Value {
        let bound = try registry.bind(arguments, to: builtin)
        let result = try builtin.implementation(context, bound)
        try charge(arguments, result)
        return result
    }

    /// Runs a declared function in a frame of its own, its arguments bound by
    /// the builtins' matcher (``Registry/bind(_:to:names:function:signature:misuse:)``).
    private func callUser(_ function: UserFunction, _ arguments: [LabeledValue], callSite: SourceRange) throws -> Value {
        try enter(function)
        let compiled = function.compiled
        let bound = try registry.bind(arguments, to: compiled.parameters, names: compiled.names, function: function.declaration.name.text,
                                      signature: function.declaredSignature)
        return try run(function, bound, callSite: callSite)
    }

    /// What a call of a declared function does before binding its arguments:
    /// refuse one call too deep, note a student's function as called.
    @inline(__always)
    func enter(_ function: UserFunction) throws {
        guard callDepth < context.limits.maximumCallDepth else {
            throw RuntimeError(.limit(.callDepth(context.limits.maximumCallDepth)))
        }
        if function.origin.isAnswer, calledAnswers.count < Interpreter.maximumCalledAnswers { calledAnswers.insert(function.declaration.name.text) }
    }

    /// Runs a declared function on its bound arguments, in a frame of its own:
    /// a parameter left out takes its default, evaluated now and checked
    /// against its type as an argument is; an error inside gets this call in
    /// its trace; the result is checked against the declared type.
    func run(_ function: UserFunction, _ arguments: Arguments, callSite: SourceRange) throws -> Value {
        let compiled = function.compiled
        let declaration = function.declaration
        var values = [Value?](repeating: nil, count: declaration.frameSize)
        for k in compiled.parameters.indices {
            if let value = arguments.argument(forParameter: k) {
                values[k] = value
                continue
            }
            guard let defaultValue = compiled.defaults[k] else {
                // The matcher leaves out only a parameter that has a default.
                throw RuntimeError("internal error: '\(compiled.parameters[k].name)' of \(declaration.name.text) has no argument and no default")
            }
            let value = try defaultValue(self)
            try registry.check(value, against: compiled.parameters[k], function: declaration.name.text, signature: function.declaredSignature)
            values[k] = value
        }
        let (savedFrame, savedMutable, savedCommand) = (frame, frameMutable, command)
        frame = values
        frameMutable = Array(repeating: false, count: declaration.frameSize)
        command = function.definition
        callDepth += 1
        defer {
            callDepth -= 1
            (frame, frameMutable, command) = (savedFrame, savedMutable, savedCommand)
        }
        var result = Value.void
        do {
            if case .returned(let value) = try compiled.body(self) { result = value }
        } catch {
            var failure = RuntimeError.from(error)
            failure.trace.append(RuntimeError.Frame(function: Function.user(function).signature, callSite: callSite, definition: function.definition,
                                                    isAnswer: function.origin.isAnswer))
            throw failure
        }
        if let type = compiled.returns {
            try type.check(result, .result(function: declaration.name.text), signature: function.declaredSignature)
        }
        return result
    }

    /// `base.name(arguments)`, the base already evaluated. A method that
    /// changes a value writes it back through `target`. A method the base
    /// does not have is an error at `nameRange`, the name after the dot.
    func callMethod(_ name: String, on base: consuming Value, _ arguments: [LabeledValue], target: Target?, nameRange: SourceRange? = nil) throws -> Value {
        // A number is a tensor of rank 0: it has the tensor's methods.
        let type = base.type == .number && registry.method(name, of: .number) == nil ? ValueType.tensor : base.type
        guard let method = registry.method(name, of: type) else {
            if case .record(let record) = base, case .function(let function)? = record[name] {
                return try invoke(function, arguments, callSite: nil)
            }
            let known = registry.methods.filter { $0.type == base.type }.map(\.name)
            if registry.property(name, of: base.type) != nil || (try? member(base, name)) != nil {
                throw RuntimeError(.propertyCalled(name: name, type: base.typeName), at: nameRange)
            }
            let advice: Misuse.MethodAdvice?
            if let habit = Misuse.PythonMethod(name: name, on: base.typeName) {
                advice = .python(habit)
            } else if let camel = PythonHabits.camelCase(name), known.contains(camel) {
                advice = .camelCase(camel)
            } else if registry.function(named: name) != nil {
                advice = .function(name, arguments: !arguments.isEmpty)
            } else {
                advice = known.isEmpty ? nil : .methods(known)
            }
            throw RuntimeError(.noMethod(type: base.typeName, name: name, advice: advice), at: nameRange)
        }
        let bound = try registry.bind(arguments, to: method)
        if method.mutating { try checkMutable(base, .this(base.typeName)) }
        var result = Value.void
        if method.mutating, base.isValueType {
            guard let target else { throw RuntimeError(.changesValue(method: name, type: base.typeName)) }
            // The receiver's copy goes first, so that the value changes in place where it is held
            // (`l.append(x)` in a loop is then O(1), not a copy of the list each time).
            _ = consume base
            try target(self) { value in result = try method.implementation(context, &value, bound) }
        } else {
            var this = base
            result = try method.implementation(context, &this, bound)
        }
        try charge(arguments, result)
        return result
    }

    /// Charges a builtin's or a method's work: the elements of its tensor
    /// arguments and of its result, each read or made once at least.
    private func charge(_ arguments: [LabeledValue], _ result: Value) throws {
        var elements = 0
        for argument in arguments where argument.value.isData { elements += argument.value.elementCount }
        try charge(elements, result)
    }

    /// Charges `arguments` elements given to a builtin and those of its result.
    /// A tensor over the element limit is refused here whatever builtin made it, so
    /// every builtin answers to the same limits (those that can check before they
    /// allocate do so too).
    func charge(_ arguments: Int, _ result: Value) throws {
        var elements = result.isData ? result.elementCount : 0
        if elements > context.limits.maximumElements {
            switch result {
            case .tensor(let t), .mask(let t): try context.limits.check(t.shape)
            case .variable(let v): try context.limits.check(v.value.shape)
            default: break
            }
        }
        // A result autograd follows is paid for again by its backward pass.
        if case .variable = result { elements *= 2 }
        try budget.charge(elements + arguments)
    }
}

extension Interpreter {
    /// What to write instead of calling a value that is not a function, as
    /// PyTorch calls a network (`net(x)`): the method that gives its output.
    func callAdvice(_ value: Value) -> Misuse.CallAdvice? {
        Misuse.CallAdvice(methods: registry.methods.filter { $0.type == value.type }.map(\.name))
    }
}

extension Value {
    /// Whether the value is data whose size an operation pays for (a tensor, a list, a string).
    var isData: Bool {
        switch self {
        case .tensor, .mask, .list, .string, .variable, .small: return true
        default: return false
        }
    }

    /// Whether the value is copied on binding (not an object or a function).
    var isValueType: Bool {
        switch self {
        case .object, .function: return false
        default: return true
        }
    }
}
