import CahierLearning
import Foundation

/// The exercise sheets' data folders as the site publishes them.
///
/// Each regular file of a folder (links and subfolders are skipped, as are
/// names starting with `.`) is read with its size checked before and while
/// it is read against the sheet's `max-file-bytes`; all the data of a site
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
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: source).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw SiteDataError(path: source, message: "cannot list the data folder (\(Self.reason(error)))")
        }
        var folder = Folder(path: path, files: [])
        var published: Set<String> = []
        for name in names {
            let file = source + "/" + name
            var info = stat()
            guard lstat(file, &info) == 0 else {
                throw SiteDataError(path: file, message: "cannot read the data file: \(String(cString: strerror(errno)))")
            }
            guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let publishedName = Self.publishedName(of: name)
            guard published.insert(publishedName).inserted else {
                throw SiteDataError(path: file, message: "two data files would be published as \(publishedName); rename one")
            }
            guard fileCount < Self.maximumFiles else {
                throw SiteDataError(path: file, message: "the sheets' data folders hold more than \(Self.maximumFiles) files, more than a site publishes")
            }
            guard Int(info.st_size) <= maximumFileBytes else {
                throw SiteDataError(path: file, message: "the file is \(info.st_size) bytes, over the limit of \(maximumFileBytes) for a data file (the sheet's front matter max-file-bytes)")
            }
            guard Int(info.st_size) <= Self.maximumTotalBytes - totalBytes else {
                throw SiteDataError(path: file, message: "the sheets' data files come to more than \(Self.maximumTotalBytes) bytes, more than a site publishes")
            }
            let bytes: [UInt8]
            do {
                bytes = try DataFile.read(file, maximumBytes: min(maximumFileBytes, Self.maximumTotalBytes - totalBytes))
            } catch let error as DataFileError {
                throw SiteDataError(path: file, message: error.message)
            } catch {
                throw SiteDataError(path: file, message: Self.reason(error))
            }
            totalBytes += bytes.count
            fileCount += 1
            folder.files.append(File(name: name, publishedName: publishedName, bytes: bytes))
        }
        folders.append(folder)
    }

    /// An error's own sentence, without Foundation's domain and code.
    static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}

/// A data file of an exercise sheet that the site cannot publish.
public struct SiteDataError: Error, Sendable, CustomStringConvertible {
    /// The data file (or folder).
    public var path: String
    /// What is wrong, in one sentence.
    public var message: String

    /// `path:1:1: error: message`, as every diagnostic reads.
    public var description: String { "\(path):1:1: error: \(message)" }
}
