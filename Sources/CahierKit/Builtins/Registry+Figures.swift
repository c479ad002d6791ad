import CahierLearning

extension Registry {
    /// Adds a figure to the running command's output and returns it; the
    /// bytes of its SVG count as output of the command and of the notebook
    /// (`max-output`, `max-notebook-output`), as printed text does.
    private static func show(_ figure: Figure, _ what: String, _ context: EvaluationContext) throws -> Value {
        let bytes = figure.svg.utf8.count
        try checkOutput(bytes, .svg(bytes: bytes), what, context)
        try context.countOutput(bytes)
        context.figures.append(figure)
        return .figure(figure)
    }

    /// Refuses, before a figure is drawn, texts (title, axis labels, labels)
    /// that could not fit in the output left: each is drawn once at least.
    /// The text argument `name`, or the notebook's language's word `key` when it is not given.
    private static func word(_ arguments: Arguments, _ name: String, _ key: String, _ context: EvaluationContext) throws -> String {
        arguments.has(name) ? try arguments.string(name) : context.language.text(key)
    }

    /// A 2-D data plot's axis labels and class names: given, or the language's (`x₁`, `x₂`, `class 0`…).
    private static func dataAxes(_ arguments: Arguments, _ context: EvaluationContext) throws -> Plots.DataAxes {
        let classes = arguments.has("classes") ? try labels(try arguments.value("classes"), count: Plots.maximumSeries * 10, "classes") : []
        return Plots.DataAxes(x: try word(arguments, "xLabel", "plot.x1", context), y: try word(arguments, "yLabel", "plot.x2", context),
                              classes: classes, classWord: context.language.text("plot.class"))
    }

    private static func checkTexts(_ texts: [String], _ what: String, _ context: EvaluationContext) throws {
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        try checkOutput(bytes, .texts(bytes: bytes), what, context)
    }

    /// Refuses `bytes` more of output over what the command or the notebook has left.
    private static func checkOutput(_ bytes: Int, _ part: Misuse.Part, _ what: String, _ context: EvaluationContext) throws {
        let limits = context.limits
        if context.outputBytes.command + bytes > limits.maximumCommandOutput {
            throw RuntimeError(.drawing(.output(function: what, part, limit: limits.maximumCommandOutput, notebook: false)))
        }
        if context.outputBytes.notebook + bytes > limits.maximumNotebookOutput {
            throw RuntimeError(.drawing(.output(function: what, part, limit: limits.maximumNotebookOutput, notebook: true)))
        }
    }

    /// The first `count` labels of a figure, strings or numbers (a List, a
    /// vector or a range); only those are read.
    private static func labels(_ value: Value, count: Int, _ what: String) throws -> [String] {
        switch value {
        case .tensor(let t) where t.rank <= 1: return t.scalars.prefix(count).map { Display.number($0) }
        case .range(let r): return (0..<min(count, r.count)).map { Display.number(r[$0]) }
        case .list(let list):
            return try list.items.prefix(count).map { item in
                switch item {
                case .string(let s): return s
                case .number(let x): return Display.number(x)
                case .bool(let b): return b ? "true" : "false"
                default: throw RuntimeError(.drawing(.label(function: what, type: item.typeName)))
                }
            }
        case let other: throw RuntimeError(.notA(.parameter(function: what, name: "labels"), .labels, got: .type(other.typeName)))
        }
    }

    /// The points of a data set for a figure, refused over ``Plots/maximumPoints`` before any is read.
    private static func points(_ data: Dataset, _ what: String) throws -> Tensor {
        try Plots.checkPoints(data.x.count, what)
        return try data.denseX(what)
    }

    /// A classifier of points of the plane, for shading its regions, and the
    /// operations one of its answers costs (its learnable numbers).
    private static func classifier(_ model: Value) throws -> (classify: (Double, Double) throws -> Int, cost: Int) {
        switch model {
        case .object(.perceptron(let p)):
            return ({ x, y in try p.predict(Tensor(shape: [1, 2], scalars: [x, y])).scalars[0] > 0 ? 1 : 0 }, p.weights.count)
        case .object(.logisticRegression(let m)):
            return ({ x, y in Int(try m.predict(.dense(Tensor(shape: [1, 2], scalars: [x, y]))).scalars[0]) },
                    m.linear.weight.value.count + m.linear.bias.value.count)
        case .object(.softmaxRegression(let m)):
            return ({ x, y in Int(try m.predict(.dense(Tensor(shape: [1, 2], scalars: [x, y]))).scalars[0]) },
                    m.linear.weight.value.count + m.linear.bias.value.count)
        case .object(.network(let n)):
            let threshold: Double
            switch n.layers.last {
            case .activation(.sigmoid, _)?, .activation(.step, _)?: threshold = 0.5
            default: threshold = 0
            }
            return ({ x, y in
                let out = try n(Tensor(shape: [1, 2], scalars: [x, y]))
                return out.count > 1 ? Int(try out.argmax().scalars[0]) : (out.scalars[0] >= threshold ? 1 : 0)
            }, n.scalarCount)
        default:
            throw RuntimeError(.notA(.item(function: nil, .theModel), .twoInputModel, got: .type(model.typeName)))
        }
    }

    /// What a 2-D data plot's texts are, for the reference.
    static let dataTexts = "Its title, axis labels (x₁, x₂) and legend (class 0, class 1, …) are in the notebook's language unless given: title:, xLabel:, yLabel:, and classes: a List of names for the classes in the order of their labels. "

    /// The limits of every figure, for the reference.
    static let figureLimits = "Figures are bounded: at most \(Plots.maximumPoints) points, \(Plots.maximumSeries) lines, \(Picture.maximumImages) images, \(Plots.maximumPixels) pixels, a 30×30 matrix (more is an error naming the limit and the count); the SVG counts as output (max-output, max-notebook-output)."

    static let figureBuiltins: [Builtin] = [
        Builtin("plotData", [.positional("data", .dataset), .labeled("title", .string, optional: true), .labeled("xLabel", .string, optional: true),
                                 .labeled("yLabel", .string, optional: true), .labeled("classes", .list, optional: true)], returns: "Figure", topic: "Figures",
                summary: "The points of a 2-D data set, coloured and shaped by class.", details: dataTexts + figureLimits, example: []) { context, arguments in
            let data = try arguments.dataset("data")
            let (title, axes) = (try word(arguments, "title", "plot.data", context), try dataAxes(arguments, context))
            try checkTexts([title, axes.x, axes.y] + axes.classes, "plotData", context)
            return try show(try Plots.data(points: try points(data, "plotData"), labels: data.y, title: title, axes: axes), "plotData", context)
        },
        Builtin("plotBoundary", [.positional("model", .any), .positional("data", .dataset), .labeled("title", .string, optional: true),
                                    .labeled("xLabel", .string, optional: true), .labeled("yLabel", .string, optional: true), .labeled("classes", .list, optional: true)],
                returns: "Figure", topic: "Figures",
                summary: "A 2-D data set with a linear model's boundary w₁x₁ + w₂x₂ + w₀ = 0 and the vector w, perpendicular to it (Perceptron or LogisticRegression).", details: dataTexts + figureLimits,
                example: []) { context, arguments in
            let data = try arguments.dataset("data")
            let w: (Double, Double, Double)
            switch try arguments.value("model") {
            case .object(.perceptron(let p)) where p.features == 2: w = (p.weights.scalars[0], p.weights.scalars[1], p.weights.scalars[2])
            case .object(.logisticRegression(let m)) where m.features == 2:
                w = (m.bias.value.scalars[0], m.weight.value.scalars[0], m.weight.value.scalars[1])
            case let other: throw RuntimeError(.notA(.item(function: "plotBoundary", .theModel), .boundaryModel, got: .type(other.typeName)))
            }
            let (title, axes) = (try word(arguments, "title", "plot.boundary", context), try dataAxes(arguments, context))
            try checkTexts([title, axes.x, axes.y] + axes.classes, "plotBoundary", context)
            return try show(try Plots.data(points: try points(data, "plotBoundary"), labels: data.y,
                                           title: title, axes: axes, boundary: w, what: "plotBoundary"), "plotBoundary", context)
        },
        Builtin("plotRegions", [.positional("model", .any), .positional("data", .dataset), .labeled("title", .string, optional: true),
                                .labeled("xLabel", .string, optional: true), .labeled("yLabel", .string, optional: true), .labeled("classes", .list, optional: true),
                                .labeled("resolution", .integer, default: 60)],
                returns: "Figure", topic: "Figures",
                summary: "A 2-D data set over the regions a classifier assigns to each class, shaded on a grid.", details: dataTexts + figureLimits, example: []) { context, arguments in
            let data = try arguments.dataset("data")
            let x = try points(data, "plotRegions")
            let (classify, cost) = try classifier(try arguments.value("model"))
            let resolution = try arguments.integer("resolution")
            // Each cell of the grid asks the classifier once.
            let cells = Plots.regionSteps(resolution) * Plots.regionSteps(resolution)
            try context.budget.charge(estimate: Double(cells) * Double(cost + 1))
            let (title, axes) = (try word(arguments, "title", "plot.regions", context), try dataAxes(arguments, context))
            try checkTexts([title, axes.x, axes.y] + axes.classes, "plotRegions", context)
            return try show(try Plots.data(points: x, labels: data.y, title: title, axes: axes,
                                           regions: classify, resolution: resolution, what: "plotRegions"), "plotRegions", context)
        },
        Builtin("plotLines", [.positional("series", .any), .labeled("labels", .list, optional: true), .labeled("title", .string, default: ""),
                              .labeled("xLabel", .string, optional: true), .labeled("yLabel", .string, default: "")],
                returns: "Figure", topic: "Figures",
                summary: "Line plots of one series (a vector) or several (a List of vectors or the rows of a matrix) against 1, 2, 3, …, such as a loss per epoch.", details: figureLimits,
                example: []) { context, arguments in
            var series: [[Double]]
            func tooMany(_ count: Int) -> RuntimeError {
                RuntimeError(.drawing(.series(count: count, longest: nil, series: Plots.maximumSeries, points: Plots.maximumPoints)))
            }
            // The series are counted before any is copied.
            switch try arguments.value("series") {
            case .tensor(let t) where t.rank == 1: series = [t.scalars]
            case .tensor(let t) where t.rank == 2:
                guard t.shape[0] <= Plots.maximumSeries else { throw tooMany(t.shape[0]) }
                series = (0..<t.shape[0]).map { Array(t.scalars[($0 * t.shape[1])..<(($0 + 1) * t.shape[1])]) }
            case .list(let list):
                guard list.count <= Plots.maximumSeries else { throw tooMany(list.count) }
                series = try list.items.map { try Coerce.tensor($0, .item(function: "plotLines", .series)).scalars }
            case let other: throw RuntimeError(.notA(.parameter(function: "plotLines", name: "series"), .series, got: .type(other.typeName)))
            }
            guard let length = series.map(\.count).max(), length > 0, series.count <= Plots.maximumSeries, length <= Plots.maximumPoints else {
                throw RuntimeError(.drawing(.series(count: series.count, longest: series.map(\.count).max() ?? 0, series: Plots.maximumSeries, points: Plots.maximumPoints)))
            }
            let names = arguments.has("labels") ? try labels(try arguments.value("labels"), count: series.count, "plotLines") : []
            let (title, xLabel, yLabel) = (try arguments.string("title"), try word(arguments, "xLabel", "plot.epoch", context), try arguments.string("yLabel"))
            try checkTexts([title, xLabel, yLabel] + names, "plotLines", context)
            return try show(Plots.lines(x: (1...length).map(Double.init), series: series.enumerated().map { (names.count > $0 ? names[$0] : "", $1) },
                                        title: title, xLabel: xLabel, yLabel: yLabel), "plotLines", context)
        },
        Builtin("plotFunction", [.positional("activation", .string), .labeled("from", .number, default: -4), .labeled("to", .number, default: 4)],
                returns: "Figure", topic: "Figures",
                summary: "An activation function (solid) and its derivative (dashed) over [from, to].", details: figureLimits, example: []) { context, arguments in
            let name = try arguments.string("activation")
            let f = try activation(named: name)
            let (a, b) = (try arguments.number("from"), try arguments.number("to"))
            guard a < b, a.isFinite, b.isFinite else { throw RuntimeError(.fromNotBeforeTo(function: "plotFunction")) }
            let xs = (0...400).map { a + (b - a) * Double($0) / 400 }
            return try show(Plots.lines(x: xs, series: [(name, xs.map(f.value)), (name + "′", xs.map(f.derivative))],
                                        title: context.language.text("plot.function", ["name": name]),
                                    xLabel: "x", yLabel: "", dashed: [1]), "plotFunction", context)
        },
        Builtin("plotImages", [.positional("images", .tensor), .labeled("shape", .tensor, optional: true), .labeled("labels", .any, optional: true),
                               .labeled("columns", .integer, default: 10), .labeled("title", .string, optional: true), .labeled("signed", .bool, default: false)],
                returns: "Figure", topic: "Figures",
                summary: "Images in a grid, as matplotlib's imshow draws them: rows of a matrix (square grey images, or with shape: [H, W, C] rows stored channels first, as load makes a folder of images), or a tensor [N, H, W] or [N, H, W, C].",
                details: "A grey image is scaled from its smallest value (black) to its largest (white); with signed: true from blue (negative) through white (0) to red (positive), as for a classifier's weight templates. RGB and RGBA values in [0, 1] are drawn as colours. " + figureLimits,
                example: []) { context, arguments in
            let shape = try arguments.has("shape") ? arguments.tensor("shape").scalars.map { try Coerce.integer(.number($0), .parameter(function: "plotImages", name: "shape")) } : nil
            let images = try arguments.tensor("images")
            try context.budget.charge(images.count)
            // No more labels are read than there may be images.
            let names = arguments.has("labels") ? try labels(try arguments.value("labels"), count: Picture.maximumImages, "plotImages") : []
            let title = try word(arguments, "title", "plot.images", context)
            try checkTexts([title] + names, "plotImages", context)
            return try show(try Plots.imageGrid(images, shape: shape, labels: names, columns: try arguments.integer("columns"),
                                                title: title, signed: try arguments.bool("signed")), "plotImages", context)
        },
        Builtin("plotImage", [.positional("image", .tensor), .labeled("title", .string, optional: true), .labeled("signed", .bool, default: false)],
                returns: "Figure", topic: "Figures",
                summary: "One image, as matplotlib's imshow draws it: [H, W] or [H, W, 1] grey (scaled from black to white), [H, W, 3] RGB or [H, W, 4] RGBA with values in [0, 1], or a vector of a square number of pixels; signed: true draws negative values blue and positive red.",
                details: figureLimits,
                example: []) { context, arguments in
            let image = try arguments.tensor("image")
            try context.budget.charge(image.count)
            let title = try word(arguments, "title", "plot.image", context)
            try checkTexts([title], "plotImage", context)
            return try show(try Plots.image(image, title: title, signed: try arguments.bool("signed")), "plotImage", context)
        },
        Builtin("plotMatrix", [.positional("matrix", .tensor), .labeled("title", .string, optional: true),
                               .labeled("xLabel", .string, optional: true), .labeled("yLabel", .string, optional: true)],
                returns: "Figure", topic: "Figures",
                summary: "A matrix as a heat map with its numbers, such as a confusion matrix.", details: figureLimits, example: []) { context, arguments in
            let texts = (title: try word(arguments, "title", "plot.confusion", context), x: try word(arguments, "xLabel", "plot.predicted", context),
                         y: try word(arguments, "yLabel", "plot.true", context))
            try checkTexts([texts.title, texts.x, texts.y], "plotMatrix", context)
            return try show(try Plots.matrix(try arguments.tensor("matrix"), title: texts.title, xLabel: texts.x, yLabel: texts.y), "plotMatrix", context)
        },
    ]
}
