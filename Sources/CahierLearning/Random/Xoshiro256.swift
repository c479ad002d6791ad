import Foundation

/// The xoshiro256** generator (Blackman and Vigna, 2018), seeded through SplitMix64.
///
/// The seed-to-output contract: `Xoshiro256(seed: s)` fills its four words of
/// state with four successive outputs of SplitMix64 started at `s`, and then
/// produces xoshiro256** outputs. Only integer arithmetic on `UInt64` is used,
/// so the same seed gives the same bits on every platform.
public struct Xoshiro256: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose state is derived from `seed` by SplitMix64.
    public init(seed: UInt64) {
        var splitmix = SplitMix64(state: seed)
        s0 = splitmix.next()
        s1 = splitmix.next()
        s2 = splitmix.next()
        s3 = splitmix.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): used to expand a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// A generator that starts from `state`.
    public init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1): the top 53 bits of one output, times 2⁻⁵³.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal double by the Box–Muller transform:
    /// with u₁, u₂ two successive uniforms, √(−2 ln(1 − u₁)) · cos(2π u₂).
    /// Each call consumes exactly two outputs.
    public mutating func nextNormal() -> Double {
        let u1 = nextUniform()
        let u2 = nextUniform()
        return (-2 * log1p(-u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
