import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// The longest file name the file systems cahier writes to accept, in bytes (NAME_MAX).
    static let maximumNameBytes = 255

    /// A file about to be replaced: where it really is, and the permissions its new content gets.
    struct Destination {
        let path: String
        let target: String
        let mode: mode_t
        let exists: Bool

        /// Resolves a symbolic link and checks the file may be replaced.
        init(_ path: String) throws {
            self.path = path
            var target = path
            var info = stat()
            var mode: mode_t = 0o644
            var exists = false
            if lstat(path, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFLNK {
                    guard let resolved = realpath(path, nil) else {
                        throw WriteError(description: "cannot write \(path): it is a link to a file that does not exist")
                    }
                    target = String(cString: resolved)
                    free(resolved)
                    guard stat(target, &info) == 0 else { throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
                }
                guard (info.st_mode & S_IFMT) == S_IFREG else { throw WriteError(description: "cannot write \(path): it is not a regular file") }
                // The permission bits, not access(2): root may write anything, but a read-only notebook stays as it is.
                guard info.st_mode & 0o222 != 0, access(target, W_OK) == 0 else {
                    throw WriteError(description: "cannot write \(path): the file is read-only; it is unchanged")
                }
                guard info.st_nlink <= 1 else {
                    throw WriteError(description: "cannot write \(path): it has \(info.st_nlink) hard links, which replacing it would break; it is unchanged")
                }
                mode = info.st_mode & 0o7777
                exists = true
            }
            self.target = target
            self.mode = mode
            self.exists = exists
        }

        /// The lock on the file as it is now, or nil when there is no file yet.
        func lock() throws -> FileLock? {
            exists ? try FileLock(target, name: path) : nil
        }

        /// Writes `bytes` to a new temporary file and renames it over the target.
        func put(_ bytes: [UInt8]) throws {
            let url = URL(fileURLWithPath: target)
            let directory = url.deletingLastPathComponent().path
            var fd: Int32 = -1
            var temporary = ""
            // O_EXCL with a random name: a name another writer holds is never opened, a link there never followed.
            for _ in 0..<16 where fd < 0 {
                temporary = directory + "/" + AtomicFile.temporaryName(for: url.lastPathComponent, tag: UInt32.random(in: 0...UInt32.max))
                fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
                if fd < 0, errno != EEXIST { break }
            }
            guard fd >= 0 else { throw WriteError(description: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno))); \(path) is unchanged") }
            var ok = true
            bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var written = 0
                while written < buffer.count {
                    let n = Glibc.write(fd, base + written, buffer.count - written)
                    if n < 0, errno == EINTR { continue }
                    if n <= 0 { ok = false; return }
                    written += n
                }
            }
            ok = ok && fchmod(fd, mode) == 0 && fsync(fd) == 0
            ok = close(fd) == 0 && ok
            guard ok, rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw WriteError(description: "cannot write \(path): \(reason); the file is unchanged")
            }
        }
    }

    /// The temporary file's name for a file named `name`: `.NAME.XXXXXXXX.cahier.tmp`
    /// with `tag` in hexadecimal, NAME cut at a character boundary so that the
    /// whole fits in ``maximumNameBytes``.
    static func temporaryName(for name: String, tag: UInt32) -> String {
        let hex = String(tag, radix: 16)
        let suffix = "." + String(repeating: "0", count: 8 - hex.count) + hex + ".cahier.tmp"
        let room = maximumNameBytes - 1 - suffix.utf8.count
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in name.unicodeScalars {
            let size = String(scalar).utf8.count
            guard used + size <= room else { break }
            kept.append(scalar)
            used += size
        }
        return "." + String(kept) + suffix
    }
}
