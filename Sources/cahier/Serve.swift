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
        let http = try HTTPChild(port: port)
        http.send(render())
        let port = try http.listeningPort()
        print("serving http://127.0.0.1:\(port)/ ; Ctrl-C stops")
        fflush(nil)
        let watcher: FolderWatcher
        do { watcher = try FolderWatcher(folders()) } catch { throw ValidationError("\(error)") }
        var renders = 0
        while stopAfter.map({ renders < $0 }) ?? true, let changed = watcher.next() {
            print("changed: " + changed.sorted().joined(separator: ", "))
            http.send(render())
            renders += 1
            print("rendered again (version \(renders + 1))")
            fflush(nil)
        }
        // Let pages waiting on the version hear of the last render, and load it.
        sleep(2)
        http.finish()
    }

    /// The site's files, rendered now; diagnostics go to standard error, and
    /// a notebook that does not parse gets a page that shows them in place of
    /// its own, so that the author sees them where they look (and the page
    /// reloads when the notebook is saved again).
    private func render() -> [String: [UInt8]] {
        var status = Status.success
        var loaded: [Notebook] = []
        var broken: [(path: String, diagnostics: [Diagnostic])] = []
        do throws(DiagnosticError) {
            for path in try notebooks.files() {
                do throws(DiagnosticError) {
                    let notebook = try NotebookParser.load(path: path)
                    for warning in notebook.warnings { report(warning.formatted) }
                    loaded.append(notebook)
                } catch {
                    report(error)
                    broken.append((path, error.diagnostics))
                }
            }
        } catch {
            report(error)
        }
        let (pages, sheets, home) = Render.site(loaded, paths: notebooks.paths, unsafe: unsafe, status: &status)
        var files: [String: [UInt8]]
        let writer = SiteWriter(renderer: PageRenderer(unsafe: unsafe))
        do {
            files = try writer.files(pages, sheets: sheets, home: home)
        } catch let error as SiteDataError {
            // The pages are served all the same, without the sheets' data.
            report(error.description)
            let withoutData = sheets.map { sheet in var sheet = sheet; sheet.dataFolder = nil; return sheet }
            do {
                files = try writer.files(pages, sheets: withoutData, home: home)
            } catch {
                report("\(notebooks.paths.first ?? "."):1:1: error: \(error)")
                files = [:]
            }
        } catch {
            report("\(notebooks.paths.first ?? "."):1:1: error: \(error)")
            files = [:]
        }
        for (path, diagnostics) in broken {
            let page = Render.relativePath(of: path, in: notebooks.paths, extension: "html")
            let list = diagnostics.map { HTML.escape($0.formatted) }.joined(separator: "\n")
            let html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(page)): does not parse</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#fff4f4;border-left:4px solid #c00;padding:1rem;overflow-x:auto}</style></head>
                <body><h1>\(HTML.escape(path)) does not parse</h1>
                <pre>\(list)</pre>
                <p>Fix it and save: this page reloads itself.</p></body></html>

                """
            files[page] = Array(html.utf8)
        }
        return files
    }

    /// The folders to watch: the directories named, their subfolders, and
    /// the folders of the notebooks named.
    private func folders() -> [String] {
        var found: Set<String> = []
        let fm = FileManager.default
        for path in notebooks.paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                found.insert((path as NSString).deletingLastPathComponent)
                continue
            }
            found.insert(path)
            for case let child as String in fm.enumerator(atPath: path) ?? NSEnumerator() {
                let full = path + "/" + child
                if fm.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue,
                   !child.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    found.insert(full)
                }
            }
        }
        return found.sorted()
    }
}

/// The `cahier-http` program beside this one, which serves what it is sent.
/// The HTTP server lives there, so that `cahier` itself does not run one.
final class HTTPChild {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(port: UInt16) throws {
        let program = URL(fileURLWithPath: Grade.executable).deletingLastPathComponent().appendingPathComponent("cahier-http")
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ValidationError("cahier serve needs the program cahier-http beside cahier (\(program.path)); swift build makes it, scripts/install installs it")
        }
        process.executableURL = program
        process.arguments = ["--port", String(port)]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// Sends a rendering of the site: `SITE count`, then each file's sizes, path and bytes.
    func send(_ files: [String: [UInt8]]) {
        var frame = Array("SITE \(files.count)\n".utf8)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let name = Array(path.utf8)
            frame += Array("\(name.count) \(bytes.count)\n".utf8) + name + bytes
        }
        try? input.fileHandleForWriting.write(contentsOf: frame)
    }

    /// The port the server listens on, once it says so.
    func listeningPort() throws -> UInt16 {
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            guard let byte = try handle.read(upToCount: 1)?.first else { break }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening "), let port = UInt16(text.dropFirst("listening ".count)) else {
            throw ValidationError(text.hasPrefix("error ") ? String(text.dropFirst(6)) : "cahier-http did not start")
        }
        return port
    }

    /// Ends the server: its input ends.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
