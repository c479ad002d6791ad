import Foundation
import PackagePlugin

/// Writes the commit the `cahier` binary is built from into a source file of
/// its target, so that `cahier --version` can say it. It runs again when the
/// repository's HEAD or index changes.
@main
struct VersionStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Commit.swift")
        let root = context.package.directoryURL
        let git = root.appending(path: ".git")
        let inputs = ["HEAD", "index", "packed-refs"].map { git.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        return [
            .buildCommand(displayName: "Stamping the commit into cahier --version",
                          executable: try context.tool(named: "cahier-version-stamp").url,
                          arguments: [root.path, output.path],
                          inputFiles: inputs, outputFiles: [output]),
        ]
    }
}
