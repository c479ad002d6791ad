import ArgumentParser
import CahierKit
import FlyingFox
import Foundation
import Synchronization

/// `cahier serve`: renders the course site into memory, serves it on the
/// loopback interface, and renders it again whenever a file under the
/// directories named is saved; open pages reload themselves.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let site = ServedSite()
        site.replace(with: render())
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        let started = DispatchSemaphore(value: 0)
        Task {
            // In this order: the first route that matches answers.
            await server.appendRoute("GET /__cahier/version") { request in await site.versionResponse(request) }
            await server.appendRoute("GET *") { request in site.response(request) }
            started.signal()
        }
        started.wait()
        let failure = Mutex<String?>(nil)
        Task {
            do { try await server.run() } catch { failure.withLock { $0 = "\(error)" } }
            started.signal()
        }
        Task {
            try? await server.waitUntilListening(timeout: 10)
            started.signal()
        }
        started.wait()
        let address = waitForAddress(server)
        guard let address, failure.withLock({ $0 }) == nil else {
            throw ValidationError("cannot listen on 127.0.0.1:\(port): \(failure.withLock { $0 } ?? "no address")")
        }
        print("serving http://127.0.0.1:\(address)/ ; Ctrl-C stops")
        fflush(nil)
        let watcher: FolderWatcher
        do { watcher = try FolderWatcher(folders()) } catch { throw ValidationError("\(error)") }
        var renders = 0
        while stopAfter.map({ renders < $0 }) ?? true, let changed = watcher.next() {
            print("changed: " + changed.sorted().joined(separator: ", "))
            site.replace(with: render())
            renders += 1
            print("rendered again (version \(site.version))")
            fflush(nil)
        }
        // Let pages waiting on the version hear of the last render, and load it.
        sleep(2)
    }

    /// The port the server listens on, once it does.
    private func waitForAddress(_ server: HTTPServer) -> UInt16? {
        let box = Mutex<UInt16?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            switch await server.listeningAddress {
            case let .ip4(_, port)?, let .ip6(_, port)?: box.withLock { $0 = port }
            default: break
            }
            done.signal()
        }
        done.wait()
        return box.withLock { $0 }
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
        do {
            files = try SiteWriter(renderer: PageRenderer(unsafe: unsafe)).files(pages, sheets: sheets, home: home)
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

/// The site being served: its files and how many times it was rendered.
final class ServedSite: Sendable {
    private let state = Mutex<(files: [String: [UInt8]], version: Int)>(([:], 0))

    var version: Int { state.withLock { $0.version } }

    func replace(with files: [String: [UInt8]]) {
        state.withLock { $0 = (files, $0.version + 1) }
    }

    /// A file of the site; a folder's path serves its index.html. Only the
    /// rendered files exist: a path outside them is a 404, never a disk read.
    func response(_ request: HTTPRequest) -> HTTPResponse {
        var path = (request.path.removingPercentEncoding ?? request.path)
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        let (file, version) = state.withLock { ($0.files[path], $0.version) }
        guard var bytes = file else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("not found: /\(path)\n".utf8))
        }
        if path.hasSuffix(".html") { bytes = Self.withReload(bytes, version: version) }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: Self.contentType(of: path), HTTPHeader("Cache-Control"): "no-store"], body: Data(bytes))
    }

    /// Answers when the site's version is past `after` (or after 25 s): the
    /// long poll open pages make to know when to reload.
    func versionResponse(_ request: HTTPRequest) async -> HTTPResponse {
        let after = request.query.first(where: { $0.name == "after" }).flatMap { Int($0.value) } ?? 0
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(25)
        while version <= after, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", HTTPHeader("Cache-Control"): "no-store"], body: Data("\(version)\n".utf8))
    }

    /// The page with a script that reloads it when the site is rendered again.
    static func withReload(_ page: [UInt8], version: Int) -> [UInt8] {
        let script = """
        <script>(function(){var v=\(version);function wait(){fetch('/__cahier/version?after='+v,{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(+t>v){location.reload()}else{wait()}}).catch(function(){setTimeout(wait,1000)})}wait()})()</script>

        """
        let text = String(decoding: page, as: UTF8.self)
        guard let end = text.range(of: "</body>", options: .backwards) else { return page + Array(script.utf8) }
        return Array((text[..<end.lowerBound] + script + text[end.lowerBound...]).utf8)
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "md": "text/markdown; charset=utf-8"
        case "csv", "tsv", "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}
