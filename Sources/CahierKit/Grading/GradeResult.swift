/// The grade of one hand-in: points per exercise and per check, with the
/// feedback the student may see. Scores are decided from the typed events
/// alone; the words are written afterwards, in the sheet's language.
public struct GradeResult: Sendable, Codable, Hashable {
    /// Why grading a hand-in ended early.
    public enum Stop: Sendable, Codable, Hashable {
        /// The worker could not start (the system's reason).
        case couldNotStart(String)
        /// The worker reported more than this many bytes and was stopped.
        case overflow(bytes: Int)
        /// The hand-in ran past the grader's time limit.
        case timeLimit(seconds: Double)
        /// The worker ended without finishing (out of memory, a crash).
        case crashed(WorkerEnding)
        /// The grader gave no result for the hand-in.
        case noResult
        /// The submission holds no notebook to grade, or several: why, in words.
        case submissionRefused(String)
    }

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
        /// What the student sees first: the check's message, or why it did not run.
        public var message: String
        /// What explains a failure, line by line: the values compared, the
        /// error and where it happened in the student's code, the student's
        /// functions it called. A hidden check never shows its code or, unless
        /// the sheet allows it, the sheet's values.
        public var feedback: [FeedbackLine] = []
    }

    public var handIn: String
    public var exercises: [ExerciseScore]
    public var checks: [CheckScore]
    public var notes: [String]
    /// The language its words are written in (the sheet's `lang`).
    public var language = Language.english

    public var total: Double { exercises.reduce(0) { $0 + $1.score } }
    public var maximum: Double { exercises.reduce(0) { $0 + $1.maximum } }

    /// Puts together what a grading run reported. `stopped` says why the run
    /// ended early (a time limit, a crash): every check it did not report fails with that reason.
    public init(sheet: Sheet, handIn: String, events: [Grader.Event], stopped: Stop?, language: Language = .english) {
        self.handIn = handIn
        self.language = language
        let words = GradeWording(language: language, definingExercise: sheet.definingExercise)
        var problems: [String: String] = [:]
        var outcomes: [Int: Grader.CheckOutcome] = [:]
        var notes: [String] = []
        var answerErrors: [String: [String]] = [:]
        var answered = false
        for event in events {
            switch event {
            case .answers(let statuses):
                answered = true
                for (id, status) in statuses {
                    if let problem = words.problem(status, exercise: id) { problems[id] = Grader.bounded(problem) }
                }
            case .check(let number, let outcome): outcomes[number] = outcome
            case .note(let note): if notes.count < 20 { notes.append(Grader.bounded(note)) }
            case .answerError(let exercise, let line, let failure):
                if answerErrors[exercise, default: []].count < 5 { answerErrors[exercise, default: []].append(words.answerError(failure, line: line)) }
            case .done: break
            }
        }
        if let stopped {
            let reason = words.stop(stopped)
            notes.append(reason)
            if !answered { for exercise in sheet.exercises { problems[exercise.id] = reason } }
        }
        // Which checks of each exercise failed, in order, to blame the right answer.
        var failedChecks: [String: [Int]] = [:]
        for check in sheet.checks where problems[check.exercise] != nil || outcomes[check.number].map({ !$0.passed }) ?? true {
            failedChecks[check.exercise, default: []].append(check.number)
        }
        let buildsOn = Dictionary(uniqueKeysWithValues: sheet.exercises.map { ($0.id, $0.buildsOn) })
        let checks = sheet.checks.map { check in
            let problem = problems[check.exercise]
            let outcome = outcomes[check.number]
            let passed = problem == nil && outcome?.passed == true
            var score = CheckScore(number: check.number, exercise: check.exercise, visible: check.visible,
                                   score: passed ? check.points : 0, maximum: check.points, passed: passed, message: check.message)
            if passed { return score }
            if let problem {
                score.message = words.didNotRun(problem)
            } else if let outcome {
                (score.message, score.feedback) = words.failure(outcome, of: check)
                score.feedback += words.blame(outcome, of: check, failedChecks: failedChecks, buildsOn: buildsOn[check.exercise] ?? [])
            } else {
                score.message = words.notReached(check.message, stopped: stopped)
            }
            return score
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
