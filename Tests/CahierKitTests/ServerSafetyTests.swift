import CahierHTTP
import Foundation
import Testing

/// `cahier-http`'s server: every resource a client can make it spend is
/// bounded, and it keeps answering while hostile clients hold connections.
/// Servers run in this process on 127.0.0.1, port 0; every loop is bounded
/// and every wait has a hang guard (never a timing assertion).
@Suite("Server safety")
struct ServerSafetyTests {
    /// A server on a thread of its own, stopped by `stop()`.
    final class Running: Sendable {
        let server: HTTPServer
        init(_ limits: HTTPLimits = HTTPLimits(), handler: @escaping @Sendable (HTTPRequestHead) -> HTTPReply = { _ in .now(HTTPResponse(status: .ok, body: Array("hello".utf8))) }) throws {
            server = try HTTPServer(port: 0, limits: limits, handler: handler)
            let server = self.server
            Thread.detachNewThread {
                do { try server.run() } catch { Issue.record("the server stopped: \(error)") }
            }
        }
        func stop() { server.stop() }
    }

    /// A client socket connected to 127.0.0.1:`port`.
    static func connect(_ port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard fd >= 0, result == 0 else { throw ClientError(message: "cannot connect: \(String(cString: strerror(errno)))") }
        return fd
    }

    struct ClientError: Error { var message: String }

    /// Sends what the server takes of `bytes` (it may close before taking all: that is allowed).
    static func send(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.send(fd, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { return }
            offset += n
        }
    }

    /// Everything the server sends until it closes, or what came within the hang guard.
    static func receive(_ fd: Int32, guardSeconds: Int32 = 30) -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, guardSeconds * 1000) == 1 else { break }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            received += buffer[..<n]
        }
        return received
    }

    /// The status code of a response's first line.
    static func status(_ response: [UInt8]) -> Int? {
        let line = String(decoding: response.prefix(while: { $0 != UInt8(ascii: "\r") }), as: UTF8.self)
        return line.hasPrefix("HTTP/1.1 ") ? Int(line.dropFirst(9).prefix(3)) : nil
    }

    /// One request, its response's status.
    static func request(_ port: UInt16, _ bytes: [UInt8]) throws -> Int? {
        let fd = try connect(port)
        defer { close(fd) }
        send(fd, bytes)
        return status(receive(fd))
    }

    static func get(_ header: String = "") -> [UInt8] { Array("GET /a.html HTTP/1.1\r\nHost: x\r\n\(header)\r\n".utf8) }

    // The limits: head 65,536 bytes, so a 70,000-byte header line is over it and a 1,000-byte one under; body 65,536 bytes.
    @Test("a head over 64 KiB is answered 431, a head under it 200, and the server answers the next request", arguments: [
        (1_000, 200), (70_000, 431), (1_000_000, 431), (10_000_000, 431),
    ])
    func headSize(bytes: Int, expected: Int) throws {
        let running = try Running()
        defer { running.stop() }
        #expect(try Self.request(running.server.port, Self.get("X-Big: " + String(repeating: "a", count: bytes) + "\r\n")) == expected)
        #expect(try Self.request(running.server.port, Self.get()) == 200)
    }

    @Test("101 header lines are answered 431; 100 are served")
    func headerCount() throws {
        let running = try Running()
        defer { running.stop() }
        let lines = { (n: Int) in (0..<n).map { "X-\($0): v\r\n" }.joined() }
        #expect(try Self.request(running.server.port, Self.get(lines(99))) == 200)  // 99 and Host: 100 header lines.
        #expect(try Self.request(running.server.port, Self.get(lines(100))) == 431)
    }

    @Test("a body over 64 KiB is answered 413; a small one is read and dropped", arguments: [(10, 200), (65_536, 200), (65_537, 413), (1 << 40, 413)])
    func bodySize(length: Int, expected: Int) throws {
        let running = try Running()
        defer { running.stop() }
        let head = Array("GET / HTTP/1.1\r\nContent-Length: \(length)\r\n\r\n".utf8)
        #expect(try Self.request(running.server.port, head + [UInt8](repeating: 0x61, count: min(length, 70_000))) == expected)
    }

    @Test("a client that sends its head a byte at a time is answered 408 once the time to send a request is up")
    func slowHead() throws {
        var limits = HTTPLimits()
        limits.receiveSeconds = 1
        let running = try Running(limits)
        defer { running.stop() }
        let fd = try Self.connect(running.server.port)
        defer { close(fd) }
        Self.send(fd, Array("GET / HTTP/1.1\r\n".utf8))
        var answered = false
        for _ in 0..<100 where !answered {  // At most 100 bytes, 100 ms apart: 10 s, a hang guard.
            Self.send(fd, Array("X".utf8))
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            answered = poll(&ready, 1, 100) == 1
        }
        #expect(answered)
        #expect(Self.status(Self.receive(fd)) == 408)
    }

    @Test("malformed heads are refused with the status that says why", arguments: [
        ("GET / HTTP/9.9", HTTPStatus.versionNotSupported), ("GET", .badRequest), ("GET http://x/ HTTP/1.1", .badRequest),
        ("GET / HTTP/1.1\r\n folded", .badRequest), ("GET / HTTP/1.1\r\nName : v", .badRequest), ("GET /%ff HTTP/1.1", .badRequest),
        ("GET /%zz HTTP/1.1", .badRequest), ("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2", .badRequest),
        ("GET / HTTP/1.1\r\nContent-Length: -1", .badRequest), ("GET / HTTP/1.1\r\nTransfer-Encoding: chunked", .notImplemented),
        ("GET / HTTP/1.1\r\nX: a\u{1}b", .badRequest), ("", .badRequest),
    ])
    func malformed(head: String, expected: HTTPStatus) {
        #expect(throws: HTTPRequestHead.Refusal.self) { try HTTPRequestHead.parse(ArraySlice(Array(head.utf8))) }
        do throws(HTTPRequestHead.Refusal) {
            _ = try HTTPRequestHead.parse(ArraySlice(Array(head.utf8)))
        } catch {
            #expect(error.status == expected, "\(error.reason)")
        }
    }

    @Test("a head is parsed into its parts, decoded")
    func parsed() throws {
        let head = try HTTPRequestHead.parse(ArraySlice(Array("GET /a%20b/%C3%A9.html?after=3&x=%2F HTTP/1.0\nHost:  127.0.0.1 \r\nContent-Length: 007".utf8)))
        #expect(head.method == "GET" && head.version == "HTTP/1.0" && head.path == "/a b/é.html")
        #expect(head.query.map { $0.name + "=" + $0.value } == ["after=3", "x=/"])
        #expect(head.header("host") == "127.0.0.1" && head.contentLength == 7)
    }

    // Counted by hand: "GET / HTTP/1.1" is 14 bytes; the head ends before the line break that precedes the empty line.
    @Test("the end of a head is found at the same place read at once or byte by byte", arguments: [
        ("GET / HTTP/1.1\r\nA: b\r\n\r\nbody", 0..<21, 24), ("GET / HTTP/1.1\nA: b\n\nbody", 0..<19, 21),
        ("GET / HTTP/1.1\r\nA: b\r\n\nrest", 0..<21, 23), ("\r\n\r\n", 0..<0, 2), ("GET / HTTP/1.1\r\nA: b\r\n", nil, nil),
    ] as [(String, Range<Int>?, Int?)])
    func scanner(text: String, head: Range<Int>?, bodyStart: Int?) {
        let bytes = Array(text.utf8)
        var whole = HTTPHeadScanner()
        let once = whole.scan(bytes)
        var piecewise = HTTPHeadScanner()
        var found: (head: Range<Int>, bodyStart: Int)?
        for i in bytes.indices where found == nil { found = piecewise.scan(Array(bytes[...i])) }
        #expect(once?.head == head && once?.bodyStart == bodyStart)
        #expect(found?.head == head && found?.bodyStart == bodyStart)
    }

    @Test("with a thousand slow clients holding connections, a request is still answered")
    func slowClients() throws {
        var limits = HTTPLimits()
        limits.maximumConnections = 100
        limits.receiveSeconds = 600  // So that only taking the slow clients' places, not their time running out, lets the request in within the guard.
        let running = try Running(limits)
        defer { running.stop() }
        var slow: [Int32] = []
        defer { for fd in slow { close(fd) } }
        for _ in 0..<1_000 {
            let fd = try Self.connect(running.server.port)
            Self.send(fd, Array("GET / HTTP/1.1\r\nX-Slow: ".utf8))
            slow.append(fd)
        }
        #expect(try Self.request(running.server.port, Self.get()) == 200)
    }

    @Test("a thousand clients at once are all answered 200, more than the connections kept at once")
    func thousandClients() throws {
        var limits = HTTPLimits()
        limits.maximumConnections = 100
        let running = try Running(limits)
        defer { running.stop() }
        var clients: [Int32] = []
        defer { for fd in clients { close(fd) } }
        for _ in 0..<1_000 {
            let fd = try Self.connect(running.server.port)
            Self.send(fd, Self.get())
            clients.append(fd)
        }
        let statuses = clients.map { Self.status(Self.receive($0)) }
        #expect(statuses.filter { $0 == 200 }.count == 1_000)
    }

    @Test("a long poll is answered when the site is replaced and the server woken")
    func longPoll() throws {
        let site = ServedSite()
        site.replace(with: ["index.html": Array("<body></body>".utf8)])
        let running = try Running { site.reply($0) }
        defer { running.stop() }
        let fd = try Self.connect(running.server.port)
        defer { close(fd) }
        Self.send(fd, Array("GET /__cahier/version?after=1 HTTP/1.1\r\n\r\n".utf8))
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&ready, 1, 300) == 0)  // Version 1 is the newest: nothing yet.
        site.replace(with: [:])
        running.server.wake()
        let response = String(decoding: Self.receive(fd), as: UTF8.self)
        #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n") && response.hasSuffix("\r\n\r\n2\n"))
    }
}
