import Foundation

/// Builders of data files byte by byte, as the formats define them (NumPy's
/// `numpy.lib.format`, PKWARE's APPNOTE, RFC 1951's stored blocks, the PNG
/// specification), so that tests can make the hostile ones no tool writes.
enum HostileFiles {
    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }
    static func be32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    /// Little-endian float64s, as `<f8` stores them.
    static func doubles(_ values: [Double]) -> [UInt8] {
        values.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
    }

    /// A version 1.0 `.npy` file: magic, version, header length, the header
    /// padded with spaces and a newline to a multiple of 64 bytes, then `data`.
    static func npy(_ header: String, _ data: [UInt8]) -> [UInt8] {
        var text = Array(header.utf8)
        let padding = 63 - (10 + text.count) % 64
        text += [UInt8](repeating: 0x20, count: padding) + [0x0A]
        return [0x93] + Array("NUMPY".utf8) + [1, 0] + le16(text.count) + text + data
    }

    /// A deflate stream (RFC 1951) of stored blocks holding `data` as it is.
    static func storedDeflate(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            out += [end == data.count ? 1 : 0] + le16(end - start) + le16(~(end - start) & 0xFFFF) + data[start..<end]
            start = end
        } while start < data.count
        return out
    }

    /// One local member of a ZIP archive: its name, its bytes as stored, and its method (0 stored, 8 deflated).
    struct Member {
        var name: String
        var stored: [UInt8]
        var method = 0
    }

    /// One central directory entry: which member's local header it points at, and what it declares.
    struct Central {
        var name: String
        var member: Int
        var method: Int
        var compressed: Int
        var size: Int
        /// Where its local header is, when not at `member`'s.
        var offset: Int? = nil
    }

    /// A ZIP archive of `members`, one after the other, whose central
    /// directory holds `central` (by default one true entry per member, a
    /// deflated member's size given by `sizes`).
    static func zip(_ members: [Member], central: [Central]? = nil, sizes: [Int: Int] = [:]) -> [UInt8] {
        var body: [UInt8] = []
        var offsets: [Int] = []
        for member in members {
            offsets.append(body.count)
            let name = Array(member.name.utf8)
            body += le32(0x0403_4B50) + le16(20) + le16(0) + le16(member.method) + le16(0) + le16(0) + le32(0)
            body += le32(member.stored.count) + le32(sizes[offsets.count - 1] ?? member.stored.count) + le16(name.count) + le16(0) + name + member.stored
        }
        let entries = central ?? members.enumerated().map { k, member in
            Central(name: member.name, member: k, method: member.method, compressed: member.stored.count, size: sizes[k] ?? member.stored.count)
        }
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(entry.method) + le16(0) + le16(0) + le32(0)
            directory += le32(entry.compressed) + le32(entry.size) + le16(name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            directory += le32(entry.offset ?? offsets[entry.member]) + name
        }
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count) + le32(directory.count) + le32(body.count) + le16(0)
        return body + directory + end
    }

    /// CRC-32 (ISO 3309, as PNG and ZIP use it), bit by bit.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A PNG chunk: length, type, data, CRC of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }

    /// A PNG whose header declares `width` × `height` 8-bit RGB pixels and
    /// whose image data are a few bytes only: a reader that trusts the header
    /// and allocates first is caught by its size.
    static func pngDeclaring(width: UInt32, height: UInt32) -> [UInt8] {
        let header = be32(width) + be32(height) + [8, 2, 0, 0, 0]
        let data: [UInt8] = [0x78, 0x01] + storedDeflate([0, 1, 2, 3])
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", data) + chunk("IEND", [])
    }
}
