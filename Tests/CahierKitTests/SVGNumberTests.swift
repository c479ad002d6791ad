import CahierLearning
@testable import CahierKit
import Testing

/// A figure's coordinates are written from whole hundredths without `printf`
/// where the rounding cannot be in doubt; the text must be `printf`'s, always.
@Suite("SVG coordinates")
struct SVGNumberTests {
    /// Values where a shortcut would go wrong: exact halves of a hundredth (printf rounds
    /// them to even: 0.125 → 0.12, 0.375 → 0.38), values just beside them, signs that
    /// round to zero, trailing zeros, the range's ends and beyond.
    static let edges: [Double] = [
        0, -0.0, 0.001, -0.004, -0.005, -0.006, 0.005, 0.015, 0.025, 0.125, 0.375, 0.625, 0.875, -0.125, 2.675,
        1.005, 0.1, 0.2, 0.3, 1, 10, 100, 1.5, 1.05, 1.50, -1.5, 90.3, 439.99999999999994, 440, 0.30000000000000004,
        0.125.nextUp, 0.125.nextDown, 9_999_999_999.995, 1e10 - 0.005, 1e10, 1e12, -1e12, 1e300, 5e-324, -5e-324,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude,
    ]

    @Test("every edge value is printed as printf prints it", arguments: edges)
    func edge(_ x: Double) {
        #expect(SVG.f(x) == SVG.printed(x))
    }

    @Test("the hand-worked cases: two decimals at most, no trailing zeros, no minus zero")
    func handWorked() {
        // %.2f of 0.125 is "0.12" (ties to even on the exact value), of 0.375 "0.38",
        // of -0.004 "-0.00" which becomes "0"; 1.50 drops its zero; 440 has no point.
        let cases: [(Double, String)] = [(0.125, "0.12"), (0.375, "0.38"), (-0.004, "0"), (1.5, "1.5"), (440, "440"), (-2.05, "-2.05"), (0.07, "0.07")]
        for (x, text) in cases { #expect(SVG.f(x) == text, "\(x)") }
    }

    @Test("random coordinates, lengths and large values agree with printf")
    func random() {
        var generator = Xoshiro256(seed: 26)
        var shortcuts = 0
        for round in 0..<200_000 {
            let scale = [1.0, 10, 600, 1e4, 1e9, 1e13][round % 6]
            var x = (generator.nextUniform() * 2 - 1) * scale
            // Every fourth value is a multiple of 1/1024 near a half hundredth, where ties live.
            if round % 4 == 0 { x = (x * 1024).rounded() / 1024 }
            if SVG.hundredths(x) != nil { shortcuts += 1 }
            #expect(SVG.f(x) == SVG.printed(x), "\(x)")
        }
        // The shortcut is taken for most values (else the test would not test it).
        #expect(shortcuts > 100_000)
    }
}
