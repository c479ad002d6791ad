import Yams

/// What a notebook's front matter sets.
public struct NotebookSettings: Sendable, Hashable {
    public var title: String?
    /// Seeds the notebook's random generator; 0 when not given.
    public var seed: UInt64 = 0
    public var tolerance: Tolerance = .default
    /// The work limits of every command.
    public var limits = WorkLimits()

    public init() {}

    /// The keys front matter may use, with what they mean (for messages and docs).
    public static let keys: [(name: String, meaning: String)] = [
        ("title", "the notebook's title, used by the HTML page"),
        ("seed", "a whole number ≥ 0 that seeds the random generator (default 0)"),
        ("tolerance", "the relative tolerance for numbers in outputs (default 1e-6)"),
        ("max-elements", "the most elements one tensor may hold (default 10000000)"),
        ("max-training-examples", "the most examples one training call may visit, epochs × examples (default 20000000)"),
    ]
}

/// Front matter: the YAML between a first line `---` and the next line `---` or `...`.
struct FrontMatter {
    /// The last line of the front matter (its closing `---`), or 0 when there is none.
    var lastLine: Int
    var settings: NotebookSettings

    /// Reads front matter from the top of `source`, if there is any.
    static func read(_ source: SourceText) throws(DiagnosticError) -> FrontMatter {
        guard isDelimiter(source, line: 1, closing: false) else { return FrontMatter(lastLine: 0, settings: NotebookSettings()) }
        guard let close = (2...max(2, source.lineCount)).first(where: { $0 <= source.lineCount && isDelimiter(source, line: $0, closing: true) }) else {
            throw DiagnosticError([Diagnostic(.error, "front matter opened here is never closed by a line '---'", in: source,
                                              range: SourceRange(start: .init(line: 1, column: 1), end: .init(line: 1, column: 4)))])
        }
        let yamlLines = (2..<close).map { source.text(ofLine: $0) }
        let yaml = yamlLines.joined(separator: "\n")
        var settings = NotebookSettings()
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw DiagnosticError([diagnostic(for: error, source: source, yamlLines: yamlLines)])
        } catch {
            throw DiagnosticError([Diagnostic(.error, "malformed front matter: \(error)", in: source, range: SourceRange(at: .init(line: 2, column: 1)))])
        }
        guard let node else { return FrontMatter(lastLine: close, settings: settings) }
        guard case .mapping(let mapping) = node else {
            throw DiagnosticError([Diagnostic(.error, "front matter must be a mapping of keys to values, like 'title: Perceptrons'",
                                              in: source, range: range(of: node, source: source, yamlLines: yamlLines))])
        }
        var problems: [Diagnostic] = []
        for (key, value) in mapping {
            let keyRange = range(of: key, source: source, yamlLines: yamlLines)
            let name = key.string ?? ""
            func problem(_ message: String) {
                problems.append(Diagnostic(.error, message, in: source, range: range(of: value, source: source, yamlLines: yamlLines)))
            }
            switch name {
            case "title":
                if let title = value.string { settings.title = title } else { problem("'title' must be text") }
            case "seed":
                if let text = value.string, let seed = UInt64(text) { settings.seed = seed }
                else { problem("'seed' must be a whole number from 0 to 18446744073709551615") }
            case "max-elements", "max-training-examples":
                if let text = value.string, let n = Int(text), n > 0, n <= (name == "max-elements" ? 100_000_000 : 1_000_000_000) {
                    if name == "max-elements" { settings.limits.maximumElements = n } else { settings.limits.maximumTrainingExamples = n }
                } else {
                    problem("'\(name)' must be a whole number from 1 to 1000000000")
                }
            case "tolerance":
                if let text = value.string, let t = Double(text), t.isFinite, t >= 0 { settings.tolerance = Tolerance(relative: t) }
                else { problem("'tolerance' must be a number ≥ 0, like 1e-3") }
            default:
                let known = NotebookSettings.keys.map(\.name)
                let near = known.filter { editDistance($0, name) <= 2 }
                problems.append(Diagnostic(.error, "unknown front matter key '\(name)'" + (near.isEmpty ? "" : "; did you mean '\(near[0])'?")
                                           + " Known keys: " + known.joined(separator: ", "), in: source, range: keyRange))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return FrontMatter(lastLine: close, settings: settings)
    }

    private static func isDelimiter(_ source: SourceText, line: Int, closing: Bool) -> Bool {
        var text = source.content(ofLine: line)
        while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text = text.dropLast() }
        return Array(text) == Array("---".utf8) || (closing && Array(text) == Array("...".utf8))
    }

    /// The file range of a YAML node; YAML counts columns in Unicode scalars, the file in bytes.
    private static func range(of node: Node, source: SourceText, yamlLines: [String]) -> SourceRange {
        guard let mark = node.mark else { return SourceRange(at: .init(line: 2, column: 1)) }
        let start = position(line: mark.line, scalarColumn: mark.column, yamlLines: yamlLines)
        let length = (node.string ?? "").utf8.count
        let sameLine = (node.string ?? "").contains("\n") ? 0 : length
        return SourceRange(start: start, end: SourcePosition(line: start.line, column: start.column + sameLine))
    }

    private static func position(line: Int, scalarColumn: Int, yamlLines: [String]) -> SourcePosition {
        guard line >= 1, line <= yamlLines.count else {
            // Past the end (an unexpected end of the YAML): point just after its last byte.
            return SourcePosition(line: max(yamlLines.count, 1) + 1, column: (yamlLines.last?.utf8.count ?? 0) + 1)
        }
        let scalars = yamlLines[line - 1].unicodeScalars
        let prefix = scalars.prefix(max(0, scalarColumn - 1))
        return SourcePosition(line: line + 1, column: String(String.UnicodeScalarView(prefix)).utf8.count + 1)
    }

    private static func diagnostic(for error: YamlError, source: SourceText, yamlLines: [String]) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let at = position(line: mark.line, scalarColumn: mark.column, yamlLines: yamlLines)
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Diagnostic(.error, "malformed front matter: \(detail)", in: source, range: SourceRange(at: at))
        default:
            return Diagnostic(.error, "malformed front matter: \(error)", in: source, range: SourceRange(at: .init(line: 2, column: 1)))
        }
    }
}
