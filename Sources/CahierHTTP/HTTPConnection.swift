#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One client's connection and where its request is: the server's state
/// machine for it. Every state has a deadline, so no connection is kept
/// by a client that stops sending or reading.
final class HTTPConnection {
    enum State {
        /// Reading the head.
        case receiving
        /// Reading and dropping the body of a request already parsed.
        case body(HTTPRequestHead, left: Int)
        /// A long poll: waiting for `answer` to say something, until `until`.
        case waiting(HTTPRequestHead, until: ContinuousClock.Instant, answer: @Sendable (Bool) -> HTTPResponse?)
        /// Writing the response: `bytes` from `offset`, until `until`.
        case sending(bytes: [UInt8], offset: Int, until: ContinuousClock.Instant)
        /// Response sent and our side shut: reading what the client still sends, until it closes or `until`.
        case lingering(until: ContinuousClock.Instant, drained: Int)
        case closed
    }

    let fd: Int32
    /// When the connection was accepted; the request must have arrived by `opened + receiveSeconds`.
    let opened: ContinuousClock.Instant
    /// The bytes of the head received so far (at most the head's limit and one read more).
    var buffer: [UInt8] = []
    var scanner = HTTPHeadScanner()
    var state = State.receiving

    init(fd: Int32, opened: ContinuousClock.Instant) {
        self.fd = fd
        self.opened = opened
    }

    /// Whether a newcomer may take this connection's place when the server is full,
    /// and how readily: lower first (done, then still sending its request, then a long poll).
    var evictionRank: Int? {
        switch state {
        case .lingering, .closed: 0
        case .receiving, .body: 1
        case .waiting: 2
        case .sending: nil
        }
    }

    /// The poll events this state waits for.
    var events: Int16 {
        if case .sending = state { return Int16(POLLOUT) }
        return Int16(POLLIN)
    }

    /// When this state's time is up.
    func deadline(_ limits: HTTPLimits) -> ContinuousClock.Instant? {
        switch state {
        case .receiving, .body: opened + .seconds(limits.receiveSeconds)
        case let .waiting(_, until, _): until
        case let .sending(_, _, until): until
        case let .lingering(until, _): until
        case .closed: nil
        }
    }
}
