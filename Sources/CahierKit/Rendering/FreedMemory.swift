import Ccmark

/// How the process's allocator keeps what is freed. Rendering a large page
/// makes a dozen buffers of its size in turn (the masked text, the HTML, the
/// outline's, the page's, the zips'); glibc's malloc maps each buffer of more
/// than 32 MB afresh and unmaps it when freed, so each costs the kernel a
/// page fault and a page of zeros per 4 KB (a 20 MB page's render spent a
/// quarter of its CPU time there). Kept instead, freed memory serves the next
/// buffer without a fault.
enum FreedMemory {
    /// The most freed memory kept at the top of the heap before glibc returns it.
    static let keptLimit: Int32 = 1 << 30

    /// From now on, large blocks come from the heap (never a mapping of
    /// their own) and up to ``keptLimit`` bytes freed at its top are kept for
    /// reuse. The process's memory then stays near its peak until it exits:
    /// meant for a command that renders and ends, not a server. Elsewhere than
    /// glibc, nothing (`cahier_keep_freed_memory` in the Ccmark shim).
    static func keepForReuse() {
        cahier_keep_freed_memory(keptLimit)
    }
}
