import CahierLearning
import Foundation

extension Registry {
    /// Reads variadic extents such as `zeros(2, 3)`; each must be a whole number ≥ 0.
    static func shape(_ arguments: Arguments, _ context: EvaluationContext) throws -> [Int] {
        let dims = try arguments.variadic.map { try Coerce.integer($0, .item(function: arguments.function, .extent)) }
        if let negative = dims.first(where: { $0 < 0 }) {
            throw RuntimeError(.making(.negativeExtent(function: arguments.function, got: negative)))
        }
        try context.limits.check(dims)
        return dims
    }

    static func axis(_ arguments: Arguments) throws -> Int? {
        try arguments.optionalInteger("axis")
    }

    static let tensorBuiltins: [Builtin] = [
        Builtin(
            "zeros", [.variadic("dims", .integer)], returns: "Tensor", topic: "Creating tensors",
            summary: "A tensor of the given extents filled with 0.",
            example: ["> zeros(2, 3)", "[[0, 0, 0],", " [0, 0, 0]]"]
        ) { context, arguments in
            .tensor(try Tensor(repeating: 0, shape: try shape(arguments, context)))
        },
        Builtin(
            "ones", [.variadic("dims", .integer)], returns: "Tensor", topic: "Creating tensors",
            summary: "A tensor of the given extents filled with 1.",
            example: ["> ones(3)", "[1, 1, 1]"]
        ) { context, arguments in
            .tensor(try Tensor(repeating: 1, shape: try shape(arguments, context)))
        },
        Builtin(
            "eye", [.positional("n", .integer)], returns: "Tensor", topic: "Creating tensors",
            summary: "The n×n identity matrix.",
            example: ["> eye(2)", "[[1, 0],", " [0, 1]]"]
        ) { context, arguments in
            let n = try arguments.integer("n")
            guard n >= 0 else { throw RuntimeError(.atLeast(.parameter(function: "eye", name: "n"), minimum: 0, got: String(n))) }
            try context.limits.check([n, n])
            var values = [Double](repeating: 0, count: n * n)
            for i in 0..<n { values[i * n + i] = 1 }
            return .tensor(try Tensor(shape: [n, n], scalars: values))
        },
        Builtin(
            "range", [.variadic("bounds", .number)], returns: "Tensor", topic: "Creating tensors",
            summary: "Evenly spaced numbers: range(end), range(start, end) or range(start, end, step); end is excluded.",
            details: "Like NumPy's `arange`: the values are start + i·step for i = 0, 1, … while they stay below end (above it for a negative step). A `for` loop takes them one by one; the tensor is made only where one is needed.",
            example: ["> range(4)", "[0, 1, 2, 3]", "> range(1, 2, 0.25)", "[1, 1.25, 1.5, 1.75]"]
        ) { context, arguments in
            let bounds = try arguments.variadic.map { try Coerce.number($0, .item(function: "range", .bound)) }
            let (start, end, step): (Double, Double, Double)
            switch bounds.count {
            case 1: (start, end, step) = (0, bounds[0], 1)
            case 2: (start, end, step) = (bounds[0], bounds[1], 1)
            case 3: (start, end, step) = (bounds[0], bounds[1], bounds[2])
            default: throw RuntimeError(.making(.rangeBounds(count: bounds.count)))
            }
            guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
                throw RuntimeError(.making(.rangeNotFinite))
            }
            let steps = ((end - start) / step).rounded(.up)
            let count = steps > 0 ? steps : 0
            guard count <= Coerce.largestExactInteger else {
                throw RuntimeError(.making(.rangeTooLong(count: Display.number(count))))
            }
            return .range(NumberRange(start: start, step: step, count: Int(count)))
        },
        Builtin(
            "rand", [.variadic("dims", .integer)], returns: "Tensor", topic: "Creating tensors",
            summary: "Uniform random numbers in [0, 1) from the notebook's seeded generator.",
            details: "The generator is xoshiro256** seeded by SplitMix64 from the notebook's `seed`; each value takes the top 53 bits of one output. Values are drawn in row-major order, and every call advances the generator, so the same notebook always gives the same numbers."
        ) { context, arguments in
            let dims = try shape(arguments, context)
            return .tensor(try Tensor.uniform(shape: dims, using: &context.random))
        },
        Builtin(
            "randn", [.variadic("dims", .integer)], returns: "Tensor", topic: "Creating tensors",
            summary: "Standard normal random numbers from the notebook's seeded generator.",
            details: "Box–Muller: from two uniforms u₁, u₂, the value √(−2 ln(1 − u₁))·cos(2πu₂). Each value takes two outputs of the generator."
        ) { context, arguments in
            let dims = try shape(arguments, context)
            return .tensor(try Tensor.normal(shape: dims, using: &context.random))
        },
        Builtin(
            "shape", [.positional("x", .tensor)], returns: "Tensor", topic: "Shapes",
            summary: "The extents of x as a vector (a number has the empty shape []).",
            example: ["> shape([[1, 2, 3], [4, 5, 6]])", "[2, 3]"]
        ) { _, arguments in
            .tensor(Tensor(vector: try arguments.tensor("x").shape.map(Double.init)))
        },
        Builtin(
            "reshape", [.positional("x", .tensor), .variadic("dims", .integer)], returns: "Tensor", topic: "Shapes",
            summary: "The values of x in row-major order with new extents; one extent may be -1 and is inferred.",
            example: ["> reshape(range(6), 2, -1)", "[[0, 1, 2],", " [3, 4, 5]]"]
        ) { context, arguments in
            let dims = try arguments.variadic.map { try Coerce.integer($0, .item(function: "reshape", .extent)) }
            if let v = try arguments.tracked("x", context) {
                let result = try v.reshaped(dims)
                try context.limits.check(result.value.shape)
                return .variable(result)
            }
            let result = try arguments.tensor("x").reshaped(dims)
            try context.limits.check(result.shape)
            return Coerce.result(result)
        },
        Builtin(
            "rows", [.positional("x", .any), .positional("start", .integer), .positional("end", .integer)], returns: "Tensor", topic: "Shapes",
            summary: "Rows start..<end of a tensor (its first axis), or the examples start..<end of a Dataset.",
            example: ["> rows([[1, 2], [3, 4], [5, 6]], 1, 3)", "[[3, 4],", " [5, 6]]"]
        ) { context, arguments in
            let (start, end) = (try arguments.integer("start"), try arguments.integer("end"))
            guard start >= 0, end >= start else { throw RuntimeError(.making(.rowsOrder(start: start, end: end))) }
            let value = try arguments.value("x")
            if value.type == .dataset {
                let data = try Dataset(value, .parameter(function: "rows", name: "x"))
                guard end <= data.y.count else { throw RuntimeError(.making(.rowsPast(end: end, count: data.y.count, examples: true))) }
                return try data.rows(Array(start..<end)).value
            }
            let t = try Coerce.tensor(value, .parameter(function: "rows", name: "x"))
            guard t.rank >= 1, end <= t.shape[0] else { throw RuntimeError(.making(.rowsPast(end: end, count: t.shape.first ?? 0, examples: false))) }
            if let v = context.tracked(value) {
                return .variable(try v.gathering(try t.plan([.slice(start: start, end: end, step: 1)])))
            }
            return Coerce.result(try t.rows(start..<end))
        },
        Builtin(
            "transpose", [.positional("x", .tensor)], returns: "Tensor", topic: "Shapes",
            summary: "x with its axes reversed; a matrix's rows become its columns. Same as x.T.",
            example: ["> transpose([[1, 2], [3, 4]])", "[[1, 3],", " [2, 4]]"]
        ) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.transposed()) }
            return Coerce.result(try arguments.tensor("x").transposed())
        },
        Builtin(
            "sum", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
            summary: "The sum of all elements, or along one axis (negative axes count from the end).",
            example: ["> sum([[1, 2], [3, 4]], axis: 0)", "[4, 6]"]
        ) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.sum(axis: try axis(arguments))) }
            return Coerce.result(try arguments.tensor("x").sum(axis: try axis(arguments)))
        },
        Builtin(
            "mean", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
            summary: "The mean of all elements, or along one axis.",
            example: ["> mean([1, 2, 3, 4])", "2.5"]
        ) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.mean(axis: try axis(arguments))) }
            return Coerce.result(try arguments.tensor("x").mean(axis: try axis(arguments)))
        },
        Builtin(
            "max", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
            summary: "The largest element, or the largest along one axis; NaN is larger than everything.",
            details: "Under autograd, the gradient of the largest of all elements is shared evenly among the elements equal to it (PyTorch's max()); along an axis it goes to the first largest (PyTorch's max(dim)).",
            example: ["> max([[1, 5], [7, 2]], axis: 1)", "[5, 7]"], misuse: "for the larger of two values element by element, as in ReLU, use maximum(0, x)"
        ) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.maximum(axis: try axis(arguments))) }
            return Coerce.result(try arguments.tensor("x").max(axis: try axis(arguments)))
        },
        Builtin(
            "argmax", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
            summary: "The index of the largest element (row-major), or along one axis; ties go to the first index.",
            example: ["> argmax([3, 9, 9, 1])", "1"]
        ) { _, arguments in
            Coerce.result(try arguments.tensor("x").argmax(axis: try axis(arguments)))
        },
    ]

    static let tensorProperties: [Property] = [
        Property(.list, "count", returns: "Number", summary: "The number of items of a list.") { value in
            guard case .list(let items) = value else { throw RuntimeError(.propertyOf(name: "count", type: "List")) }
            return .number(Double(items.count))
        },
        Property(.string, "count", returns: "Number", summary: "The number of characters of a string.") { value in
            guard case .string(let s) = value else { throw RuntimeError(.propertyOf(name: "count", type: "String")) }
            return .number(Double(s.count))
        },
        Property(.tensor, "shape", returns: "Tensor", summary: "The extents, as `shape(x)`.") { value in
            .tensor(Tensor(vector: try Coerce.tensor(value, .name("shape")).shape.map(Double.init)))
        },
        Property(.tensor, "rank", returns: "Number", summary: "The number of axes.") { value in
            .number(Double(try Coerce.tensor(value, .name("rank")).rank))
        },
        Property(.tensor, "count", returns: "Number", summary: "The number of elements.") { value in
            .number(Double(try Coerce.tensor(value, .name("count")).count))
        },
        Property(.tensor, "T", returns: "Tensor", summary: "The transpose, as `transpose(x)`.") { value in
            Coerce.result(try Coerce.tensor(value, .name("T")).transposed())
        },
    ]
}
