/// A dense, row-major array of `Double` values of any rank.
///
/// A tensor of rank 0 holds one value and has the shape `[]`. Tensors are
/// values: every operation returns a new tensor and leaves its operands alone.
///
/// Shape: `shape` lists the extent of each axis, outermost first; `scalars`
/// holds `shape.reduce(1, *)` values in row-major order.
public struct Tensor: Sendable, Hashable {
    /// The extent of each axis, outermost first.
    public let shape: [Int]
    /// The values in row-major order.
    public internal(set) var scalars: [Double]

    /// Creates a tensor from its shape and row-major values.
    ///
    /// Throws ``TensorError/invalidShape(_:)`` when an extent is negative and
    /// ``TensorError/countMismatch(shape:count:)`` when the number of values
    /// does not match the shape.
    public init(shape: [Int], scalars: [Double]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.invalidShape(shape) }
        guard let count = Tensor.elementCount(of: shape), count == scalars.count else {
            throw TensorError.countMismatch(shape: shape, count: scalars.count)
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor without checking that `scalars` fits `shape`.
    init(uncheckedShape shape: [Int], scalars: [Double]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// A rank-0 tensor holding `value`.
    public init(scalar value: Double) {
        self.init(uncheckedShape: [], scalars: [value])
    }

    /// A vector (rank 1) holding `values`.
    ///
    /// Shape: `[values.count]`.
    public init(vector values: [Double]) {
        self.init(uncheckedShape: Tensor.vectorShape(values.count), scalars: values)
    }

    /// How many vector lengths have a shape made once and shared.
    static let sharedVectorShapes = 1024
    private static let vectorShapes: [[Int]] = (0..<sharedVectorShapes).map { [$0] }

    /// The shape `[count]` of a vector. Arrays are values, so one array can
    /// serve every vector of a length: short vectors (the features of one
    /// example, a layer's biases) share theirs instead of allocating one each.
    public static func vectorShape(_ count: Int) -> [Int] {
        count >= 0 && count < sharedVectorShapes ? vectorShapes[count] : [count]
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Double, shape: [Int]) throws {
        guard shape.allSatisfy({ $0 >= 0 }), let count = Tensor.elementCount(of: shape) else {
            throw TensorError.invalidShape(shape)
        }
        self.init(uncheckedShape: shape, scalars: Array(repeating: value, count: count))
    }

    /// The number of axes.
    @inlinable public var rank: Int { shape.count }

    /// The number of elements.
    @inlinable public var count: Int { scalars.count }

    /// The number of elements a shape holds, or `nil` when the product overflows.
    public static func elementCount(of shape: [Int]) -> Int? {
        var product = 1
        for extent in shape {
            let (result, overflow) = product.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            product = result
        }
        return product
    }

    /// The row-major strides of a shape, in elements.
    static func strides(of shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }
}

/// Why a tensor operation could not be carried out.
public enum TensorError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    case invalidShape([Int])
    case countMismatch(shape: [Int], count: Int)
    case shapeMismatch(operation: String, [Int], [Int])
    case axisOutOfRange(axis: Int, rank: Int)
    case indexOutOfRange(index: Int, extent: Int)
    case rankMismatch(operation: String, expected: String, actual: Int)
    case empty(operation: String)
    /// An argument outside what the operation accepts; the message says what is expected.
    case invalid(String)

    public var description: String {
        switch self {
        case .invalidShape(let shape):
            return "invalid shape \(Tensor.describe(shape))"
        case .countMismatch(let shape, let count):
            return "\(count) values do not fill shape \(Tensor.describe(shape))"
        case .shapeMismatch(let operation, let a, let b):
            return "\(operation): shapes \(Tensor.describe(a)) and \(Tensor.describe(b)) do not match"
        case .axisOutOfRange(let axis, let rank):
            return "axis \(axis) is out of range for a tensor of rank \(rank)"
        case .indexOutOfRange(let index, let extent):
            return "index \(index) is out of range for an axis of extent \(extent)"
        case .rankMismatch(let operation, let expected, let actual):
            return "\(operation) needs \(expected), got a tensor of rank \(actual)"
        case .empty(let operation):
            return "\(operation) of an empty tensor"
        case .invalid(let message):
            return message
        }
    }
}

extension Tensor {
    /// A shape written as `[2, 3]`.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
