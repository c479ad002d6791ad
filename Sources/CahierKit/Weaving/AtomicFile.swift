import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old content or the new, never a part,
/// and so that writers of one file at the same time never undo or lose each other's work.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The file was changed by another program between the moment it was read and the
    /// moment it would have been replaced: it was left as that program wrote it.
    public struct ChangedMeanwhile: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path) was changed by another program while this one ran; it was not overwritten and keeps that program's version"
        }
    }

    /// What ``replace(_:expecting:with:)`` did.
    public enum Replacement: Equatable, Sendable {
        /// The new content was written.
        case written
        /// The file already held the new content (another run wrote the same): nothing was written.
        case alreadyThere
    }

    /// Writes `bytes` to `path`: to a temporary file beside the file (beside
    /// its target when `path` is a symbolic link, which stays a link), flushed,
    /// with the old file's permissions, then renamed over it, while holding an
    /// exclusive advisory lock (`flock`) on the file being replaced, so that
    /// writers of one file take turns. A read-only file, or one with several
    /// hard links (a rename would break them), is refused and left unchanged.
    ///
    /// The temporary file's name is unique to the write (`.NAME.XXXXXXXX.cahier.tmp`,
    /// NAME cut so that the whole fits in 255 bytes), so two writers never
    /// share one. A run killed while writing leaves its temporary file behind,
    /// recognisable by that name.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let destination = try Destination(path)
        let lock = try destination.lock()
        defer { lock?.unlock() }
        try destination.put(bytes)
    }

    /// Replaces the content of the file at `path` with `new`, provided it
    /// still holds `old` (what the caller read): checked and written under the
    /// file's lock, so that a run that took long never overwrites what another
    /// program wrote meanwhile. When the file already holds `new`, nothing is
    /// written. Throws ``ChangedMeanwhile`` when it holds something else.
    public static func replace(_ path: String, expecting old: [UInt8], with new: [UInt8]) throws -> Replacement {
        let destination = try Destination(path)
        guard let lock = try destination.lock() else {
            throw ChangedMeanwhile(path: path)  // It was there when read, and is gone.
        }
        defer { lock.unlock() }
        let now = try lock.contents(upTo: max(old.count, new.count) + 1)
        if now == new { return .alreadyThere }
        guard now == old else { throw ChangedMeanwhile(path: path) }
        try destination.put(new)
        return .written
    }
}
