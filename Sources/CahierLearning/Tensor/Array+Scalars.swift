extension Array where Element == Double {
    /// `count` values written by `initialize`, which must write every one of them.
    ///
    /// The standard library's `init(unsafeUninitializedCapacity:)` reaches an
    /// unspecialised entry point that looks up the array's storage type at
    /// run time, under a lock, for every array made: tens of nanoseconds,
    /// about as much as the rest of making a 3-vector. Reserving then
    /// appending is specialised for `Double` with that type found once, so
    /// short arrays (the vectors a loop in the language makes at every turn)
    /// are made that way, their zeros then overwritten; long ones, where the
    /// lookup is negligible and the extra pass is not, the standard way.
    @inlinable
    public init(count: Int, writing initialize: (UnsafeMutableBufferPointer<Double>) throws -> Void) rethrows {
        guard count <= 64 else {
            try self.init(unsafeUninitializedCapacity: count) { buffer, made in
                try initialize(buffer)
                made = count
            }
            return
        }
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(0) }
        try withUnsafeMutableBufferPointer { try initialize($0) }
    }
}
