import CahierLearning
import Foundation

extension Registry {
    static let learningConstants: [(name: String, summary: String, value: Value)] = [
        ("gates", "The truth tables of and, or, nand, nor, xor and not, each a Dataset with inputs x in {0, 1} and labels y.",
         .record(.named(.gates, BooleanFunction.allCases.map { f in
             (f.rawValue, Dataset(x: .dense(f.inputs), y: f.labels).value)
         }))),
    ]

    static let dataBuiltins: [Builtin] = [
        Builtin("dataset", [.labeled("x", .any), .labeled("y", .tensor)], returns: "Dataset", topic: "Data",
                summary: "A Dataset from inputs x (a matrix or a SparseMatrix) and labels y.",
                example: ["> dataset(x: [[0, 1], [1, 0]], y: [1, 0]).y", "[1, 0]"]) { _, arguments in
            let data = Dataset(x: try features(try arguments.value("x"), .parameter(function: "dataset", name: "x")), y: try arguments.tensor("y"))
            guard data.x.count == data.y.count else { throw RuntimeError(.learning(.rowsAndLabels(rows: data.x.count, labels: data.y.count))) }
            return data.value
        },
        Builtin("tokenize", [.positional("text", .any)], returns: "List", topic: "Data",
                summary: "The words of a text: lowercased runs of letters, digits and inner apostrophes. A List of texts gives a List of word lists.",
                example: ["> tokenize(\"WIN a FREE prize!!\")", "[\"win\", \"a\", \"free\", \"prize\"]"]) { _, arguments in
            let tokenizer = Tokenizer()
            switch try arguments.value("text") {
            case .string(let s):
                let words = tokenizer.tokenLists([s])[0]
                return .list(List(tokens: words, sizes: List.sizes(of: words.lexicon)))
            case .list(let list):
                let texts = try list.items.map { item in
                    guard case .string(let s) = item else { throw RuntimeError(.mustHold(.item(function: "tokenize", .listOfTexts), .strings, got: .type(item.typeName))) }
                    return s
                }
                // Each text's words keep their ids in one lexicon, which Vocabulary and encode read.
                let lists = tokenizer.tokenLists(texts)
                let sizes = lists.first.map { List.sizes(of: $0.lexicon) } ?? []
                return .items(lists.map { .list(List(tokens: $0, sizes: sizes)) })
            case let other: throw RuntimeError(.notA(.parameter(function: "tokenize", name: "text"), .textOrTexts, got: .type(other.typeName)))
            }
        },
        Builtin("Vocabulary", [.positional("documents", .list), .labeled("minimumCount", .integer, default: 1)], returns: "Vocabulary", topic: "Data",
                summary: "The words of the documents (lists of words) that occur in at least minimumCount documents, in alphabetical order; a word's index is its place.",
                example: ["> let v = Vocabulary([[\"win\", \"cash\"], [\"cash\", \"now\"]])", "> v.words", "[\"cash\", \"now\", \"win\"]", "> v.oneHot(\"now\")", "[0, 1, 0]"]) { _, arguments in
            if let lists = tokenLists(try arguments.value("documents")) {
                return .object(.vocabulary(Vocabulary(tokenLists: lists, minimumCount: try arguments.integer("minimumCount"))))
            }
            let documents = try arguments.list("documents").map { try strings($0, .item(function: "Vocabulary", .document)) }
            return .object(.vocabulary(Vocabulary(documents: documents, minimumCount: try arguments.integer("minimumCount"))))
        },
        Builtin("split", [.positional("data", .dataset), .labeled("test", .number, default: 0.2), .labeled("stratify", .bool, default: true)],
                returns: "Split", topic: "Data",
                summary: "A seeded train/test split (from the notebook's generator): test is the test share; stratify keeps each class's share in both parts.",
                example: ["> let parts = split(gates.or, test: 0.5, stratify: false)", "> parts.test.y.count", "2"]) { context, arguments in
            let data = try arguments.dataset("data")
            let fraction = try arguments.number("test")
            let parts = try TrainTestSplit(count: data.y.count, testFraction: fraction,
                                           stratifyBy: try arguments.bool("stratify") ? data.y : nil, using: &context.random)
            return .record(.split(train: try data.rows(parts.train), test: try data.rows(parts.test)))
        },
        Builtin("Standardizer", [.labeled("fitting", .tensor)], returns: "Standardizer", topic: "Data",
                summary: "Fits (x − mean) / std per column on the given (training) matrix; apply it with .transform(x).",
                example: ["> let s = Standardizer(fitting: [[1, 10], [3, 30]])", "> s.transform([[2, 20]])", "[[0, 0]]"]) { _, arguments in
            let x = try arguments.tensor("fitting")
            guard x.rank == 2, x.shape[0] > 0 else { throw RuntimeError(.notA(.parameter(function: "Standardizer", name: "fitting"), .nonEmptyMatrix, got: nil)) }
            return .object(.standardizer(try Standardizer(fitting: x)))
        },
        Builtin("blobs", [.labeled("centers", .tensor), .labeled("count", .integer), .labeled("std", .number, default: 1)],
                returns: "Dataset", topic: "Data", summary: "count points around each center [k, 2], center + std·N(0, I), labelled with the center's index.",
                example: []) { context, arguments in
            let centers = try arguments.tensor("centers")
            guard centers.rank == 2, centers.shape[1] == 2, centers.shape[0] >= 1 else {
                throw RuntimeError(.notA(.parameter(function: "blobs", name: "centers"), .centers, got: nil))
            }
            let perCenter = try arguments.integer("count")
            let (total, overflow) = perCenter.multipliedReportingOverflow(by: centers.shape[0])
            guard !overflow else { throw RuntimeError(.overLimit(.blobs(perCenter: perCenter, centers: centers.shape[0], limit: context.limits.maximumElements))) }
            _ = try synthetic(count: total, context)
            let data = Synthetic.blobs(centers: (0..<centers.shape[0]).map { (centers.scalars[2 * $0], centers.scalars[2 * $0 + 1]) },
                                       perCenter: perCenter, std: try arguments.number("std"), using: &context.random)
            return Dataset(x: .dense(data.points), y: data.labels).value
        },
        Builtin("moons", [.labeled("count", .integer), .labeled("noise", .number, default: 0.1)], returns: "Dataset", topic: "Data",
                summary: "Two interleaving half circles (scikit-learn's make_moons), with Gaussian noise.", example: []) { context, arguments in
            let data = Synthetic.moons(count: try synthetic(count: try arguments.integer("count"), context),
                                       noise: try arguments.number("noise"), using: &context.random)
            return Dataset(x: .dense(data.points), y: data.labels).value
        },
        Builtin("polygons", [.variadic("polygons", .tensor), .labeled("count", .integer)], returns: "Dataset", topic: "Data",
                summary: "count points uniform in [−1, 1]², labelled 1 inside any of the convex polygons (each [m, 2], counter-clockwise), else 0.",
                example: []) { context, arguments in
            let polygons = try arguments.variadic.map { value -> [(Double, Double)] in
                let t = try Coerce.tensor(value, .item(function: "polygons", .polygon))
                guard t.rank == 2, t.shape[1] == 2, t.shape[0] >= 3 else { throw RuntimeError(.notA(.item(function: "polygons", .eachPolygon), .polygon, got: nil)) }
                return (0..<t.shape[0]).map { (t.scalars[2 * $0], t.scalars[2 * $0 + 1]) }
            }
            let count = try synthetic(count: try arguments.integer("count"), context)
            // Each point is tested against each edge of each polygon (a cross product, about four operations).
            try context.budget.charge(estimate: 4 * Double(count) * Double(polygons.reduce(0) { $0 + $1.count }))
            let data = Synthetic.polygons(polygons, count: count, using: &context.random)
            return Dataset(x: .dense(data.points), y: data.labels).value
        },
        Builtin("noisyXOR", [.labeled("count", .integer), .labeled("noise", .number, default: 0.1)], returns: "Dataset", topic: "Data",
                summary: "count corners of the unit square with Gaussian noise, labelled by XOR of the corner.", example: []) { context, arguments in
            let data = Synthetic.noisyXOR(count: try synthetic(count: try arguments.integer("count"), context),
                                          noise: try arguments.number("noise"), using: &context.random)
            return Dataset(x: .dense(data.points), y: data.labels).value
        },
    ]

    private static func synthetic(count: Int, _ context: EvaluationContext) throws -> Int {
        guard count >= 0 else { throw RuntimeError(.atLeast(.name("count"), minimum: 0, got: String(count))) }
        try context.limits.check([count, 2])
        return count
    }
}
