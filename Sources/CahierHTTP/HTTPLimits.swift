/// What one client may cost `cahier-http`: every resource a request can
/// grow has a bound here, and the server answers with the status that says
/// which one was reached (then closes the connection).
public struct HTTPLimits: Sendable {
    /// The request line and headers together, in bytes; over it: 431.
    public var maximumHeadBytes = 65_536
    /// Header lines in one request; over it: 431.
    public var maximumHeaderCount = 100
    /// A request's body, in bytes (the site needs none; a small one is read
    /// and dropped); a larger `Content-Length`: 413.
    public var maximumBodyBytes = 65_536
    /// Seconds from a connection's start to the end of its request (head and
    /// body): past it, 408, however slowly the bytes keep coming.
    public var receiveSeconds = 10
    /// Seconds a response may take to be written to a client that reads it
    /// slowly; past it the connection is closed.
    public var sendSeconds = 30
    /// Connections open at once. One more that arrives takes the place of one
    /// already answered, else of the oldest still sending its request after
    /// ``graceMilliseconds`` (so clients that send slowly cannot keep others
    /// out), else of the oldest waiting for a newer site; until one is there
    /// it waits in the listening queue.
    public var maximumConnections = 512
    /// How long a connection may take to send its request before a newcomer
    /// may take its place when the server is full. The server listens on
    /// 127.0.0.1 only, where a request arrives within a millisecond or so.
    public var graceMilliseconds = 250
    /// Seconds a connection is kept after its response, to read what the
    /// client still sends (so that it gets the response, not a reset).
    public var lingerSeconds = 2

    public init() {}
}
