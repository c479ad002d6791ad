import CahierLearning

/// The names of a notebook and their values: each name gets a slot the
/// first time a command mentions it, and keeps it, so commands and function
/// bodies read names by slot.
///
/// In an exercise sheet the names have two views. The sheet's code (its
/// ordinary blocks and its check blocks) sees every name; a student's answer
/// (an answer block, and a function declared in one, wherever it runs) sees the
/// names bound outside check blocks and its own, never what a check bound: a
/// slot a check binds keeps, for answers, the value it had before
/// (``answerValues``), and an answer that binds such a name binds its own
/// without touching the check's. Outside sheets every slot has one view.
final class Globals {
    private(set) var index: [String: Int] = [:]
    private(set) var names: [String] = []
    /// The values the sheet's code sees (the only ones outside sheets).
    @exclusivity(unchecked) var values: [Value?] = []
    @exclusivity(unchecked) var mutable: [Bool] = []
    /// Whether a check block bound the slot: then answers see ``answerValues`` instead.
    @exclusivity(unchecked) private(set) var split: [Bool] = []
    /// What answers see of a slot a check bound: its value before, or their own.
    @exclusivity(unchecked) private var answerValues: [Value?] = []
    @exclusivity(unchecked) private var answerMutable: [Bool] = []
    /// Whether any slot is split (a plain notebook never has one).
    @exclusivity(unchecked) private(set) var anySplit = false
    /// Whose code reads and writes names now.
    @exclusivity(unchecked) var reader: CodeOrigin = .notebook

    /// The slot of `name`, made when it has none yet.
    func slot(_ name: String) -> Int {
        if let slot = index[name] { return slot }
        let slot = names.count
        index[name] = slot
        names.append(name)
        values.append(nil)
        mutable.append(false)
        split.append(false)
        answerValues.append(nil)
        answerMutable.append(false)
        return slot
    }

    /// Whether the running code sees the answers' view of `slot`.
    @inline(__always)
    private func answersView(_ slot: Int) -> Bool {
        anySplit && split[slot] && reader.isAnswer
    }

    /// The value of `slot` as the running code sees it.
    @inline(__always)
    func value(_ slot: Int) -> Value? {
        answersView(slot) ? answerValues[slot] : values[slot]
    }

    /// Whether the running code may assign to `slot` (it was bound with `var` in its view).
    func isMutable(_ slot: Int) -> Bool {
        answersView(slot) ? answerMutable[slot] : mutable[slot]
    }

    /// Before a check writes `slot` the first time, answers keep what they saw of it.
    private func splitForCheck(_ slot: Int) {
        guard case .check = reader, !split[slot] else { return }
        answerValues[slot] = values[slot]
        answerMutable[slot] = mutable[slot]
        split[slot] = true
        anySplit = true
    }

    /// Binds `slot` in the running code's view (see the type's summary).
    func bind(_ slot: Int, _ value: Value, mutable isMutable: Bool) {
        switch reader {
        case .check:
            splitForCheck(slot)
        case .answer where split[slot]:
            answerValues[slot] = value
            answerMutable[slot] = isMutable
            return
        case .answer:
            break
        case .notebook:
            split[slot] = false
            answerValues[slot] = nil
        }
        values[slot] = value
        mutable[slot] = isMutable
    }

    /// Stores a new value in `slot`, in the running code's view, keeping whether it may change.
    func store(_ slot: Int, _ value: Value) {
        bind(slot, value, mutable: isMutable(slot))
    }

    /// Takes the value of `slot` out of the running code's view (while it changes in place).
    func take(_ slot: Int) -> Value? {
        splitForCheck(slot)
        if answersView(slot) { return answerValues[slot].take() }
        return values[slot].take()
    }

    /// Puts back a value taken by ``take(_:)`` when nothing was stored since.
    func restore(_ slot: Int, _ value: Value) {
        if answersView(slot) {
            if answerValues[slot] == nil { answerValues[slot] = value }
        } else if values[slot] == nil {
            values[slot] = value
        }
    }

    /// The names that have a value in the running code's view.
    var bound: [String] { names.indices.filter { value($0) != nil }.map { names[$0] } }
}

/// Whose code runs: an ordinary notebook's (or a sheet's ordinary blocks), a
/// sheet's check block, or a student's answer (with the generator it draws
/// from). A function keeps the origin of the block that declared it.
enum CodeOrigin {
    case notebook
    case check
    case answer(AnswerScope)

    var isAnswer: Bool {
        if case .answer = self { return true }
        return false
    }

    var scope: AnswerScope? {
        if case .answer(let scope) = self { return scope }
        return nil
    }
}

/// One answer block of an exercise sheet while it is graded or checked: the
/// generator its code draws from, wherever that code runs (a check calling the
/// answer's function included), so an answer's draws never move the sheet's.
public final class AnswerScope {
    var random: Xoshiro256

    init(random: Xoshiro256) {
        self.random = random
    }
}
