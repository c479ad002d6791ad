import Foundation

/// Reads an open file to its end into a buffer of the size it had when it was
/// measured, so that reading allocates what was checked and no more: a file
/// that grew since is refused, never read further.
public enum DescriptorReader {
    /// Why the bytes could not be read.
    public enum Failure: Error, Sendable, Equatable {
        /// The system refused the read: its message.
        case system(String)
        /// The file holds more than the `size` it was measured at.
        case grew
    }

    /// Every byte of the file open as `fd`, which was `size` bytes when measured.
    public static func read(_ fd: Int32, size: Int) throws(Failure) -> [UInt8] {
        // One byte more than expected, so that a file that grew is seen without reading on.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(fd, base + count, buffer.count - count)
            }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw .system(String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
        }
        guard count <= size else { throw .grew }
        return Array(bytes[..<count])
    }
}
