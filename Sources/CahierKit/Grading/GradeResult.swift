/// The grade of one hand-in: points per exercise and per check, with the
/// messages the student may see.
public struct GradeResult: Sendable, Codable, Hashable {
    public struct ExerciseScore: Sendable, Codable, Hashable {
        public var id: String
        public var score: Double
        public var maximum: Double
        /// Why the exercise could not be graded, when it could not.
        public var problem: String?
        /// The errors the student's answer met, each with its line in the hand-in (the first five).
        public var answerErrors: [String] = []
    }

    public struct CheckScore: Sendable, Codable, Hashable {
        public var number: Int
        public var exercise: String
        public var visible: Bool
        public var score: Double
        public var maximum: Double
        public var passed: Bool
        /// What the student sees: the check's message, and for a visible
        /// check the error it met. A hidden check never shows its code.
        public var message: String
    }

    public var handIn: String
    public var exercises: [ExerciseScore]
    public var checks: [CheckScore]
    public var notes: [String]

    public var total: Double { exercises.reduce(0) { $0 + $1.score } }
    public var maximum: Double { exercises.reduce(0) { $0 + $1.maximum } }

    /// Puts together what a grading run reported. `stopped` says why the run
    /// ended early (a time limit, a crash): every check it did not report fails with that reason.
    public init(sheet: Sheet, handIn: String, events: [Grader.Event], stopped: String?) {
        self.handIn = handIn
        var problems: [String: String] = [:]
        var outcomes: [Int: (passed: Bool, detail: String)] = [:]
        var notes: [String] = []
        var answerErrors: [String: [String]] = [:]
        var answered = false
        for event in events {
            switch event {
            case .answers(let statuses):
                answered = true
                for (id, status) in statuses { if let status { problems[id] = Grader.bounded(status) } }
            case .check(let number, let passed, let detail): outcomes[number] = (passed, Grader.bounded(detail))
            case .note(let note): if notes.count < 20 { notes.append(Grader.bounded(note)) }
            case .answerError(let exercise, let line, let message):
                if answerErrors[exercise, default: []].count < 5 { answerErrors[exercise, default: []].append("line \(line): \(Grader.bounded(message))") }
            case .done: break
            }
        }
        if let stopped {
            notes.append(stopped)
            if !answered { for exercise in sheet.exercises { problems[exercise.id] = stopped } }
        }
        let checks = sheet.checks.map { check in
            let problem = problems[check.exercise]
            let outcome = outcomes[check.number]
            let passed = problem == nil && outcome?.passed == true
            var message = check.message
            let ownFailure = "expectation failed: " + check.message
            if let problem {
                message = "did not run: " + problem
            } else if let outcome, !outcome.passed {
                if outcome.detail.hasPrefix(ownFailure) {
                    // Its own message, and what the student gave ("you gave epochs = 20"), hidden or not.
                    message += outcome.detail.dropFirst(ownFailure.count)
                } else if outcome.detail.hasPrefix("did not run: ") {
                    // It needed a name an unreadable or failed answer was to define.
                    message = (check.message.isEmpty ? "" : check.message + ": ") + outcome.detail
                } else if check.visible {
                    // A visible check also says what went wrong.
                    message += (message.isEmpty ? "" : " (") + outcome.detail + (message.isEmpty ? "" : ")")
                }
            } else if outcome == nil {
                message = (check.message.isEmpty ? "" : check.message + ": ") + "not run (\(stopped ?? "grading stopped before this check"))"
            }
            return CheckScore(number: check.number, exercise: check.exercise, visible: check.visible,
                              score: passed ? check.points : 0, maximum: check.points, passed: passed, message: passed ? check.message : message)
        }
        self.checks = checks
        exercises = sheet.exercises.map { exercise in
            let mine = checks.filter { $0.exercise == exercise.id }
            return ExerciseScore(id: exercise.id, score: mine.reduce(0) { $0 + $1.score }, maximum: exercise.points, problem: problems[exercise.id],
                                 answerErrors: answerErrors[exercise.id] ?? [])
        }
        self.notes = notes
    }
}
