import Foundation

/// An element-wise activation function with PyTorch's definition and the
/// derivative PyTorch's autograd uses, kinks included.
public enum Activation: Sendable, Hashable {
    /// Heaviside step: 1 for x > 0, 0 for x < 0, and `valueAtZero` at 0 (1 by
    /// default, so that z = wᵀx = 0 is classified positive, as in the course's
    /// perceptron; `torch.heaviside(x, values)` takes it as `values`). Derivative 0.
    case step(valueAtZero: Double = 1)
    /// −1, 0 or 1 (`torch.sign`); derivative 0.
    case sign
    /// 1 / (1 + e^−x).
    case sigmoid
    case tanh
    /// Clamps to [min, max]; derivative 1 strictly inside, 0 at and beyond the ends (PyTorch).
    case hardtanh(min: Double = -1, max: Double = 1)
    /// log(1 + e^(βx)) / β, and x itself when βx > threshold (PyTorch's defaults β = 1, threshold = 20).
    case softplus(beta: Double = 1, threshold: Double = 20)
    /// max(0, x); derivative 0 at 0.
    case relu
    /// x for x > 0, slope·x otherwise; derivative slope at 0 (PyTorch).
    case leakyReLU(slope: Double = 0.01)
    /// x·Φ(x) with Φ the standard normal distribution function, through erf.
    case gelu
    /// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), PyTorch's `approximate="tanh"`.
    case geluTanh
    /// The identity.
    case identity

    /// The activation of one value.
    public func value(_ x: Double) -> Double {
        switch self {
        case .step(let atZero): return x > 0 ? 1 : (x < 0 ? 0 : (x.isNaN ? .nan : atZero))
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? .nan : 0))
        case .sigmoid: return Activation.sigmoid(x)
        case .tanh: return Foundation.tanh(x)
        case .hardtanh(let low, let high): return Swift.min(Swift.max(x, low), high)
        case .softplus(let beta, let threshold):
            return x * beta > threshold ? x : log1p(exp(x * beta)) / beta
        case .relu: return x > 0 ? x : (x.isNaN ? .nan : 0)
        case .leakyReLU(let slope): return x > 0 ? x : x * slope
        case .gelu: return 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
        case .geluTanh:
            let inner = Activation.geluTanhScale * (x + 0.044715 * x * x * x)
            return 0.5 * x * (1 + Foundation.tanh(inner))
        case .identity: return x
        }
    }

    /// The derivative at one value, as PyTorch's backward computes it.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .step, .sign: return 0
        case .sigmoid:
            let s = Activation.sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = Foundation.tanh(x)
            return 1 - t * t
        case .hardtanh(let low, let high): return x <= low || x >= high ? 0 : 1
        case .softplus(let beta, let threshold):
            guard x * beta <= threshold else { return 1 }
            let z = exp(x * beta)
            return z / (z + 1)
        case .relu: return x > 0 ? 1 : 0
        case .leakyReLU(let slope): return x > 0 ? 1 : slope
        case .gelu:
            let cdf = 0.5 * (1 + erf(x / 2.0.squareRoot()))
            let pdf = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            return cdf + x * pdf
        case .geluTanh:
            let x3 = x * x * x
            let inner = Activation.geluTanhScale * (x + 0.044715 * x3)
            let t = Foundation.tanh(inner)
            let dInner = Activation.geluTanhScale * (1 + 3 * 0.044715 * x * x)
            return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner
        case .identity: return 1
        }
    }

    static let geluTanhScale = (2 / Double.pi).squareRoot()

    /// The logistic function, computed without overflow for large |x|.
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + VectorMath.exp(-x)) }
        let z = VectorMath.exp(x)
        return z / (1 + z)
    }

    /// ``sigmoid(_:)`` of every element, the exponentials e^−|x| computed as one buffer:
    /// 1/(1 + e) for x ≥ 0, e/(1 + e) otherwise, the same bits as one at a time.
    ///
    /// Shape: unchanged.
    public static func sigmoidOfEach(_ x: Tensor) -> Tensor {
        var out = x.scalars.map { -Swift.abs($0) }
        out.withUnsafeMutableBufferPointer { e in
            VectorMath.exp(inPlace: e)
            x.scalars.withUnsafeBufferPointer { x in
                for i in e.indices { e[i] = x[i] >= 0 ? 1 / (1 + e[i]) : e[i] / (1 + e[i]) }
            }
        }
        return Tensor(uncheckedShape: x.shape, scalars: out)
    }

    /// The activation applied to every element.
    ///
    /// Shape: unchanged.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: return Activation.relu(x)
        case .tanh: return x.map { Foundation.tanh($0) }
        case .sigmoid: return Activation.sigmoidOfEach(x)
        case .identity: return x
        default: return x.map(value)
        }
    }

    /// The gradient with respect to the input, from the gradient with respect to
    /// the output: `gradOutput ⊙ f′(input)`, in one pass.
    ///
    /// Shape: both operands and the result have the same shape.
    public func backward(_ gradOutput: Tensor, input: Tensor) throws -> Tensor {
        guard gradOutput.shape == input.shape else {
            throw TensorError.shapeMismatch(operation: "\(name) backward", gradOutput.shape, input.shape)
        }
        var out = gradOutput
        out.scalars.withUnsafeMutableBufferPointer { g in
            input.scalars.withUnsafeBufferPointer { x in
                switch self {
                case .relu:
                    Activation.reluBackward(g, x)
                case .tanh:
                    for i in g.indices {
                        let t = Foundation.tanh(x[i])
                        g[i] *= 1 - t * t
                    }
                case .identity:
                    break
                default:
                    for i in g.indices { g[i] *= derivative(x[i]) }
                }
            }
        }
        return out
    }

    /// The derivative at every element.
    ///
    /// Shape: unchanged.
    public func derivative(_ x: Tensor) -> Tensor { x.map(derivative) }

    /// The name used in messages and notebooks: `relu`, `leakyReLU(0.01)`.
    public var name: String {
        switch self {
        case .step(let z): return z == 1 ? "step" : "step(valueAtZero: \(z))"
        case .sign: return "sign"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .hardtanh(let a, let b): return "hardtanh(min: \(a), max: \(b))"
        case .softplus(let beta, let t): return "softplus(beta: \(beta), threshold: \(t))"
        case .relu: return "relu"
        case .leakyReLU(let s): return "leakyReLU(slope: \(s))"
        case .gelu: return "gelu"
        case .geluTanh: return "geluTanh"
        case .identity: return "identity"
        }
    }

    /// max(0, x) element-wise, four lanes at a time; NaN passes through (NaN < 0 is false).
    static func relu(_ x: Tensor) -> Tensor {
        var out = x
        out.scalars.withUnsafeMutableBufferPointer { v in
            let n = v.count
            var i = 0
            while i + 4 <= n {
                let lanes = SIMD4(v[i], v[i + 1], v[i + 2], v[i + 3])
                let r = lanes.replacing(with: 0, where: lanes .< 0)
                v[i] = r[0]; v[i + 1] = r[1]; v[i + 2] = r[2]; v[i + 3] = r[3]
                i += 4
            }
            while i < n {
                if v[i] < 0 { v[i] = 0 }
                i += 1
            }
        }
        return out
    }

    /// g ← g where x > 0, else 0 (relu's derivative, 0 at the kink and for NaN), four lanes at a time.
    static func reluBackward(_ g: UnsafeMutableBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>) {
        let n = g.count
        var i = 0
        while i + 4 <= n {
            let xs = SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3])
            let r = SIMD4(g[i], g[i + 1], g[i + 2], g[i + 3]).replacing(with: 0, where: .!(xs .> 0))
            g[i] = r[0]; g[i + 1] = r[1]; g[i + 2] = r[2]; g[i + 3] = r[3]
            i += 4
        }
        while i < n {
            if !(x[i] > 0) { g[i] = 0 }
            i += 1
        }
    }
}
