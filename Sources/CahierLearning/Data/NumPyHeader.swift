/// The header of a `.npy` file, parsed as the format defines it
/// (`numpy.lib.format`): the text of a Python dictionary literal with exactly
/// the keys `'descr'` (a string), `'fortran_order'` (`True` or `False`) and
/// `'shape'` (a tuple of whole numbers), each once, in any order, then spaces
/// and a newline. Nothing else is accepted: an unknown, missing or repeated
/// key, a value of another kind, `(3)` (a number in parentheses, not a tuple),
/// a negative extent or anything after the closing brace is an error.
///
/// Strings are Python's quoted strings without escapes (NumPy never writes one
/// in these three values); whole numbers may end with `L`, as Python 2 wrote them.
struct NumPyHeader: Equatable {
    /// The element type, such as `<f8`.
    var descr: String
    /// Whether the data are in Fortran (column-major) order.
    var fortranOrder: Bool
    /// The extents, outermost first.
    var shape: [Int]

    /// A problem at a byte of the header text.
    struct Problem: Error, Equatable {
        var offset: Int
        var message: String
    }

    /// The most extents a shape may have (NumPy's own limit, `NPY_MAXDIMS`, is 64).
    static let maximumDimensions = 64

    /// Parses the header text's bytes.
    init(_ text: ArraySlice<UInt8>) throws(Problem) {
        var reader = Reader(bytes: text, at: text.startIndex)
        reader.skipSpaces()
        try reader.expect(UInt8(ascii: "{"), "the header is not a dictionary: it does not start with '{'")
        var descr: String?, fortranOrder: Bool?, shape: [Int]?
        while true {
            reader.skipSpaces()
            if reader.take(UInt8(ascii: "}")) { break }
            let keyAt = reader.offset
            let key = try reader.string("a key in quotes")
            reader.skipSpaces()
            try reader.expect(UInt8(ascii: ":"), "expected ':' after the key '\(key)'")
            reader.skipSpaces()
            switch key {
            case "descr":
                guard descr == nil else { throw Problem(offset: keyAt, message: "the key 'descr' is given twice") }
                if reader.peek == UInt8(ascii: "[") { throw Problem(offset: reader.offset, message: "the array is structured (its 'descr' is a list); only plain numbers can be read") }
                descr = try reader.string("the element type in quotes, such as '<f8'")
            case "fortran_order":
                guard fortranOrder == nil else { throw Problem(offset: keyAt, message: "the key 'fortran_order' is given twice") }
                fortranOrder = try reader.boolean()
            case "shape":
                guard shape == nil else { throw Problem(offset: keyAt, message: "the key 'shape' is given twice") }
                shape = try reader.tuple()
            default:
                throw Problem(offset: keyAt, message: "the key '\(key)' is not one of a .npy header ('descr', 'fortran_order', 'shape')")
            }
            reader.skipSpaces()
            if reader.take(UInt8(ascii: ",")) { continue }
            try reader.expect(UInt8(ascii: "}"), "expected ',' or '}' after the value of '\(key)'")
            break
        }
        reader.skipSpaces()
        guard reader.atEnd else { throw Problem(offset: reader.offset, message: "the header goes on after its dictionary") }
        guard let descr else { throw Problem(offset: 0, message: "the header has no 'descr'") }
        guard let fortranOrder else { throw Problem(offset: 0, message: "the header has no 'fortran_order'") }
        guard let shape else { throw Problem(offset: 0, message: "the header has no 'shape'") }
        self.descr = descr
        self.fortranOrder = fortranOrder
        self.shape = shape
    }

    /// A cursor over the header's bytes.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var at: Int

        var offset: Int { at - bytes.startIndex }
        var atEnd: Bool { at >= bytes.endIndex }
        var peek: UInt8? { atEnd ? nil : bytes[at] }

        mutating func skipSpaces() {
            while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { at += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            at += 1
            return true
        }

        mutating func expect(_ byte: UInt8, _ message: String) throws(Problem) {
            guard take(byte) else { throw Problem(offset: offset, message: message) }
        }

        /// A string in single or double quotes, without escapes or line breaks.
        mutating func string(_ what: String) throws(Problem) -> String {
            let start = offset
            guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { throw Problem(offset: start, message: "expected \(what)") }
            at += 1
            let first = at
            while let byte = peek, byte != quote {
                guard byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "\n") else {
                    throw Problem(offset: offset, message: "a string of the header holds a backslash or a line break, which NumPy never writes")
                }
                at += 1
            }
            guard !atEnd else { throw Problem(offset: start, message: "a string opened here is never closed") }
            let text = String(decoding: bytes[first..<at], as: UTF8.self)
            at += 1
            return text
        }

        mutating func word() -> String {
            let first = at
            while let byte = peek, (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_") { at += 1 }
            return String(decoding: bytes[first..<at], as: UTF8.self)
        }

        mutating func boolean() throws(Problem) -> Bool {
            let start = offset
            switch word() {
            case "True": return true
            case "False": return false
            default: throw Problem(offset: start, message: "'fortran_order' must be True or False")
            }
        }

        /// `()`, `(n,)` or `(n, m, …)`, a trailing comma allowed when there are two or more.
        mutating func tuple() throws(Problem) -> [Int] {
            let start = offset
            try expect(UInt8(ascii: "("), "'shape' must be a tuple of whole numbers, such as (2, 3)")
            var extents: [Int] = []
            var commas = 0
            while true {
                skipSpaces()
                if take(UInt8(ascii: ")")) { break }
                guard extents.count == commas else { throw Problem(offset: offset, message: "expected ',' or ')' in 'shape'") }
                extents.append(try extent())
                guard extents.count <= NumPyHeader.maximumDimensions else {
                    throw Problem(offset: offset, message: "'shape' has more than \(NumPyHeader.maximumDimensions) extents")
                }
                skipSpaces()
                if take(UInt8(ascii: ",")) { commas += 1 }
            }
            if extents.count == 1, commas == 0 { throw Problem(offset: start, message: "'shape' is a number in parentheses, not a tuple; a 1-D shape is written (n,)") }
            if extents.isEmpty, commas > 0 { throw Problem(offset: start, message: "'shape' is not a tuple") }
            return extents
        }

        /// A whole number ≥ 0, which must fit an Int.
        mutating func extent() throws(Problem) -> Int {
            let start = offset
            if peek == UInt8(ascii: "-") { throw Problem(offset: start, message: "'shape' holds a negative extent") }
            var value = 0
            var digits = 0
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                guard !overflow, !overflow2 else { throw Problem(offset: start, message: "'shape' holds an extent too large to be one") }
                value = sum
                digits += 1
                at += 1
            }
            guard digits > 0 else { throw Problem(offset: start, message: "'shape' must hold whole numbers") }
            _ = take(UInt8(ascii: "L"))
            return value
        }
    }
}
