import ArgumentParser
import CahierKit
import Foundation

/// `cahier serve`: renders the course site into memory, serves it on the
/// loopback interface, and renders it again whenever a file under the
/// directories named is saved; open pages reload themselves.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTML site of notebooks on this machine, rendering it again on every save; open pages reload.",
        discussion: "Serves 127.0.0.1 only, from memory: nothing is written. Pages wait on /__cahier/version and reload when the site was rendered again. Ctrl-C stops."
    )

    @OptionGroup var notebooks: NotebookArguments

    @Option(help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8000

    @Flag(help: "Keep the authors' raw HTML (only for notebooks you trust).")
    var unsafe = false

    @Option(help: .hidden)
    var stopAfter: Int?

    func run() throws {
        let course = ServedCourse(paths: notebooks.paths, exclude: notebooks.exclude, unsafe: unsafe)
        let http = try HTTPChild(port: port)
        http.send(render(course))
        let port = try http.listeningPort()
        print("serving http://127.0.0.1:\(port)/ ; Ctrl-C stops")
        fflush(nil)
        let watcher: FolderWatcher
        do { watcher = try FolderWatcher(course.folders()) } catch { throw ValidationError("\(error)") }
        var renders = 0
        while stopAfter.map({ renders < $0 }) ?? true, let changed = watcher.next() {
            print("changed: " + changed.sorted().joined(separator: ", "))
            http.send(render(course))
            renders += 1
            print("rendered again (version \(renders + 1))")
            fflush(nil)
        }
        // Let pages waiting on the version hear of the last render, and load it.
        sleep(2)
        http.finish()
    }

    /// The site's files, rendered now; diagnostics go to standard error.
    private func render(_ course: ServedCourse) -> [String: [UInt8]] {
        let rendering = course.render()
        for diagnostic in rendering.diagnostics { report(diagnostic) }
        return rendering.files
    }
}
