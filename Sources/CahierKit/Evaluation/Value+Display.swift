import CahierLearning
import Foundation

/// How values are shown: integers without `.0`, other numbers to 6 significant
/// digits, tensors in brackets with aligned columns, long tensors elided the
/// NumPy way (more than 1,000 elements: 3 at each end of every axis).
public enum Display {
    /// The number of elements above which a tensor is elided.
    public static let elisionThreshold = 1000
    /// How many items are kept at each end of an elided axis.
    public static let edgeItems = 3

    /// A number as text: `3`, `-0.5`, `0.333333`, `1.5e+20`, `nan`, `inf`, `-inf`.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e16 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    /// The lines showing a value as the result of an expression.
    public static func lines(_ value: Value) -> [String] {
        switch value {
        case .number(let x): return [number(x)]
        case .bool(let b): return [b ? "true" : "false"]
        case .string(let s): return [quoted(s)]
        case .tensor(let t): return tensor(t)
        case .list(let items): return [list(items)]
        case .record(let record): return [inline(.record(record))]
        case .object(.parameter(let p)): return ["Parameter containing:"] + tensor(p.value)
        case .object(let object): return [Display.object(object)]
        case .figure(let figure): return [figure.transcriptLine]
        case .void: return []
        }
    }

    /// The output lines showing a value as the result of a command: a figure
    /// is a figure line, any other value its text lines.
    static func outputLines(_ value: Value) -> [CommandOutcome.Line] {
        if case .figure(let figure) = value { return [.figure(figure)] }
        return lines(value).flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { .text(String($0)) }
    }

    /// A list on one line; more than 1,000 items are elided like tensors.
    static func list(_ items: [Value]) -> String {
        let shown: [String]
        if items.count > elisionThreshold {
            shown = items.prefix(edgeItems).map(inline) + ["..."] + items.suffix(edgeItems).map(inline)
        } else {
            shown = items.map(inline)
        }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    /// A value on one line, as it appears inside a list or a record: small
    /// vectors in full, other tensors by their shape.
    static func inline(_ value: Value) -> String {
        switch value {
        case .tensor(let t) where t.rank == 1 && t.count <= 12: return tensor(t)[0]
        case .tensor(let t) where t.rank == 0: return number(t.scalars[0])
        case .tensor(let t): return "Tensor" + Tensor.describe(t.shape)
        case .list(let items) where items.count <= 12: return list(items)
        case .list(let items): return "List(\(items.count) items)"
        case .record(let r) where r.fields.allSatisfy({ if case .record = $0.value { true } else { false } }):
            return r.type.rawValue + "(" + r.fields.map(\.name).joined(separator: ", ") + ")"
        case .record(let r): return r.type.rawValue + "(" + r.fields.map { "\($0.name): " + inline($0.value) }.joined(separator: ", ") + ")"
        case .object(let o): return object(o)
        case .figure(let f): return f.transcriptLine
        case .number, .bool, .string, .void: return lines(value).joined(separator: " ")
        }
    }

    /// An object on one line: its type and what defines it.
    static func object(_ object: Object) -> String {
        switch object {
        case .perceptron(let p): return "Perceptron(weights: \(tensor(p.weights)[0]))"
        case .logisticRegression(let m): return "LogisticRegression(features: \(m.weight.count))"
        case .softmaxRegression(let m): return "SoftmaxRegression(features: \(m.weight.shape[1]), classes: \(m.classes))"
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
    public static func printed(_ value: Value) -> String {
        if case .string(let s) = value { return s }
        return lines(value).joined(separator: "\n")
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

    /// The lines of a tensor. Columns (the last axis) are right-aligned to a common width.
    public static func tensor(_ t: Tensor) -> [String] {
        if t.rank == 0 { return [number(t.scalars[0])] }
        let elide = t.count > elisionThreshold
        let cells = t.scalars.map(number)
        let columns = t.shape[t.rank - 1]
        var widths = Array(repeating: 0, count: columns)
        if t.rank > 1 {
            for (k, cell) in cells.enumerated() where !elide || isShown(k, shape: t.shape) {
                widths[k % columns] = max(widths[k % columns], cell.count)
            }
        }
        return block(cells, shape: t.shape, offset: 0, widths: widths, elide: elide)
    }

    private static func isShown(_ flatIndex: Int, shape: [Int]) -> Bool {
        var rest = flatIndex
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            let i = rest % shape[axis]
            rest /= shape[axis]
            if shape[axis] > 2 * edgeItems, i >= edgeItems, i < shape[axis] - edgeItems { return false }
        }
        return true
    }

    private static func kept(_ extent: Int, elide: Bool) -> [Int?] {
        guard elide, extent > 2 * edgeItems else { return Array(0..<extent) }
        return Array(0..<edgeItems) + [nil] + Array((extent - edgeItems)..<extent)
    }

    private static func block(_ cells: [String], shape: [Int], offset: Int, widths: [Int], elide: Bool) -> [String] {
        if shape[0] == 0 { return ["[]"] }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        if inner.isEmpty {
            let items = kept(shape[0], elide: elide).map { index -> String in
                guard let index else { return "..." }
                let cell = cells[offset + index]
                let width = widths.isEmpty ? 0 : widths[index]
                return String(repeating: " ", count: max(0, width - cell.count)) + cell
            }
            return ["[" + items.joined(separator: ", ") + "]"]
        }
        var lines: [String] = []
        let indices = kept(shape[0], elide: elide)
        for (position, index) in indices.enumerated() {
            var child: [String]
            if let index {
                child = block(cells, shape: inner, offset: offset + index * size, widths: widths, elide: elide)
            } else {
                child = ["..."]
            }
            if position < indices.count - 1 {
                child[child.count - 1] += ","
                child += Array(repeating: "", count: inner.count - 1)
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
