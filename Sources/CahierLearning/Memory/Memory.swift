import CAllocation

/// The heap memory this process holds, counted where it is allocated and
/// released (see `Sources/CAllocation`): tensors, lists, strings, autograd's
/// recorded operations and every temporary alike, whether or not a name
/// holds them.
public enum Memory {
    /// The bytes of heap memory held now (0 under a sanitizer, whose allocator is not counted).
    @inline(__always)
    public static var allocatedBytes: Int { cahier_allocated_bytes() }

    /// Whether `additional` more bytes would take the process past `limit`.
    @inline(__always)
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
