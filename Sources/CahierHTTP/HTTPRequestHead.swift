/// A request's head (its request line and headers) as `cahier-http` reads it.
///
/// Parsing is strict and linear in the head's size: the request line is
/// `METHOD SP /target SP HTTP/1.x`, each header `name: value`; lines end in
/// CRLF or LF. Anything else is refused with the status to answer, never
/// guessed at: folded header lines, spaces before a colon, control bytes,
/// an absolute or `*` target, a target that does not decode as UTF-8,
/// two different `Content-Length`s, a transfer coding.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// The target as sent (`/a%20b.html?x=1`).
    public var target: String
    /// The target's path, percent-decoded (`/a b.html`).
    public var path: String
    /// The query's `name=value` pairs, percent-decoded, in order.
    public var query: [(name: String, value: String)]
    /// `HTTP/1.0` or `HTTP/1.1`.
    public var version: String
    /// The headers in order, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body's length from `Content-Length` (0 when absent).
    public var contentLength: Int

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.method == b.method && a.target == b.target && a.path == b.path && a.version == b.version && a.contentLength == b.contentLength
            && a.query.map { [$0.name, $0.value] } == b.query.map { [$0.name, $0.value] }
            && a.headers.map { [$0.name, $0.value] } == b.headers.map { [$0.name, $0.value] }
    }

    /// Why a head is refused: the status to answer and a sentence for the body.
    public struct Refusal: Error, Sendable, Equatable {
        public var status: HTTPStatus
        public var reason: String
    }

    /// Parses a whole head: its lines, without the line break that ends the
    /// last one and the empty line after it (what ``HTTPHeadScanner`` finds).
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits = HTTPLimits()) throws(Refusal) -> HTTPRequestHead {
        guard bytes.count <= limits.maximumHeadBytes else { throw Refusal(status: .headerFieldsTooLarge, reason: "the request head is over \(limits.maximumHeadBytes) bytes") }
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for i in bytes.indices where bytes[i] == lf {
            lines.append(trimmingCR(bytes[start..<i]))
            start = i + 1
        }
        lines.append(trimmingCR(bytes[start...]))
        guard lines.count - 1 <= limits.maximumHeaderCount else {
            throw Refusal(status: .headerFieldsTooLarge, reason: "the request has more than \(limits.maximumHeaderCount) header lines")
        }
        var head = try requestLine(lines[0])
        for line in lines.dropFirst() {
            let header = try headerLine(line)
            head.headers.append(header)
        }
        var length: Int?
        for (name, value) in head.headers {
            switch name.lowercased() {
            case "content-length":
                guard !value.isEmpty, value.count <= 18, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let n = Int(value) else {
                    throw Refusal(status: .badRequest, reason: "Content-Length is not a number")
                }
                guard length == nil || length == n else { throw Refusal(status: .badRequest, reason: "two different Content-Length headers") }
                length = n
            case "transfer-encoding":
                throw Refusal(status: .notImplemented, reason: "request bodies with a Transfer-Encoding are not accepted")
            default:
                break
            }
        }
        head.contentLength = length ?? 0
        return head
    }

    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    private static func trimmingCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == cr ? line.dropLast() : line
    }

    /// `token` characters (RFC 9110): what a method or a header name is made of.
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private static func requestLine(_ line: ArraySlice<UInt8>) throws(Refusal) -> HTTPRequestHead {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Refusal(status: .badRequest, reason: "the request line is not METHOD TARGET HTTP/1.1") }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        guard !method.isEmpty, method.count <= 32, method.allSatisfy(isToken) else { throw Refusal(status: .badRequest, reason: "the method is not a token") }
        let versionText = String(decoding: version, as: UTF8.self)
        guard versionText == "HTTP/1.1" || versionText == "HTTP/1.0" else {
            let isHTTP = versionText.hasPrefix("HTTP/") && versionText.count == 8
            throw Refusal(status: isHTTP ? .versionNotSupported : .badRequest, reason: isHTTP ? "only HTTP/1.0 and HTTP/1.1 are served" : "the request line has no HTTP version")
        }
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw Refusal(status: .badRequest, reason: "the target is not a path starting with /")
        }
        let text = String(decoding: target, as: UTF8.self)
        let beforeFragment = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let pieces = beforeFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = percentDecoded(pieces[0]), !path.contains("\0") else { throw Refusal(status: .badRequest, reason: "the path does not decode to UTF-8 text") }
        var query: [(name: String, value: String)] = []
        if pieces.count == 2 {
            for pair in pieces[1].split(separator: "&") {
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = percentDecoded(nameValue[0]), let value = percentDecoded(nameValue.count == 2 ? nameValue[1] : "") else {
                    throw Refusal(status: .badRequest, reason: "the query does not decode to UTF-8 text")
                }
                query.append((name, value))
            }
        }
        return HTTPRequestHead(method: String(decoding: method, as: UTF8.self), target: text, path: path, query: query,
                               version: versionText, headers: [], contentLength: 0)
    }

    private static func headerLine(_ line: ArraySlice<UInt8>) throws(Refusal) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw Refusal(status: .badRequest, reason: line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t") ? "folded header lines are not accepted" : "a header line has no colon")
        }
        let name = line[..<colon]
        guard !name.isEmpty, name.allSatisfy(isToken) else { throw Refusal(status: .badRequest, reason: "a header name is not a token") }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw Refusal(status: .badRequest, reason: "a header value holds a control character")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// `%XX` decoded; nil when an escape is malformed or the bytes are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
