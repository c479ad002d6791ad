/// Which characters make a name: Python's rule for identifiers (PEP 3131,
/// Unicode's UAX #31), with two changes for the way a lecture writes maths.
///
/// - A name starts with `_` or a character of Unicode's XID_Start (letters of
///   every script: `a`, `é`, `α`, `ŷ`, `叶`) and goes on with XID_Continue
///   (those, digits, combining accents, `_`).
/// - Subscript digits `₀`…`₉` may go on a name too (`w₀`, `x₁`), as Swift
///   allows; Python refuses them (they are not XID_Continue).
/// - The middle dot `·` (U+00B7, and its Greek twin U+0387), though
///   XID_Continue, ends a name: the lecture writes it for a product, and
///   `a·b` must not read as one name.
///
/// Names are compared as Swift compares strings, by canonical equivalence:
/// `é` typed as one character or as `e` and a combining accent is the same
/// name. Unlike Python, compatibility forms stay apart: `w₀` and `w0` are two names.
public enum IdentifierCharacters {
    /// Whether `scalar` may start a name.
    public static func isStart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x5F
        }
        return scalar.properties.isXIDStart && !isProductDot(scalar)
    }

    /// Whether `scalar` may continue a name.
    public static func isContinue(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isStart(scalar) || (scalar.value >= 0x30 && scalar.value <= 0x39) }
        if (0x2080...0x2089).contains(scalar.value) { return true }
        return scalar.properties.isXIDContinue && !isProductDot(scalar)
    }

    private static func isProductDot(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x00B7 || scalar.value == 0x0387
    }
}
