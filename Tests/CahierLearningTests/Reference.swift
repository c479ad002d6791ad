import CahierLearning
import Foundation

/// A JSON value, decoded with `JSONDecoder` (which reads doubles exactly).
enum JSONValue: Decodable {
    case number(Double), string(String), bool(Bool), array([JSONValue]), object([String: JSONValue]), null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue {
        if case .object(let o) = self { return o[key] ?? .null }
        return .null
    }

    var number: Double {
        if case .number(let d) = self { return d }
        return .nan
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var array: [JSONValue] {
        if case .array(let a) = self { return a }
        return []
    }

    /// Every number inside, in order, however deeply nested.
    var flat: [Double] {
        switch self {
        case .number(let d): return [d]
        case .array(let a): return a.flatMap(\.flat)
        default: return []
        }
    }

    /// The nested arrays as a tensor (a vector, or a matrix of equal rows).
    func tensor() throws -> Tensor {
        let rows = array
        if let first = rows.first, case .array(let columns) = first {
            return try Tensor(shape: [rows.count, columns.count], scalars: flat)
        }
        return Tensor(vector: flat)
    }
}

/// The values computed by `tools/reference/reference.py` (PyTorch, NumPy,
/// scikit-learn), read from the committed `reference.json`.
enum Reference {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The whole file; `.null` when it cannot be read (the test "the reference file is present" fails then).
    static let json: JSONValue = load(root.appendingPathComponent("tools/reference/reference.json"))

    /// A JSON file of tools/reference; `.null` when it cannot be read.
    static func load(_ url: URL) -> JSONValue {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .null }
        do { return try JSONDecoder().decode(JSONValue.self, from: data) } catch { return .null }
    }
}

extension JSONValue: @unchecked Sendable {}

/// Whether `a` and `b` agree within the project's one ``Tolerance`` rule,
/// here with the tighter defaults these tests use.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
    Tolerance(relative: relative, absolute: absolute).accepts(a, b)
}

func isClose(_ a: [Double], _ b: [Double], relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
    Tolerance(relative: relative, absolute: absolute).accepts(a, b)
}

/// Central finite differences: (f(x + h) − f(x − h)) / 2h for each element of x.
func numericalGradient(_ x: Tensor, h: Double = 1e-6, _ f: (Tensor) throws -> Double) throws -> [Double] {
    var gradient: [Double] = []
    for i in 0..<x.count {
        var plus = x.scalars, minus = x.scalars
        plus[i] += h
        minus[i] -= h
        let up = try f(try Tensor(shape: x.shape, scalars: plus))
        let down = try f(try Tensor(shape: x.shape, scalars: minus))
        gradient.append((up - down) / (2 * h))
    }
    return gradient
}
