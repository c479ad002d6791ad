/// An exercise sheet: a notebook whose answer blocks (`exercise=ID points=N`)
/// hold the solutions and whose check blocks (`check=ID`) score them.
public struct Sheet: Sendable {
    /// One exercise: its answer block and what it is worth.
    public struct Exercise: Sendable, Hashable {
        public var id: String
        public var points: Double
        /// The index of its answer block in `notebook.blocks`.
        public var block: Int
        /// The exercises whose answers this one uses (`builds-on=`).
        public var buildsOn: [String] = []
    }

    /// One scoring `expect(…)` of a check block.
    public struct Check: Sendable, Hashable {
        public var exercise: String
        /// The check's place among all checks of the sheet, from 1.
        public var number: Int
        public var visible: Bool
        /// Where it is: `notebook.blocks[block].commands[command]`.
        public var block: Int
        public var command: Int
        public var points: Double
        /// The message shown to the student when it fails (the expect's second argument).
        public var message: String
        /// Whether its failure may show the sheet's values too (`visible` or `show-expected`), not only the student's.
        public var showsExpected = false
    }

    /// The exercise whose solution binds each name (a function, a value), for feedback that names where a value comes from.
    public var definingExercise: [String: String] {
        Dictionary(exercises.flatMap { exercise in
            notebook.blocks[exercise.block].commands.flatMap { $0.program.boundNames.map { ($0, exercise.id) } }
        }, uniquingKeysWith: { first, _ in first })
    }

    public let notebook: Notebook
    public let exercises: [Exercise]
    public let checks: [Check]
    /// What each command of the sheet needed with its own solutions, which the
    /// grader holds a hand-in's run to: measured once for a batch of hand-ins
    /// (``ForkServer``); nil until then, and the grader measures it itself.
    public var solutionWork: SolutionWork?

    public var maximum: Double { exercises.reduce(0) { $0 + $1.points } }

    /// Reads the exercises and checks of a parsed notebook and verifies them:
    /// unique IDs, checks of known exercises, points that add up.
    public init(_ notebook: Notebook) throws(DiagnosticError) {
        var problems: [Diagnostic] = []
        var exercises: [Exercise] = []
        let source = notebook.source
        func fail(_ message: String, line: Int) {
            problems.append(Diagnostic(.error, message, in: source, range: SourceRange(at: .init(line: line, column: 1))))
        }
        for (b, block) in notebook.blocks.enumerated() {
            if block.options.exercise != nil, block.options.check != nil {
                fail("a block is either an answer (exercise=) or a check (check=), not both", line: block.openLine)
            }
            if block.options.points != nil, block.options.exercise == nil {
                fail("points= belongs with exercise= on an answer block", line: block.openLine)
            }
            if block.options.visible, block.options.check == nil {
                fail("visible belongs with check= on a check block", line: block.openLine)
            }
            if block.options.showExpected, block.options.check == nil || block.options.visible {
                fail("show-expected belongs with check= on a hidden check block (a visible check shows everything)", line: block.openLine)
            }
            if !block.options.buildsOn.isEmpty, block.options.exercise == nil {
                fail("builds-on= belongs with exercise= on an answer block", line: block.openLine)
            }
            guard let id = block.options.exercise else { continue }
            if let first = exercises.first(where: { $0.id == id }) {
                fail("exercise '\(id)' is defined twice; the first is at line \(notebook.blocks[first.block].openLine)", line: block.openLine)
                continue
            }
            guard let points = block.options.points else {
                fail("exercise '\(id)' needs its points, as in exercise=\(id) points=2", line: block.openLine)
                continue
            }
            exercises.append(Exercise(id: id, points: points, block: b, buildsOn: block.options.buildsOn))
        }
        for exercise in exercises {
            for other in exercise.buildsOn where !exercises.contains(where: { $0.id == other }) || other == exercise.id {
                fail("exercise '\(exercise.id)' builds on '\(other)', which is " + (other == exercise.id ? "itself" : "not an exercise of the sheet"),
                     line: notebook.blocks[exercise.block].openLine)
            }
        }
        var checks: [Check] = []
        for (b, block) in notebook.blocks.enumerated() {
            guard let id = block.options.check else { continue }
            guard exercises.contains(where: { $0.id == id }) else {
                fail("check of unknown exercise '\(id)'" + (exercises.isEmpty ? "" : "; the exercises are " + exercises.map(\.id).joined(separator: ", ")), line: block.openLine)
                continue
            }
            for (c, command) in block.commands.enumerated() {
                let statements = command.program.statements
                guard statements.count == 1, case .expression(let expression) = statements[0].kind, case .call(let callee, let arguments) = expression.kind,
                      case .name("expect") = callee.kind else {
                    // Commands that prepare a check (let, var, func, loops, calls such as loss.backward()) score nothing.
                    if !statements.contains(where: { statement in
                        guard case .expression(let e) = statement.kind else { return false }
                        if case .call = e.kind { return false }
                        return true
                    }) { continue }
                    fail("a check block holds expect(condition, \"message\") calls and the commands that prepare them (let, var, func, loops, calls); this command shows a value and scores nothing", line: command.line)
                    continue
                }
                var message = ""
                if arguments.count >= 2, case .string(let text) = arguments[1].value.kind { message = text }
                var points = -1.0
                if let p = arguments.first(where: { $0.label == "points" }) {
                    guard case .number(let value) = p.value.kind else {
                        fail("the points of a check must be a number written in the sheet, like points: 1", line: command.line)
                        continue
                    }
                    points = value
                }
                checks.append(Check(exercise: id, number: checks.count + 1, visible: block.options.visible, block: b, command: c, points: points, message: message,
                                    showsExpected: block.options.visible || block.options.showExpected))
            }
        }
        // Share the points out, or verify that they add up.
        for exercise in exercises {
            let mine = checks.indices.filter { checks[$0].exercise == exercise.id }
            guard !mine.isEmpty else {
                fail("exercise '\(exercise.id)' has no check: add a block ```cahier check=\(exercise.id) with expect(…) calls", line: notebook.blocks[exercise.block].openLine)
                continue
            }
            let given = mine.filter { checks[$0].points >= 0 }
            if given.isEmpty {
                for i in mine { checks[i].points = exercise.points / Double(mine.count) }
            } else if given.count != mine.count {
                fail("give points: to every check of exercise '\(exercise.id)', or to none (then its \(Display.number(exercise.points)) points are shared out)",
                     line: notebook.blocks[checks[mine[0]].block].openLine)
            } else {
                let total = given.reduce(0.0) { $0 + checks[$1].points }
                if abs(total - exercise.points) > 1e-9 * max(1, exercise.points) {
                    fail("the checks of exercise '\(exercise.id)' give \(Display.number(total)) points but the exercise is worth \(Display.number(exercise.points))",
                         line: notebook.blocks[exercise.block].openLine)
                }
            }
        }
        if exercises.isEmpty { fail("an exercise sheet needs at least one answer block, like ```cahier exercise=ex1 points=2", line: 1) }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        self.notebook = notebook
        self.exercises = exercises
        self.checks = checks
    }
}
