extension Grader {
    /// What grading reports, in order: data only, so that the grade is
    /// decided from it and its words are written afterwards, in the sheet's language.
    public enum Event: Sendable, Codable, Hashable {
        /// For each exercise, whether its answer can run.
        case answers([String: AnswerStatus])
        case check(number: Int, outcome: CheckOutcome)
        /// A command of the student's answer failed: its line in the hand-in and why.
        case answerError(exercise: String, line: Int, failure: CheckFailure)
        /// A remark on the hand-in (an exercise answered twice).
        case note(String)
        case done
    }

    /// Whether an exercise's answer can run.
    public enum AnswerStatus: Sendable, Codable, Hashable {
        case ready
        /// The hand-in has no answer block for the exercise.
        case missing
        /// The answer block cannot be read: the syntax error, with its line and column.
        case unreadable(String)
    }

    /// Why an answer could not give what other code needs from it.
    public enum AnswerTrouble: Sendable, Codable, Hashable {
        case missing
        case unreadable
        /// It stopped with an error at this line of the hand-in.
        case stopped(line: Int)
    }

    /// A name a check needs, which another exercise's answer was to define and could not.
    public struct Dependency: Sendable, Codable, Hashable {
        public var name: String
        public var exercise: String
        public var trouble: AnswerTrouble

        public init(name: String, exercise: String, trouble: AnswerTrouble) {
            self.name = name
            self.exercise = exercise
            self.trouble = trouble
        }
    }

    /// How a check ended.
    public enum CheckOutcome: Sendable, Codable, Hashable {
        case passed
        /// It failed: an expectation that did not hold, or an error (with where it happened).
        case failed(CheckFailure)
        /// It could not run: it needs a name another answer could not define.
        case needs(Dependency)
        /// It could not run: a command preparing it failed.
        case notPrepared(CheckFailure)
        /// It could not run: a command preparing it needs a name another answer could not define.
        case preparationNeeds(Dependency)

        public var passed: Bool { self == .passed }
    }
}
