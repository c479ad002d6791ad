#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the frames `cahier serve` writes on `cahier-http`'s standard input:
/// `SITE <count>\n`, then per file `<path bytes> <content bytes>\n<path><content>`.
public struct SiteFrameReader: Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []
    private var start = 0
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    public init(fd: Int32 = 0) {
        self.fd = fd
    }

    /// The next site, or nil when the input ends (or breaks the format).
    public mutating func site() -> [String: [UInt8]]? {
        guard let header = line(), header.hasPrefix("SITE "), let count = Int(header.dropFirst(5)), count >= 0 else { return nil }
        var files: [String: [UInt8]] = [:]
        for _ in 0..<count {
            guard let sizes = line()?.split(separator: " "), sizes.count == 2,
                  let pathBytes = Int(sizes[0]), let contentBytes = Int(sizes[1]), pathBytes >= 0, contentBytes >= 0,
                  let path = bytes(pathBytes), let content = bytes(contentBytes) else { return nil }
            files[String(decoding: path, as: UTF8.self)] = content
        }
        return files
    }

    private mutating func line() -> String? {
        var looked = 0  // Bytes after `start` already looked at.
        while true {
            if let end = pending[(start + looked)...].firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: pending[start..<end], as: UTF8.self)
                start = end + 1
                return text
            }
            looked = pending.count - start
            guard fill() else { return nil }
        }
    }

    private mutating func bytes(_ count: Int) -> [UInt8]? {
        while pending.count - start < count { guard fill() else { return nil } }
        let result = Array(pending[start..<(start + count)])
        start += count
        return result
    }

    /// Reads more; the bytes already taken are dropped first, so each byte is copied a bounded number of times.
    private mutating func fill() -> Bool {
        if start > 0 {
            pending.removeSubrange(..<start)
            start = 0
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            pending += buffer[0..<count]
            return true
        }
    }
}
