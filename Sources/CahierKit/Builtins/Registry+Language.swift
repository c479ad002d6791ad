import CahierLearning
import Foundation

extension Registry {
    /// A builtin of one tensor argument that maps each element.
    private static func rounding(_ name: String, summary: String, example: [String], _ f: @escaping @Sendable (Double) -> Double) -> Builtin {
        Builtin(name, [.positional("x", .tensor)], returns: "Tensor", topic: "Element-wise functions", summary: summary, example: example) { context, arguments in
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return Coerce.result(x.map(f))
        }
    }

    /// A builtin that combines two tensors element by element, broadcasting;
    /// `recorded` computes it when autograd follows either.
    private static func pairwise(_ name: String, summary: String, example: [String], _ f: @escaping @Sendable (Double, Double) -> Double,
                                 recorded: @escaping @Sendable (Variable, Variable) throws -> Variable) -> Builtin {
        Builtin(name, [.positional("a", .tensor), .positional("b", .tensor)], returns: "Tensor", topic: "Element-wise functions",
                summary: summary, example: example) { context, arguments in
            let (left, right) = (try arguments.value("a"), try arguments.value("b"))
            if context.recording, left.isTracked || right.isTracked {
                let (a, b) = (try context.variable(left, .parameter(function: name, name: "a")), try context.variable(right, .parameter(function: name, name: "b")))
                try Operators.chargeElementwise(a.value.shape, b.value.shape, context)
                return .variable(try recorded(a, b))
            }
            let (a, b) = (try arguments.tensor("a"), try arguments.tensor("b"))
            if let shape = Tensor.broadcastShape(a.shape, b.shape) {
                try context.limits.check(shape)
                try context.budget.charge(Tensor.elementCount(of: shape) ?? 0)
            }
            return Coerce.result(try a.zipWith(b, operation: name, f))
        }
    }

    /// The values of a variadic argument, or of a single List argument.
    private static func partValues(_ arguments: Arguments) throws -> [Value] {
        var values = arguments.variadic
        if values.count == 1, case .list(let list) = values[0] { values = list.items }
        guard !values.isEmpty else { throw RuntimeError(.noneGiven(function: arguments.function, .tensor)) }
        return values
    }

    /// The tensors of a variadic argument, or of a single List argument.
    private static func parts(_ arguments: Arguments, _ context: EvaluationContext) throws -> [Tensor] {
        let parts = try partValues(arguments).map { try Coerce.tensor($0, .item(function: arguments.function, .part), context) }
        try context.budget.charge(parts.reduce(0) { $0 + $1.count })
        return parts
    }

    /// Vectors joined end to end, the common case (a bias input before the
    /// features), copied straight into the result without gathering the parts
    /// first: the elements and the charge of ``Tensor/concatenate(_:axis:)``.
    /// Nil when a part is not a vector or the axis is not the only one.
    private static func joinedVectors(_ arguments: Arguments, _ context: EvaluationContext) throws -> Tensor? {
        let count = arguments.variadicCount
        guard count > 0 else { return nil }
        var total = 0
        for k in 0..<count {
            guard case .tensor(let t) = arguments.variadic(k), t.rank == 1 else { return nil }
            total += t.count
        }
        guard case let axis = try arguments.integer("axis"), axis == 0 || axis == -1 else { return nil }
        if total > context.limits.maximumElements || total >= WorkLimits.memoryCheckedElements { try context.limits.check([total]) }
        try context.budget.charge(total)
        return Tensor(vector: [Double](count: total) { buffer in
            var made = 0
            for k in 0..<count {
                guard case .tensor(let t) = arguments.variadic(k), t.count > 0 else { continue }
                t.scalars.withUnsafeBufferPointer { buffer.baseAddress!.advanced(by: made).initialize(from: $0.baseAddress!, count: t.count) }
                made += t.count
            }
        })
    }

    /// Checks, before they are joined, the shape parts of `shapes` make joined
    /// along `axis` against the limits (each part's errors are the join's own).
    private static func checkJoined(_ shapes: [[Int]], axis: Int, _ context: EvaluationContext) throws {
        guard let first = shapes.first else { return }
        let k = axis < 0 ? axis + first.count : axis
        var along = 0
        for shape in shapes {
            guard shape.count == first.count, k >= 0, k < shape.count else { return }
            let (sum, overflow) = along.addingReportingOverflow(shape[k])
            guard !overflow else { throw RuntimeError(.overLimit(.joinedAxis(function: "concat"))) }
            along = sum
        }
        var joined = first
        joined[k] = along
        try context.limits.check(joined)
    }

    /// The parts as variables when autograd follows any of them; nil otherwise.
    private static func trackedParts(_ arguments: Arguments, _ context: EvaluationContext) throws -> [Variable]? {
        guard context.recording else { return nil }
        // Most calls join untracked tensors: seen where they are, without gathering them.
        if !(0..<arguments.variadicCount).contains(where: { arguments.variadic($0).isTracked }) {
            guard arguments.variadicCount == 1, case .list = arguments.variadic(0) else { return nil }
        }
        let values = try partValues(arguments)
        guard values.contains(where: \.isTracked) else { return nil }
        let parts = try values.map { try context.variable($0, .item(function: arguments.function, .part)) }
        try context.budget.charge(2 * parts.reduce(0) { $0 + $1.value.count })
        return parts
    }

    static let languageBuiltins: [Builtin] = [
        pairwise("maximum", summary: "The larger of a and b, element by element (broadcasting); NaN if either is NaN, like NumPy. Under autograd, where a and b are equal each gets half the gradient (PyTorch's).",
                 example: ["> maximum(0, [-2, 3])", "[0, 3]"], { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }) { try Variable.maximum($0, $1) },
        pairwise("minimum", summary: "The smaller of a and b, element by element (broadcasting); NaN if either is NaN. Under autograd, ties share the gradient as in maximum.",
                 example: ["> minimum([1, 5], 2)", "[1, 2]"], { a, b in a.isNaN || b.isNaN ? .nan : Swift.min(a, b) }) { try Variable.minimum($0, $1) },
        rounding("floor", summary: "The largest whole number ≤ each element.", example: ["> floor([-1.5, 2.7])", "[-2, 2]"]) { $0.rounded(.down) },
        rounding("ceil", summary: "The smallest whole number ≥ each element.", example: ["> ceil([-1.5, 2.2])", "[-1, 3]"]) { $0.rounded(.up) },
        rounding("round", summary: "Each element to the nearest whole number, halves to the even one (NumPy's rule: 0.5 → 0, 1.5 → 2, 2.5 → 2).",
                 example: ["> round([0.5, 1.5, 2.5, -0.7])", "[0, 2, 2, -1]"]) { $0.rounded(.toNearestOrEven) },
        Builtin("clip", [.positional("x", .tensor), .labeled("min", .number), .labeled("max", .number)], returns: "Tensor", topic: "Element-wise functions",
                summary: "Each element limited to [min, max]; under autograd the gradient passes strictly inside, min < x < max, and is 0 at the ends (PyTorch's clamp).", example: ["> clip([-2, 0.5, 3], min: 0, max: 1)", "[0, 0.5, 1]"]) { context, arguments in
            let (low, high) = (try arguments.number("min"), try arguments.number("max"))
            guard low <= high else { throw RuntimeError(.minAboveMax(function: "clip", min: Display.number(low), max: Display.number(high))) }
            if let v = try arguments.tracked("x", context) { return .variable(try v.clipped(low: low, high: high)) }
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return Coerce.result(x.map { $0.isNaN ? $0 : Swift.min(Swift.max($0, low), high) })
        },
        Builtin("where", [.positional("condition", .tensor), .positional("a", .tensor), .positional("b", .tensor)], returns: "Tensor",
                topic: "Element-wise functions",
                summary: "a where the condition holds (is not 0), b elsewhere; the three broadcast together, like NumPy's where.",
                example: ["> let z = [-1, 2, -3]", "> where(z > 0, z, 0)", "[0, 2, 0]"]) { context, arguments in
            let (c, a, b) = (try arguments.tensor("condition"), try arguments.tensor("a"), try arguments.tensor("b"))
            let (left, right) = (try arguments.value("a"), try arguments.value("b"))
            if context.recording, left.isTracked || right.isTracked {
                try context.budget.charge(3 * c.count)
                return .variable(try Variable.choose(c, try context.variable(left, .parameter(function: "where", name: "a")), try context.variable(right, .parameter(function: "where", name: "b"))))
            }
            guard let ab = Tensor.broadcastShape(a.shape, b.shape), let shape = Tensor.broadcastShape(c.shape, ab) else {
                throw RuntimeError(.noBroadcast(function: "where", shapes: [c.shape, a.shape, b.shape]))
            }
            try context.limits.check(shape)
            try context.budget.charge(3 * (Tensor.elementCount(of: shape) ?? 0))
            let zeros = try Tensor(repeating: 0, shape: shape)
            let (cc, aa, bb) = (try zeros.adding(c), try zeros.adding(a), try zeros.adding(b))
            return Coerce.result(try Tensor(shape: shape, scalars: (0..<cc.count).map { cc.scalars[$0] != 0 ? aa.scalars[$0] : bb.scalars[$0] }))
        },
        Builtin("concat", [.variadic("parts", .any), .labeled("axis", .integer, default: 0)], returns: "Tensor", topic: "Shapes",
                summary: "The tensors joined along an existing axis (the first by default); a single List argument gives its items.",
                example: ["> concat([1, 2], [3])", "[1, 2, 3]", "> concat([[1], [2]], [[3], [4]], axis: 1)", "[[1, 3],", " [2, 4]]"]) { context, arguments in
            // Plain vectors, the common case, are never followed by autograd: joined before looking for tracked parts.
            if let joined = try joinedVectors(arguments, context) { return .tensor(joined) }
            let axis = try arguments.integer("axis")
            if let parts = try trackedParts(arguments, context) {
                try checkJoined(parts.map(\.value.shape), axis: axis, context)
                return .variable(try Variable.concatenate(parts, axis: axis))
            }
            let parts = try parts(arguments, context)
            try checkJoined(parts.map(\.shape), axis: axis, context)
            return Coerce.result(try Tensor.concatenate(parts, axis: axis))
        },
        Builtin("stack", [.variadic("parts", .any), .labeled("axis", .integer, default: 0)], returns: "Tensor", topic: "Shapes",
                summary: "Tensors of one shape stacked along a new axis (the first by default); a single List argument gives its items, such as weights recorded in a loop.",
                example: ["> stack([1, 2], [3, 4], axis: 1)", "[[1, 3],", " [2, 4]]"]) { context, arguments in
            if let parts = try trackedParts(arguments, context) {
                try context.limits.check([parts.count] + parts[0].value.shape)
                return .variable(try Variable.stack(parts, axis: try arguments.integer("axis")))
            }
            let parts = try parts(arguments, context)
            try context.limits.check([parts.count] + parts[0].shape)
            return Coerce.result(try Tensor.stack(parts, axis: try arguments.integer("axis")))
        },
        Builtin("permute", [.positional("x", .tensor), .variadic("axes", .integer)], returns: "Tensor", topic: "Shapes",
                summary: "x with its axes reordered: axis k of the result is axis axes[k] of x (PyTorch's permute), e.g. an image [H, W, C] to [C, H, W] with permute(x, 2, 0, 1).",
                example: ["> permute(reshape(range(6), 1, 2, 3), 2, 0, 1).shape", "[3, 1, 2]"]) { context, arguments in
            let axes = try arguments.variadic.map { try Coerce.integer($0, .item(function: "permute", .axis)) }
            if let v = try arguments.tracked("x", context) { return .variable(try v.permuted(axes)) }
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return Coerce.result(try x.permuted(axes))
        },
        Builtin("min", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
                summary: "The smallest element, or the smallest along one axis; NaN is smaller than everything.",
                example: ["> min([[1, 5], [7, 2]], axis: 0)", "[1, 2]"], misuse: "for the smaller of two values element by element, use minimum(a, b)") { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.minimum(axis: try arguments.optionalInteger("axis"))) }
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return Coerce.result(try x.min(axis: try arguments.optionalInteger("axis")))
        },
        Builtin("argmin", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
                summary: "The index of the smallest element (row-major), or along one axis; ties go to the first index.",
                example: ["> argmin([3, 1, 1, 9])", "1"]) { context, arguments in
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return Coerce.result(try x.argmin(axis: try arguments.optionalInteger("axis")))
        },
        Builtin("logsumexp", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
                summary: "log Σ exp(x), of all elements or along one axis, computed as m + log Σ exp(x − m) with m the largest, so [1000, 1000] gives 1000 + log 2.",
                example: ["> logsumexp([1000, 1000])", "1000.69"]) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.logSumExp(axis: try arguments.optionalInteger("axis"))) }
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return Coerce.result(try x.logSumExp(axis: try arguments.optionalInteger("axis")))
        },
        Builtin("norm", [.positional("x", .tensor), .labeled("axis", .integer, optional: true)], returns: "Tensor", topic: "Reductions",
                summary: "The Euclidean norm √(Σ x²) of all elements (a matrix's Frobenius norm), or along one axis.",
                example: ["> norm([3, 4])", "5"]) { context, arguments in
            if let v = try arguments.tracked("x", context) { return .variable(try v.norm(axis: try arguments.optionalInteger("axis"))) }
            let x = try arguments.tensor("x")
            try context.budget.charge(2 * x.count)
            return Coerce.result(try x.multiplying(x).sum(axis: try arguments.optionalInteger("axis")).map { $0.squareRoot() })
        },
        Builtin("outer", [.positional("a", .tensor), .positional("b", .tensor)], returns: "Tensor", topic: "Tensor algebra",
                summary: "The outer product of two vectors: M[i, j] = a[i]·b[j].", example: ["> outer([1, 2], [3, 4, 5])", "[[3, 4,  5],", " [6, 8, 10]]"]) { context, arguments in
            let (a, b) = (try arguments.tensor("a"), try arguments.tensor("b"))
            guard a.rank == 1, b.rank == 1 else { throw RuntimeError(.vectorsNeeded(function: "outer", shapes: [a.shape, b.shape])) }
            try context.limits.check([a.count, b.count])
            try context.budget.charge(a.count * b.count)
            let (left, right) = (try arguments.value("a"), try arguments.value("b"))
            if context.recording, left.isTracked || right.isTracked {
                let column = try context.variable(left, .parameter(function: "outer", name: "a")).reshaped([-1, 1])
                return .variable(try column * context.variable(right, .parameter(function: "outer", name: "b")).reshaped([1, -1]))
            }
            return .tensor(try a.reshaped([-1, 1]).multiplying(b.reshaped([1, -1])))
        },
        Builtin("any", [.positional("x", .tensor)], returns: "Bool", topic: "Reductions",
                summary: "Whether any element is not 0 (a mask's: whether any holds).", example: ["> any([1, 2] > 1)", "true"]) { context, arguments in
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return .bool(x.scalars.contains { $0 != 0 })
        },
        Builtin("all", [.positional("x", .tensor)], returns: "Bool", topic: "Reductions",
                summary: "Whether every element is not 0 (a mask's: whether all hold).", example: ["> all([1, 2] > 1)", "false"]) { context, arguments in
            let x = try arguments.tensor("x")
            try context.budget.charge(x.count)
            return .bool(x.scalars.allSatisfy { $0 != 0 })
        },
        Builtin("list", [.variadic("items", .any)], returns: "List", topic: "Functions",
                summary: "A list of the values given, each kept as it is: unlike an array literal, tensors are not stacked, so values of different shapes can travel together (a function returning a weight's and a bias's gradients).",
                example: ["> let pair = list([[1, 2]], [3])", "> pair[1]", "[3]"]) { context, arguments in
            let list = List(arguments.variadic)
            try Coerce.checkNesting(list.depth, context)
            return .list(list)
        },
        Builtin("len", [.positional("x", .any)], returns: "Number", topic: "Functions",
                summary: "Python's len: the length of the first axis of a tensor (its rows for a matrix), the items of a list or a range, the characters of a string, the examples (labels) of a Dataset.",
                details: "A number, a tensor of rank 0, has no length, as in NumPy and PyTorch. `x.count` is every element of a tensor; `len(x)` is `x.shape[0]`.",
                example: ["> len([[1, 2, 3], [4, 5, 6]])", "2", "> len(\"étiquette\")", "9"]) { _, arguments in
            let x = try arguments.value("x")
            switch x {
            case .list(let list): return .number(Double(list.count))
            case .string(let s): return .number(Double(s.count))
            case .range(let r): return .number(Double(r.count))
            case .record where x.type == .dataset: return .number(Double(try Dataset(x, .parameter(function: "len", name: "x")).y.count))
            case .tensor, .mask, .variable, .number:
                let shape = try Coerce.tensor(x, .parameter(function: "len", name: "x")).shape
                guard let first = shape.first else {
                    throw RuntimeError(.noLength(type: nil))
                }
                return .number(Double(first))
            default:
                throw RuntimeError(.noLength(type: x.typeName))
            }
        },
        Builtin("map", [.positional("f", .function), .positional("items", .any)], returns: "Tensor", topic: "Functions",
                summary: "f applied to each item (a list's items, a tensor's rows, a range's numbers); numbers or tensors of one shape come back as a tensor, anything else as a list.",
                example: ["> func square(_ x: Number) -> Number { return x * x }", "> map(square, 1...4)", "[1, 4, 9, 16]"]) { context, arguments in
            guard case .function(let f) = try arguments.value("f") else { throw RuntimeError(.notA(.parameter(function: "map", name: "f"), .function, got: nil)) }
            let items: [Value]
            switch try arguments.value("items") {
            case .range(let r):
                try context.limits.check([r.count])
                items = (0..<r.count).map { .number(r[$0]) }
            case .list(let list): items = list.items
            default: items = try arguments.list("items")
            }
            return try Coerce.array(try items.map { try context.call(f, [$0]) }, context)
        },
    ]

    static let listMethods: [Method] = [
        Method(.list, "append", [.positional("item", .any)], returns: "Void", summary: "Adds the item at the end of the list (the list must be a var).",
               mutating: true) { context, this, arguments in
            guard case .list(var list) = this else { throw RuntimeError(.methodOf(method: "append", type: "List")) }
            guard list.count < context.limits.maximumElements else {
                throw RuntimeError(.overLimit(.listItems(limit: context.limits.maximumElements)))
            }
            this = .void
            list.append(try arguments.value("item"))
            try Coerce.checkNesting(list.depth, context)
            this = .list(list)
            return .void
        },
    ]
}
