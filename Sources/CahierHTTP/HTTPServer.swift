#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Why the server could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// A small HTTP/1.1 server on 127.0.0.1: one thread, `poll`, non-blocking
/// sockets, one request per connection. Every resource a client can make it
/// spend is bounded by ``HTTPLimits``: the head's size (431), the body's
/// size (413), the time to send the request (408), the number of
/// connections (a newcomer takes the place of the oldest slow one), and the
/// time to read the response. A head is looked at once per byte, so a slow
/// or huge head costs time in proportion to what the limit lets in.
public final class HTTPServer: @unchecked Sendable {
    /// The port it listens on (the one asked for, or the free one given for 0).
    public let port: UInt16
    let limits: HTTPLimits
    let handler: @Sendable (HTTPRequestHead) -> HTTPReply
    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let stopping = Atomic<Bool>(false)
    /// Connections kept at once: the limit, and fewer when the process may not open that many files.
    let capacity: Int
    private var connections: [HTTPConnection] = []
    private let clock = ContinuousClock()

    /// Listens on 127.0.0.1:`port` (0: any free port); ``run()`` serves.
    public init(port: UInt16, limits: HTTPLimits = HTTPLimits(), handler: @escaping @Sendable (HTTPRequestHead) -> HTTPReply) throws(HTTPServerError) {
        self.limits = limits
        self.handler = handler
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var files = rlimit()
        if getrlimit(resource, &files) == 0, files.rlim_cur < files.rlim_max {
            files.rlim_cur = files.rlim_max
            _ = setrlimit(resource, &files)  // More connections if allowed; the capacity below follows what holds.
        }
        let open = getrlimit(resource, &files) == 0 ? Int(clamping: files.rlim_cur) : 1024
        capacity = max(1, min(limits.maximumConnections, open - 64))
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HTTPServerError(description: "cannot make a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 1024) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw HTTPServerError(description: "cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.port = UInt16(bigEndian: address.sin_port)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(fd)
            throw HTTPServerError(description: "cannot make a pipe: \(String(cString: strerror(errno)))")
        }
        for end in [fd, pipeEnds[0], pipeEnds[1]] {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        listener = fd
        (wakeRead, wakeWrite) = (pipeEnds[0], pipeEnds[1])
    }

    /// Makes the server ask its long polls again now (from any thread).
    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)  // A full pipe means a wake is already pending.
    }

    /// Ends ``run()`` soon (from any thread).
    public func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake()
    }

    /// Serves until ``stop()``; throws only when the system refuses to poll.
    public func run() throws(HTTPServerError) {
        var acceptPaused = false
        while !stopping.load(ordering: .sequentiallyConsistent) {
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0), pollfd(fd: acceptPaused ? -1 : listener, events: Int16(POLLIN), revents: 0)]
            fds += connections.map { pollfd(fd: $0.fd, events: $0.events, revents: 0) }
            let now = clock.now
            var timeout = 1000
            var deadlines = connections.compactMap { c -> ContinuousClock.Instant? in
                if case .waiting = c.state { return nil }
                return c.deadline(limits)
            }
            if acceptPaused, let next = nextVictimTime() { deadlines.append(next) }
            for deadline in deadlines {
                timeout = min(timeout, max(0, Int((deadline - now) / .milliseconds(1)) + 1))
            }
            let ready = poll(&fds, nfds_t(fds.count), Int32(timeout))
            if ready < 0, errno != EINTR {
                throw HTTPServerError(description: "cannot wait for connections: \(String(cString: strerror(errno)))")
            }
            if fds[0].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 256)
                while read(wakeRead, &sink, sink.count) > 0 {}
            }
            for (i, connection) in connections.enumerated() where fds[i + 2].revents != 0 {
                service(connection, revents: fds[i + 2].revents)
            }
            if fds[1].revents != 0 || acceptPaused { acceptPaused = !acceptAll() }
            let later = clock.now
            for connection in connections { expire(connection, now: later) }
            connections.removeAll { connection in
                guard case .closed = connection.state else { return false }
                close(connection.fd)
                return true
            }
        }
        for connection in connections { close(connection.fd) }
        connections.removeAll()
        close(listener)
    }

    /// Accepts pending connections while there is room or a place to take
    /// (see ``HTTPLimits/maximumConnections``); false when it stops for want
    /// of room or files, and the listener is left out of the next poll.
    private func acceptAll() -> Bool {
        while true {
            if connections.count >= capacity {
                guard let victim = victim() else { return false }
                victim.state = .closed
                close(victim.fd)
                connections.removeAll { $0 === victim }
            }
            let fd = accept(listener, nil, nil)
            if fd < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            connections.append(HTTPConnection(fd: fd, opened: clock.now))
        }
    }

    /// The connection a newcomer may replace: one answered, else the oldest
    /// one past its grace still sending its request, else the oldest long poll past it.
    private func victim() -> HTTPConnection? {
        let old = clock.now - .milliseconds(limits.graceMilliseconds)
        let candidates = connections.compactMap { c -> (rank: Int, c: HTTPConnection)? in
            guard let rank = c.evictionRank, rank == 0 || c.opened <= old else { return nil }
            return (rank, c)
        }
        return candidates.min { ($0.rank, $0.c.opened) < ($1.rank, $1.c.opened) }?.c
    }

    /// When the listener should be polled again while the server is full: when
    /// the oldest connection a newcomer could replace is past its grace.
    private func nextVictimTime() -> ContinuousClock.Instant? {
        connections.filter { $0.evictionRank != nil }.map(\.opened).min().map { $0 + .milliseconds(limits.graceMilliseconds) }
    }

    /// What a connection's state does when its time is up, and a long poll's answer when there is one.
    private func expire(_ connection: HTTPConnection, now: ContinuousClock.Instant) {
        if case let .waiting(head, until, answer) = connection.state {
            if let response = answer(now >= until) { respond(connection, response, head: head) }
            return
        }
        guard let deadline = connection.deadline(limits), now >= deadline else { return }
        switch connection.state {
        case .receiving, .body:
            respond(connection, .text(.requestTimeout, "the request did not arrive within \(limits.receiveSeconds) s"), head: nil)
        default:
            connection.state = .closed
        }
    }
}

#if canImport(Darwin)
let MSG_NOSIGNAL: Int32 = 0
#endif
