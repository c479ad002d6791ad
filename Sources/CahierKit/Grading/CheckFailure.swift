/// A failure as grading reports it, carried from a grading worker to the
/// batch: why (a ``FailureReason``), where (each place from the failing
/// expression out through the calls that led there), and which functions of
/// the student's answers the failing command called.
public struct CheckFailure: Sendable, Codable, Hashable {
    /// A place in code: a line and column within a function's declaration or
    /// within the command (`function` nil), and the line in the student's file
    /// when the code is the student's.
    public struct Place: Sendable, Codable, Hashable {
        public var function: String?
        public var line: Int
        public var column: Int
        public var studentLine: Int?

        public init(function: String?, line: Int, column: Int, studentLine: Int?) {
            self.function = function
            self.line = line
            self.column = column
            self.studentLine = studentLine
        }
    }

    public var reason: FailureReason
    /// Where it failed first, then each call on the way there, innermost first.
    public var places: [Place]
    /// The functions of students' answers the command called, by name.
    public var calls: [String]
    /// For an answer's error: the name it needed from another exercise's answer, which could not define it.
    public var needs: Grader.Dependency?
    /// What an `expect`'s condition had computed when comparing failed (see ``RuntimeError/compared``).
    public var compared: [Expectation.Comparison] = []
    /// The student's side of a comparison that was being computed when it failed (see ``RuntimeError/computing``).
    public var computing: String?
    /// A command of the check's block that failed before it (one whose names the check does not read),
    /// so the student hears of it: why, and where.
    public var earlier: Earlier?

    /// A failure of a command that prepared the check.
    public struct Earlier: Sendable, Codable, Hashable {
        public var reason: FailureReason
        public var places: [Place]
    }

    /// The most places kept: a deep recursion keeps its innermost calls.
    static let maximumPlaces = 64

    public init(reason: FailureReason, places: [Place] = [], calls: [String] = []) {
        self.reason = reason
        self.places = places
        self.calls = calls
    }

    /// `error`, met running `command`; `studentCommand` when the command is the student's own.
    public init(_ error: RuntimeError, command: CommandText, studentCommand: Bool, calls: [String]) {
        reason = error.reason
        self.calls = calls
        compared = error.compared
        computing = error.computing
        places = []
        guard let range = error.range else { return }
        func place(_ position: SourcePosition, in text: CommandText, function: String?, student: Bool) -> Place? {
            guard let at = text.place(of: position) else { return nil }
            return Place(function: function, line: at.line, column: at.column, studentLine: student ? position.line : nil)
        }
        if error.trace.isEmpty {
            if let p = place(range.start, in: command, function: nil, student: studentCommand) { places.append(p) }
            return
        }
        let first = error.trace[0]
        if let p = place(range.start, in: first.definition, function: first.function, student: first.isAnswer) { places.append(p) }
        for (k, frame) in error.trace.enumerated() where places.count < CheckFailure.maximumPlaces {
            let caller = k + 1 < error.trace.count ? error.trace[k + 1] : nil
            let p = caller.map { place(frame.callSite.start, in: $0.definition, function: $0.function, student: $0.isAnswer) }
                ?? place(frame.callSite.start, in: command, function: nil, student: studentCommand)
            if let p { places.append(p) }
        }
    }
}

extension CheckFailure {
    /// The failure with every text it carries cut to ``Grader/maximumMessage`` characters.
    public func bounded() -> CheckFailure {
        var copy = self
        copy.reason = reason.bounded()
        copy.compared = Expectation(message: "", comparisons: compared).bounded().comparisons
        copy.computing = computing.map(Grader.bounded)
        copy.earlier = earlier.map { Earlier(reason: $0.reason.bounded(), places: Array($0.places.prefix(CheckFailure.maximumPlaces))) }
        copy.calls = calls.map(Grader.bounded)
        copy.places = places.map { place in
            var p = place
            p.function = p.function.map(Grader.bounded)
            return p
        }
        return copy
    }
}

extension FailureReason {
    /// The name of an unknown name or function, else nil.
    public var unknownName: String? {
        switch self {
        case .unknownName(let name, _), .unknownFunction(let name, _): return name
        default: return nil
        }
    }

    /// The reason with every text it carries cut to ``Grader/maximumMessage`` characters.
    func bounded() -> FailureReason {
        let cut = Grader.bounded
        switch self {
        case .unknownName(let name, let hint): return .unknownName(cut(name), hint: hint.bounded())
        case .unknownFunction(let name, let hint): return .unknownFunction(cut(name), hint: hint.bounded())
        case .undeclared(let name): return .undeclared(cut(name))
        case .expectationFailed(let e):
            return .expectationFailed(e.bounded())
        case .notDone(let exercise): return .notDone(exercise: cut(exercise))
        case .limit(.memoryFor(let what, let bytes, let limit)): return .limit(.memoryFor(what: cut(what), bytes: bytes, limit: limit))
        case .limit(.elements(let what, let limit)): return .limit(.elements(what: cut(what), limit: limit))
        case .limit, .interrupted, .tensor: return self
        case .call(let mistake): return .call(mistake.bounded(cut))
        case .wrongKind(let wrong): return .wrongKind(wrong.bounded(cut))
        case .misuse(let misuse): return .misuse(misuse.bounded(cut))
        case .other(let message): return .other(cut(message))
        }
    }
}

extension FailureReason.NameHint {
    func bounded() -> FailureReason.NameHint {
        switch self {
        case .closeNames(let names): return .closeNames(names.prefix(3).map(Grader.bounded))
        case .camelCase(let name): return .camelCase(Grader.bounded(name))
        case .builtin(let module, let member, let signature):
            return .builtin(module: Grader.bounded(module), member: Grader.bounded(member), signature: Grader.bounded(signature))
        case .advice(let advice): return .advice(Grader.bounded(advice))
        case .python: return self
        }
    }
}

extension Expectation {
    /// The expectation with every text it carries cut to ``Grader/maximumMessage`` characters.
    func bounded() -> Expectation {
        let cut = Grader.bounded
        var e = self
        e.message = cut(message)
        e.comparisons = comparisons.prefix(Expectation.maximumComparisons).map { c in
            var c = c
            for path in [\Expectation.Comparison.left, \.right] {
                c[keyPath: path].expression = cut(c[keyPath: path].expression)
                c[keyPath: path].value = cut(c[keyPath: path].value)
            }
            if var tolerance = c.tolerance {
                tolerance.expression = cut(tolerance.expression)
                tolerance.value = cut(tolerance.value)
                c.tolerance = tolerance
            }
            return c
        }
        return e
    }
}
