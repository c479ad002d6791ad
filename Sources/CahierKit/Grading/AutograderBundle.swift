import CahierLearning
import Foundation

/// Gradescope's autograder for one exercise sheet, as the zip file its
/// documentation specifies (gradescope-autograders.readthedocs.io, "Autograder
/// Specifications"): `setup.sh` and `run_autograder` at the root, the sheet and
/// the data files it loads under `sheet/`, and Cahier's own sources under
/// `cahier/`, which `setup.sh` builds on Gradescope's Ubuntu image.
///
/// The sources are packed rather than a binary: a binary built on the
/// teacher's machine may not run on Gradescope's image (another glibc, another
/// Swift runtime), while the sources build there against its own libraries.
public struct AutograderBundle: Sendable {
    public struct File: Sendable, Hashable {
        public var path: String
        public var data: [UInt8]
        public var executable: Bool
    }

    /// The files, in the order they are zipped: the scripts, the sheet and its data, Cahier's sources.
    public private(set) var files: [File] = []

    /// What `swift build` needs from Cahier's package: the manifest, its pinned
    /// versions when there are any, and every folder a target of the manifest
    /// lives in (SwiftPM refuses a manifest whose test or benchmark target's
    /// folder is missing, so those are packed too).
    public static let sourceEntries = ["Package.swift", "Package.resolved", "Sources", "Plugins", "Tests", "benchmarks"]

    /// Folders inside ``sourceEntries`` that a build never reads (large fixtures are fine to leave out).
    static let skippedNames: Set<String> = [".build", ".swiftpm", ".git"]

    /// Packs the sheet at `sheetPath`, the files it loads (and the `includes`,
    /// paths relative to the sheet's folder), and the Cahier package at
    /// `cahierSource`. Errors (a sheet that does not grade, a data file it
    /// loads that is missing, a computed load path) are diagnostics with their line.
    public init(sheetPath: String, cahierSource: String, includes: [String] = [], swiftVersion: String = AutograderScripts.swiftVersion)
        throws(DiagnosticError)
    {
        let notebook = try NotebookParser.load(path: sheetPath)
        _ = try Sheet(notebook)
        let sheetName = (sheetPath as NSString).lastPathComponent
        let folder = sheetPath.parentPath
        let start = SourceRange(at: .init(line: 1, column: 1))

        files.append(File(path: "setup.sh", data: Array(AutograderScripts.setup(swiftVersion: swiftVersion).utf8), executable: true))
        files.append(File(path: "run_autograder", data: Array(AutograderScripts.runAutograder(sheetName: sheetName).utf8), executable: true))
        files.append(File(path: "sheet/" + sheetName, data: notebook.source.bytes, executable: false))

        var problems: [Diagnostic] = []
        let (uses, computed) = SheetDataFiles.uses(notebook)
        problems += includes.isEmpty ? computed : []
        var packed: Set<String> = ["sheet/" + sheetName]
        let wanted = uses.map { ($0.path, Diagnostic(.error, "", in: notebook.source, range: $0.range)) }
            + includes.map { ($0, Diagnostic(.error, "", path: $0, range: start)) }
        for (path, place) in wanted {
            let parts = path.split(separator: "/")
            guard !path.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
                problems.append(place.with("'\(path)' is not a path inside the sheet's folder (\(folder.isEmpty ? "." : folder))"))
                continue
            }
            let full = (folder.isEmpty ? "." : folder) + "/" + path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
                problems.append(place.with("the sheet reads '\(path)', which is not in its folder (\(folder.isEmpty ? "." : folder))"))
                continue
            }
            let found = isDirectory.boolValue ? Self.regularFiles(under: full).map { path + "/" + $0 } : [path]
            for relative in found where packed.insert("sheet/" + relative).inserted {
                do throws(DiagnosticError) {
                    let bytes = try SourceLoader.readRegularFile((folder.isEmpty ? "." : folder) + "/" + relative)
                    files.append(File(path: "sheet/" + relative, data: bytes, executable: false))
                } catch {
                    problems += error.diagnostics
                }
            }
        }

        let root = cahierSource.hasSuffix("/") ? String(cahierSource.dropLast()) : cahierSource
        guard Self.isCahierPackage(root) else {
            throw DiagnosticError(Self.sorted(problems) + [Diagnostic(.error, "not Cahier's package folder (no Package.swift naming the package Cahier); give the folder of Cahier's sources with --cahier-source", path: root, range: start)])
        }
        for entry in Self.sourceEntries {
            let full = root + "/" + entry
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            for relative in isDirectory.boolValue ? Self.regularFiles(under: full).map({ entry + "/" + $0 }) : [entry] {
                do throws(DiagnosticError) {
                    files.append(File(path: "cahier/" + relative, data: try SourceLoader.readRegularFile(root + "/" + relative), executable: false))
                } catch {
                    problems += error.diagnostics
                }
            }
        }
        if !problems.isEmpty { throw DiagnosticError(Self.sorted(problems)) }
    }

    /// Diagnostics by file (in the order the files first appear), then place.
    static func sorted(_ problems: [Diagnostic]) -> [Diagnostic] {
        var fileOrder: [String: Int] = [:]
        for problem in problems where fileOrder[problem.path] == nil { fileOrder[problem.path] = fileOrder.count }
        return problems.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            return (fileOrder[x.path] ?? 0, x.range.start.line, x.range.start.column, a.offset)
                < (fileOrder[y.path] ?? 0, y.range.start.line, y.range.start.column, b.offset)
        }.map(\.element)
    }

    /// Writes the files whose path starts with `prefix` into `folder`, without
    /// the prefix (the sheet and its data, to try them as Gradescope will).
    public func unpack(_ prefix: String, into folder: String) throws {
        for file in files where file.path.hasPrefix(prefix) {
            let target = folder + "/" + file.path.dropFirst(prefix.count)
            try FileManager.default.createDirectory(atPath: target.parentPath, withIntermediateDirectories: true)
            try AtomicFile.write(file.data, to: target)
        }
    }

    /// The zip file, or an error when it would pass ZIP's limits.
    public func zip() throws(DiagnosticError) -> [UInt8] {
        var writer = ZipWriter()
        do throws(ZipWriter.Failure) {
            for file in files { try writer.add(file.path, file.data, executable: file.executable) }
            return try writer.bytes()
        } catch {
            throw DiagnosticError([Diagnostic(.error, "the autograder cannot be zipped: \(error.description)", path: "autograder.zip", range: SourceRange(at: .init(line: 1, column: 1)))])
        }
    }

    /// The regular files under `folder`, relative to it, sorted; hidden names
    /// and build folders are left out, and links are not followed.
    static func regularFiles(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || skippedNames.contains(name) || name.hasPrefix(".build") {
                enumerator.skipDescendants()
                continue
            }
            if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeRegular { found.append(relative) }
        }
        return found.sorted()
    }

    /// Whether `folder` holds Cahier's package: a Package.swift naming it.
    public static func isCahierPackage(_ folder: String) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: folder + "/Package.swift") else { return false }
        return String(decoding: bytes, as: UTF8.self).contains("name: \"Cahier\"")
    }

    /// The Cahier package that holds the program at `executable` (a build
    /// folder's `.build/…/cahier`): the nearest folder above it that is one.
    public static func packageFolder(ofExecutable executable: String) -> String? {
        var folder = executable.parentPath
        while folder.count > 1 {
            if isCahierPackage(folder) { return folder }
            folder = folder.parentPath
        }
        return nil
    }
}

extension Diagnostic {
    /// The same place with another message.
    func with(_ message: String) -> Diagnostic {
        var copy = self
        copy.message = message
        return copy
    }
}
