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
        if case .relu = self { return Activation.reluBackward(gradOutput, input) }
        var out = gradOutput
        out.scalars.withUnsafeMutableBufferPointer { g in
            input.scalars.withUnsafeBufferPointer { x in
                switch self {
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

    /// max(0, x) element-wise into a fresh buffer (no copy of `x` first): a value below 0
    /// becomes +0, any other (−0 and NaN included, as NaN < 0 is false) passes through.
    /// Eight lanes at a time without branches (a branch on the sign mispredicts half the time).
    static func relu(_ x: Tensor) -> Tensor {
        let out = [Double](unsafeUninitializedCapacity: x.count) { o, initialized in
            x.scalars.withUnsafeBufferPointer { v in
                guard let source = v.baseAddress, let target = o.baseAddress else { return }
                let n = v.count
                var i = 0
                while i &+ 8 <= n {
                    let lanes = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Double>.self)
                    UnsafeMutableRawPointer(target + i).storeBytes(of: lanes.replacing(with: 0, where: lanes .< 0), as: SIMD8<Double>.self)
                    i &+= 8
                }
                while i < n {
                    target[i] = v[i] < 0 ? 0 : v[i]
                    i &+= 1
                }
            }
            initialized = x.count
        }
        return Tensor(uncheckedShape: x.shape, scalars: out)
    }

    /// ReLU's backward pass into a fresh buffer: g where x > 0, else +0 (relu's
    /// derivative, 0 at the kink and for NaN), eight lanes at a time without branches.
    static func reluBackward(_ g: Tensor, _ x: Tensor) -> Tensor {
        let out = [Double](unsafeUninitializedCapacity: g.count) { o, initialized in
            g.scalars.withUnsafeBufferPointer { g in
                x.scalars.withUnsafeBufferPointer { x in
                    guard let gs = g.baseAddress, let xs = x.baseAddress, let target = o.baseAddress else { return }
                    let n = Swift.min(g.count, x.count)
                    var i = 0
                    while i &+ 8 <= n {
                        let inputs = UnsafeRawPointer(xs + i).loadUnaligned(as: SIMD8<Double>.self)
                        let grads = UnsafeRawPointer(gs + i).loadUnaligned(as: SIMD8<Double>.self)
                        UnsafeMutableRawPointer(target + i).storeBytes(of: grads.replacing(with: 0, where: .!(inputs .> 0)), as: SIMD8<Double>.self)
                        i &+= 8
                    }
                    while i < n {
                        target[i] = x[i] > 0 ? g[i] : 0
                        i &+= 1
                    }
                }
            }
            initialized = g.count
        }
        return Tensor(uncheckedShape: g.shape, scalars: out)
    }
}
