import CahierLearning
import Foundation

/// The files a notebook read, published beside its page so that its download
/// runs: each path `load` read inside the notebook's folder (a folder of
/// images with all its files, walked without following links), opened
/// through ``DataFolder`` so that nothing outside the notebook's folder is
/// published, within the same limits as the sheets' data folders.
extension PublishedData {
    /// The deepest a folder a notebook read is walked.
    static let maximumDepth = 16

    /// Adds the files read by a notebook of the folder `folder`, whose page
    /// lies in the site's folder `siteFolder` (`""` at the top); returns
    /// them, each `name` its path beside the notebook, `publishedName` its
    /// path in the site.
    mutating func addRead(_ paths: [String], in folder: String, as siteFolder: String, maximumFileBytes: Int) throws(SiteDataError) -> [File] {
        var files: [File] = []
        let root = DataFolder(folder)
        for path in paths {
            let entry: DataFolder.Entry
            do {
                entry = try root.open(path)
            } catch let refusal as DataFolder.Refusal {
                throw SiteDataError(path: folder + "/" + path, message: "cannot publish the data file: \(refusal.message)")
            } catch {
                throw SiteDataError(path: folder + "/" + path, message: "cannot publish the data file: \(error)")
            }
            try add(entry.descriptor, isDirectory: entry.isDirectory, name: entry.path, folder: folder, siteFolder: siteFolder,
                    maximumFileBytes: maximumFileBytes, depth: 0, into: &files)
        }
        return files
    }

    /// Adds the open file or folder `name` (a path inside the notebook's folder).
    private mutating func add(_ fd: Int32, isDirectory: Bool, name: String, folder: String, siteFolder: String,
                              maximumFileBytes: Int, depth: Int, into files: inout [File]) throws(SiteDataError) {
        let display = folder + "/" + name
        if isDirectory {
            guard depth < Self.maximumDepth else {
                throw SiteDataError(path: display, message: "the folder lies more than \(Self.maximumDepth) levels deep, more than a site publishes")
            }
            for child in try Self.names(in: fd, path: display) {
                let childFD = openat(fd, child, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                if childFD < 0, errno == ELOOP { continue }  // A link: not published.
                guard childFD >= 0 else { throw SiteDataError(path: display + "/" + child, message: "cannot read the data file: \(String(cString: strerror(errno)))") }
                defer { close(childFD) }
                var info = stat()
                guard fstat(childFD, &info) == 0 else { throw SiteDataError(path: display + "/" + child, message: "cannot read the data file: \(String(cString: strerror(errno)))") }
                let kind = info.st_mode & S_IFMT
                guard kind == S_IFREG || kind == S_IFDIR else { continue }  // A device, a pipe: not published.
                try add(childFD, isDirectory: kind == S_IFDIR, name: name + "/" + child, folder: folder, siteFolder: siteFolder,
                        maximumFileBytes: maximumFileBytes, depth: depth + 1, into: &files)
            }
            return
        }
        let sitePath = siteFolder.isEmpty ? name : siteFolder + "/" + name
        let published = (sitePath.parentPath as NSString)
            .appendingPathComponent(Self.publishedName(of: (name as NSString).lastPathComponent))
        if let known = read[published] {
            guard known.source == display else {
                throw SiteDataError(path: display, message: "two data files would be published as \(published); rename one")
            }
            files.append(known.file)
            return
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SiteDataError(path: display, message: "cannot read the data file: \(String(cString: strerror(errno)))") }
        let bytes = try take(fd, size: Int(info.st_size), path: display, maximumFileBytes: maximumFileBytes, of: "notebook")
        let file = File(name: name, publishedName: published, bytes: bytes)
        read[published] = (file, display)
        files.append(file)
    }
}
