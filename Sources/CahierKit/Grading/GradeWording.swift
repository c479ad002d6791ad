/// The words of a grade, written from typed outcomes in one language: why an
/// answer could not run, why a check failed and where, whose code to look at.
/// Nothing here decides a score.
struct GradeWording {
    let language: Language
    /// The exercise whose solution binds each name.
    let definingExercise: [String: String]

    private func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text(key, values) }
    private func line(_ key: String, code: [String: String] = [:], prose: [String: String] = [:]) -> FeedbackLine {
        FeedbackLine.message(key, language, code: code, prose: prose)
    }

    /// Why an exercise cannot be graded, or nil when its answer can run.
    func problem(_ status: Grader.AnswerStatus, exercise id: String) -> String? {
        switch status {
        case .ready: return nil
        case .missing: return t("grade.missing-answer", ["exercise": id])
        case .unreadable(let reason): return language.wording(of: reason)
        }
    }

    func stop(_ stop: GradeResult.Stop) -> String {
        switch stop {
        case .couldNotStart(let reason): return t("grade.could-not-start", ["reason": reason])
        case .overflow(let bytes): return t("grade.overflow", ["megabytes": String(bytes / 1_000_000)])
        case .timeLimit(let seconds): return t("grade.time-limit", ["seconds": language.number(seconds)])
        case .crashed(let ending): return t("grade.crashed", ["ending": ending == .done ? "status 0" : ending.wire])
        case .noResult: return t("grade.no-result")
        case .submissionRefused(let reason): return language.wording(of: reason)
        }
    }

    func didNotRun(_ problem: String) -> String { t("grade.did-not-run", ["problem": problem]) }

    func notReached(_ message: String, stopped: GradeResult.Stop?) -> String {
        led(by: message, t("grade.not-run", ["why": stopped.map(stop) ?? t("grade.stopped-before")]))
    }

    /// `text` after a check's own message, as "message: text" is punctuated in the language; `text` alone without one.
    private func led(by message: String, _ text: String) -> String {
        message.isEmpty ? text : t("grade.message-then", ["message": message, "text": text])
    }

    func trouble(_ trouble: Grader.AnswerTrouble) -> String {
        switch trouble {
        case .missing: return t("grade.is-missing")
        case .unreadable: return t("grade.cannot-be-read")
        case .stopped(let line): return t("grade.stopped-at", ["line": String(line)])
        }
    }

    func dependency(_ d: Grader.Dependency) -> String {
        t("grade.uses", ["name": d.name, "exercise": d.exercise, "trouble": trouble(d.trouble)])
    }

    /// An error of the student's answer: its line in the hand-in, the message, where in the student's functions, and the name it lacked.
    func answerError(_ failure: CheckFailure, line: Int) -> String {
        var text: String
        let message = failure.reason.message(in: language)
        if let inside = failure.places.first, let function = inside.function, let studentLine = inside.studentLine {
            // Inside the student's function: its own line first, then the command that called it.
            text = t("grade.error-in-function", ["studentLine": String(studentLine), "function": function, "line": String(line), "message": message])
        } else {
            text = t("grade.error-at-line", ["line": String(line), "message": message])
        }
        if let needs = failure.needs {
            text += " " + t("grade.needs", ["name": needs.name, "exercise": needs.exercise, "trouble": trouble(needs.trouble)])
        }
        return text
    }

    /// The message and the explanation of a check that did not pass.
    func failure(_ outcome: Grader.CheckOutcome, of check: Sheet.Check) -> (String, [FeedbackLine]) {
        switch outcome {
        case .passed: return (check.message, [])
        case .needs(let d): return (led(by: check.message, didNotRun(dependency(d))), [])
        case .preparationNeeds(let d): return (led(by: check.message, didNotRun(t("grade.preparing-failed", ["problem": dependency(d)]))), [])
        case .notPrepared(let f):
            return (led(by: check.message, didNotRun(t("grade.preparing-failed", ["problem": f.reason.message(in: language)]))), places(f))
        case .failed(let f):
            if case .expectationFailed(let expectation) = f.reason, expectation.message == check.message {
                return (check.message, earlier(f) + expectation.visible(everything: check.showsExpected).feedback(in: language))
            }
            let what = f.reason.isLimit ? "grade.did-not-finish" : f.reason == .interrupted ? "grade.interrupted" : "grade.stopped-with-error"
            var compared = Expectation(message: "", comparisons: f.compared).visible(everything: check.showsExpected).feedback(in: language)
            if let computing = f.computing { compared.append(line("error.while-computing", code: ["expression": computing])) }
            return (check.message, earlier(f) + [line(what, prose: ["message": f.reason.message(in: language)])] + places(f) + compared)
        }
    }

    /// A command of the check's block that failed before it: what the student must fix first.
    private func earlier(_ failure: CheckFailure) -> [FeedbackLine] {
        guard let earlier = failure.earlier else { return [] }
        let key = earlier.reason.isLimit ? "grade.earlier-did-not-finish" : "grade.earlier-error"
        return [line(key, prose: ["message": earlier.reason.message(in: language)])]
            + places(CheckFailure(reason: earlier.reason, places: earlier.places))
    }

    /// Where a failure happened: in the student's functions with their lines in the hand-in, then the calls that led there.
    func places(_ failure: CheckFailure) -> [FeedbackLine] {
        var lines: [FeedbackLine] = []
        for (k, place) in failure.places.enumerated() {
            let first = k == 0
            let at = ["line": String(place.line), "column": String(place.column), "studentLine": place.studentLine.map(String.init) ?? ""]
            if let function = place.function, place.studentLine != nil {
                lines.append(line(first ? "grade.at-yours" : "grade.called-at-yours", code: ["function": function], prose: at))
            } else if let function = place.function {
                lines.append(line(first ? "grade.in-sheets" : "grade.called-in-sheets", code: ["function": function]))
            } else if place.studentLine != nil {
                lines.append(line(first ? "grade.at-hand-in" : "grade.called-at-hand-in", prose: at))
            } else {
                lines.append(line(first ? "grade.in-check" : "grade.called-from-check"))
            }
        }
        // A deep recursion: the same line once, then how many more.
        var folded: [FeedbackLine] = []
        var repeats = 0
        for line in lines {
            if let last = folded.last, last == line { repeats += 1; continue }
            if repeats > 0 { folded.append(FeedbackLine([FeedbackLine.Span(text: language.text("grade.same-call", count: repeats), isCode: false)])) }
            repeats = 0
            folded.append(line)
        }
        if repeats > 0 { folded.append(FeedbackLine([FeedbackLine.Span(text: language.text("grade.same-call", count: repeats), isCode: false)])) }
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
                lines.append(line(language.plural("grade.calls-failed", failed.count), code: ["function": name], prose: ["checks": checks(failed)]))
            } else {
                own.append(name)
            }
        }
        if !own.isEmpty {
            // The names as code, joined as the language lists them.
            let names = Dictionary(uniqueKeysWithValues: own.enumerated().map { ("\($0.offset)", $0.element) })
            let listed = language.list(own.indices.map { "{\($0)}" }, "list.and")
            lines.insert(FeedbackLine.filled(t(language.plural("grade.calls-yours", own.count), ["functions": listed]), code: names), at: 0)
        }
        for other in buildsOn where !blamed.contains(other) {
            if let failed = failedChecks[other], !failed.isEmpty {
                lines.append(line(language.plural("grade.builds-on", failed.count), code: ["exercise": other], prose: ["checks": checks(failed)]))
            }
        }
        return lines
    }

    private func checks(_ numbers: [Int]) -> String {
        language.list(numbers.map(String.init), "list.and")
    }
}
