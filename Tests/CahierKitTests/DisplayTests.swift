import Foundation
@testable import CahierKit
import CahierLearning
import Testing

@Suite("Display of values")
struct DisplayTests {
    @Test("writes integers without .0 and other numbers to 6 significant digits", arguments: [
        (3.0, "3"), (-0.0, "0"), (0.5, "0.5"), (1.0 / 3.0, "0.333333"), (2.0 / 3.0, "0.666667"),
        (123456789.5, "1.23457e+08"), (1e16, "1e+16"), (9_007_199_254_740_991, "9007199254740991"),
        (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"), (1e-7, "1e-07"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(Display.number(value) == expected)
    }

    @Test("aligns matrix columns and separates the blocks of a rank-3 tensor")
    func tensors() throws {
        let m = try Tensor(shape: [2, 2], scalars: [1, -2.5, 30, 4])
        #expect(Display.tensor(m) == ["[[ 1, -2.5],", " [30,    4]]"])
        let t = try Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4])
        #expect(Display.tensor(t) == ["[[[1, 2]],", "", " [[3, 4]]]"])
        #expect(Display.tensor(Tensor(vector: [])) == ["[]"])
        #expect(Display.tensor(try Tensor(shape: [0, 3], scalars: [])) == ["[]"])
    }

    @Test("elides tensors of more than 1,000 elements, 3 items at each end of every axis")
    func elision() throws {
        let values = (0..<2000).map(Double.init)
        #expect(Display.tensor(Tensor(vector: values)) == ["[0, 1, 2, ..., 1997, 1998, 1999]"])
        let matrix = try Tensor(shape: [40, 50], scalars: values)
        #expect(Display.tensor(matrix) == [
            "[[   0,    1,    2, ...,   47,   48,   49],",
            " [  50,   51,   52, ...,   97,   98,   99],",
            " [ 100,  101,  102, ...,  147,  148,  149],",
            " ...,",
            " [1850, 1851, 1852, ..., 1897, 1898, 1899],",
            " [1900, 1901, 1902, ..., 1947, 1948, 1949],",
            " [1950, 1951, 1952, ..., 1997, 1998, 1999]]",
        ])
    }
}

@Suite("Comparing outputs")
struct ComparisonTests {
    func lines(_ text: String) -> [ExpectedOutput.Line] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 == "..." ? .wildcard : .text(String($0)) }
    }

    @Test("accepts numbers within max(1e-9, 1e-6·max(|a|,|b|)) and nothing further", arguments: [
        ("1.0000005", "1", true), ("1.000002", "1", false), ("1e-10", "0", true), ("2e-9", "0", false),
        ("1000000.4", "1000000", true), ("nan", "nan", true), ("inf", "1e308", false), ("-inf", "-inf", true),
        ("x = 0.333333", "x = 0.3333333333", true), ("x = 0.33", "x = 0.333333", false),
    ])
    func tolerance(expected: String, actual: String, matches: Bool) {
        #expect(OutputComparison.matches(lines(expected), [actual], tolerance: .default) == matches)
    }

    @Test("compares text exactly but ignores trailing spaces, trailing blank lines and number padding")
    func text() {
        #expect(OutputComparison.matches(lines("abc  \n\n"), ["abc"], tolerance: .default))
        #expect(!OutputComparison.matches(lines("abd"), ["abc"], tolerance: .default))
        #expect(OutputComparison.matches(lines("[[1,   2],\n [3, 4.5]]"), ["[[1, 2],", " [3, 4.5]]"], tolerance: .default))
        #expect(!OutputComparison.matches(lines("[1, 2]"), ["[1, 2, 3]"], tolerance: .default))
    }

    @Test("reads a line's numbers as Swift's Double(String) parses their text, whole ones included")
    func numbersAsParsed() {
        // Whole numbers of up to 15 digits are read without parsing the text; every form must give the parser's value.
        var generator = Xoshiro256(seed: 7)
        var texts = ["0", "-0", "007", "-42", "999999999999999", "-999999999999999", "9999999999999999", "12345678901234567890",
                     "1.5", "-2.25e3", "3e-2", "1E5", "4.", "nan", "-inf"]
        for _ in 0..<2_000 {
            let digits = String((0..<Int.random(in: 1...18, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            texts.append(Bool.random(using: &generator) ? "-" + digits : digits)
        }
        for text in texts {
            guard let (value, length) = LineTokens.number(in: Array(text.utf8), at: 0) else {
                Issue.record("\(text) was not read as a number")
                continue
            }
            let parsed = text == "4." ? 4 : Double(text)!
            #expect(value.bitPattern == parsed.bitPattern || (value.isNaN && parsed.isNaN), "\(text)")
            #expect(length == (text == "4." ? 1 : text.utf8.count), "\(text)")
        }
    }

    @Test("matches any run of lines, none included, with ...")
    func wildcard() {
        #expect(OutputComparison.matches(lines("a\n...\nz"), ["a", "b", "c", "z"], tolerance: .default))
        #expect(OutputComparison.matches(lines("a\n...\nz"), ["a", "z"], tolerance: .default))
        #expect(!OutputComparison.matches(lines("a\n...\nz"), ["a", "b"], tolerance: .default))
        #expect(OutputComparison.matches(lines("..."), [], tolerance: .default))
    }

    @Test("uses the tolerance of the block, then the front matter")
    func overrides() throws {
        let text = "---\ntolerance: 1e-2\n---\n```cahier\n> 1 / 3\n0.33\n```\n```cahier tolerance=1e-9\n> 1 / 3\n0.333\n```\n"
        let results = NotebookRun(try Support.notebook(text)).commands
        #expect(results.map(\.passed) == [true, false])
    }
}

@Suite("Number formatting without Foundation")
struct NumberFormatTests {
    /// Numbers where the text is easy to get wrong: ties in binary and in
    /// decimal, negative zero, the extremes, subnormals, and many random bit patterns.
    static func samples() -> [Double] {
        var values: [Double] = [0, -0.0, 0.125, 0.375, 1.005, 2.5, -2.5, 0.5, 1.5, 999.995, 1e-7, 123456789.5, 1e16, 1e22, -1e300,
                                .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude,
                                .nan, .infinity, -.infinity, 20.000000002, 1.0 / 3.0, 2.0 / 3.0]
        var generator = Xoshiro256(seed: 7)
        for _ in 0..<3000 { values.append(Double(bitPattern: generator.next())) }
        for _ in 0..<3000 { values.append((Double(generator.next() >> 11) / 9007199254740992 - 0.5) * pow(10, Double(generator.next() % 24) - 8)) }
        return values
    }

    @Test("%.Nf, %.Ng and %#.Ng give the text Foundation's String(format:) gives, byte for byte")
    func sameAsFoundation() {
        for x in Self.samples() {
            for precision in [0, 1, 2, 4, 6, 12, 17] {
                #expect(NumberFormat.format(x, .fixed, precision: precision) == String(format: "%.\(precision)f", x))
                #expect(NumberFormat.format(x, .general, precision: precision) == String(format: "%.\(precision)g", x))
                #expect(NumberFormat.format(x, .generalKeepingZeros, precision: precision) == String(format: "%#.\(precision)g", x))
            }
        }
    }
}
