/// A call whose arguments do not fit the parameters of the function called,
/// a builtin, a method or a notebook's function alike: one matcher
/// (``ParameterMatch``) finds the mistake and this says it, in the notebook's
/// language, with the function's signature.
public enum CallMistake: Sendable, Hashable, Codable {
    /// How an argument is written: with a label, or without one.
    public enum Written: Sendable, Hashable, Codable {
        case labeled(String)
        case unlabeled
    }

    /// The parameter `parameter`, written `wanted`, has no argument and no
    /// default; `found` is the argument in its place, nil when the arguments ran out.
    case missing(function: String, parameter: String, wanted: Written, found: Written?, signature: String)
    /// The argument `argument` fits no parameter left: an unknown or misplaced
    /// label, or one argument too many. `misuse` is the form probably meant, in English.
    case extra(function: String, argument: Written, signature: String, misuse: String?)

    /// The mistake's message, in `language`:
    /// "f: missing 'by:' for 'k' but found 'per:'; the signature is …".
    func message(in language: Language) -> String {
        switch self {
        case .missing(let function, let parameter, let wanted, let found, let signature):
            var values = ["function": function, "parameter": parameter, "signature": signature]
            let key: String
            switch wanted {
            case .labeled(let label):
                key = "call.missing-labeled"
                values["label"] = label
            case .unlabeled: key = "call.missing-unlabeled"
            }
            let foundWords: String
            switch found {
            case .labeled(let label)?: foundWords = language.text("call.found-labeled", ["label": label])
            case .unlabeled?: foundWords = language.text("call.found-unlabeled")
            case nil: foundWords = ""
            }
            return language.text(key, values) + foundWords + language.text("call.signature", values)
        case .extra(let function, let argument, let signature, let misuse):
            let text: String
            switch argument {
            case .labeled(let label): text = language.text("call.unexpected-label", ["function": function, "label": label])
            case .unlabeled: text = language.text("call.too-many", ["function": function])
            }
            return text + language.text("call.signature", ["signature": signature]) + (misuse.map { language.wording(of: "; " + $0) } ?? "")
        }
    }

    /// The mistake with every text it carries cut by `cut` (a grader keeps reasons bounded).
    func bounded(_ cut: (String) -> String) -> CallMistake {
        func written(_ w: Written) -> Written {
            if case .labeled(let label) = w { return .labeled(cut(label)) }
            return w
        }
        switch self {
        case .missing(let function, let parameter, let wanted, let found, let signature):
            return .missing(function: cut(function), parameter: cut(parameter), wanted: written(wanted), found: found.map(written), signature: cut(signature))
        case .extra(let function, let argument, let signature, let misuse):
            return .extra(function: cut(function), argument: written(argument), signature: cut(signature), misuse: misuse.map(cut))
        }
    }
}

extension ParameterMatch.Failure {
    /// The mistake this failure of a call written with `labels` is.
    func mistake(_ labels: [String?], next: Int, parameters: [FunctionParameter], function: String, signature: String, misuse: String?) -> CallMistake {
        func written(_ label: String?) -> CallMistake.Written { label.map { .labeled($0) } ?? .unlabeled }
        switch self {
        case .missing(let index):
            let parameter = parameters[index]
            return .missing(function: function, parameter: parameter.name, wanted: written(parameter.label),
                            found: next < labels.count ? written(labels[next]) : nil, signature: signature)
        case .extra:
            return .extra(function: function, argument: written(next < labels.count ? labels[next] : nil), signature: signature, misuse: misuse)
        }
    }
}
