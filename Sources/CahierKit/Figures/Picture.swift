import CahierLearning
import Foundation

/// An image's pixels, channels last: [H, W, C].
struct Picture {
    var width: Int
    var height: Int
    var channels: Int
    var values: [Double]

    init(_ t: Tensor, what: String) throws {
        switch t.rank {
        case 1:
            let side = Int(Double(t.count).squareRoot())
            guard side > 0, side * side == t.count else { throw RuntimeError(.image(function: what, .notSquare(count: t.count))) }
            (height, width, channels) = (side, side, 1)
        case 2: (height, width, channels) = (t.shape[0], t.shape[1], 1)
        case 3:
            guard [1, 3, 4].contains(t.shape[2]) else { throw RuntimeError(.image(function: what, .channels(t.shape[2]))) }
            (height, width, channels) = (t.shape[0], t.shape[1], t.shape[2])
        default: throw RuntimeError(.image(function: what, .shape(t.shape)))
        }
        guard width > 0, height > 0, width * height <= Plots.maximumPixels else {
            throw RuntimeError(.image(function: what, .pixels(width * height, limit: Plots.maximumPixels)))
        }
        values = t.scalars
    }

    /// The most images one grid draws.
    static let maximumImages = 400

    /// The images of a batch: from 1 to ``maximumImages``, counted before any is made.
    static func all(_ t: Tensor, shape: [Int]?) throws -> [Picture] {
        guard (2...4).contains(t.rank) else {
            throw RuntimeError(.image(function: "plotImages", .batchShape(t.shape)))
        }
        guard (1...maximumImages).contains(t.shape[0]) else {
            throw RuntimeError(.image(function: "plotImages", .count(t.shape[0], limit: maximumImages)))
        }
        if let shape {
            guard shape.count == 3, shape.allSatisfy({ $0 > 0 }), t.rank == 2, t.shape[1] == Tensor.elementCount(of: shape) else {
                throw RuntimeError(.image(function: "plotImages", .rows(values: t.rank == 2 ? t.shape[1] : 0, shape: shape)))
            }
            let (h, w, c) = (shape[0], shape[1], shape[2])
            return try (0..<t.shape[0]).map { row in
                let channelsFirst = try t.slice(at: row).reshaped([c, h, w])
                return try Picture(try channelsFirst.permuted([1, 2, 0]), what: "plotImages")
            }
        }
        return try (0..<t.shape[0]).map { try Picture(try t.slice(at: $0), what: "plotImages") }
    }

    /// The image as 8-bit RGBA: grey scaled min to max (or signed, blue–white–red), colour clipped to [0, 1].
    func png(signed: Bool) throws -> [UInt8] {
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        func byte(_ x: Double) -> UInt8 { UInt8(max(0, min(255, (x * 255).rounded()))) }
        if channels == 1 {
            let finite = values.filter(\.isFinite)
            let (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
            let magnitude = max(finite.map(abs).max() ?? 1, 1e-12)
            for p in 0..<(width * height) {
                let v = values[p]
                if signed {
                    let t = v.isFinite ? v / magnitude : 0
                    (rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]) = t >= 0 ? (255, byte(1 - t), byte(1 - t)) : (byte(1 + t), byte(1 + t), 255)
                } else {
                    let t = high > low && v.isFinite ? (v - low) / (high - low) : 0
                    (rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]) = (byte(t), byte(t), byte(t))
                }
            }
        } else {
            for p in 0..<(width * height) {
                let alpha = channels == 4 ? max(0, min(1, values[p * 4 + 3])) : 1
                for c in 0..<3 {
                    let v = values[p * channels + c]
                    rgba[4 * p + c] = byte((v.isFinite ? max(0, min(1, v)) : 0) * alpha + (1 - alpha))
                }
            }
        }
        return try ImageFile.encodePNG(rgba: rgba, width: width, height: height)
    }
}
