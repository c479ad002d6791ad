import Foundation

/// `render --to markdown`: each notebook woven with its actual outputs, its
/// figures as SVG files beside it (`stem-figure-B-N.svg`).
public enum WovenSite {
    /// Writes each run woven at its relative path under `directory`.
    public static func write(_ runs: [(run: NotebookRun, relativePath: String)], to directory: String) throws {
        for (run, relativePath) in runs {
            let path = directory + "/" + relativePath
            let folder = path.parentPath
            let stem = ((relativePath as NSString).lastPathComponent as NSString).deletingPathExtension
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let (bytes, figures) = Weaver.weaveWithFigures(run) { block, index in "\(stem)-figure-\(block + 1)-\(index + 1).svg" }
            for figure in figures { try AtomicFile.write(Array(figure.svg.utf8), to: folder + "/" + figure.name) }
            try AtomicFile.write(bytes, to: path)
        }
    }
}
