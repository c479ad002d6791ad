#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the server does on a connection's events: read the request within
/// its limits, hand it to the handler, write the response, linger, close.
extension HTTPServer {
    /// Bytes read from a socket at a time.
    static let chunk = 16_384

    func service(_ connection: HTTPConnection, revents: Int16) {
        switch connection.state {
        case .sending:
            flush(connection)
        case .receiving:
            guard let bytes = receive(connection) else { return }
            connection.buffer += bytes
            guard let (range, bodyStart) = connection.scanner.scan(connection.buffer) else {
                if connection.buffer.count > limits.maximumHeadBytes + 4 {
                    respond(connection, .text(.headerFieldsTooLarge, "the request head is over \(limits.maximumHeadBytes) bytes"), head: nil)
                }
                return
            }
            let head: HTTPRequestHead
            do throws(HTTPRequestHead.Refusal) {
                head = try HTTPRequestHead.parse(connection.buffer[range], limits: limits)
            } catch {
                respond(connection, .text(error.status, error.reason), head: nil)
                return
            }
            guard head.contentLength <= limits.maximumBodyBytes else {
                respond(connection, .text(.contentTooLarge, "request bodies over \(limits.maximumBodyBytes) bytes are not accepted"), head: head)
                return
            }
            let left = head.contentLength - (connection.buffer.count - bodyStart)
            connection.buffer = []
            if left > 0 { connection.state = .body(head, left: left) } else { dispatch(connection, head) }
        case let .body(head, left):
            guard let bytes = receive(connection) else { return }
            let remaining = left - bytes.count
            if remaining > 0 { connection.state = .body(head, left: remaining) } else { dispatch(connection, head) }
        case .waiting:
            // A long poll's client says nothing more: what it sends is dropped, its leaving ends the wait.
            _ = receive(connection)
        case let .lingering(until, drained):
            guard let bytes = receive(connection) else { return }
            let total = drained + bytes.count
            connection.state = total > limits.maximumHeadBytes + limits.maximumBodyBytes ? .closed : .lingering(until: until, drained: total)
        case .closed:
            break
        }
    }

    /// Up to ``chunk`` bytes from the client ([] when none are there yet), or
    /// nil when it has closed or failed (and then the connection is closed).
    private func receive(_ connection: HTTPConnection) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: Self.chunk)
        let count = bytes.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return [] }
        guard count > 0 else {
            connection.state = .closed
            return nil
        }
        return Array(bytes[..<count])
    }

    /// Hands a complete request to the handler (GET and HEAD only).
    private func dispatch(_ connection: HTTPConnection, _ head: HTTPRequestHead) {
        guard head.method == "GET" || head.method == "HEAD" else {
            var response = HTTPResponse.text(.methodNotAllowed, "only GET and HEAD are served")
            response.headers.append(("Allow", "GET, HEAD"))
            respond(connection, response, head: head)
            return
        }
        switch handler(head) {
        case let .now(response):
            respond(connection, response, head: head)
        case let .later(seconds, answer):
            if let response = answer(false) {
                respond(connection, response, head: head)
            } else {
                connection.state = .waiting(head, until: ContinuousClock.now + .seconds(max(0, seconds)), answer: answer)
            }
        }
    }

    /// Starts writing `response` (without its body for a HEAD request).
    func respond(_ connection: HTTPConnection, _ response: HTTPResponse, head: HTTPRequestHead?) {
        connection.buffer = []
        connection.state = .sending(bytes: response.bytes(headOnly: head?.method == "HEAD"), offset: 0, until: ContinuousClock.now + .seconds(limits.sendSeconds))
        flush(connection)
    }

    /// Writes what the socket takes; once all is written, shuts our side and lingers.
    private func flush(_ connection: HTTPConnection) {
        guard case .sending(let bytes, var offset, let until) = connection.state else { return }
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return send(connection.fd, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { break }
            guard count > 0 else {
                connection.state = .closed
                return
            }
            offset += count
        }
        if offset < bytes.count {
            connection.state = .sending(bytes: bytes, offset: offset, until: until)
        } else {
            _ = shutdown(connection.fd, Int32(SHUT_WR))
            connection.state = .lingering(until: ContinuousClock.now + .seconds(limits.lingerSeconds), drained: 0)
        }
    }
}
