/// How a grading worker ended. A worker server writes it before each report
/// (its wire form: `done`, `timeout`, `overflow`, `unsupported`, `signal N`, `status N`).
public enum WorkerEnding: Sendable, Hashable, Codable {
    /// It exited with status 0.
    case done
    /// It ran past the time limit and was stopped.
    case timeout
    /// It reported more than ``WorkerProcess/maximumReport`` bytes and was stopped.
    case overflow
    /// The server cannot fork safely; the batch grades with programs of its own.
    case unsupported
    /// A signal ended it.
    case signal(Int32)
    /// It exited with this status, not 0.
    case status(Int32)

    public var wire: String {
        switch self {
        case .done: return "done"
        case .timeout: return "timeout"
        case .overflow: return "overflow"
        case .unsupported: return "unsupported"
        case .signal(let n): return "signal \(n)"
        case .status(let n): return "status \(n)"
        }
    }

    public init?(wire: String) {
        let parts = wire.split(separator: " ")
        switch (parts.first, parts.count) {
        case ("done"?, 1): self = .done
        case ("timeout"?, 1): self = .timeout
        case ("overflow"?, 1): self = .overflow
        case ("unsupported"?, 1): self = .unsupported
        case ("signal"?, 2): guard let n = Int32(parts[1]) else { return nil }; self = .signal(n)
        case ("status"?, 2): guard let n = Int32(parts[1]) else { return nil }; self = .status(n)
        default: return nil
        }
    }
}
