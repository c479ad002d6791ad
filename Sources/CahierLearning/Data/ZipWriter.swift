import Czlib

/// Writes a ZIP archive (PKWARE's APPNOTE) whose bytes depend only on its
/// members: every member has the same fixed time (1980-01-01 00:00, the
/// earliest a ZIP can say), Unix permissions 0644 (0755 for an executable), a UTF-8 name, and is
/// deflated by zlib (level 9, raw deflate) when that makes it smaller, else
/// stored. The members are written in the order they are added. ZIP64 is not
/// written: a member or an archive of 4 GiB or more, or more than 65,534
/// members, is refused. ``ZipArchive`` reads what this writes.
public struct ZipWriter: Sendable {
    /// Why an archive cannot be made.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The most members an archive holds (its count is 16 bits).
    public static let maximumMembers = 65_534
    /// The most bytes a member or the archive may take (its offsets are 32 bits).
    public static let maximumBytes = 0xFFFF_FFFE

    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var names: Set<String> = []
    private var count = 0

    public init() {}

    /// A member's bytes made ready for an archive: their CRC-32 and their
    /// stored form (deflated when that is smaller). Made once, the same bytes
    /// go into several archives without being deflated again.
    public struct Prepared: Sendable {
        let size: Int
        let crc: UInt32
        let method: UInt16
        let data: [UInt8]
    }

    /// `bytes` deflated (when that makes them smaller, and zlib made it) or stored, which every reader reads.
    public static func prepare(_ bytes: [UInt8]) -> Prepared {
        let crc = bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        guard bytes.count <= maximumBytes, let deflated = deflate(bytes), deflated.count < bytes.count else {
            return Prepared(size: bytes.count, crc: crc, method: 0, data: bytes)
        }
        return Prepared(size: bytes.count, crc: crc, method: 8, data: deflated)
    }

    /// Adds a member named `name` (a relative `/`-separated path) holding `bytes`.
    public mutating func add(_ name: String, _ bytes: [UInt8], executable: Bool = false) throws(Failure) {
        try check(name, size: bytes.count)
        try add(name, prepared: Self.prepare(bytes), executable: executable)
    }

    /// Adds a member named `name` holding the bytes ``prepare(_:)`` made ready.
    public mutating func add(_ name: String, prepared: Prepared, executable: Bool = false) throws(Failure) {
        try check(name, size: prepared.size)
        names.insert(name)
        let (crc, method, data, size) = (prepared.crc, prepared.method, prepared.data, prepared.size)
        let offset = output.count
        guard offset + 30 + name.utf8.count + data.count <= Self.maximumBytes else {
            throw Failure(description: "the archive would take 4 GiB or more")
        }
        let nameBytes = Array(name.utf8)
        // Version 2.0, bit 11 (names in UTF-8), the method, time 00:00 and date 1980-01-01 (0x0021).
        var local: [UInt8] = []
        Self.put32(0x0403_4B50, &local)
        Self.put16(20, &local)
        Self.put16(0x0800, &local)
        Self.put16(method, &local)
        Self.put16(0, &local)
        Self.put16(0x0021, &local)
        Self.put32(crc, &local)
        Self.put32(UInt32(data.count), &local)
        Self.put32(UInt32(size), &local)
        Self.put16(UInt16(nameBytes.count), &local)
        Self.put16(0, &local)
        output += local + nameBytes + data
        // The central directory's entry: made by Unix (3) version 2.0, permissions rw-r--r--.
        var entry: [UInt8] = []
        Self.put32(0x0201_4B50, &entry)
        Self.put16(0x0314, &entry)
        entry += local[4..<30]
        Self.put16(0, &entry)  // comment length
        Self.put16(0, &entry)  // disk
        Self.put16(0, &entry)  // internal attributes
        Self.put32((executable ? 0o100755 : 0o100644) << 16, &entry)
        Self.put32(UInt32(offset), &entry)
        directory += entry + nameBytes
        count += 1
    }

    /// Refuses a name that is not a relative path, a second member of a name, and a member or archive too large.
    private func check(_ name: String, size: Int) throws(Failure) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, name.utf8.count <= 0xFFFF, !name.contains("\\"), !name.utf8.contains(0),
              parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw Failure(description: "'\(name)' cannot name a member of an archive: give a relative path of names separated by '/', without '.' or '..'")
        }
        guard !names.contains(name) else { throw Failure(description: "the archive would hold two members named \(name)") }
        guard count < Self.maximumMembers else { throw Failure(description: "an archive holds at most \(Self.maximumMembers) members") }
        guard size <= Self.maximumBytes else { throw Failure(description: "\(name) is \(size) bytes; an archive member holds less than 4 GiB") }
    }

    /// The archive: the members, their central directory and its end record.
    public func bytes() throws(Failure) -> [UInt8] {
        guard output.count + directory.count + 22 <= Self.maximumBytes else { throw Failure(description: "the archive would take 4 GiB or more") }
        var end: [UInt8] = []
        Self.put32(0x0605_4B50, &end)
        Self.put16(0, &end)
        Self.put16(0, &end)
        Self.put16(UInt16(count), &end)
        Self.put16(UInt16(count), &end)
        Self.put32(UInt32(directory.count), &end)
        Self.put32(UInt32(output.count), &end)
        Self.put16(0, &end)
        return output + directory + end
    }

    /// The bytes deflated raw at level 9, or nil if zlib fails.
    static func deflate(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: max(bound, 1))
        let status = bytes.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return Czlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    private static func put16(_ value: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    private static func put32(_ value: UInt32, _ out: inout [UInt8]) {
        put16(UInt16(value & 0xFFFF), &out)
        put16(UInt16(value >> 16), &out)
    }
}
