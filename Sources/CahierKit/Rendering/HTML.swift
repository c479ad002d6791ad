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
}
