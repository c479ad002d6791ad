import CAllocation

/// The heap memory a notebook holds, counted where it is allocated and
/// released (see `Sources/CAllocation`): tensors, lists, strings, autograd's
/// recorded operations and every temporary alike, whether or not a name holds
/// them. A notebook runs on an evaluation thread of its own, which counts what
/// it allocates and frees from the moment the notebook starts
/// (``startCounting()``), so notebooks run side by side never count each
/// other's memory.
public enum Memory {
    /// The bytes the calling thread allocated and did not free since it started counting
    /// (0 under a sanitizer, whose allocator is not counted).
    @inlinable
    public static var allocatedBytes: Int { cahier_allocated_bytes() }

    /// Starts the calling thread's count from 0: the notebook it runs holds nothing yet.
    public static func startCounting() { cahier_start_counting() }

    /// Starts the calling thread's count from `bytes`: it continues a notebook
    /// that already holds them, counted on another thread (a grading server's,
    /// before it forked this process; see `Grader.SetUp`). The count is then what
    /// it would be had this thread allocated them: each block is subtracted from
    /// the count of the thread that frees it, and these are counted here.
    public static func startCounting(holding bytes: Int) { cahier_start_counting_holding(bytes) }

    /// Whether `additional` more bytes would take the count past `limit`.
    @inlinable
    public static func wouldExceed(_ limit: Int, adding additional: Int) -> Bool {
        let (total, overflow) = allocatedBytes.addingReportingOverflow(Swift.max(additional, 0))
        return overflow || total > limit
    }

    /// Bytes as people read them: `512 MB`, `1.5 GB` (decimal units, as the limits are written).
    public static func describe(_ bytes: Int) -> String {
        let units: [(Double, String)] = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (size, unit) in units where Double(bytes) >= size {
            let value = Double(bytes) / size
            let text = value >= 100 ? String(Int(value.rounded())) : String(Double(Int((value * 10).rounded())) / 10)
            return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " " + unit
        }
        return "\(bytes) bytes"
    }
}
