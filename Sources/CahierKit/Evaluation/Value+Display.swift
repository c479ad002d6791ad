import CahierLearning
import Foundation

/// How values are shown: integers without `.0`, other numbers to 6
/// significant digits (or the front matter's `digits`), always with a decimal
/// point so that a number that is not whole never looks whole (20.000000002
/// shows as `20.0000`); tensors in brackets with aligned columns, long
/// tensors elided the NumPy way (more than 1,000 elements: 3 at each end of
/// every axis, only the shown numbers formatted).
public enum Display {
    /// The number of elements above which a tensor is elided.
    public static let elisionThreshold = 1000
    /// How many items are kept at each end of an elided axis.
    public static let edgeItems = 3
    /// The most significant digits a number can be shown with.
    public static let maximumDigits = 17

    /// A number as text: `3`, `-0.5`, `0.333333`, `1.5e+20`, `20.0000`, `nan`, `inf`, `-inf`.
    public static func number(_ x: Double, digits: Int = 6) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e16 { return String(Int64(x)) }
        let d = Swift.max(1, Swift.min(digits, maximumDigits))
        let text = NumberFormat.format(x, .general, precision: d)
        // Not whole, but rounded to look whole: keep the trailing zeros and the point.
        if !text.contains(where: { $0 == "." || $0 == "e" }) { return NumberFormat.format(x, .generalKeepingZeros, precision: d) }
        return text
    }

    /// The lines showing a value as the result of an expression.
    public static func lines(_ value: Value, digits: Int = 6) -> [String] {
        switch value {
        case .number(let x): return [number(x, digits: digits)]
        case .bool(let b): return [b ? "true" : "false"]
        case .string(let s): return [quoted(s)]
        case .tensor(let t), .mask(let t): return tensor(t, digits: digits)
        case .variable(let v): return tensor(v.value, digits: digits)
        case .small: return lines(value.widened, digits: digits)
        case .list(let list): return [self.list(list.items, digits: digits)]
        case .range(let r) where r.swift: return ["\(Int(r.start))..<\(Int(r.start) + r.count)"]
        case .range(let r): return rangeLines(r, digits: digits)
        case .record(let record): return [inline(.record(record), digits: digits)]
        case .object(.parameter(let p)): return ["Parameter containing:"] + tensor(p.value, digits: digits)
        case .object(let object): return [Display.object(object)]
        case .function(let f): return ["func " + f.signature]
        case .figure(let figure): return [figure.transcriptLine]
        case .void: return []
        }
    }

    /// The output lines showing a value as the result of a command: a figure
    /// is a figure line, any other value its text lines.
    static func outputLines(_ value: Value, digits: Int = 6) -> [CommandOutcome.Line] {
        if case .figure(let figure) = value { return [.figure(figure)] }
        return lines(value, digits: digits).flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { .text(String($0)) }
    }

    /// The tensor a `range(…)` stands for, without making it when it is elided.
    static func rangeLines(_ r: NumberRange, digits: Int) -> [String] {
        guard r.count > elisionThreshold else {
            return tensor(Tensor(vector: (0..<r.count).map { r[$0] }), digits: digits)
        }
        let shown = (0..<edgeItems).map { r[$0] } + (r.count - edgeItems..<r.count).map { r[$0] }
        let cells = shown.map { number($0, digits: digits) }
        return ["[" + cells.prefix(edgeItems).joined(separator: ", ") + ", ..., " + cells.suffix(edgeItems).joined(separator: ", ") + "]"]
    }

    /// A list on one line; more than 1,000 items are elided like tensors.
    static func list(_ items: [Value], digits: Int = 6) -> String {
        let shown: [String]
        if items.count > elisionThreshold {
            shown = items.prefix(edgeItems).map { inline($0, digits: digits) } + ["..."] + items.suffix(edgeItems).map { inline($0, digits: digits) }
        } else {
            shown = items.map { inline($0, digits: digits) }
        }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    /// A value on one line, as it appears inside a list or a record: small
    /// vectors in full, other tensors by their shape.
    static func inline(_ value: Value, digits: Int = 6) -> String {
        switch value {
        case .tensor(let t) where t.rank == 1 && t.count <= 12, .mask(let t) where t.rank == 1 && t.count <= 12: return tensor(t, digits: digits)[0]
        case .tensor(let t) where t.rank == 0, .mask(let t) where t.rank == 0: return number(t.scalars[0], digits: digits)
        case .tensor(let t), .mask(let t): return "Tensor" + Tensor.describe(t.shape)
        case .variable(let v): return inline(.tensor(v.value), digits: digits)
        case .small: return inline(value.widened, digits: digits)
        // Shown in full when short and shallow: a list holding lists that hold lists (the same
        // list, perhaps, l = list(l, l)) would otherwise be written out once per way to reach each item.
        case .list(let list) where list.count <= 12 && list.depth <= 3: return self.list(list.items, digits: digits)
        case .list(let list): return "List(\(list.count) items)"
        case .record(let r) where r.fields.allSatisfy({ if case .record = $0.value { true } else { false } }):
            return r.type.rawValue + "(" + r.fields.map(\.name).joined(separator: ", ") + ")"
        case .record(let r): return r.type.rawValue + "(" + r.fields.map { "\($0.name): " + inline($0.value, digits: digits) }.joined(separator: ", ") + ")"
        case .object(let o): return object(o)
        case .figure(let f): return f.transcriptLine
        case .number, .bool, .string, .void, .range, .function: return lines(value, digits: digits).joined(separator: " ")
        }
    }

    /// An object on one line: its type and what defines it.
    static func object(_ object: Object) -> String {
        switch object {
        case .perceptron(let p): return "Perceptron(weights: \(tensor(p.weights)[0]))"
        case .logisticRegression(let m): return "LogisticRegression(features: \(m.features))"
        case .softmaxRegression(let m): return "SoftmaxRegression(features: \(m.features), classes: \(m.classes))"
        case .network(let n): return "MLP(" + n.layers.map(layer).joined(separator: ", ") + ")"
        case .layer(let l): return layer(l)
        case .parameter(let p): return "Parameter" + Tensor.describe(p.value.shape)
        case .optimizer(let o):
            var text = "SGD(rate: \(number(o.rate))"
            if o.momentum != 0 { text += ", momentum: \(number(o.momentum))" }
            if o.dampening != 0 { text += ", dampening: \(number(o.dampening))" }
            if o.nesterov { text += ", nesterov: true" }
            if o.weightDecay != 0 { text += ", weightDecay: \(number(o.weightDecay))" }
            return text + ")"
        case .vocabulary(let v): return "Vocabulary(\(v.count) words)"
        case .standardizer(let s): return "Standardizer(features: \(s.mean.count))"
        case .sparse(let m): return "SparseMatrix(shape: \(Tensor.describe(m.shape)), nonzeros: \(m.nonZeroCount))"
        }
    }

    static func layer(_ layer: Layer) -> String {
        switch layer {
        case .linear(let l): return "Linear(\(l.inputs), \(l.outputs))"
        case .activation(let f, _): return f.name
        }
    }

    /// The text `print` writes for a value: strings without quotes.
    public static func printed(_ value: Value, digits: Int = 6) -> String {
        if case .string(let s) = value { return s }
        return lines(value, digits: digits).joined(separator: "\n")
    }

    /// A string as a literal: in double quotes, with `\"`, `\\`, `\n` and `\t`.
    static func quoted(_ s: String) -> String {
        "\"" + s.escaping { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\t": return "\\t"
            default: return nil
            }
        } + "\""
    }

    /// The lines of a tensor. Columns (the last axis) are right-aligned to a
    /// common width. Only the numbers shown are formatted.
    public static func tensor(_ t: Tensor, digits: Int = 6) -> [String] {
        if t.rank == 0 { return [number(t.scalars[0], digits: digits)] }
        // An empty tensor of many rows of nothing is said, not drawn bracket by bracket.
        if t.count == 0, t.rank > 1, (Tensor.elementCount(of: t.shape.map { max($0, 1) }) ?? Int.max) > elisionThreshold {
            return ["[] (shape \(Tensor.describe(t.shape)))"]
        }
        let elide = t.count > elisionThreshold
        let columns = t.shape[t.rank - 1]
        // The shown positions of each axis, and their row-major offsets.
        let kept = t.shape.map { Display.kept($0, elide: elide) }
        var cells: [Int: String] = [:]
        var widths = Array(repeating: 0, count: columns)
        forEachShown(shape: t.shape, kept: kept) { offset in
            let cell = number(t.scalars[offset], digits: digits)
            cells[offset] = cell
            if t.rank > 1 { widths[offset % columns] = max(widths[offset % columns], cell.count) }
        }
        return block(cells, shape: t.shape, kept: kept, axis: 0, offset: 0, widths: widths)
    }

    /// Calls `body` with the offset of every shown element.
    private static func forEachShown(shape: [Int], kept: [[Int?]], _ body: (Int) -> Void) {
        let strides = shape.indices.map { axis in shape[(axis + 1)...].reduce(1, *) }
        func walk(_ axis: Int, _ offset: Int) {
            if axis == shape.count { body(offset); return }
            for index in kept[axis] { if let index { walk(axis + 1, offset + index * strides[axis]) } }
        }
        if !shape.contains(0) { walk(0, 0) }
    }

    private static func kept(_ extent: Int, elide: Bool) -> [Int?] {
        guard elide, extent > 2 * edgeItems else { return Array(0..<extent) }
        return Array(0..<edgeItems) + [nil] + Array((extent - edgeItems)..<extent)
    }

    private static func block(_ cells: [Int: String], shape: [Int], kept: [[Int?]], axis: Int, offset: Int, widths: [Int]) -> [String] {
        if shape[axis] == 0 { return ["[]"] }
        let size = shape[(axis + 1)...].reduce(1, *)
        let indices = kept[axis]
        if axis == shape.count - 1 {
            let items = indices.map { index -> String in
                guard let index else { return "..." }
                let cell = cells[offset + index] ?? ""
                let width = widths.isEmpty ? 0 : widths[index]
                return String(repeating: " ", count: max(0, width - cell.count)) + cell
            }
            return ["[" + items.joined(separator: ", ") + "]"]
        }
        var lines: [String] = []
        let separators = shape.count - axis - 2
        for (position, index) in indices.enumerated() {
            var child: [String]
            if let index {
                child = block(cells, shape: shape, kept: kept, axis: axis + 1, offset: offset + index * size, widths: widths)
            } else {
                child = ["..."]
            }
            if position < indices.count - 1 {
                child[child.count - 1] += ","
                child += Array(repeating: "", count: separators)
            }
            lines += child
        }
        var out = lines.enumerated().map { i, line in
            i == 0 ? "[" + line : (line.isEmpty ? line : " " + line)
        }
        out[out.count - 1] += "]"
        return out
    }
}
