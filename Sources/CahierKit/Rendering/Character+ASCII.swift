/// Unicode's letter and number properties, looked up only beyond ASCII: an
/// ASCII character is a letter when it is `A`–`Z` or `a`–`z`, a number when
/// it is `0`–`9` (a heading's anchor and TeX's command names read one such
/// character at a time, and the look-up was most of their time).
extension Character {
    var isLetterQuickly: Bool {
        guard let ascii = asciiValue else { return isLetter }
        return (ascii | 0x20) >= UInt8(ascii: "a") && (ascii | 0x20) <= UInt8(ascii: "z")
    }

    var isLetterOrNumberQuickly: Bool {
        guard let ascii = asciiValue else { return isLetter || isNumber }
        return ((ascii | 0x20) >= UInt8(ascii: "a") && (ascii | 0x20) <= UInt8(ascii: "z")) || (ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9"))
    }
}
