import CahierLearning

/// How an exercise sheet runs, under its ``SheetPolicy``: the sheet's blocks,
/// its checks and the student's answers each run as their own code
/// (``CodeOrigin``). Without a policy every command runs as the notebook's.
extension Interpreter {
    /// Whose code runs now (see ``CodeOrigin``): names are read and bound in its view.
    var origin: CodeOrigin {
        get { globals.reader }
        set { globals.reader = newValue }
    }

    /// Starts a block of an exercise sheet: an answer block runs as the student's
    /// code, with `random` as its generator; a check block as the sheet's checks.
    public func startBlock(answer: Bool, check: Bool, random: Xoshiro256) {
        guard let policy else { return }
        endBlock()
        policy.runningAnswer = answer
        if answer {
            if policy.protectedObjects.isEmpty { policy.protectedObjects = Set(policy.protectedNames.flatMap { objectIdentities(of: $0) }) }
            let scope = AnswerScope(random: random)
            policy.activeScope = scope
            origin = .answer(scope)
        } else {
            origin = check ? .check : .notebook
        }
        context.random = random
    }

    /// Ends the block started by ``startBlock(answer:check:random:)``: an answer keeps its generator's state for its functions.
    public func endBlock() {
        guard let policy else { return }
        if let scope = policy.activeScope { scope.random = context.random }
        policy.activeScope = nil
        policy.runningAnswer = false
        origin = .notebook
    }

    /// Runs `body` as code of `function`'s origin: its names in that view and, for
    /// an answer's function, its answer's generator (an answer's draws never move the sheet's).
    @inline(__always)
    func running<T>(as function: UserFunction, _ body: () throws -> T) rethrows -> T {
        guard case .answer(let scope) = function.origin else {
            // The sheet's own functions are shared by all: they run in their caller's view,
            // so an answer that calls one still sees no name a check bound.
            if case .notebook = function.origin { return try body() }
            let saved = origin
            origin = function.origin
            defer { origin = saved }
            return try body()
        }
        let saved = origin
        origin = function.origin
        defer { origin = saved }
        guard let policy, scope !== policy.activeScope else { return try body() }
        let previous = policy.activeScope
        let stashed = context.random
        if let previous { previous.random = stashed }
        context.random = scope.random
        policy.activeScope = scope
        defer {
            scope.random = context.random
            context.random = previous?.random ?? stashed
            policy.activeScope = previous
        }
        return try body()
    }

    /// Refuses to bind the name of a builtin, a name every notebook has, or, in
    /// an answer, a name the sheet defines: a check must see the sheet's values.
    func checkRebinding(_ name: String) throws {
        if registry.function(named: name) != nil {
            throw RuntimeError(.builtinName(name, assigned: false))
        }
        if registry.constants.contains(where: { $0.name == name }) {
            throw RuntimeError(.everyNotebook(name))
        }
        if origin.isAnswer, policy?.protectedNames.contains(name) == true {
            throw RuntimeError(.sheetName(name, assigned: false))
        }
    }

    /// The objects a global name holds, for protecting a sheet's values from answers.
    private func objectIdentities(of name: String) -> [ObjectIdentifier] {
        guard let slot = globals.index[name], let value = globals.value(slot) else { return [] }
        return Interpreter.identities(of: value)
    }

    /// The objects a value holds. A list that holds none is not walked, and one that
    /// does is walked once per distinct list (a list holding the same list twice,
    /// `list(l, l)`, is not walked twice): the walk is linear in what the value holds.
    static func identities(of value: Value) -> [ObjectIdentifier] {
        var found: [ObjectIdentifier] = []
        var seen = Set<UnsafeRawPointer>()
        func walk(_ value: Value) {
            switch value {
            case .object(let object): found += object.identities
            case .list(let list) where list.holdsObjects:
                // The items' storage: one list held twice shares it.
                guard let storage = list.items.withUnsafeBufferPointer({ $0.baseAddress.map(UnsafeRawPointer.init) }),
                      seen.insert(storage).inserted else { return }
                list.items.forEach(walk)
            case .record(let record): record.fields.forEach { walk($0.value) }
            default: break
            }
        }
        walk(value)
        return found
    }

    /// Refuses to change, in an answer, an object the sheet made.
    func checkMutable(_ value: Value, _ what: Misuse.Subject) throws {
        guard origin.isAnswer, let protected = policy?.protectedObjects, !protected.isEmpty else { return }
        if Interpreter.identities(of: value).contains(where: protected.contains) {
            throw RuntimeError(.sheetObject(what))
        }
    }
}
