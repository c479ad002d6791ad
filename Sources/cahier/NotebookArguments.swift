import ArgumentParser
import CahierKit

/// The notebooks a command works on.
struct NotebookArguments: ParsableArguments {
    @Argument(help: "Notebooks (.md files) or directories of notebooks.")
    var paths: [String]

    @Option(help: "Leave out this file or folder when scanning directories (repeatable).")
    var exclude: [String] = []

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one notebook or directory") }
    }

    /// The notebook files, or diagnostics for directories without notebooks.
    func files() throws(DiagnosticError) -> [String] {
        try NotebookFinder.expand(paths, excluding: exclude)
    }

    /// Each file parsed; files that fail are reported and left out.
    func load(_ status: inout Status) -> [Notebook] {
        let files: [String]
        do {
            files = try self.files()
        } catch {
            report(error)
            status = max(status, .badInput)
            return []
        }
        return files.compactMap { path in
            do throws(DiagnosticError) {
                let notebook = try NotebookParser.load(path: path)
                for warning in notebook.warnings { report(warning.formatted) }
                return notebook
            } catch {
                report(error)
                status = max(status, .badInput)
                return nil
            }
        }
    }
}
