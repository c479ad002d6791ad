// cahier-http: the HTTP side of `cahier serve`, a program of its own so that
// `cahier` does not run a server in every check, render and grading worker.
//
// `cahier serve` starts it with `--port N`, then writes each rendering of the
// site on its standard input as a frame (SiteFrameReader). It serves the
// newest complete site from memory on 127.0.0.1 (CahierHTTP's HTTPServer,
// within HTTPLimits), answers the long poll of open pages
// (GET /__cahier/version?after=V) when a newer site arrives, and ends when
// its input ends. It writes `listening <port>` (or `error <message>`) on
// standard output once.
import CahierHTTP
import Foundation

@main
enum CahierHTTPProgram {
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        let arguments = CommandLine.arguments
        let port = arguments.firstIndex(of: "--port").flatMap { $0 + 1 < arguments.count ? UInt16(arguments[$0 + 1]) : nil } ?? 8000
        let site = ServedSite()
        var reader = SiteFrameReader()
        guard let first = reader.site() else {
            say("error no site on standard input")
            exit(2)
        }
        site.replace(with: first)
        let server: HTTPServer
        do {
            server = try HTTPServer(port: port) { request in site.reply(request) }
        } catch {
            say("error \(error)")
            exit(2)
        }
        say("listening \(server.port)")
        let rest = reader
        Thread.detachNewThread {
            var frames = rest
            while let next = frames.site() {
                site.replace(with: next)
                server.wake()
            }
            exit(0)
        }
        do {
            try server.run()
        } catch {
            say("error \(error)")
            exit(2)
        }
    }

    static func say(_ text: String) {
        print(text)
        fflush(nil)
    }
}
