import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old content or the new, never a part.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path`: to a temporary file beside the file (beside
    /// its target when `path` is a symbolic link, which stays a link), flushed,
    /// with the old file's permissions, then renamed over it. A read-only
    /// file, or one with several hard links (a rename would break them), is
    /// refused and left unchanged. The temporary file's name is fixed, so one
    /// left behind by a killed run is replaced by the next.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        var target = path
        var info = stat()
        var mode: mode_t = 0o644
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
        }
        let url = URL(fileURLWithPath: target)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".cahier.tmp"
        // A stale temporary file of a killed run is replaced; a link there is never followed.
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw WriteError(description: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))") }
        var ok = true
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(fd, base + written, buffer.count - written)
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
