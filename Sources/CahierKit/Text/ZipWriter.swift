import Czlib

/// A ZIP archive written in memory, the same bytes for the same entries on
/// every run: entries are stored (not compressed) in the order they are
/// added, every timestamp is 1980-01-01 00:00 (the first date ZIP can hold),
/// names are flagged UTF-8 (general purpose bit 11), and a Unix mode (0644, or
/// 0755 for an executable) is kept in the external attributes, made by "Unix"
/// (PKWARE's APPNOTE.TXT, sections 4.3.7, 4.3.12 and 4.4).
///
/// Only classic ZIP is written (no ZIP64): at most ``maximumEntries`` entries
/// and ``maximumBytes`` bytes in all. ``problem`` says why an archive cannot be
/// written (too large, a path that is not a plain relative path, a path added
/// twice); a caller checks it before ``bytes()``, which writes nothing then.
public struct ZipWriter: Sendable {
    struct Entry: Sendable {
        var path: [UInt8]
        var data: [UInt8]
        var executable: Bool
        var crc: UInt32
    }

    /// The most entries a classic ZIP file holds (a 16-bit count).
    public static let maximumEntries = 65_535
    /// The most bytes a classic ZIP file holds (32-bit offsets), headers included.
    public static let maximumBytes = Int(UInt32.max)

    private var entries: [Entry] = []
    private var paths: Set<String> = []
    private var size = 22
    /// Why the archive cannot be written, or nil when it can.
    public private(set) var problem: String?

    public init() {}

    /// Adds a file at `path` (relative, `/`-separated, no `.` or `..` part).
    public mutating func add(path: String, data: [UInt8], executable: Bool) {
        guard problem == nil else { return }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.isEmpty || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) || path.contains("\\") || path.utf8.count > 65_535 {
            problem = "'\(path)' is not a relative path inside the archive"
            return
        }
        guard paths.insert(path).inserted else {
            problem = "'\(path)' is added twice"
            return
        }
        let name = Array(path.utf8)
        // A local header (30 bytes), a central header (46) and the name twice.
        size += 76 + 2 * name.count + data.count
        if entries.count + 1 > Self.maximumEntries || size > Self.maximumBytes {
            problem = "the archive would pass ZIP's limits (\(Self.maximumEntries) files, \(Self.maximumBytes) bytes)"
            return
        }
        entries.append(Entry(path: name, data: data, executable: executable, crc: Self.crc32(data)))
    }

    /// The archive: each entry's local header and data, then the central
    /// directory and its end record. Empty when ``problem`` is set.
    public func bytes() -> [UInt8] {
        guard problem == nil else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            out.le32(0x0403_4b50)
            header(&out, entry)
            out.le16(0)  // extra field length
            out += entry.path
            out += entry.data
            central.le32(0x0201_4b50)
            central.le16(0x0314)  // made by: Unix (3), version 2.0
            header(&central, entry)
            central.le16(0)  // extra field length
            central.le16(0)  // comment length
            central.le16(0)  // disk number
            central.le16(0)  // internal attributes
            central.le32((entry.executable ? 0o100755 : 0o100644) << 16)
            central.le32(offset)
            central += entry.path
        }
        let start = UInt32(out.count)
        out += central
        out.le32(0x0605_4b50)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(entries.count))
        out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count))
        out.le32(start)
        out.le16(0)  // comment length
        return out
    }

    /// The fields a local and a central header share, from "version needed" to the name's length.
    private func header(_ out: inout [UInt8], _ entry: Entry) {
        out.le16(20)  // version needed: 2.0
        out.le16(0x0800)  // names are UTF-8
        out.le16(0)  // stored
        out.le16(0)  // time 00:00:00
        out.le16(0x0021)  // date 1980-01-01: (1980 − 1980) << 9 | 1 << 5 | 1
        out.le32(entry.crc)
        out.le32(UInt32(entry.data.count))
        out.le32(UInt32(entry.data.count))
        out.le16(UInt16(entry.path.count))
    }

    /// CRC-32 (ISO 3309, the polynomial 0xEDB88320 reflected), zlib's.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc = Czlib.crc32(0, nil, 0)
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < buffer.count {
                let n = Swift.min(buffer.count - done, 1 << 30)
                crc = Czlib.crc32(crc, base + done, uInt(n))
                done += n
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}

extension [UInt8] {
    fileprivate mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }
}
