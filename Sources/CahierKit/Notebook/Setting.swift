import CahierLearning
import Foundation

/// One thing an author sets in text: a block option (`key=value` after
/// `cahier` on a fence) or a front matter key. Each has its meaning, an
/// example and the one reader of its value, so the notebook parser, the
/// hand-in reader, the messages and the docs all agree.
public struct Setting<Target>: Sendable {
    public var name: String
    public var meaning: String
    /// The value of the example shown in messages (empty for a flag).
    public var example: String
    /// Whether the setting is a bare word that takes no value.
    public var flag: Bool
    /// Reads the value into the target, or throws the sentence that says what is expected.
    public var apply: @Sendable (String, inout Target) throws(SettingError) -> Void

    public init(_ name: String, meaning: String, example: String, flag: Bool = false,
                apply: @escaping @Sendable (String, inout Target) throws(SettingError) -> Void) {
        self.name = name
        self.meaning = meaning
        self.example = example
        self.flag = flag
        self.apply = apply
    }
}

/// A setting's value that cannot be read: the message says what is expected.
public struct SettingError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension Array {
    /// The setting named `name`, or the message for an unknown one, with a
    /// "did you mean" when a known name is close.
    func setting<Target>(named name: String, kind: String) -> Result<Setting<Target>, SettingError> where Element == Setting<Target> {
        if let setting = first(where: { $0.name == name }) { return .success(setting) }
        let known = map(\.name)
        let near = NameSuggestions.close(to: name, among: known)
        return .failure(SettingError("unknown \(kind) '\(NameSuggestions.shown(name))'" + (near.isEmpty ? "" : "; did you mean '\(near[0])'?")
                                     + " Known \(kind == "block option" ? "options" : "keys"): " + known.joined(separator: ", ")))
    }
}

/// The readers of setting values shared by block options and front matter.
enum SettingValue {
    static func tolerance(_ text: String, example: String) throws(SettingError) -> Tolerance {
        guard let t = Double(text), t.isFinite, t >= 0 else { throw SettingError("'tolerance' must be a number ≥ 0, like \(example)") }
        return Tolerance(relative: t)
    }

    /// An exercise ID: letters, digits, `-` and `_`, at most 64 bytes.
    static func exerciseID(_ text: String) throws(SettingError) -> String {
        guard !text.isEmpty, text.utf8.count <= 64,
              text.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }) else {
            throw SettingError("an exercise ID is made of letters, digits, - and _ (at most 64), got '\(text)'")
        }
        return text
    }

    /// A whole number in `range`.
    static func wholeNumber(_ text: String, name: String, in range: ClosedRange<Int>) throws(SettingError) -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw SettingError("'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }
}
