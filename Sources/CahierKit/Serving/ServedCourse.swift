import Foundation

/// What `cahier serve` serves: the course site rendered into memory as
/// `cahier render` would write it, and which folders to watch for saves.
public struct ServedCourse: Sendable {
    /// The notebooks and directories named.
    public var paths: [String]
    /// Files and folders left out when scanning directories.
    public var exclude: [String]
    /// Whether the authors' raw HTML is kept.
    public var unsafe: Bool

    public init(paths: [String], exclude: [String] = [], unsafe: Bool = false) {
        self.paths = paths
        self.exclude = exclude
        self.unsafe = unsafe
    }

    /// A rendering: the site's files by path, and the diagnostics to show
    /// the author (printed forms, one per diagnostic).
    public struct Rendering: Sendable {
        public var files: [String: [UInt8]]
        public var diagnostics: [String]
    }

    /// The site's files, rendered now. A notebook that does not parse gets a
    /// page that shows its diagnostics in place of its own, so that the author
    /// sees them where they look (and the page reloads when it is saved again);
    /// sheets whose data cannot be published are served without it.
    public func render() -> Rendering {
        var diagnostics: [String] = []
        var loaded: [Notebook] = []
        var broken: [(path: String, diagnostics: [Diagnostic])] = []
        do throws(DiagnosticError) {
            for path in try NotebookFinder.expand(paths, excluding: exclude) {
                do throws(DiagnosticError) {
                    let notebook = try NotebookParser.load(path: path)
                    diagnostics += notebook.warnings.map(\.formatted)
                    loaded.append(notebook)
                } catch {
                    diagnostics += error.diagnostics.map(\.formatted)
                    broken.append((path, error.diagnostics))
                }
            }
        } catch {
            diagnostics += error.diagnostics.map(\.formatted)
        }
        var site = CourseSite(loaded, paths: paths, unsafe: unsafe)
        diagnostics += site.diagnostics.map(\.formatted)
        var files: [String: [UInt8]]
        let writer = SiteWriter(renderer: PageRenderer(unsafe: unsafe))
        let fallback = "\(paths.first ?? "."):1:1: error: "
        do {
            files = try writer.files(site)
        } catch let error as SiteDataError {
            // The pages are served all the same, without the data.
            diagnostics.append(error.description)
            site.publishesData = false
            do {
                files = try writer.files(site)
            } catch {
                diagnostics.append(fallback + "\(error)")
                files = [:]
            }
        } catch {
            diagnostics.append(fallback + "\(error)")
            files = [:]
        }
        for (path, found) in broken {
            let page = CourseSite.relativePath(of: path, in: paths, extension: "html")
            files[page] = Array(BrokenPage.html(path: path, page: page, diagnostics: found).utf8)
        }
        return Rendering(files: files, diagnostics: diagnostics)
    }

    /// The folders to watch: the directories named, their subfolders (not
    /// those whose name starts with `.`), and the folders of the notebooks named.
    public func folders() -> [String] {
        var found: Set<String> = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                found.insert(path.parentPath)
                continue
            }
            found.insert(path)
            for case let child as String in fm.enumerator(atPath: path) ?? NSEnumerator() {
                let full = path + "/" + child
                if fm.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue,
                    !child.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                {
                    found.insert(full)
                }
            }
        }
        return found.sorted()
    }
}
