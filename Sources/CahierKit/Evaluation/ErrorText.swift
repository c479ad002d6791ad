/// How a run-time error reads in a transcript.
public enum ErrorText {
    /// `error: MESSAGE`, one transcript line per line of the message.
    public static func lines(_ error: RuntimeError) -> [String] {
        let message = error.message.split(separator: "\n", omittingEmptySubsequences: false)
        return message.enumerated().map { i, line in i == 0 ? "error: " + line : String(line) }
    }
}
