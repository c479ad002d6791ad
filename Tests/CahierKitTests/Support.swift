import CahierKit
import Foundation

/// Paths and helpers shared by the tests.
enum Support {
    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `cahier` binary that `swift test` built beside the test bundle.
    static var binary: URL {
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cahier")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let inBundleFolder = Bundle.main.bundleURL.appendingPathComponent("cahier")
        if FileManager.default.isExecutableFile(atPath: inBundleFolder.path) { return inBundleFolder }
        return root.appendingPathComponent(".build/debug/cahier")
    }

    /// Parses a notebook held in memory.
    static func notebook(_ text: String, path: String = "test.md") throws -> Notebook {
        try NotebookParser.parse(try SourceLoader.validate(path: path, bytes: Array(text.utf8)))
    }

    /// The output lines of each command of a one-block transcript.
    static func outputs(_ commands: [String], seed: UInt64 = 0) throws -> [[String]] {
        let text = "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let notebook = try Self.notebook(text)
        return NotebookRun(notebook).outputs.first ?? []
    }

    /// The output of one command, as one string.
    static func output(_ command: String, after setup: [String] = []) throws -> String {
        try outputs(setup + [command]).last!.joined(separator: "\n")
    }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the real `cahier` binary.
    static func cahier(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension NotebookRun {
    /// The transcript lines of each command, block by block: `outputs[block][command]`.
    var outputs: [[[String]]] { blocks.map { $0.commands.map(\.outcome.lines) } }
}
