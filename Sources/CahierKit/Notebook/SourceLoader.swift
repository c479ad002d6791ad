import Foundation

/// Reads a notebook file, refusing what is not UTF-8 text.
public enum SourceLoader {
    /// The file's text, or a diagnostic that says why it cannot be a notebook.
    public static func load(path: String) throws(DiagnosticError) -> SourceText {
        let start = SourceRange(at: SourcePosition(line: 1, column: 1))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError([Diagnostic(.error, "no such file", path: path, range: start)])
        }
        guard !isDirectory.boolValue else {
            throw DiagnosticError([Diagnostic(.error, "is a directory, not a notebook", path: path, range: start)])
        }
        return try validate(path: path, bytes: try readRegularFile(path))
    }

    /// The bytes of the regular file at `path`. A pipe, a device or a socket is
    /// refused without reading from it (it could block, or never end), and a
    /// failure says what the system said.
    public static func readRegularFile(_ path: String) throws(DiagnosticError) -> [UInt8] {
        let start = SourceRange(at: SourcePosition(line: 1, column: 1))
        func fail(_ message: String) -> DiagnosticError { DiagnosticError([Diagnostic(.error, message, path: path, range: start)]) }
        // O_NONBLOCK: opening a FIFO does not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw fail("cannot read the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("cannot read the file: \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFIFO: throw fail("is a pipe (FIFO), not a notebook file; Cahier reads notebooks from regular files")
        case S_IFCHR, S_IFBLK: throw fail("is a device, not a notebook file; Cahier reads notebooks from regular files")
        case S_IFSOCK: throw fail("is a socket, not a notebook file; Cahier reads notebooks from regular files")
        default: throw fail("is not a regular file, so not a notebook")
        }
        // One byte more than the size, to see a file that grows while it is read.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: max(4096, bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(fd, base + count, buffer.count - count)
            }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw fail("cannot read the file: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            count += n
        }
        return Array(bytes[..<count])
    }

    /// Checks that `bytes` are text a notebook can hold: UTF-8, no NUL bytes.
    public static func validate(path: String, bytes: [UInt8]) throws(DiagnosticError) -> SourceText {
        let source = SourceText(path: path, bytes: bytes)
        if let nul = bytes.firstIndex(of: 0) {
            let at = source.position(ofOffset: nul)
            throw DiagnosticError([Diagnostic(.error, "binary file: NUL byte at line \(at.line), a notebook must be text", path: path, range: SourceRange(at: at))])
        }
        if let bad = firstInvalidUTF8(bytes) {
            let at = source.position(ofOffset: bad)
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            throw DiagnosticError([Diagnostic(.error, "not valid UTF-8: byte 0x\(byte) cannot appear here; save the file as UTF-8", path: path, range: SourceRange(at: at))])
        }
        if let cr = loneCarriageReturn(bytes) {
            let at = source.position(ofOffset: cr)
            let all = bytes.firstIndex(of: UInt8(ascii: "\n")) == nil
            let message = all
                ? "this file's lines end with a carriage return (CR) alone, the old Mac line ending; save it with LF or CRLF line endings"
                : "a carriage return (CR) not followed by a line feed: Cahier reads lines that end in LF or CRLF; remove it or save the file with those line endings"
            throw DiagnosticError([Diagnostic(.error, message, path: path, range: SourceRange(at: at))])
        }
        return source
    }

    /// The offset of the first CR that does not start a CRLF: cmark would end a
    /// line there, and the file's line numbers would no longer be cmark's.
    static func loneCarriageReturn(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while let cr = bytes[i...].firstIndex(of: UInt8(ascii: "\r")) {
            if cr + 1 >= bytes.count || bytes[cr + 1] != UInt8(ascii: "\n") { return cr }
            i = cr + 1
        }
        return nil
    }

    /// The offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            if bytes[i + 1] < low || bytes[i + 1] > high { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
