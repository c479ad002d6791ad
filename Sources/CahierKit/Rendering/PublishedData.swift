import CahierLearning
import Foundation

/// The data a site publishes: the exercise sheets' data folders, and the
/// files each notebook read (`PublishedData+Reads.swift`).
///
/// Each regular file of a folder (links and subfolders are skipped, as are
/// names starting with `.`; the folder itself may not be a link; each file is
/// opened relative to the folder opened, without following a link) is read
/// with its size checked before and while it is read against the sheet's
/// `max-file-bytes`; all the data of a site
/// together stays within ``maximumTotalBytes`` and ``maximumFiles``. A file
/// a browser could run as a page or a script (`.html`, `.svg`, `.js`, …,
/// see ``activeExtensions``) is published with `.txt` added to its name, so
/// that every web server and `file://` show it as text; the home page's link
/// downloads it under its own name (`download="evil.html"`). `cahier serve`
/// sends every file that is not one of the site's pages or assets as an
/// attachment as well.
struct PublishedData {
    /// All the data a site publishes, in bytes.
    static let maximumTotalBytes = 1_000_000_000
    /// The most data files a site publishes.
    static let maximumFiles = 10_000
    /// Extensions a browser may render as a document that runs scripts, or run as one.
    static let activeExtensions: Set<String> = [
        "htm", "html", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt", "rdf",
        "js", "mjs", "cjs", "wasm", "pdf", "swf",
    ]

    /// A published file: its name in the folder, its name in the site, its bytes.
    struct File {
        var name: String
        var publishedName: String
        var bytes: [UInt8]
    }

    /// A data folder: its path in the site and its files, by name.
    struct Folder {
        var path: String
        var files: [File]
    }

    private(set) var folders: [Folder] = []
    /// The files notebooks read, by their path in the site, with the path they were read from
    /// (see `PublishedData+Reads.swift`).
    var read: [String: (file: File, source: String)] = [:]
    private var totalBytes = 0
    private var fileCount = 0

    /// The name a data file is published under: `.txt` added when it could run.
    static func publishedName(of name: String) -> String {
        var trimmed = Substring(name)
        while let last = trimmed.last, last == "." || last == " " { trimmed.removeLast() }
        let ext = (String(trimmed) as NSString).pathExtension.lowercased()
        return activeExtensions.contains(ext) || trimmed.count != name.count ? name + ".txt" : name
    }

    /// Adds the files of the folder `source` as `path` in the site (once per path).
    mutating func add(_ source: String, as path: String, maximumFileBytes: Int) throws(SiteDataError) {
        guard !folders.contains(where: { $0.path == path }) else { return }
        // The folder and each file are opened without following a link, each file relative to the
        // folder opened: nothing outside the sheet's own data folder can be published.
        let directory = open(source, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard directory >= 0 else {
            let reason = String(cString: strerror(errno))
            var info = stat()
            let isLink = lstat(source, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
            throw SiteDataError(path: source, message: isLink ? "the data folder is a link; a site publishes only a folder beside the sheet" : "cannot open the data folder: \(reason)")
        }
        defer { close(directory) }
        var folder = Folder(path: path, files: [])
        var published: Set<String> = []
        for name in try Self.names(in: directory, path: source) {
            let file = source + "/" + name
            let fd = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            if fd < 0, errno == ELOOP { continue }  // A link: not published.
            guard fd >= 0 else { throw SiteDataError(path: file, message: "cannot read the data file: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw SiteDataError(path: file, message: "cannot read the data file: \(String(cString: strerror(errno)))") }
            guard (info.st_mode & S_IFMT) == S_IFREG else { continue }  // A folder, a device, a pipe: not published.
            let publishedName = Self.publishedName(of: name)
            guard published.insert(publishedName).inserted else {
                throw SiteDataError(path: file, message: "two data files would be published as \(publishedName); rename one")
            }
            let bytes = try take(fd, size: Int(info.st_size), path: file, maximumFileBytes: maximumFileBytes)
            folder.files.append(File(name: name, publishedName: publishedName, bytes: bytes))
        }
        folders.append(folder)
    }

    /// The bytes of the open regular file `path` of `size` bytes, within
    /// `maximumFileBytes` (the `max-file-bytes` of the `owner`, a sheet or a
    /// notebook) and the site's limits, which it then counts.
    mutating func take(_ fd: Int32, size: Int, path: String, maximumFileBytes: Int, of owner: String = "sheet") throws(SiteDataError) -> [UInt8] {
        guard fileCount < Self.maximumFiles else {
            throw SiteDataError(path: path, message: "the site's data comes to more than \(Self.maximumFiles) files, more than a site publishes")
        }
        guard size <= maximumFileBytes else {
            throw SiteDataError(path: path, message: "the file is \(size) bytes, over the limit of \(maximumFileBytes) for a data file (the \(owner)'s front matter max-file-bytes)")
        }
        guard size <= Self.maximumTotalBytes - totalBytes else {
            throw SiteDataError(path: path, message: "the site's data files come to more than \(Self.maximumTotalBytes) bytes, more than a site publishes")
        }
        let bytes = try Self.read(fd, path: path, size: size)
        totalBytes += bytes.count
        fileCount += 1
        return bytes
    }

    /// The names in an open folder, sorted, without those starting with `.`.
    static func names(in directory: Int32, path: String) throws(SiteDataError) -> [String] {
        let copy = dup(directory)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw SiteDataError(path: path, message: "cannot list the data folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of an open regular file of `size` bytes; one that grew while read is refused.
    static func read(_ fd: Int32, path: String, size: Int) throws(SiteDataError) -> [UInt8] {
        do {
            return try DescriptorReader.read(fd, size: size)
        } catch {
            switch error {
            case .system(let message): throw SiteDataError(path: path, message: "cannot read the data file: \(message)")
            case .grew: throw SiteDataError(path: path, message: "the file grew while it was read")
            }
        }
    }
}
