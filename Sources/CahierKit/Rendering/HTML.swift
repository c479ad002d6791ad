/// HTML escaping for everything Cahier generates.
public enum HTML {
    /// Escapes `& < > " '` so text can go into element content or a quoted attribute.
    public static func escape(_ text: String) -> String {
        text.escaping { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            default: return nil
            }
        }
    }

    /// A link to a page of the site, for an `href`: `root` (`""` or `"../"`…)
    /// then the page's path with each part percent-encoded (only letters,
    /// digits and `-._~` stay), and `./` in front, so no file name can become
    /// a scheme such as `javascript:`, a query or a fragment.
    public static func link(_ root: String, _ relativePath: String) -> String {
        escape(href(root, relativePath))
    }

    /// ``link(_:_:)`` before HTML escaping (it needs none: every character
    /// outside `-._~/`, letters and digits is percent-encoded), with a
    /// fragment when given, encoded the same way: the form the site's script
    /// checks before it follows an address from the search documents.
    public static func href(_ root: String, _ relativePath: String, fragment: String? = nil) -> String {
        let encoded = relativePath.split(separator: "/", omittingEmptySubsequences: false).map { percentEncoded(String($0)) }.joined(separator: "/")
        return (root.isEmpty ? "./" : root) + encoded + (fragment.map { "#" + percentEncoded($0) } ?? "")
    }

    /// Each UTF-8 byte of `part` other than a letter, a digit or `-._~` as `%XX`.
    static func percentEncoded(_ part: String) -> String {
        part.utf8.map { byte -> String in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                return String(UnicodeScalar(byte))
            default:
                return "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
