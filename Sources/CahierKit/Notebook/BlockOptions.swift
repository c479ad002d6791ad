import CahierLearning

/// The options written after `cahier` in a block's info string: `key=value`
/// words, and the flag `visible`.
public struct BlockOptions: Sendable, Hashable {
    public var tolerance: Tolerance?
    /// `exercise=ID`: the block is the answer to exercise ID.
    public var exercise: String?
    /// `points=N`: what the exercise is worth.
    public var points: Double?
    /// `check=ID`: the block checks exercise ID.
    public var check: String?
    /// `visible`: a check block shipped to students as a self-check.
    public var visible = false
    /// `show-expected`: a hidden check whose failure may show the expected values (the sheet's), not only the student's.
    public var showExpected = false
    /// `builds-on=ID,ID`: the exercise uses the answers of these exercises; when one fails a check, this one's feedback says so.
    public var buildsOn: [String] = []

    public init() {}

    /// Every option a block may have: its meaning, example and reader.
    public static let table: [Setting<BlockOptions>] = [
        Setting("tolerance", meaning: "the relative tolerance for numbers in this block's outputs", example: "1e-3") { text, options throws(SettingError) in
            options.tolerance = try SettingValue.tolerance(text, example: "tolerance=1e-3")
        },
        Setting("exercise", meaning: "the block is the answer to this exercise (an ID of letters, digits, - and _)", example: "ex1") { text, options throws(SettingError) in
            options.exercise = try SettingValue.exerciseID(text)
        },
        Setting("points", meaning: "what the exercise is worth, with exercise=", example: "2") { text, options throws(SettingError) in
            guard let p = Double(text), p.isFinite, p >= 0, p <= 1_000_000 else { throw SettingError("'points' must be a number ≥ 0, like points=2") }
            options.points = p
        },
        Setting("check", meaning: "the block checks this exercise; its expect(…) calls score", example: "ex1") { text, options throws(SettingError) in
            options.check = try SettingValue.exerciseID(text)
        },
        Setting("visible", meaning: "a check block that students receive as a self-check", example: "", flag: true) { _, options throws(SettingError) in
            options.visible = true
        },
        Setting("show-expected", meaning: "a hidden check block whose failures show the expected values too, not only the student's", example: "",
                flag: true) { _, options throws(SettingError) in
            options.showExpected = true
        },
        Setting("builds-on", meaning: "the exercise builds on these exercises (IDs separated by commas), with exercise=", example: "ex1,ex2") { text, options throws(SettingError) in
            let ids = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard ids.count <= 16 else { throw SettingError("'builds-on' names at most 16 exercises") }
            options.buildsOn = try ids.map { id throws(SettingError) in try SettingValue.exerciseID(id) }
        },
    ]

    /// The words of an info string after its first (`cahier`), each with its
    /// byte offset in the string.
    static func words(_ info: [UInt8], from start: Int = 0) -> [(text: String, offset: Int)] {
        var words: [(text: String, offset: Int)] = []
        var begin: Int?
        for i in start...info.count {
            let isSpace = i == info.count || info[i] == UInt8(ascii: " ") || info[i] == UInt8(ascii: "\t")
            if isSpace, let b = begin {
                words.append((String(decoding: info[b..<i], as: UTF8.self), b))
                begin = nil
            } else if !isSpace, begin == nil {
                begin = i
            }
        }
        return Array(words.dropFirst())
    }

    /// Reads option words; `problem(message, word)` hears of each one that
    /// cannot be read, which is then left out.
    static func read(_ words: [(text: String, offset: Int)], problem: (String, Int) -> Void) -> BlockOptions {
        var options = BlockOptions()
        var seen: Set<String> = []
        for (index, word) in words.enumerated() {
            let parts = word.text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = parts[0]
            let setting: Setting<BlockOptions>
            switch table.setting(named: name, kind: "block option") {
            case .success(let found): setting = found
            case .failure(let error): problem(error.message, index); continue
            }
            if setting.flag {
                guard parts.count == 1 else { problem("block option '\(name)' takes no value", index); continue }
            } else {
                guard parts.count == 2, !parts[1].isEmpty else {
                    problem("block option '\(name)' needs a value, as in \(name)=\(setting.example)", index)
                    continue
                }
            }
            guard seen.insert(name).inserted else { problem("block option '\(name)' is given twice", index); continue }
            do throws(SettingError) {
                try setting.apply(parts.count == 2 ? parts[1] : "", &options)
            } catch {
                problem(error.message, index)
            }
        }
        return options
    }
}
