import Foundation

/// A folder whose files are read without ever leaving it (a notebook's folder).
///
/// A path is walked one component at a time from the folder's own descriptor
/// with `openat(…, O_NOFOLLOW)`: the system never follows a link. A link met
/// on the way is read and resolved here, component by component, so a relative
/// link that stays inside the folder is followed and any other (an absolute
/// target, or `..` above the folder) is refused. Only folders and regular files
/// are opened; a pipe, a socket or a device is refused before it is opened, so
/// nothing blocks. Errors name the path as it was given, never where a link leads.
public struct DataFolder: Sendable {
    /// The folder's own path; it is trusted (a notebook's folder).
    public let root: String

    /// The most links one path may go through, as the system's own limit (`ELOOP`).
    public static let maximumLinks = 40

    public init(_ root: String) { self.root = root }

    /// Why a path was refused; `message` says it in words that never name what lies outside.
    public struct Refusal: Error, Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// Nothing by that name.
            case missing
            /// An absolute path, `..` above the folder, or a link leading out of it.
            case outside
            /// Something else: a device, a pipe, a file used as a folder, a loop of links, a system error.
            case other
        }
        /// The path as it was given.
        public var path: String
        public var reason: Reason
        /// What is wrong, in one sentence that does not name the path.
        public var message: String
    }

    /// A file or folder opened inside a ``DataFolder``; its descriptor is closed with it.
    public final class Entry {
        /// The open descriptor (read-only, non-blocking, close-on-exec).
        public let descriptor: Int32
        /// Its path inside the folder, links resolved and `.`/`..` removed ("" for the folder itself).
        public let path: String
        /// Whether it is a folder; otherwise it is a regular file.
        public let isDirectory: Bool

        init(descriptor: Int32, path: String, isDirectory: Bool) {
            self.descriptor = descriptor
            self.path = path
            self.isDirectory = isDirectory
        }

        deinit { close(descriptor) }
    }

    /// Opens `path` (relative, `/`-separated) inside the folder.
    public func open(_ path: String) throws -> Entry {
        func fail(_ message: String, _ reason: Refusal.Reason = .other) -> Refusal { Refusal(path: path, reason: reason, message: message) }
        guard !path.hasPrefix("/") else { throw fail("it is an absolute path; give a path inside the notebook's folder, like data/digits.csv", .outside) }
        let rootDescriptor = Foundation.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { throw fail("the notebook's folder cannot be read: \(String(cString: strerror(errno)))") }
        // The folders walked so far, the notebook's folder first; each holds its descriptor.
        var walked: [(descriptor: Int32, name: String)] = [(rootDescriptor, "")]
        defer { for folder in walked { close(folder.descriptor) } }
        var pending = Array(path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
        var links = 0
        while let name = pending.popLast() {
            if name == "." { continue }
            if name == ".." {
                guard walked.count > 1 else { throw fail("it leads outside the notebook's folder", .outside) }
                close(walked.removeLast().descriptor)
                continue
            }
            let parent = walked[walked.count - 1].descriptor
            var info = stat()
            guard fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                if errno == ENOENT || errno == ENOTDIR { throw fail("there is no such file in the notebook's folder", .missing) }
                throw fail("cannot read it: \(String(cString: strerror(errno)))")
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                links += 1
                guard links <= Self.maximumLinks else { throw fail("it goes through more than \(Self.maximumLinks) links") }
                let target = try Self.link(parent, name, fail: fail)
                guard !target.hasPrefix("/") else { throw fail("it goes through a link that leads outside the notebook's folder", .outside) }
                pending.append(contentsOf: target.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
                continue
            case S_IFDIR, S_IFREG:
                break
            default:
                throw fail("not a regular file (a device, a pipe or a socket)")
            }
            let descriptor = openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { throw fail("cannot read it: \(String(cString: strerror(errno)))") }
            // What was opened is checked again: the folder may change between the look and the open.
            var opened = stat()
            guard fstat(descriptor, &opened) == 0 else {
                close(descriptor)
                throw fail("cannot read it: \(String(cString: strerror(errno)))")
            }
            let kind = opened.st_mode & S_IFMT
            if kind == S_IFDIR {
                walked.append((descriptor, name))
                continue
            }
            guard kind == S_IFREG else {
                close(descriptor)
                throw fail("not a regular file (a device, a pipe or a socket)")
            }
            guard pending.allSatisfy({ $0 == "." }) else {
                close(descriptor)
                throw fail("'\(name)' in it is a file, not a folder")
            }
            return Entry(descriptor: descriptor, path: (walked.dropFirst().map(\.name) + [name]).joined(separator: "/"), isDirectory: false)
        }
        let inside = walked.dropFirst().map(\.name).joined(separator: "/")
        let folder = walked.removeLast()
        return Entry(descriptor: folder.descriptor, path: inside, isDirectory: true)
    }

    /// The names in an opened folder (`.` and `..` left out), at most `maximumCount` of them, unsorted.
    public func names(in folder: Entry, display: String, maximumCount: Int) throws -> [String] {
        func fail(_ message: String) -> DataFileError { DataFileError(path: display, line: 0, message: message) }
        guard folder.isDirectory else { throw fail("not a folder") }
        let copy = dup(folder.descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw fail("cannot list the folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        rewinddir(directory)
        var names: [String] = []
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            guard names.count < maximumCount else { throw fail("the folder holds more than \(maximumCount) entries, the limit") }
            names.append(name)
        }
        return names
    }

    /// The kind of `name` in an opened folder, links not followed.
    public enum Kind: Sendable { case file, folder, link, other }

    /// What `name` in `folder` is, without following a link.
    public func kind(of name: String, in folder: Entry, display: String) throws -> Kind {
        var info = stat()
        guard fstatat(folder.descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw DataFileError(path: display, line: 0, message: "cannot read it: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The target of the link `name` in the folder `parent`.
    private static func link(_ parent: Int32, _ name: String, fail: (String, Refusal.Reason) -> Refusal) throws -> String {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = buffer.withUnsafeMutableBytes { raw in
            raw.baseAddress.map { readlinkat(parent, name, $0.assumingMemoryBound(to: CChar.self), raw.count) } ?? -1
        }
        guard count >= 0 else { throw fail("cannot read a link on its way: \(String(cString: strerror(errno)))", .other) }
        guard count < buffer.count else { throw fail("it goes through a link that is too long", .other) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
