/// TeX math written as plain text, for the places KaTeX does not reach: the
/// home page's summaries, the search's documents and snippets, the outline.
/// `\hat y` becomes ŷ, `k \times d` k × d, `z \ge 0` z ≥ 0, `x_1` x₁,
/// `w^\top x` wᵀx, `\frac{a}{b+c}` a/(b+c); a group's braces go, a command it
/// does not know is written as its name (`\foo` foo), and a sub- or
/// superscript Unicode has no character for stays `x_d`, `2^(n+1)`.
enum MathText {
    /// The text of the TeX `tex`, its white space collapsed.
    static func plain(_ tex: String) -> String {
        var reader = Reader(Array(tex))
        return PageOutline.collapsed(reader.sequence(until: nil))
    }

    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
        "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "times": "×", "cdot": "·", "ge": "≥", "geq": "≥", "le": "≤", "leq": "≤", "ne": "≠", "neq": "≠", "approx": "≈",
        "in": "∈", "notin": "∉", "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦",
        "infty": "∞", "sum": "Σ", "prod": "Π", "partial": "∂", "nabla": "∇", "pm": "±", "dots": "…", "ldots": "…",
        "cdots": "⋯", "top": "T", "odot": "⊙", "circ": "∘", "cap": "∩", "cup": "∪", "subset": "⊂", "forall": "∀",
        "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨", "oplus": "⊕", "ell": "ℓ", "prime": "′", "sim": "∼",
        "propto": "∝", "equiv": "≡", "mid": "|", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "quad": " ", "qquad": " ", "log": "log", "exp": "exp", "max": "max", "min": "min", "arg": "arg",
    ]
    /// Accents, written as the combining character after the letter they top.
    static let accents: [String: Character] = ["hat": "\u{302}", "widehat": "\u{302}", "bar": "\u{304}", "overline": "\u{305}",
                                               "tilde": "\u{303}", "widetilde": "\u{303}", "vec": "\u{20D7}", "dot": "\u{307}"]
    static let blackboard: [String: String] = ["R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼"]
    static let subscripts: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        Array("0123456789+-=()aehijklmnoprstuvx"), Array("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")))
    static let superscripts: [Character: Character] = Dictionary(uniqueKeysWithValues: zip(
        Array("0123456789+-=()abcdefghijklmnoprstuvwxyzT"), Array("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ")))

    /// Reads TeX one unit at a time: a group, a command and its arguments, a
    /// sub- or superscript, a character. Depth is bounded by the text's length.
    struct Reader {
        let chars: [Character]
        var i = 0

        init(_ chars: [Character]) { self.chars = chars }

        /// The units up to `end` (consumed), or to the end of the text.
        mutating func sequence(until end: Character?) -> String {
            var out = ""
            while i < chars.count {
                if let end, chars[i] == end {
                    i += 1
                    return out
                }
                out += unit()
            }
            return out
        }

        mutating func unit() -> String {
            let c = chars[i]
            i += 1
            switch c {
            case "{": return sequence(until: "}")
            case "}": return ""
            case "\\": return command()
            case "_": return script(MathText.subscripts, mark: "_")
            case "^": return script(MathText.superscripts, mark: "^")
            case "~": return " "
            case "&": return " "
            default: return String(c)
            }
        }

        /// A command's argument: the next unit after spaces.
        mutating func argument() -> String {
            while i < chars.count, chars[i] == " " { i += 1 }
            return i < chars.count ? unit() : ""
        }

        mutating func command() -> String {
            guard i < chars.count else { return "" }
            guard chars[i].isLetterQuickly else {
                let c = chars[i]
                i += 1
                switch c {
                case ",", ";", ":", " ", "\\": return " "
                case "!": return ""
                case "|": return "‖"
                default: return String(c)
                }
            }
            var name = ""
            while i < chars.count, chars[i].isLetterQuickly {
                name.append(chars[i])
                i += 1
            }
            if let accent = MathText.accents[name] {
                let base = argument()
                guard let first = base.first else { return String(accent) }
                return String(first) + String(accent) + base.dropFirst()
            }
            switch name {
            case "frac", "dfrac", "tfrac":
                let (top, bottom) = (argument(), argument())
                return Self.grouped(top) + "/" + Self.grouped(bottom) + " "
            case "sqrt": return "√" + Self.grouped(argument())
            case "mathbb":
                let letter = argument()
                return MathText.blackboard[letter] ?? letter
            case "text", "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "operatorname", "boldsymbol", "textbf", "textit":
                return argument()
            case "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "displaystyle", "textstyle", "limits":
                return ""
            default: return MathText.symbols[name] ?? name
            }
        }

        /// A sub- or superscript: in Unicode's small characters when each has one, else marked.
        mutating func script(_ table: [Character: Character], mark: Character) -> String {
            let content = argument().filter { $0 != " " }
            let small = content.compactMap { table[$0] }
            if !content.isEmpty, small.count == content.count { return String(small) }
            return String(mark) + Self.grouped(content)
        }

        /// A single letter or number as it is, anything longer in parentheses.
        static func grouped(_ text: String) -> String {
            text.count <= 1 || text.allSatisfy({ $0.isLetterOrNumberQuickly }) ? text : "(" + text + ")"
        }
    }
}
