import Foundation
import PackagePlugin

/// Embeds every file under the target's `Embedded/` folder (the message
/// catalogues, the search's language pipelines) into a source file of the
/// target, so that the binary needs no file beside it and a new catalogue is
/// a new file, not new code.
@main
struct EmbeddedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Sources/\(target.name)/Embedded")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(displayName: "Embedding \(inputs.count) files of \(target.name)/Embedded",
                          executable: try context.tool(named: "cahier-embed").url,
                          arguments: [folder.path, output.path],
                          inputFiles: inputs.sorted { $0.path < $1.path }, outputFiles: [output]),
        ]
    }
}
