// cahier-http: the HTTP side of `cahier serve`, a program of its own so that
// `cahier` does not link an HTTP server library (and the networking runtime
// it brings) into every check, render and grading worker.
//
// `cahier serve` starts it with `--port N`, then writes each rendering of the
// site on its standard input as a frame:
//     SITE <count>\n   then, per file:   <path bytes> <content bytes>\n<path><content>
// It serves the newest complete site from memory on 127.0.0.1, answers the
// long poll of open pages (GET /__cahier/version?after=V) when a newer site
// arrives, and ends when its input ends. It writes `listening <port>` (or
// `error <message>`) on standard output once.
import FlyingFox
import Foundation
import Synchronization

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

/// Reads the frames `cahier serve` writes.
struct FrameReader {
    private var pending: [UInt8] = []
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// The next site, or nil when the input ends (or breaks the format).
    mutating func site() -> [String: [UInt8]]? {
        guard let header = line(), header.hasPrefix("SITE "), let count = Int(header.dropFirst(5)), count >= 0 else { return nil }
        var files: [String: [UInt8]] = [:]
        for _ in 0..<count {
            guard let sizes = line()?.split(separator: " "), sizes.count == 2,
                  let pathBytes = Int(sizes[0]), let contentBytes = Int(sizes[1]), pathBytes >= 0, contentBytes >= 0,
                  let path = bytes(pathBytes), let content = bytes(contentBytes) else { return nil }
            files[String(decoding: path, as: UTF8.self)] = content
        }
        return files
    }

    private mutating func line() -> String? {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                return text
            }
            guard fill() else { return nil }
        }
    }

    private mutating func bytes(_ count: Int) -> [UInt8]? {
        while pending.count < count { guard fill() else { return nil } }
        let result = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return result
    }

    private mutating func fill() -> Bool {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            pending += buffer[0..<count]
            return true
        }
    }
}

func say(_ text: String) {
    print(text)
    fflush(nil)
}

let arguments = CommandLine.arguments
let port = arguments.firstIndex(of: "--port").flatMap { $0 + 1 < arguments.count ? UInt16(arguments[$0 + 1]) : nil } ?? 8000
let site = ServedSite()
var reader = FrameReader()
guard let first = reader.site() else {
    say("error no site on standard input")
    exit(2)
}
site.replace(with: first)

let server: HTTPServer
do {
    server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
} catch {
    say("error \(error)")
    exit(2)
}
let ready = DispatchSemaphore(value: 0)
let failure = Mutex<String?>(nil)
Task.detached {
    // In this order: the first route that matches answers.
    await server.appendRoute("GET /__cahier/version") { request in await site.versionResponse(request) }
    await server.appendRoute("GET *") { request in site.response(request) }
    ready.signal()
}
ready.wait()
Task.detached {
    do { try await server.run() } catch { failure.withLock { $0 = "\(error)" } }
    ready.signal()
}
Task.detached {
    try? await server.waitUntilListening(timeout: 10)
    ready.signal()
}
ready.wait()
let listening = Mutex<UInt16?>(nil)
Task.detached {
    switch await server.listeningAddress {
    case let .ip4(_, port)?, let .ip6(_, port)?: listening.withLock { $0 = port }
    default: break
    }
    ready.signal()
}
ready.wait()
guard let bound = listening.withLock({ $0 }), failure.withLock({ $0 }) == nil else {
    say("error cannot listen on 127.0.0.1:\(port): \(failure.withLock { $0 } ?? "no address")")
    exit(2)
}
say("listening \(bound)")
while let next = reader.site() {
    site.replace(with: next)
}
exit(0)
