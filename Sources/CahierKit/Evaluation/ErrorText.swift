/// How a run-time error reads in a transcript.
///
/// The first line is `error: MESSAGE` (a message over several lines gives
/// several lines). When the command spans several lines, or the error
/// happened inside a function, lines follow that say where, counted within
/// the command (or the function's declaration) so they stay true when text
/// above the command changes:
///
///     error: index 5 is out of range for an axis of extent 3
///       at line 2, column 12 of step(_:)
///       called at line 1, column 1 of this command
public enum ErrorText {
    public static func lines(_ error: RuntimeError, in command: CommandText? = nil, language: Language = .english) -> [String] {
        let message = error.message(in: language).split(separator: "\n", omittingEmptySubsequences: false)
        var lines = message.enumerated().map { i, line in i == 0 ? language.text("transcript.error", ["message": String(line)]) : String(line) }
        if case .expectationFailed(let expectation) = error.reason { lines += expectation.explanation(in: language) }
        if !error.compared.isEmpty { lines += Expectation(message: "", comparisons: error.compared).explanation(in: language) }
        if let computing = error.computing { lines.append("  " + language.text("error.while-computing", ["expression": computing])) }
        guard let command, let range = error.range else { return lines }
        func at(_ key: String, _ place: (line: Int, column: Int), _ function: String? = nil) -> String {
            "  " + language.text(key, ["line": String(place.line), "column": String(place.column), "function": function ?? ""])
        }
        if error.trace.isEmpty {
            if command.pieces.count > 1, let place = command.place(of: range.start) {
                lines.append(at("error.at-command", place))
            }
            return lines
        }
        if let place = error.trace[0].definition.place(of: range.start) {
            lines.append(at("error.at-function", place, error.trace[0].function))
        }
        var calls: [String] = []
        for (k, frame) in error.trace.enumerated() {
            let caller = k + 1 < error.trace.count ? error.trace[k + 1] : nil
            let text = caller?.definition ?? command
            guard let place = text.place(of: frame.callSite.start) else { continue }
            calls.append(caller.map { at("error.called-at-function", place, $0.function) } ?? at("error.called-at-command", place))
        }
        return lines + collapsed(calls, language: language)
    }

    /// The longest cycle of call lines folded: a mutual recursion of up to this many functions.
    static let longestCycle = 16

    /// A run of the same call line (a recursion) shown once, then counted; a
    /// repeated cycle of call lines (a mutual recursion: g calls h calls g…)
    /// shown once, then the number of frames like these. At each line the
    /// cycle that folds the most lines wins: O(lines · ``longestCycle``) in all.
    static func collapsed(_ calls: [String], language: Language = .english) -> [String] {
        var out: [String] = []
        var i = 0
        while i < calls.count {
            var best = (period: 1, repeats: 0)
            for period in 1...longestCycle where i + 2 * period <= calls.count {
                // Whole extra copies of calls[i..<i+period] right after it.
                var repeats = 0
                while i + (repeats + 2) * period <= calls.count,
                      calls[(i + (repeats + 1) * period)..<(i + (repeats + 2) * period)].elementsEqual(calls[i..<(i + period)]) {
                    repeats += 1
                }
                if repeats * period > best.repeats * best.period { best = (period, repeats) }
            }
            out += calls[i..<(i + best.period)]
            if best.repeats > 0 {
                let frames = best.repeats * best.period
                out.append("  " + (best.period == 1 ? language.text("error.same-call", count: frames)
                                                    : language.text("error.more-frames", ["count": String(frames)])))
            }
            i += best.period * (best.repeats + 1)
        }
        return out
    }
}

extension CommandText {
    /// A file position as a line within the command (from 1) and a column within that line (from 1).
    func place(of position: SourcePosition) -> (line: Int, column: Int)? {
        guard let index = pieces.firstIndex(where: { $0.position.line == position.line }) else { return nil }
        return (index + 1, max(1, position.column - pieces[index].position.column + 1))
    }
}
