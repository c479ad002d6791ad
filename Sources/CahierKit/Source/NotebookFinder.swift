import Foundation

/// Expands the paths given on the command line into notebook files.
public enum NotebookFinder {
    /// Each file as given; each directory as the `.md` files below it, sorted,
    /// hidden files and folders skipped. A directory without notebooks is an error.
    public static func expand(_ paths: [String], excluding excluded: [String] = []) throws(DiagnosticError) -> [String] {
        let skip = excluded.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        func isExcluded(_ file: String) -> Bool {
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            return skip.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        var files: [String] = []
        var problems: [Diagnostic] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = markdownFiles(under: path).filter { !isExcluded($0) }
            if found.isEmpty {
                problems.append(Diagnostic(.error, "no notebooks (.md files) in this directory", path: path,
                                           range: SourceRange(at: .init(line: 1, column: 1))))
            }
            files += found
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return files
    }

    static func markdownFiles(under directory: String) -> [String] {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if isNotebookName(name) { found.append(base + "/" + relative) }
        }
        return found.sorted()
    }

    /// Whether a file name is a notebook's: it ends in `.md`, in any case (`.MD` from some systems).
    public static func isNotebookName(_ name: String) -> Bool {
        name.count > 3 && name.lowercased().hasSuffix(".md")
    }
}
