/// How close two numbers in an output must be to count as equal.
public struct Tolerance: Sendable, Hashable {
    /// The relative part: the default 1e-6.
    public var relative: Double
    /// The absolute floor: 1e-9.
    public var absolute: Double

    public static let `default` = Tolerance(relative: 1e-6, absolute: 1e-9)

    public init(relative: Double, absolute: Double = 1e-9) {
        self.relative = relative
        self.absolute = absolute
    }

    /// Whether `a` and `b` agree:
    /// |a − b| ≤ max(absolute, relative · max(|a|, |b|)).
    /// NaN matches NaN; an infinity matches only the same infinity.
    public func accepts(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
    }
}
