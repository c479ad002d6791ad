import ArgumentParser
import CahierKit
import Foundation

/// The `cahier-http` program beside this one, which serves what it is sent.
/// The HTTP server lives there, so that `cahier` itself does not run one.
final class HTTPChild {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    init(port: UInt16) throws {
        let program = URL(fileURLWithPath: Grade.executable).deletingLastPathComponent().appendingPathComponent("cahier-http")
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ValidationError("cahier serve needs the program cahier-http beside cahier (\(program.path)); swift build makes it, scripts/install installs it")
        }
        process.executableURL = program
        process.arguments = ["--port", String(port)]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// Sends a rendering of the site (a ``SiteFrame``).
    func send(_ files: [String: [UInt8]]) {
        do {
            try input.fileHandleForWriting.write(contentsOf: SiteFrame.encode(files))
        } catch {
            report("cahier serve: the server stopped reading the site: \(error)")
        }
    }

    /// The port the server listens on, once it says so.
    func listeningPort() throws -> UInt16 {
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            guard let byte = try handle.read(upToCount: 1)?.first else { break }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening "), let port = UInt16(text.dropFirst("listening ".count)) else {
            throw ValidationError(text.hasPrefix("error ") ? String(text.dropFirst(6)) : "cahier-http did not start")
        }
        return port
    }

    /// Ends the server: its input ends, and it exits.
    func finish() {
        do {
            try input.fileHandleForWriting.close()
        } catch {
            report("cahier serve: closing the server's input: \(error)")
        }
        process.waitUntilExit()
    }
}
