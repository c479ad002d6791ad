/// What the work limits and the figures refuse, as data; their words come from
/// the catalogues (`misuse.work.*`, `misuse.drawing.*`) in the notebook's language.
extension Misuse {
    /// A computation the limit of multiply-adds names; the raw value ends its key (`misuse.work.layer`).
    public enum Work: String, Sendable, Hashable, Codable {
        case matrixProduct = "matrix-product", layer
    }

    /// What a figure refused.
    public enum Drawing: Sendable, Hashable, Codable {
        /// A label of `function`'s figure, a value of `type`.
        case label(function: String, type: String)
        /// `plotLines` of `count` series, the longest of `longest` values when they were read; at most `series` series of `points` values.
        case series(count: Int, longest: Int?, series: Int, points: Int)
        /// `plotImages` of `images` images of `pixels` pixels in all, more than `limit`.
        case totalPixels(Int, images: Int, limit: Int)
        /// `function`'s figure whose `part` is over the output left to the command or (`notebook`) to the notebook, of `limit` bytes.
        case output(function: String, Part, limit: Int, notebook: Bool)
    }

    /// Which part of a figure is over the output limit.
    public enum Part: Sendable, Hashable, Codable {
        /// Its SVG, of this many bytes.
        case svg(bytes: Int)
        /// Its title and labels, of this many bytes.
        case texts(bytes: Int)
    }
}

extension Misuse.Drawing {
    /// The message, in `language`.
    func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse.drawing." + key, values) }
        switch self {
        case .label(let function, let type): return t("label", ["function": function, "value": Misuse.value(type, in: language)])
        case .series(let count, let longest, let series, let points):
            let values = ["count": String(count), "series": String(series), "points": String(points), "longest": longest.map(String.init) ?? ""]
            return t(longest == nil ? "series" : "series-longest", values)
        case .totalPixels(let pixels, let images, let limit):
            return t("total-pixels", ["pixels": String(pixels), "images": String(images), "limit": String(limit)])
        case .output(let function, let part, let limit, let notebook):
            let partWords: String
            switch part {
            case .svg(let bytes): partWords = t("part.svg", ["bytes": String(bytes)])
            case .texts(let bytes): partWords = t("part.texts", ["bytes": String(bytes)])
            }
            return t("output", ["function": function, "part": partWords, "limit": String(limit),
                                "place": t(notebook ? "place.notebook" : "place.command")])
        }
    }

    func bounded(_ cut: (String) -> String) -> Misuse.Drawing {
        switch self {
        case .label(let function, let type): return .label(function: cut(function), type: cut(type))
        case .output(let function, let part, let limit, let notebook): return .output(function: cut(function), part, limit: limit, notebook: notebook)
        case .series, .totalPixels: return self
        }
    }
}
