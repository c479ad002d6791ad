/// The words of a grade, written from typed outcomes in one language: why an
/// answer could not run, why a check failed and where, whose code to look at.
/// Nothing here decides a score.
struct GradeWording {
    let language: Language
    /// The exercise whose solution binds each name.
    let definingExercise: [String: String]

    private func t(_ english: String) -> String { language.wording(of: english) }
    private func p(_ english: String) -> FeedbackLine.Span { FeedbackLine.prose(english, language) }
    private let c = FeedbackLine.code

    /// Why an exercise cannot be graded, or nil when its answer can run.
    func problem(_ status: Grader.AnswerStatus, exercise id: String) -> String? {
        switch status {
        case .ready: return nil
        case .missing: return t("no answer block for exercise \(id) in the hand-in (a code block whose info string is cahier exercise=\(id))")
        case .unreadable(let reason): return t(reason)
        }
    }

    func stop(_ stop: GradeResult.Stop) -> String {
        switch stop {
        case .couldNotStart(let reason): return t("the grader could not start: \(reason)")
        case .overflow(let bytes): return t("the grader reported more than \(bytes / 1_000_000) MB and was stopped; the checks score 0")
        case .timeLimit(let seconds): return t("grading stopped after \(Display.number(seconds)) seconds (time limit); the checks not reached score 0")
        case .crashed(let ending):
            return t("the grader stopped with \(ending == .done ? "status 0" : ending.wire) (out of memory or a crash); the checks not reached score 0")
        case .noResult: return t("the grader gave no result")
        case .submissionRefused(let reason): return t(reason)
        }
    }

    func didNotRun(_ problem: String) -> String { t("did not run: ") + problem }

    func notReached(_ message: String, stopped: GradeResult.Stop?) -> String {
        (message.isEmpty ? "" : message + ": ") + t("not run (") + (stopped.map(stop) ?? t("grading stopped before this check")) + t(")")
    }

    func trouble(_ trouble: Grader.AnswerTrouble) -> String {
        switch trouble {
        case .missing: return t("is missing")
        case .unreadable: return t("cannot be read")
        case .stopped(let line): return t("stopped with an error at line \(line)")
        }
    }

    func dependency(_ d: Grader.Dependency) -> String {
        t("it uses '\(d.name)', which your answer to exercise \(d.exercise) defines, and that answer ") + trouble(d.trouble)
    }

    /// An error of the student's answer: its line in the hand-in, the message, where in the student's functions, and the name it lacked.
    func answerError(_ failure: CheckFailure, line: Int) -> String {
        var text: String
        if let inside = failure.places.first, let function = inside.function, let studentLine = inside.studentLine {
            // Inside the student's function: its own line first, then the command that called it.
            text = t("line \(studentLine) (in your \(function), called from line \(line)): ") + failure.reason.message(in: language)
        } else {
            text = t("line \(line): ") + failure.reason.message(in: language)
        }
        if let needs = failure.needs {
            text += t(" ('\(needs.name)' comes from your answer to exercise \(needs.exercise), which ") + trouble(needs.trouble) + t(")")
        }
        return text
    }

    /// The message and the explanation of a check that did not pass.
    func failure(_ outcome: Grader.CheckOutcome, of check: Sheet.Check) -> (String, [FeedbackLine]) {
        let lead = check.message.isEmpty ? "" : check.message + ": "
        switch outcome {
        case .passed: return (check.message, [])
        case .needs(let d): return (lead + didNotRun(dependency(d)), [])
        case .preparationNeeds(let d): return (lead + didNotRun(t("preparing it failed: ") + dependency(d)), [])
        case .notPrepared(let f): return (lead + didNotRun(t("preparing it failed: ") + f.reason.message(in: language)), places(f))
        case .failed(let f):
            if case .expectationFailed(let expectation) = f.reason, expectation.message == check.message {
                return (check.message, earlier(f) + expectation.visible(everything: check.showsExpected).feedback(in: language))
            }
            let what = f.reason.isLimit ? "it did not finish: " : f.reason == .interrupted ? "it was interrupted: " : "it stopped with an error: "
            var compared = Expectation(message: "", comparisons: f.compared).visible(everything: check.showsExpected).feedback(in: language)
            if let computing = f.computing { compared.append(FeedbackLine([p("while computing "), c(computing)])) }
            return (check.message, earlier(f) + [FeedbackLine([p(what), FeedbackLine.Span(text: f.reason.message(in: language), isCode: false)])]
                        + places(f) + compared)
        }
    }

    /// A command of the check's block that failed before it: what the student must fix first.
    private func earlier(_ failure: CheckFailure) -> [FeedbackLine] {
        guard let earlier = failure.earlier else { return [] }
        let lead = earlier.reason.isLimit ? "before it, a command preparing it did not finish: " : "before it, a command preparing it stopped with an error: "
        return [FeedbackLine([p(lead), FeedbackLine.Span(text: earlier.reason.message(in: language), isCode: false)])]
            + places(CheckFailure(reason: earlier.reason, places: earlier.places))
    }

    /// Where a failure happened: in the student's functions with their lines in the hand-in, then the calls that led there.
    func places(_ failure: CheckFailure) -> [FeedbackLine] {
        var lines: [FeedbackLine] = []
        for (k, place) in failure.places.enumerated() {
            let at = k == 0 ? "at " : "called at "
            if let function = place.function, let studentLine = place.studentLine {
                lines.append(FeedbackLine([p(at + "line \(place.line), column \(place.column) of your "), c(function),
                                           p(" (line \(studentLine) of your hand-in)")]))
            } else if let function = place.function {
                lines.append(FeedbackLine([p(k == 0 ? "in the sheet's " : "called in the sheet's "), c(function)]))
            } else if let studentLine = place.studentLine {
                lines.append(FeedbackLine([p(at + "line \(studentLine), column \(place.column) of your hand-in")]))
            } else {
                lines.append(FeedbackLine([p(k == 0 ? "in the check itself" : "called from the check")]))
            }
        }
        // A deep recursion: the same line once, then how many more.
        var folded: [FeedbackLine] = []
        var repeats = 0
        for line in lines {
            if let last = folded.last, last == line { repeats += 1; continue }
            if repeats > 0 { folded.append(FeedbackLine([p("… the same call \(repeats) more time\(repeats == 1 ? "" : "s")")])) }
            repeats = 0
            folded.append(line)
        }
        if repeats > 0 { folded.append(FeedbackLine([p("… the same call \(repeats) more time\(repeats == 1 ? "" : "s")")])) }
        return folded
    }

    /// Whose code to look at: the student's functions the check called, and
    /// for those an earlier exercise defines (or an exercise this one builds
    /// on), the checks of theirs that failed.
    func blame(_ outcome: Grader.CheckOutcome, of check: Sheet.Check, failedChecks: [String: [Int]], buildsOn: [String]) -> [FeedbackLine] {
        let failure: CheckFailure
        switch outcome {
        case .failed(let f), .notPrepared(let f): failure = f
        default: return []
        }
        var lines: [FeedbackLine] = []
        var blamed: Set<String> = []
        var own: [String] = []
        for name in failure.calls {
            if let exercise = definingExercise[name], exercise != check.exercise, let failed = failedChecks[exercise], !failed.isEmpty {
                blamed.insert(exercise)
                lines.append(FeedbackLine([p("this check calls your "), c(name), p(", whose " + checks(failed) + " failed: fix it first")]))
            } else {
                own.append(name)
            }
        }
        if !own.isEmpty {
            var spans = [p("this check calls your ")]
            for (k, name) in own.enumerated() {
                if k > 0 { spans.append(p(k == own.count - 1 ? " and " : ", ")) }
                spans.append(c(name))
            }
            lines.insert(FeedbackLine(spans), at: 0)
        }
        for other in buildsOn where !blamed.contains(other) {
            if let failed = failedChecks[other], !failed.isEmpty {
                lines.append(FeedbackLine([p("this exercise builds on exercise "), c(other), p(", whose " + checks(failed) + " failed")]))
            }
        }
        return lines
    }

    private func checks(_ numbers: [Int]) -> String {
        numbers.count == 1 ? "check \(numbers[0])"
            : "checks " + numbers.dropLast().map(String.init).joined(separator: ", ") + " and \(numbers.last ?? 0)"
    }
}
