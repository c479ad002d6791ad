import Foundation

/// Seeded two-dimensional data sets for figures and exercises. Each returns
/// points `[n, 2]` and labels `[n]`, drawn in a documented order from `generator`.
public enum Synthetic {
    /// Gaussian blobs: for each center in turn, `perCenter` points center + std·N(0, I)
    /// (x then y for each point), labelled with the center's index.
    public static func blobs(centers: [(Double, Double)], perCenter: Int, std: Double,
                             using generator: inout some RandomNumberGenerator) -> (points: Tensor, labels: Tensor) {
        var points: [Double] = [], labels: [Double] = []
        for (c, center) in centers.enumerated() {
            for _ in 0..<perCenter {
                points += [center.0 + std * generator.nextNormal(), center.1 + std * generator.nextNormal()]
                labels.append(Double(c))
            }
        }
        return (Tensor(uncheckedShape: [labels.count, 2], scalars: points), Tensor(vector: labels))
    }

    /// Two interleaving half circles, as scikit-learn's make_moons (unshuffled):
    /// n/2 points (cos t, sin t) labelled 0 and n − n/2 points (1 − cos t, 1/2 − sin t)
    /// labelled 1, t evenly spaced on [0, π]; then `noise`·N(0, 1) added to every coordinate.
    public static func moons(count: Int, noise: Double, using generator: inout some RandomNumberGenerator) -> (points: Tensor, labels: Tensor) {
        let outer = count / 2, inner = count - outer
        var points: [Double] = [], labels: [Double] = []
        func t(_ i: Int, _ n: Int) -> Double { n > 1 ? Double.pi * Double(i) / Double(n - 1) : 0 }
        for i in 0..<outer { points += [cos(t(i, outer)), sin(t(i, outer))]; labels.append(0) }
        for i in 0..<inner { points += [1 - cos(t(i, inner)), 0.5 - sin(t(i, inner))]; labels.append(1) }
        if noise > 0 { for k in points.indices { points[k] += noise * generator.nextNormal() } }
        return (Tensor(uncheckedShape: [count, 2], scalars: points), Tensor(vector: labels))
    }

    /// Whether `point` lies inside a convex polygon given counter-clockwise:
    /// on the left of (or on) every edge, that is, the AND of half-planes.
    public static func insideConvex(_ polygon: [(Double, Double)], _ point: (Double, Double)) -> Bool {
        guard polygon.count >= 3 else { return false }
        for i in polygon.indices {
            let a = polygon[i], b = polygon[(i + 1) % polygon.count]
            let cross = (b.0 - a.0) * (point.1 - a.1) - (b.1 - a.1) * (point.0 - a.0)
            if cross < 0 { return false }
        }
        return true
    }

    /// `count` points uniform in [−1, 1]², labelled 1 inside any of the convex
    /// `polygons` (one polygon: a convex region; two: their union, an OR), else 0.
    public static func polygons(_ polygons: [[(Double, Double)]], count: Int,
                                using generator: inout some RandomNumberGenerator) -> (points: Tensor, labels: Tensor) {
        var points: [Double] = [], labels: [Double] = []
        for _ in 0..<count {
            let p = (2 * generator.nextUniform() - 1, 2 * generator.nextUniform() - 1)
            points += [p.0, p.1]
            labels.append(polygons.contains { insideConvex($0, p) } ? 1 : 0)
        }
        return (Tensor(uncheckedShape: [count, 2], scalars: points), Tensor(vector: labels))
    }

    /// Noisy XOR: `count` points, each a corner of the unit square drawn uniformly
    /// (two draws: x₁ then x₂ in {0, 1}) plus `noise`·N(0, 1) on each coordinate,
    /// labelled x₁ XOR x₂ of the corner.
    public static func noisyXOR(count: Int, noise: Double, using generator: inout some RandomNumberGenerator) -> (points: Tensor, labels: Tensor) {
        var points: [Double] = [], labels: [Double] = []
        for _ in 0..<count {
            let a = Double(generator.nextIndex(below: 2)), b = Double(generator.nextIndex(below: 2))
            points += [a + noise * generator.nextNormal(), b + noise * generator.nextNormal()]
            labels.append(a != b ? 1 : 0)
        }
        return (Tensor(uncheckedShape: [count, 2], scalars: points), Tensor(vector: labels))
    }
}
