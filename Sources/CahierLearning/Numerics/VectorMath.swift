import Csleef

/// `exp` and `log` over whole buffers, through SLEEF's deterministic functions
/// (`Sleef_cinz_*`, SLEEF 3.5.1): the same bits at every vector width and on
/// every x86-64 CPU, so a notebook prints the same bytes on an AVX2 machine
/// and on an AVX-512 one. The width is the widest the CPU runs, chosen once
/// (``widest``); a single number goes through SLEEF's portable scalar
/// function, which gives the same bits as the vector ones.
///
/// Accuracy: within 1 ulp of the exact result (SLEEF's `u10` functions);
/// glibc's `exp` and `log` are nearly correctly rounded, so about one result
/// in twelve differs from glibc's by 1 ulp, never by more (`exp(1)` is
/// 2.7182818284590455, glibc's 2.718281828459045). SLEEF 3.5.1's `exp` gives
/// +inf a little before the largest finite result (from 709.7827111495574 on,
/// instead of above 709.782712893384); that range is computed here as
/// 2¹⁰²³·exp(x − 1023·ln 2) (`Sources/Csleef/shim.h`).
public enum VectorMath {
    /// The widest vector this CPU runs, in doubles: 8 (AVX-512F), 4 (AVX),
    /// 2 (SSE2, every x86-64 CPU), 1 on other architectures.
    public static let widest = Int(cahier_sleef_widest())

    /// The widths this CPU can run, widest first; every one gives the same bits.
    public static var widths: [Int] { [8, 4, 2, 1].filter { $0 <= widest } }

    /// The width to use: `width` if this CPU runs it, else the widest it runs.
    static func runnable(_ width: Int?) -> Int32 { Int32(Swift.min(width ?? widest, widest)) }

    /// e^x of one number, with the same bits as the buffer functions.
    public static func exp(_ x: Double) -> Double { cahier_sleef_exp1(x) }

    /// The natural logarithm of one number, with the same bits as the buffer functions.
    public static func log(_ x: Double) -> Double { cahier_sleef_log1(x) }

    /// Replaces every value of `values` by its exponential; `width` (for tests)
    /// asks for a vector width, never wider than ``widest``.
    public static func exp(inPlace values: UnsafeMutableBufferPointer<Double>, width: Int? = nil) {
        guard let base = values.baseAddress else { return }
        cahier_sleef_exp(base, base, values.count, runnable(width))
    }

    /// Replaces every value of `values` by its natural logarithm, as ``exp(inPlace:width:)``.
    public static func log(inPlace values: UnsafeMutableBufferPointer<Double>, width: Int? = nil) {
        guard let base = values.baseAddress else { return }
        cahier_sleef_log(base, base, values.count, runnable(width))
    }

    /// The exponential of each value.
    public static func exp(_ values: [Double], width: Int? = nil) -> [Double] {
        var out = values
        out.withUnsafeMutableBufferPointer { exp(inPlace: $0, width: width) }
        return out
    }

    /// The natural logarithm of each value.
    public static func log(_ values: [Double], width: Int? = nil) -> [Double] {
        var out = values
        out.withUnsafeMutableBufferPointer { log(inPlace: $0, width: width) }
        return out
    }
}

extension Tensor {
    /// e^x of every element, through ``VectorMath``.
    ///
    /// Shape: unchanged.
    public func exponential() -> Tensor { Tensor(uncheckedShape: shape, scalars: VectorMath.exp(scalars)) }
}
