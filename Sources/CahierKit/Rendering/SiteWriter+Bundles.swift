import CahierLearning
import Foundation

/// The site's downloads that run: a zip per page of its notebook and the data
/// it reads, in a folder named after it (`01-features/01-features.md`,
/// `01-features/data/digits.csv`), and one of the whole course, laid out as the
/// site is (`course/…`). The zips are byte for byte the same on every render
/// (``ZipWriter``), and hold each data file under its own name.
extension SiteWriter {
    /// The course's zip, at the top of the site: `course.zip`, or
    /// `course-1.zip`, … when a notebook `course.md` has that name.
    static func courseBundle(besides items: [Rendered], in folder: String = "") -> String {
        let taken = Set(items.map(\.page.bundlePath))
        var name = folder + "course.zip"
        var n = 0
        while taken.contains(name) {
            n += 1
            name = folder + "course-\(n).zip"
        }
        return name
    }

    /// Adds each page's zip, and the course's as `courseBundle`, to `files`.
    /// An edition's course zip lays out its folder (`fr/…` as `course/…`).
    /// `sources`, when given, holds each item's notebook already made ready
    /// (``ZipWriter/prepare(_:)``), in the order of `items`.
    func addBundles(_ items: [Rendered], sources: [ZipWriter.Prepared]? = nil, courseBundle: String, edition folder: String = "",
                    to files: inout [String: [UInt8]]) throws(SiteDataError) {
        func inEdition(_ path: String) -> String { path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : path }
        // Each notebook and data file is deflated once, for its page's zip and the course's.
        var course: [String: ZipWriter.Prepared] = [:]
        for (k, item) in items.enumerated() {
            let stem = ((item.page.relativePath as NSString).lastPathComponent as NSString).deletingPathExtension
            let source = sources.flatMap { k < $0.count ? $0[k] : nil } ?? ZipWriter.prepare(item.page.run.notebook.source.bytes)
            var members = [stem + "/" + stem + ".md": source]
            course["course/" + inEdition(item.page.sourcePath)] = source
            for file in item.data {
                let bytes = ZipWriter.prepare(file.bytes)
                members[stem + "/" + file.name] = bytes
                course["course/" + inEdition(item.page.siteFolder.isEmpty ? "" : item.page.siteFolder + "/") + file.name] = bytes
            }
            files[item.page.bundlePath] = try Self.zip(members, path: item.page.bundlePath)
        }
        files[courseBundle] = try Self.zip(course, path: courseBundle)
    }

    /// A zip of `members`, in the order of their names.
    static func zip(_ members: [String: ZipWriter.Prepared], path: String) throws(SiteDataError) -> [UInt8] {
        var writer = ZipWriter()
        do {
            for (name, bytes) in members.sorted(by: { $0.key < $1.key }) { try writer.add(name, prepared: bytes) }
            return try writer.bytes()
        } catch {
            throw SiteDataError(path: path, message: "cannot make the zip: \(error.description)")
        }
    }
}
