/// How `cahier` sends a rendering of the site to `cahier-http`, which reads
/// it with `SiteFrameReader`: `SITE count\n`, then for each file, in the order
/// of its path, `pathBytes fileBytes\n`, the path, the bytes.
public enum SiteFrame {
    /// The frame holding `files`.
    public static func encode(_ files: [String: [UInt8]]) -> [UInt8] {
        var frame = Array("SITE \(files.count)\n".utf8)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let name = Array(path.utf8)
            frame += Array("\(name.count) \(bytes.count)\n".utf8) + name + bytes
        }
        return frame
    }
}
