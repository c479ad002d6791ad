import CTerminal
import CahierKit
import Foundation

/// Reads lines from a terminal with editing, history and completion: the
/// keys of readline's emacs mode that people reach for (arrows, Home/End,
/// Ctrl-A/E/B/F, Ctrl-K/U/W, Ctrl-P/N, Ctrl-R incremental search, Tab,
/// Ctrl-L, Ctrl-C, Ctrl-D), a history file, and one line redrawn in place
/// that scrolls sideways when it is wider than the terminal.
///
/// When standard input or output is not a terminal it reads plain lines and
/// shows no prompt, so that `cahier repl < commands` works in scripts.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        /// Ctrl-C at the prompt: the line is dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of standard input.
        case end
    }

    /// The words that complete the one ending at a cursor: where it starts, and the candidates.
    typealias Completer = (_ line: String, _ cursor: Int) -> (start: Int, candidates: [String])

    let interactive: Bool
    private(set) var history: [String] = []
    private let historyPath: String?
    private let complete: Completer
    static let maximumHistory = 1000

    init(historyPath: String?, complete: @escaping Completer) {
        interactive = isatty(0) == 1 && isatty(1) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        self.historyPath = historyPath
        self.complete = complete
        if let historyPath, let text = try? String(contentsOfFile: historyPath, encoding: .utf8) {
            history = text.split(separator: "\n").map(String.init).suffix(LineEditor.maximumHistory).map { $0 }
        }
    }

    /// Adds a line to the history and to the end of the history file (kept to the last 1,000 lines).
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), history.last != line else { return }
        history.append(line)
        guard let historyPath else { return }
        if history.count > LineEditor.maximumHistory {
            history.removeFirst(history.count - LineEditor.maximumHistory)
            try? AtomicFile.write(Array(history.map { $0 + "\n" }.joined().utf8), to: historyPath)
            return
        }
        let descriptor = open(historyPath, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Reads one line after showing `prompt`.
    func read(prompt: String) -> Input {
        guard interactive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .end }
            return .line(line)
        }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .end }
            return .line(line)
        }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        // TCSADRAIN, not TCSAFLUSH: keys typed while the last command ran are kept.
        tcsetattr(0, TCSADRAIN, &raw)
        defer { tcsetattr(0, TCSADRAIN, &original) }
        var editing = Editing(prompt: prompt, history: history)
        return editing.run(complete: complete)
    }
}

/// The state of one line being edited, and its keys.
private struct Editing {
    let prompt: String
    let history: [String]
    var buffer: [Character] = []
    var cursor = 0
    /// Where in the history the line shown comes from (history.count: the line being typed).
    var historyIndex: Int
    /// The line being typed, kept while the history is browsed.
    var typed: [Character] = []
    /// Ctrl-R: the text searched for and the history entry that matches it.
    var search: (query: String, match: Int?, before: [Character])?

    init(prompt: String, history: [String]) {
        self.prompt = prompt
        self.history = history
        historyIndex = history.count
    }

    mutating func run(complete: LineEditor.Completer) -> LineEditor.Input {
        refresh()
        while let byte = readByte() {
            if search != nil {
                if let done = searchKey(byte) { return done }
                continue
            }
            if let done = key(byte, complete: complete) { return done }
        }
        return .end
    }

    /// Handles one key; returns the input when the line is finished.
    mutating func key(_ byte: UInt8, complete: LineEditor.Completer) -> LineEditor.Input? {
        switch byte {
        case 13, 10:  // Enter
            output("\r\n")
            return .line(String(buffer))
        case 3:  // Ctrl-C
            output("^C\r\n")
            return .interrupted
        case 4:  // Ctrl-D
            if buffer.isEmpty {
                output("\r\n")
                return .end
            }
            if cursor < buffer.count { buffer.remove(at: cursor) }
        case 127, 8:  // Backspace
            if cursor > 0 {
                buffer.remove(at: cursor - 1)
                cursor -= 1
            }
        case 1: cursor = 0  // Ctrl-A
        case 5: cursor = buffer.count  // Ctrl-E
        case 2: cursor = max(0, cursor - 1)  // Ctrl-B
        case 6: cursor = min(buffer.count, cursor + 1)  // Ctrl-F
        case 11: buffer.removeSubrange(cursor...)  // Ctrl-K
        case 21:  // Ctrl-U
            buffer.removeSubrange(..<cursor)
            cursor = 0
        case 23:  // Ctrl-W: the word before the cursor
            var start = cursor
            while start > 0, buffer[start - 1] == " " { start -= 1 }
            while start > 0, buffer[start - 1] != " " { start -= 1 }
            buffer.removeSubrange(start..<cursor)
            cursor = start
        case 16: browse(-1)  // Ctrl-P
        case 14: browse(1)  // Ctrl-N
        case 12: output("\u{1B}[H\u{1B}[2J")  // Ctrl-L
        case 18: search = ("", nil, buffer)  // Ctrl-R
        case 9: completeWord(complete)  // Tab
        case 27: escape()
        case 0x20..<0x7F, 0xC0...0xF7:
            let typed = byte < 0x80 ? [Character(UnicodeScalar(byte))] : utf8(first: byte)
            insert(typed)
            // Typing at the end of a line that fits: the character alone, not the whole line again.
            // A character takes at least one column, so a line of `columns` characters never fits:
            // its width is not measured, and a keystroke costs O(columns), not O(line).
            let columns = Editing.columns
            if cursor == buffer.count, buffer.count < columns,
               Editing.width(prompt) + Editing.width(buffer) < columns - 1 {
                output(String(typed))
                return nil
            }
        default:
            break
        }
        refresh()
        return nil
    }

    /// ESC [ A and the other sequences of arrows, Home, End and Delete; ESC b and ESC f move by words.
    mutating func escape() {
        guard let next = readByte() else { return }
        switch next {
        case UInt8(ascii: "["), UInt8(ascii: "O"):
            guard var final = readByte() else { return }
            var number = ""
            while (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(final) || final == UInt8(ascii: ";") {
                number.append(Character(UnicodeScalar(final)))
                guard let more = readByte() else { return }
                final = more
            }
            switch (Character(UnicodeScalar(final)), number) {
            case ("A", _): browse(-1)
            case ("B", _): browse(1)
            case ("C", _): cursor = min(buffer.count, cursor + 1)
            case ("D", _): cursor = max(0, cursor - 1)
            case ("H", _), ("~", "1"), ("~", "7"): cursor = 0
            case ("F", _), ("~", "4"), ("~", "8"): cursor = buffer.count
            case ("~", "3"): if cursor < buffer.count { buffer.remove(at: cursor) }
            default: break
            }
        case UInt8(ascii: "b"):
            while cursor > 0, buffer[cursor - 1] == " " { cursor -= 1 }
            while cursor > 0, buffer[cursor - 1] != " " { cursor -= 1 }
        case UInt8(ascii: "f"):
            while cursor < buffer.count, buffer[cursor] == " " { cursor += 1 }
            while cursor < buffer.count, buffer[cursor] != " " { cursor += 1 }
        default: break
        }
    }

    mutating func insert(_ characters: [Character]) {
        buffer.insert(contentsOf: characters, at: cursor)
        cursor += characters.count
    }

    /// Shows an older (`step` -1) or newer (+1) line of the history.
    mutating func browse(_ step: Int) {
        let target = historyIndex + step
        guard target >= 0, target <= history.count else { return }
        if historyIndex == history.count { typed = buffer }
        historyIndex = target
        buffer = target == history.count ? typed : Array(history[target])
        cursor = buffer.count
    }

    /// Tab: completes the word at the cursor to the candidates' common prefix, or lists them.
    mutating func completeWord(_ complete: LineEditor.Completer) {
        let (start, candidates) = complete(String(buffer), cursor)
        guard !candidates.isEmpty, start <= cursor else {
            output("\u{7}")
            return
        }
        let word = String(buffer[start..<cursor])
        var common = candidates[0]
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > word.count {
            buffer.replaceSubrange(start..<cursor, with: Array(common))
            cursor = start + common.count
        } else if candidates.count > 1 {
            let width = (candidates.map(\.count).max() ?? 0) + 2
            let perRow = max(1, (Editing.columns - 1) / width)
            var text = "\r\n"
            for (k, candidate) in candidates.enumerated() {
                text += candidate.padding(toLength: width, withPad: " ", startingAt: 0)
                if (k + 1) % perRow == 0 || k + 1 == candidates.count { text += "\r\n" }
            }
            output(text)
        }
    }

    /// A key while searching the history (Ctrl-R): typing refines the search,
    /// Ctrl-R finds an older match, Enter runs the match, Ctrl-G or Ctrl-C
    /// gives up, and any other key takes the match to edit it.
    mutating func searchKey(_ byte: UInt8) -> LineEditor.Input? {
        guard var state = search else { return nil }
        switch byte {
        case 18:
            state.match = find(state.query, before: state.match ?? history.count)
        case 127, 8:
            state.query = String(state.query.dropLast())
            state.match = find(state.query, before: history.count)
        case 7, 3:
            buffer = state.before
            cursor = buffer.count
            search = nil
            refresh()
            return nil
        case 0x20..<0x7F, 0xC0...0xF7:
            state.query += String(byte >= 0xC0 ? utf8(first: byte) : [Character(UnicodeScalar(byte))])
            state.match = find(state.query, before: (state.match ?? history.count) + 1)
        default:
            // Leave the search with its match in the line, then handle the key as usual.
            if let match = state.match { buffer = Array(history[match]) }
            cursor = buffer.count
            search = nil
            if byte == 13 || byte == 10 {
                output("\r\u{1B}[0K" + prompt + String(buffer) + "\r\n")
                return .line(String(buffer))
            }
            return key(byte, complete: { _, _ in (0, []) })
        }
        search = state
        let shown = state.match.map { history[$0] } ?? ""
        output("\r\u{1B}[0K(search '\(state.query)'\(state.match == nil && !state.query.isEmpty ? " not found" : "")): \(shown)")
        return nil
    }

    /// The newest history entry before `index` that contains `query`.
    func find(_ query: String, before index: Int) -> Int? {
        guard !query.isEmpty else { return nil }
        var k = min(index, history.count) - 1
        while k >= 0 {
            if history[k].contains(query) { return k }
            k -= 1
        }
        return nil
    }

    // MARK: The terminal

    /// Redraws the line: the prompt and the part of the line around the cursor that fits.
    ///
    /// The window is found by walking out from the cursor, one character at a
    /// time, only as far as the terminal is wide: a redraw costs O(columns)
    /// whatever the length of the line, so typing or pasting a line is linear.
    func refresh() {
        let promptWidth = Editing.width(prompt)
        let room = max(1, Editing.columns - promptWidth - 1)
        // The widest part of the line that ends at the cursor and fits.
        var left = cursor
        var before = 0
        while left > 0 {
            let width = Editing.width(buffer[left - 1])
            guard before + width <= room else { break }
            before += width
            left -= 1
        }
        var right = cursor
        var used = before
        while right < buffer.count {
            let width = Editing.width(buffer[right])
            guard used + width <= room else { break }
            used += width
            right += 1
        }
        let column = promptWidth + before
        output("\r" + prompt + String(buffer[left..<right]) + "\u{1B}[0K\r" + (column > 0 ? "\u{1B}[\(column)C" : ""))
    }

    static var columns: Int {
        let columns = Int(cahier_terminal_columns(1))
        return columns > 0 ? columns : 80
    }

    /// Columns taken on a terminal: two for East Asian wide characters and emoji, none for combining marks.
    static func width<S: Sequence>(_ characters: S) -> Int where S.Element == Character {
        characters.reduce(0) { $0 + width($1) }
    }

    /// The columns one character takes: 2 for East Asian wide characters and emoji, else 1
    /// (a combining mark is part of its character).
    static func width(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The rest of a UTF-8 sequence that starts with `first`.
    func utf8(first: UInt8) -> [Character] {
        let count = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : 1
        var bytes = [first]
        for _ in 0..<count {
            guard let byte = readByte() else { break }
            bytes.append(byte)
        }
        return Array(String(decoding: bytes, as: UTF8.self))
    }

    func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(0, &byte, 1)
            if count == 1 { return byte }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    func output(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
