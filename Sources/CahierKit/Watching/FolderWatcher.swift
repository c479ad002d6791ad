import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders with inotify and returns the paths saved in them, one
/// burst of events at a time. Folders are watched, not files: editors save by
/// writing a new file and renaming it over the old one.
public final class FolderWatcher {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Watches `directories` (not their subfolders); a folder that cannot be watched is left out.
    public init(_ directories: [String]) throws {
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatchError("inotify is not available: \(String(cString: strerror(errno)))") }
        for directory in directories {
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE)
            let watch = inotify_add_watch(descriptor, directory.isEmpty ? "." : directory, mask)
            if watch >= 0 { folders[watch] = directory }
        }
        #else
        throw WatchError("watching needs Linux's inotify")
        #endif
    }

    deinit {
        #if canImport(Glibc)
        close(descriptor)
        #endif
    }

    /// Blocks until something is saved, waits for the burst of events a save
    /// makes to end, and returns the paths named; nil when inotify stops.
    public func next() -> Set<String>? {
        #if canImport(Glibc)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            var changed = Set(names(count: count))
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while poll(&poller, 1, 150) > 0 {
                let more = read(descriptor, &buffer, buffer.count)
                if more > 0 { changed.formUnion(names(count: more)) }
            }
            return changed
        }
        #else
        return nil
        #endif
    }

    /// The paths an inotify read names.
    private func names(count: Int) -> [String] {
        var found: [String] = []
        #if canImport(Glibc)
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (watch, length) = buffer.withUnsafeBytes { raw -> (Int32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            if let folder = folders[watch], !nameBytes.isEmpty {
                let name = String(decoding: nameBytes, as: UTF8.self)
                found.append(folder.isEmpty || folder == "." ? name : folder + "/" + name)
            }
            offset += header + length
        }
        #endif
        return found
    }
}
