import CahierLearning
import Foundation

/// `load`: the data files a notebook reads from its own folder. The format is
/// the file's (a table, NumPy's arrays, a PNG image, a folder of images), and
/// its content must agree with its name: a `.png` that is not a PNG, or a
/// `.csv` whose header is tab-separated, is refused, never guessed.
extension Registry {
    /// The options of `load`, which only tables take.
    struct LoadOptions: Hashable {
        var label: String?
        var features: [String]?
        var text: String?
        var delimiter: String?
        var decimal: String?

        init(_ arguments: Arguments) throws {
            label = try arguments.optionalString("label")
            text = try arguments.optionalString("text")
            delimiter = try arguments.optionalString("delimiter")
            decimal = try arguments.optionalString("decimal")
            if arguments.has("features") {
                features = try arguments.list("features").map { value in
                    guard case .string(let name) = value else { throw RuntimeError(.notA(.parameter(function: "load", name: "features"), .columnNames, got: nil)) }
                    return name
                }
            }
        }

        var isEmpty: Bool { label == nil && features == nil && text == nil && delimiter == nil && decimal == nil }
    }

    static let fileBuiltins: [Builtin] = [
        Builtin("load", [.positional("path", .string), .labeled("label", .string, optional: true), .labeled("features", .list, optional: true),
                         .labeled("text", .string, optional: true), .labeled("delimiter", .string, optional: true),
                         .labeled("decimal", .string, optional: true)],
                returns: "Dataset", topic: "Data",
                summary: "Reads a data file of the notebook's folder: a table (.csv, .tsv) as a Dataset, NumPy's .npy as a tensor and .npz as a record of tensors, a .png image as a tensor [H, W, C] in [0, 1], a folder of class folders of .png images as a Dataset.",
                details: """
                A table has a header row naming its columns. `label:` names the column of the labels (by default the one named `label`); numeric labels stay numbers, text labels become class indices 0, 1, … in sorted order, and the record's `classes` lists them. `features:` lists the columns of x (by default every other numeric column); `text:` names a column of texts, kept in `texts` (by default the only other column that is not numeric, when x is not asked for). `delimiter:` is ",", ";" or "tab" (by default the file's extension; a .csv whose header holds `;` and no `,` is read as `;`-separated, as French spreadsheets save it). `decimal:` is "." or "," for numbers written 2,5 (then the delimiter is ";" unless given); by default a file not separated by commas whose numbers all write their decimals with a comma is read so, and one that mixes 2.5 and 2,5 is an error at the first such number. Quoted fields, CRLF and a byte order mark are read; a missing or non-numeric value where a number is needed is an error with its line and column.
                A folder of images holds one folder per class (sorted by name, the labels 0, 1, …) of PNG images of one shape; each image becomes a row of x with its channels first, all its red values, then its green, then its blue (reshape(x[i], C, H, W) gives it back), and `shape` is [H, W, C].
                The path is relative to the notebook's folder and may not leave it at any level: an absolute path, `..`, or a link that points outside (the path's own or one inside a folder of images) is an error that names only the path inside the folder, and only regular files are read (never a pipe or a device). A file is read once per notebook; its size is checked against max-file-bytes before reading, a table may hold at most max-elements fields, and an .npz's arrays together at most max-file-bytes once unpacked.
                """,
                example: []) { context, arguments in
            try loadData(try arguments.string("path"), LoadOptions(arguments), context)
        },
    ]

    /// Reads `path` inside the notebook's folder, refusing anything outside it:
    /// the file (or each entry of a folder of images) is opened through
    /// ``DataFolder``, one component at a time without following a link out of
    /// the folder, and only regular files are read.
    static func loadData(_ path: String, _ options: LoadOptions, _ context: EvaluationContext) throws -> Value {
        guard let folder = context.folder else { throw RuntimeError(.load(.notAllowed)) }
        guard !path.hasPrefix("/") else { throw RuntimeError(.load(.absolute(path))) }
        guard !path.split(separator: "/").contains("..") else { throw RuntimeError(.load(.leaves(path))) }
        let limits = context.limits
        let root = DataFolder(folder)
        let value: Value
        do {
            let entry: DataFolder.Entry
            do {
                entry = try root.open(path)
            } catch let refusal as DataFolder.Refusal {
                switch refusal.reason {
                case .missing: throw RuntimeError(.load(.missing(path)))
                case .outside: throw RuntimeError(.load(.leadsOutside(path)))
                case .other: throw RuntimeError("load: '\(path)': \(refusal.message)")
                }
            }
            let key = entry.path + "\u{0}" + String(describing: options)
            if let cached = context.loaded[key] { return cached }
            let ext = (path as NSString).pathExtension.lowercased()
            if entry.isDirectory {
                guard options.isEmpty else { throw RuntimeError(.load(.tableOptions(path, folder: true))) }
                let images = try ImageFile.folder(root, entry.path, display: path, maximumBytes: limits.maximumFileBytes, maximumElements: limits.maximumElements)
                value = Dataset(x: .dense(images.x), y: images.y, classes: images.classes, shape: images.shape).value
            } else {
                let bytes = try DataFile.read(entry, path: path, maximumBytes: limits.maximumFileBytes)
                // Reading it is linear in its bytes: one operation each, charged before it is parsed.
                try context.budget.charge(bytes.count)
                if ext == "csv" || ext == "tsv" || options.delimiter != nil || options.decimal != nil {
                    value = try table(bytes, display: path, extension: ext, options, limits)
                } else {
                    guard options.isEmpty else { throw RuntimeError(.load(.tableOptions(path, folder: false))) }
                    switch ext {
                    case "npy":
                        value = Coerce.result(try NumPyFile.array(bytes: bytes, path: path, maximumElements: limits.maximumElements))
                    case "npz":
                        let arrays = try NumPyFile.arrays(bytes: bytes, path: path, maximumBytes: limits.maximumFileBytes, maximumElements: limits.maximumElements)
                        value = .record(.named(.arrays, arrays.map { ($0.name, Coerce.result($0.array)) }))
                    case "png":
                        value = .tensor(try ImageFile.png(bytes, path: path, maximumElements: limits.maximumElements))
                    default:
                        throw RuntimeError(.load(.unknownFormat(path)))
                    }
                }
            }
            context.loaded[key] = value
        } catch let error as DataFileError {
            if let field = error.field { throw RuntimeError(.load(.field(error.path, position: error.position, field, notNumbers: nil))) }
            throw RuntimeError("load: \(error.path)\(error.position): \(error.message)")
        }
        return value
    }

    /// Names for a message: all of them up to 20, else the first 20 and how many there are.
    private static func listed(_ names: [String]) -> String {
        let shown = names.prefix(20).map(DataTable.excerpt)
        return names.count <= 20 ? shown.joined(separator: ", ") : shown.joined(separator: ", ") + ", … (\(names.count) in all)"
    }

    /// A table as a Dataset.
    private static func table(_ bytes: [UInt8], display path: String, extension ext: String, _ options: LoadOptions, _ limits: WorkLimits) throws -> Value {
        let table = try readTable(bytes, display: path, extension: ext, options, limits)
        if table.columns.count == 1, options.delimiter == nil {
            // One column: perhaps the file is separated by something else than its name says.
            if table.columns[0].contains("\t") || table.columns[0].contains(",") {
                throw RuntimeError(.load(.header(path, tab: table.columns[0].contains("\t"))))
            }
        }
        func index(_ name: String, _ role: Misuse.Role) throws -> Int {
            guard let k = table.column(named: name) else {
                throw RuntimeError(.load(.noColumn(path, name: name, role: role, columns: table.columns)))
            }
            return k
        }
        let labelName = options.label ?? (table.column(named: "label") != nil ? "label" : nil)
        guard let labelName else {
            throw RuntimeError(.load(.whichLabel(path, columns: table.columns)))
        }
        let labelColumn = try index(labelName, .labels)
        let textColumn = try options.text.map { try index($0, .texts) }
        var featureColumns: [Int]
        if let names = options.features {
            featureColumns = try names.map { try index($0, .feature) }
        } else {
            featureColumns = (0..<table.columns.count).filter { $0 != labelColumn && $0 != textColumn && table.isNumeric($0) }
        }
        var texts = textColumn.map { table.texts($0) }
        if texts == nil, options.features == nil {
            // The one column that is neither the labels nor a number holds the texts.
            let others = (0..<table.columns.count).filter { $0 != labelColumn && !table.isNumeric($0) }
            if others.count == 1 {
                // Numbers with decimal commas among decimal points are not a column of texts: say where.
                if let row = table.firstNonNumber(others[0], decimalCommaOnly: true) {
                    let cell = table.notANumber(row: row, column: others[0])
                    throw RuntimeError(cell.field.map { FailureReason.misuse(.load(.field(cell.path, position: cell.position, $0, notNumbers: nil))) } ?? .other("load: \(cell.path)\(cell.position): \(cell.message)"))
                }
                texts = table.texts(others[0])
            }
            if others.count > 1 {
                // Where the first of them stops being numbers: the cell that made it text.
                let columns = others.map { "'\(table.columns[$0])'" }
                // The cell to show: the first decimal comma, else the first cell that is not a number.
                let cells = [true, false].lazy.flatMap { commas in
                    others.lazy.compactMap { k in table.firstNonNumber(k, decimalCommaOnly: commas).map { table.notANumber(row: $0, column: k) } }
                }
                if let cell = cells.first {
                    throw RuntimeError(cell.field.map { .load(.field(cell.path, position: cell.position, $0, notNumbers: columns)) }
                                       ?? .load(.notNumbers(path, columns: columns)))
                }
                throw RuntimeError(.load(.notNumbers(path, columns: columns)))
            }
        }
        try limits.check([table.rowCount, featureColumns.count])
        var x = [Double](repeating: 0, count: table.rowCount * featureColumns.count)
        for (j, column) in featureColumns.enumerated() {
            for (i, value) in try table.numbers(column).enumerated() { x[i * featureColumns.count + j] = value }
        }
        let y: Tensor
        var classes: [String]?
        if table.isNumeric(labelColumn) {
            y = Tensor(vector: try table.numbers(labelColumn))
        } else {
            let names = table.texts(labelColumn)
            if let missing = names.firstIndex(where: { $0.isEmpty }) {
                throw RuntimeError(.load(.missingLabel(path, position: table.error(row: missing, column: labelColumn, "").position)))
            }
            let sorted = Array(Set(names)).sorted()
            let indexOf = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Double($0)) })
            y = Tensor(vector: names.map { indexOf[$0] ?? 0 })
            classes = sorted
        }
        let features = try Tensor(shape: [table.rowCount, featureColumns.count], scalars: x)
        return Dataset(x: .dense(features), y: y, texts: texts, classes: classes,
                       columns: featureColumns.map { table.columns[$0] }).value
    }

    /// Reads a table with the delimiter and decimal mark `options` give, or
    /// those the file shows unambiguously: a `.csv` whose header is separated
    /// by `;` and holds no `,` is read with `;`; a file not separated by `,`
    /// whose numbers write decimals only with commas (`2,5`, never `2.5`) is
    /// read with decimal commas.
    private static func readTable(_ bytes: [UInt8], display path: String, extension ext: String, _ options: LoadOptions, _ limits: WorkLimits) throws -> DataTable {
        let decimalComma: Bool?
        switch options.decimal {
        case nil: decimalComma = nil
        case ".": decimalComma = false
        case ",": decimalComma = true
        case let other?: throw RuntimeError(.oneOf(.parameter(function: "load", name: "decimal"), choices: [".", ","], got: other))
        }
        let delimiter: UInt8
        var detected = false
        switch options.delimiter {
        case ","?:
            guard decimalComma != true else { throw RuntimeError(.load(.commaTwice)) }
            delimiter = UInt8(ascii: ",")
        case "tab"?, "\t"?: delimiter = UInt8(ascii: "\t")
        case ";"?: delimiter = UInt8(ascii: ";")
        case let other?: throw RuntimeError(.oneOf(.parameter(function: "load", name: "delimiter"), choices: [",", ";", "tab"], got: other))
        case nil:
            if ext == "tsv" { delimiter = UInt8(ascii: "\t") }
            else if decimalComma == true { delimiter = UInt8(ascii: ";") }
            else {
                delimiter = CSVDialect.semicolonHeader(bytes) ?? UInt8(ascii: ",")
                detected = delimiter == UInt8(ascii: ";")
            }
        }
        let table: DataTable
        do {
            table = try DataTable(bytes: bytes, path: path, delimiter: delimiter, decimalComma: decimalComma ?? false, maximumFields: limits.maximumElements)
        } catch var error as DataFileError where detected {
            // Said, since the name .csv says commas: the rows did not split as the header did.
            error.message += " (read as ';'-separated, as its header is; give delimiter: to choose)"
            throw error
        }
        guard decimalComma == nil, delimiter != UInt8(ascii: ",") else { return table }
        let marks = table.decimalMarks()
        guard marks.commas > 0, marks.points == 0 else { return table }
        return try DataTable(bytes: bytes, path: path, delimiter: delimiter, decimalComma: true, maximumFields: limits.maximumElements)
    }
}
