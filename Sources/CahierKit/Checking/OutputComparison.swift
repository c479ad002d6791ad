import CahierLearning

/// Compares a command's expected output with its actual output.
///
/// Lines are compared after trimming trailing white space; trailing blank
/// lines do not count. Within a line, numbers are compared with a
/// ``Tolerance`` and the text around them exactly, except that the spaces
/// padding a number (aligned columns) are ignored and other runs of spaces
/// count as one. A `...` line matches any run of lines.
public enum OutputComparison {
    public static func matches(_ expected: [ExpectedOutput.Line], _ actual: [String], tolerance: Tolerance) -> Bool {
        let actual = trimmedLines(actual)
        var expected = expected
        while case .text(let last)? = expected.last, last.trimmingTrailingWhitespace().isEmpty { expected.removeLast() }
        // reachable[j]: expected[..<i] can match actual[..<j].
        var reachable = Array(repeating: false, count: actual.count + 1)
        reachable[0] = true
        for line in expected {
            var next = Array(repeating: false, count: actual.count + 1)
            switch line {
            case .wildcard:
                var any = false
                for j in 0...actual.count {
                    any = any || reachable[j]
                    next[j] = any
                }
            case .text(let text):
                let pattern = LineTokens(text)
                for j in 0..<actual.count where reachable[j] && pattern.matches(LineTokens(actual[j]), tolerance: tolerance) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[actual.count]
    }

    /// Lines with trailing white space trimmed and trailing blank lines dropped.
    public static func trimmedLines(_ lines: [String]) -> [String] {
        var result = lines.map { $0.trimmingTrailingWhitespace() }
        while result.last?.isEmpty == true { result.removeLast() }
        return result
    }
}

/// A line split into text and numbers.
struct LineTokens {
    enum Token: Equatable {
        case text(String)
        case number(Double)
    }

    var tokens: [Token] = []

    init(_ line: String) {
        let bytes = Array(line.trimmingTrailingWhitespace().utf8)
        var text: [UInt8] = []
        var i = 0
        func flush(beforeNumber: Bool) {
            guard !text.isEmpty || tokens.isEmpty == false else { return }
            let space = UInt8(ascii: " ")
            var (low, high) = (0, text.count)
            if beforeNumber { while high > low, text[high - 1] == space { high -= 1 } }
            if case .number? = tokens.last { while low < high, text[low] == space { low += 1 } }
            if low < high {
                // Runs of spaces count as one.
                var collapsed: [UInt8] = []
                collapsed.reserveCapacity(high - low)
                var afterSpace = false
                for b in text[low..<high] where !(b == space && afterSpace) {
                    collapsed.append(b)
                    afterSpace = b == space
                }
                tokens.append(.text(String(decoding: collapsed, as: UTF8.self)))
            }
            text.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            if let (value, length) = LineTokens.number(in: bytes, at: i) {
                flush(beforeNumber: true)
                tokens.append(.number(value))
                i += length
            } else {
                text.append(bytes[i])
                i += 1
            }
        }
        flush(beforeNumber: false)
    }

    func matches(_ other: LineTokens, tolerance: Tolerance) -> Bool {
        guard tokens.count == other.tokens.count else { return false }
        for (a, b) in zip(tokens, other.tokens) {
            switch (a, b) {
            case (.text(let x), .text(let y)): if x != y { return false }
            case (.number(let x), .number(let y)): if !tolerance.accepts(x, y) { return false }
            default: return false
            }
        }
        return true
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
    }

    /// A number starting at `i` that is not part of a word: `-1.5e-3`, `nan`, `inf`, `-inf`.
    static func number(in bytes: [UInt8], at start: Int) -> (Double, Int)? {
        if start > 0, isWordByte(bytes[start - 1]) { return nil }
        var i = start
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        // Most bytes of a line start no number: only a digit, `n` or `i` can.
        guard i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "n") || bytes[i] == UInt8(ascii: "i") else { return nil }
        if !isDigit(bytes[i]) {
            for word in ["nan", "inf"] where bytes[i...].starts(with: word.utf8) {
                let end = i + 3
                if end < bytes.count, isWordByte(bytes[end]) { return nil }
                if word == "nan" { return i == start ? (.nan, 3) : nil }
                return (i == start ? .infinity : -.infinity, end - start)
            }
            return nil
        }
        let digitsStart = i
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        let integerEnd = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "."), i + 1 < bytes.count, isDigit(bytes[i + 1]) {
            i += 1
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        guard i > digitsStart else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            if j < bytes.count, isDigit(bytes[j]) {
                while j < bytes.count, isDigit(bytes[j]) { j += 1 }
                i = j
            }
        }
        if i < bytes.count, isWordByte(bytes[i]) && bytes[i] != UInt8(ascii: ".") { return nil }
        if i == integerEnd, i - digitsStart <= 15 {
            // Whole digits only, fewer than 16: exactly the Double that parsing the text gives, without parsing it.
            var whole = 0
            for k in digitsStart..<i { whole = whole * 10 + Int(bytes[k] - 48) }
            return (digitsStart > start ? -Double(whole) : Double(whole), i - start)
        }
        guard let value = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { return nil }
        return (value, i - start)
    }
}
