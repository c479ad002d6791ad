/// How close two numbers must be to count as equal: the one comparison of
/// numbers in Cahier, used by `check`, the weaver and the tests alike.
public struct Tolerance: Sendable, Hashable {
    /// The relative part: 1e-6 by default.
    public var relative: Double
    /// The absolute floor: 1e-9 by default.
    public var absolute: Double

    public static let `default` = Tolerance(relative: 1e-6, absolute: 1e-9)

    public init(relative: Double, absolute: Double = 1e-9) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether `a` and `b` agree:
    ///
    ///     |a − b| ≤ max(absolute, relative · max(|a|, |b|))
    ///
    /// NaN matches NaN; an infinity matches only the same infinity.
    public func accepts(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return Swift.abs(a - b) <= Swift.max(absolute, relative * Swift.max(Swift.abs(a), Swift.abs(b)))
    }

    /// Whether two lists of numbers have the same length and agree element by element.
    public func accepts(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { accepts($0, $1) }
    }
}

extension Double {
    /// The number as messages write it: whole numbers without `.0`, `nan`, `inf`, `-inf`.
    public var messageText: String {
        if isNaN { return "nan" }
        if isInfinite { return self < 0 ? "-inf" : "inf" }
        if self == rounded(), Swift.abs(self) < 1e16 { return String(Int64(self)) }
        return "\(self)"
    }
}
