import Foundation
import Synchronization

/// The site `cahier serve` sends, served from memory: a path outside its
/// files is a 404, never a disk read.
///
/// Pages (`.html`) are shown, with a script that reloads them when the site
/// is rendered again; the style sheet, scripts and fonts load as the pages'
/// assets. Every other file (notebooks, data, anything a sheet's data folder
/// holds) is sent as an attachment, so no file the authors or their data
/// bring can run as a page of the site; and every response says `nosniff`.
public final class ServedSite: Sendable {
    private let state = Mutex<(files: [String: [UInt8]], version: Int)>(([:], 0))
    /// How long a long poll waits for a newer site.
    public static let pollSeconds = 25

    public init() {}

    /// How many times the site was replaced.
    public var version: Int { state.withLock { $0.version } }

    public func replace(with files: [String: [UInt8]]) {
        state.withLock { $0 = (files, $0.version + 1) }
    }

    /// The answer to a request: the long poll at `/__cahier/version?after=V`, else a file.
    public func reply(_ request: HTTPRequestHead) -> HTTPReply {
        guard request.path == "/__cahier/version" else { return .now(response(request)) }
        let after = request.query.first(where: { $0.name == "after" }).flatMap { Int($0.value) } ?? 0
        return .later(seconds: Self.pollSeconds) { [self] timeIsUp in
            let now = version
            guard now > after || timeIsUp else { return nil }
            return HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")],
                                body: Array("\(now)\n".utf8))
        }
    }

    /// A file of the site; a folder's path serves its index.html.
    public func response(_ request: HTTPRequestHead) -> HTTPResponse {
        var path = Substring(request.path)
        while path.hasPrefix("/") { path.removeFirst() }
        var name = String(path)
        if name.isEmpty || name.hasSuffix("/") { name += "index.html" }
        let (file, version) = state.withLock { ($0.files[name], $0.version) }
        guard var bytes = file else { return .text(.notFound, "not found") }
        let kind = Self.kind(of: name)
        if kind == .page { bytes = Self.withReload(bytes, version: version) }
        var headers = [("Content-Type", kind.contentType), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
        if kind == .download {
            let file = (name as NSString).lastPathComponent
            let ascii = String(file.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
            let encoded = file.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
            headers.append(("Content-Disposition", "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"))
        }
        return HTTPResponse(status: .ok, headers: headers, body: bytes)
    }

    /// How a file is sent.
    enum Kind: Equatable {
        case page, style, script, font, download

        var contentType: String {
            switch self {
            case .page: "text/html; charset=utf-8"
            case .style: "text/css; charset=utf-8"
            case .script: "text/javascript; charset=utf-8"
            case .font: "font/woff2"
            case .download: "application/octet-stream"
            }
        }
    }

    /// The site's own kinds of file by extension; everything else is a download.
    /// (The renderer publishes data files that could run, `.html` or `.js`
    /// among them, with `.txt` added to their names.)
    static func kind(of path: String) -> Kind {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": .page
        case "css": .style
        case "js": .script
        case "woff2": .font
        default: .download
        }
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
}
