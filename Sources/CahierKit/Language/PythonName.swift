/// A Python, NumPy or PyTorch name that Cahier does not bind (`True`, `np`),
/// as data: the unknown-name error adds the catalogue's `python.name.KEY`.
public enum PythonName: String, Sendable, Hashable, Codable, CaseIterable {
    case trueValue = "true", falseValue = "false", noneValue = "none", selfValue = "self"
    case numpy, torch, math, not, enumerate, zip, int, float, pass

    /// The habit of `name`, or nil for a name that is not one.
    public init?(name: String) {
        switch name {
        case "True": self = .trueValue
        case "False": self = .falseValue
        case "None": self = .noneValue
        case "np", "numpy": self = .numpy
        case "torch", "nn", "F", "optim": self = .torch
        case "math": self = .math
        case "not": self = .not
        case "enumerate": self = .enumerate
        case "zip": self = .zip
        case "int": self = .int
        case "float": self = .float
        case "self": self = .selfValue
        case "pass": self = .pass
        default: return nil
        }
    }

    /// What Cahier writes instead, in `language`.
    public func advice(in language: Language) -> String {
        language.text("python.name." + rawValue)
    }
}
