/// What a notebook's last run under `cahier watch` said: its mismatches, by
/// line and actual output, and its counts; or why it did not run.
public struct WatchedResult: Equatable, Sendable {
    /// Each mismatch's printed form, keyed by its command's line and actual output.
    public var mismatches: [String: String] = [:]
    public var passed = 0
    public var failed = 0
    /// The diagnostics of a notebook that does not parse.
    public var problem: String?

    public init() {}
}
