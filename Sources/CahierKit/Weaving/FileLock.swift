import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on the file a path names, held until ``unlock()``.
///
/// A writer replaces a file by renaming a new one over it, so a lock taken on
/// the old file would not stop the next writer: after locking, the path is
/// checked to still name the locked file, and the lock is taken again on the
/// new one when it does not.
final class FileLock {
    /// How long a writer waits for another to finish before giving up, in seconds.
    static let patience = 60.0

    private let descriptor: Int32

    /// Locks the regular file at `path` (shown as `name` in errors), waiting up to ``patience`` seconds for another holder.
    init(_ path: String, name: String) throws {
        let deadline = Date().addingTimeInterval(FileLock.patience)
        while true {
            // O_NONBLOCK: a file swapped for a FIFO meanwhile does not block the open.
            var fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            // A file one may write but not read is locked all the same.
            if fd < 0, errno == EACCES { fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) }
            guard fd >= 0 else { throw AtomicFile.WriteError(description: "cannot write \(name): \(String(cString: strerror(errno))); it is unchanged") }
            var locked = false
            while !locked {
                if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                    locked = true
                } else if errno == EWOULDBLOCK || errno == EINTR, Date() < deadline {
                    usleep(10_000)
                } else {
                    let reason = errno == EWOULDBLOCK ? "another program has been writing it for \(Int(FileLock.patience)) s" : String(cString: strerror(errno))
                    close(fd)
                    throw AtomicFile.WriteError(description: "cannot write \(name): \(reason); it is unchanged")
                }
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino {
                guard (held.st_mode & S_IFMT) == S_IFREG else {
                    close(fd)
                    throw AtomicFile.WriteError(description: "cannot write \(name): it is not a regular file")
                }
                descriptor = fd
                return
            }
            // Replaced while waiting: lock the file that is there now.
            close(fd)
            guard Date() < deadline else { throw AtomicFile.WriteError(description: "cannot write \(name): it kept being replaced; it is unchanged") }
        }
    }

    /// The locked file's first `limit` bytes at most (all of it when shorter).
    func contents(upTo limit: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(descriptor, base + count, limit - count, off_t(count))
            }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw AtomicFile.WriteError(description: "cannot read the file back: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            count += n
        }
        return Array(bytes[..<count])
    }

    /// Releases the lock.
    func unlock() {
        close(descriptor)
    }
}
