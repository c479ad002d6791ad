import Foundation

/// How a grading worker reports to the batch: one ``Grader/Event`` per line,
/// as JSON with sorted keys, on its standard output. A worker that stops in
/// the middle of a line leaves a partial last line; it is not an event.
public enum WorkerProtocol {
    /// The bytes of one event's line, newline included.
    public static func line(_ event: Grader.Event) -> Data {
        Data(bytes(event))
    }

    /// The bytes of one event's line, newline included, written by ``JSONLineEncoder``
    /// (what `JSONEncoder` writes, read back the same); a number JSON has none for
    /// (a student's NaN or infinity in a failed comparison's values) as a string that
    /// ``decoder`` reads back. An event the encoder cannot write is an empty line, no event.
    public static func bytes(_ event: Grader.Event) -> [UInt8] {
        do {
            return try JSONLineEncoder.encode(event) + [UInt8(ascii: "\n")]
        } catch {
            return [UInt8(ascii: "\n")]
        }
    }

    /// The decoder of events: numbers JSON has none for read back from ``JSONLineEncoder/nonFinite``'s strings.
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        let names = JSONLineEncoder.nonFinite
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: names.positiveInfinity, negativeInfinity: names.negativeInfinity, nan: names.nan)
        return decoder
    }

    /// The events of a worker's whole output, in order; lines that are not
    /// complete events are skipped.
    public static func events(from output: Data) -> [Grader.Event] {
        let decoder = Self.decoder
        var events: [Grader.Event] = []
        for line in output.split(separator: UInt8(ascii: "\n")) {
            if let event = try? decoder.decode(Grader.Event.self, from: Data(line)) { events.append(event) }
        }
        return events
    }
}
