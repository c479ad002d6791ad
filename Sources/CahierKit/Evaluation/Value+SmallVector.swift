import CahierLearning

/// A vector of at most ``capacity`` numbers held inline in a ``Value``: no
/// heap block, no reference count. The specialised lowering makes one where
/// a loop makes short vectors (a row of a narrow matrix, `concat` of short
/// parts, a literal such as `[1]`, `+ - * /` of them) and keeps it only in a
/// local's slot or between two specialised steps; everything else sees the
/// ``Tensor`` that ``Value/widened`` makes of it (the one conversion), so no
/// printed value, error or work charge can tell the two apart.
public struct SmallVector: Sendable {
    /// The most numbers held inline: a perceptron's weights and rows on 2 or 3 features.
    static let capacity = 4
    private var storage: (Double, Double, Double, Double) = (0, 0, 0, 0)
    /// The number of elements in one byte, so that the vector (33 bytes) is no
    /// bigger than the largest of ``Value``'s other payloads (a ``List``, 37).
    private let length: UInt8

    /// The number of elements, 0 … ``capacity``: the vector's shape is `[count]`.
    var count: Int { @inline(__always) get { Int(length) } }

    /// A vector of `count` zeros (`count` at most ``capacity``, which the caller checks).
    init(zeros count: Int) { length = UInt8(truncatingIfNeeded: count) }

    /// The vector a tensor holds, when it is one of at most ``capacity`` numbers.
    init?(_ t: Tensor) {
        guard t.rank == 1, t.count <= SmallVector.capacity else { return nil }
        length = UInt8(truncatingIfNeeded: t.count)
        t.scalars.withUnsafeBufferPointer { a in for k in 0..<a.count { self[k] = a[k] } }
    }

    /// The `k`-th element (`0 ≤ k < count`, which the caller checks).
    subscript(k: Int) -> Double {
        @inline(__always) get {
            withUnsafeBytes(of: storage) { $0.load(fromByteOffset: k &* 8, as: Double.self) }
        }
        @inline(__always) set {
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: newValue, toByteOffset: k &* 8, as: Double.self) }
        }
    }

    /// The ordinary tensor of shape `[count]` with these elements.
    var tensor: Tensor {
        Tensor(vector: [Double](unsafeUninitializedCapacity: count) { buffer, made in
            for k in 0..<count { buffer[k] = self[k] }
            made = count
        })
    }

    /// The shape `[count]`, shared as ``Tensor/init(vector:)`` shares it.
    var shape: [Int] { Tensor.vectorShape(count) }

    /// Σ left[k]·right[k] from 0.0, in the order of ``Tensor/dot(_:)``; the lengths are equal (the caller checks).
    @inline(__always)
    static func dot(_ count: Int, _ left: (Int) -> Double, _ right: (Int) -> Double) -> Double {
        var total = 0.0
        for k in 0..<count { total += left(k) * right(k) }
        return total
    }

    /// `self op other` element by element, as ``Tensor/combined(_:_:)`` computes it.
    func combined(_ op: Arithmetic, _ other: SmallVector) -> SmallVector {
        var out = SmallVector(zeros: count)
        for k in 0..<count { out[k] = SmallVector.apply(op, self[k], other[k]) }
        return out
    }

    /// `self op y`, or `y op self` when `numberFirst`, as ``Tensor/combined(_:number:numberFirst:)`` computes it.
    func combined(_ op: Arithmetic, number y: Double, numberFirst: Bool) -> SmallVector {
        var out = SmallVector(zeros: count)
        for k in 0..<count { out[k] = numberFirst ? SmallVector.apply(op, y, self[k]) : SmallVector.apply(op, self[k], y) }
        return out
    }

    /// `self = self op (y * v)`, or `self op (v * y)` when not `numberFirst`, for `op` `.add` or
    /// `.subtract`: the bits of ``Tensor/combine(_:_:times:numberFirst:)``, each product rounded before it is added.
    mutating func combine(_ op: Arithmetic, _ v: SmallVector, times y: Double, numberFirst: Bool) {
        for k in 0..<count {
            let product = numberFirst ? y * v[k] : v[k] * y
            self[k] = op == .add ? self[k] + product : self[k] - product
        }
    }

    @inline(__always)
    static func apply(_ op: Arithmetic, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide: return x / y
        }
    }
}

extension Value {
    /// The value any code outside the specialised steps sees: a short vector
    /// held inline becomes the ordinary tensor of its elements; any other value is itself.
    @inline(__always)
    var widened: Value {
        if case .small(let s) = self { return .tensor(s.tensor) }
        return self
    }

    /// Whether the value is a short vector held inline.
    var isSmall: Bool {
        if case .small = self { return true }
        return false
    }
}
