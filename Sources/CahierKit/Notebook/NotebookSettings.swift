import CahierLearning
import Yams

/// What a notebook's front matter sets.
public struct NotebookSettings: Sendable, Hashable {
    public var title: String?
    /// Seeds the notebook's random generator; 0 when not given.
    public var seed: UInt64 = 0
    public var tolerance: Tolerance = .default
    /// The work limits of every command.
    public var limits = WorkLimits()
    /// How many significant digits numbers are shown with.
    public var digits = 6
    /// The language of messages: errors, feedback, summaries.
    public var language = Language.english
    /// Whether the front matter gave `lang` (else the course's `index.md` may, see ``NotebookParser/load(path:)``).
    public var languageIsGiven = false
    /// When a sheet grades a hand-in, each of its own commands (set-up and checks) may do
    /// this many times the work it needed with the sheet's solutions (each command of an
    /// answer, times its solution block's work)...
    public var checkWorkFactor = 100
    /// ...or this many operations when that is more (and never more than `max-operations`).
    public var checkWorkFloor = 10_000_000

    public init() {}

    /// Every key front matter may use: its meaning, example and reader.
    public static let table: [Setting<NotebookSettings>] = [
        Setting("title", meaning: "the notebook's title, used by the HTML page", example: "Perceptrons") { text, settings throws(SettingError) in
            settings.title = text
        },
        Setting("seed", meaning: "a whole number ≥ 0 that seeds the random generator (default 0)", example: "42") { text, settings throws(SettingError) in
            guard let seed = UInt64(text) else { throw SettingError("'seed' must be a whole number from 0 to 18446744073709551615") }
            settings.seed = seed
        },
        Setting("tolerance", meaning: "the relative tolerance for numbers in outputs (default 1e-6)", example: "1e-3") { text, settings throws(SettingError) in
            settings.tolerance = try SettingValue.tolerance(text, example: "1e-3")
        },
        Setting("max-elements", meaning: "the most elements one tensor may hold (default 10000000)", example: "1000000") { text, settings throws(SettingError) in
            settings.limits.maximumElements = try SettingValue.wholeNumber(text, name: "max-elements", in: 1...100_000_000)
        },
        Setting("max-training-examples", meaning: "the most examples one training call may visit, epochs × examples (default 20000000)",
                example: "1000000") { text, settings throws(SettingError) in
            settings.limits.maximumTrainingExamples = try SettingValue.wholeNumber(text, name: "max-training-examples", in: 1...1_000_000_000)
        },
        Setting("max-operations", meaning: "the most work one command may do, in operations (default 10000000000)",
                example: "1000000000") { text, settings throws(SettingError) in
            settings.limits.maximumCommandWork = try SettingValue.wholeNumber(text, name: "max-operations", in: 1...1_000_000_000_000)
        },
        Setting("max-notebook-operations", meaning: "the most work the whole notebook may do, in operations (default 100000000000)",
                example: "10000000000") { text, settings throws(SettingError) in
            settings.limits.maximumNotebookWork = try SettingValue.wholeNumber(text, name: "max-notebook-operations", in: 1...10_000_000_000_000)
        },
        Setting("check-work-factor", meaning: "when grading, how many times the work it needed with the sheet's solutions each command of the sheet may do with a hand-in's answers, and each command of an answer block times its solution block's work (default 100)",
                example: "1000") { text, settings throws(SettingError) in
            settings.checkWorkFactor = try SettingValue.wholeNumber(text, name: "check-work-factor", in: 1...1_000_000)
        },
        Setting("check-work-floor", meaning: "when grading, the operations each command may do however little its solution needed (default 10000000)",
                example: "100000000") { text, settings throws(SettingError) in
            settings.checkWorkFloor = try SettingValue.wholeNumber(text, name: "check-work-floor", in: 1...1_000_000_000_000)
        },
        Setting("max-call-depth", meaning: "the most nested function calls (default 200)", example: "500") { text, settings throws(SettingError) in
            settings.limits.maximumCallDepth = try SettingValue.wholeNumber(text, name: "max-call-depth", in: 1...1000)
        },
        Setting("max-output", meaning: "the most bytes of output one command may print and show (default 1000000)",
                example: "100000") { text, settings throws(SettingError) in
            settings.limits.maximumCommandOutput = try SettingValue.wholeNumber(text, name: "max-output", in: 1...100_000_000)
        },
        Setting("max-notebook-output", meaning: "the most bytes of output the whole notebook may make (default 20000000)",
                example: "1000000") { text, settings throws(SettingError) in
            settings.limits.maximumNotebookOutput = try SettingValue.wholeNumber(text, name: "max-notebook-output", in: 1...1_000_000_000)
        },
        Setting("max-file-bytes", meaning: "the largest data file load reads, in bytes (default 100000000)", example: "1000000") { text, settings throws(SettingError) in
            settings.limits.maximumFileBytes = try SettingValue.wholeNumber(text, name: "max-file-bytes", in: 1...2_000_000_000)
        },
        Setting("max-memory", meaning: "the most memory the notebook may hold, in bytes: every value, bound to a name or not (default 1000000000)",
                example: "2000000000") { text, settings throws(SettingError) in
            settings.limits.maximumMemoryBytes = try SettingValue.wholeNumber(text, name: "max-memory", in: 10_000_000...16_000_000_000)
        },
        Setting("lang", meaning: "the language of the notebook's messages, feedback, summaries and site interface, as a BCP 47 tag with a catalogue (en, fr; default en)",
                example: "fr") { text, settings throws(SettingError) in
            guard let language = Language(catalogued: text) else {
                throw SettingError("'lang' must be a language Cahier has a catalogue for: " + Language.catalogued.map(\.tag).joined(separator: ", "))
            }
            settings.language = language
            settings.languageIsGiven = true
        },
        Setting("digits", meaning: "how many significant digits numbers are shown with (default 6)", example: "12") { text, settings throws(SettingError) in
            settings.digits = try SettingValue.wholeNumber(text, name: "digits", in: 1...Display.maximumDigits)
        },
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
            // Every setting reads its value's text itself, so YAML's tags are not
            // resolved: the default resolver compiles seven ICU regular expressions
            // at first use, 2 ms of every process that reads front matter.
            node = try Yams.compose(yaml: yaml, .basic)
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
            switch NotebookSettings.table.setting(named: key.string ?? "", kind: "front matter key") {
            case .failure(let error):
                problems.append(Diagnostic(.error, error.message, in: source, range: keyRange))
            case .success(let setting):
                do throws(SettingError) {
                    guard let text = value.string else {
                        throw SettingError("'\(setting.name)' must be a single value, like \(setting.name): \(setting.example)")
                    }
                    try setting.apply(text, &settings)
                } catch {
                    problems.append(Diagnostic(.error, error.message, in: source, range: range(of: value, source: source, yamlLines: yamlLines)))
                }
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
