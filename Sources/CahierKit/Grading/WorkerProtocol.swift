import Foundation

/// How a grading worker reports to the batch: one ``Grader/Event`` per line,
/// as JSON with sorted keys, on its standard output. A worker that stops in
/// the middle of a line leaves a partial last line; it is not an event.
public enum WorkerProtocol {
    /// The bytes of one event's line, newline included.
    public static func line(_ event: Grader.Event) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding these plain enums of strings, numbers and bools cannot fail.
        guard let data = try? encoder.encode(event) else { return Data("\n".utf8) }
        return data + Data("\n".utf8)
    }

    /// The events of a worker's whole output, in order; lines that are not
    /// complete events are skipped.
    public static func events(from output: Data) -> [Grader.Event] {
        let decoder = JSONDecoder()
        var events: [Grader.Event] = []
        for line in output.split(separator: UInt8(ascii: "\n")) {
            if let event = try? decoder.decode(Grader.Event.self, from: Data(line)) { events.append(event) }
        }
        return events
    }
}
