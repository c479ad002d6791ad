/// A line `cahier watch` prints, and where.
public struct WatchLine: Equatable, Sendable {
    public enum Stream: Sendable { case output, error }
    public var stream: Stream
    public var text: String

    public init(_ text: String, to stream: Stream = .output) {
        self.text = text
        self.stream = stream
    }
}
