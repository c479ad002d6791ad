import CahierHTTP

extension FuzzTargets {
    /// `cahier-http`'s request head reader, on any bytes: the end of the head
    /// is found at the same place whether the bytes come at once or one by
    /// one; a head is refused or parsed within the limits; and a parsed head,
    /// written out again, parses to the same head.
    public static func httpHead(_ bytes: [UInt8]) -> String? {
        var limits = HTTPLimits()
        limits.maximumHeadBytes = 4_096
        limits.maximumHeaderCount = 20
        var whole = HTTPHeadScanner()
        let found = whole.scan(bytes)
        var piecewise = HTTPHeadScanner()
        var received: [UInt8] = []
        var foundPiecewise: (head: Range<Int>, bodyStart: Int)?
        for byte in bytes where foundPiecewise == nil {
            received.append(byte)
            foundPiecewise = piecewise.scan(received)
        }
        guard found?.head == foundPiecewise?.head, found?.bodyStart == foundPiecewise?.bodyStart else {
            return "the head ends at \(String(describing: found)) read at once, \(String(describing: foundPiecewise)) read byte by byte"
        }
        let range = found?.head ?? 0..<bytes.count
        let head: HTTPRequestHead
        do throws(HTTPRequestHead.Refusal) {
            head = try HTTPRequestHead.parse(bytes[range], limits: limits)
        } catch {
            return range.count > limits.maximumHeadBytes && error.status != .headerFieldsTooLarge ? "a head over the limit refused with \(error.status) rather than 431" : nil
        }
        guard range.count <= limits.maximumHeadBytes, head.headers.count <= limits.maximumHeaderCount else { return "a head over the limits was parsed" }
        guard head.path.hasPrefix("/"), head.contentLength >= 0, head.version == "HTTP/1.1" || head.version == "HTTP/1.0" else {
            return "a parsed head breaks its invariants: \(head.path) \(head.contentLength) \(head.version)"
        }
        // Lines joined by CRLF; the last one's line break is not part of the head.
        let text = (["\(head.method) \(head.target) \(head.version)"] + head.headers.map { "\($0.name): \($0.value)" }).joined(separator: "\r\n")
        let again: HTTPRequestHead
        do throws(HTTPRequestHead.Refusal) {
            again = try HTTPRequestHead.parse(ArraySlice(Array(text.utf8)), limits: HTTPLimits())
        } catch {
            return "a parsed head written out again is refused: \(error.reason)"
        }
        return again == head ? nil : "a parsed head written out again parses differently"
    }
}
