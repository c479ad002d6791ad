/// "Did you mean" for an unknown name, with work bounded whatever the names:
/// names are compared only when both are short (``maximumLength``
/// characters) and their lengths differ by no more than the distance that
/// counts as close, and the edit distance is computed on a band around the
/// diagonal that stops as soon as a row is too far. One candidate costs at
/// most `(2 · limit + 1) · maximumLength` cells, so a notebook of huge names
/// costs nothing more than a notebook of short ones.
public enum NameSuggestions {
    /// Names longer than this, in characters, are neither suggested nor given suggestions:
    /// nobody mistypes a 65-character name by one letter.
    public static let maximumLength = 64

    /// The longest edit distance considered: a suggestion is at most 2 edits away.
    public static let maximumDistance = 2

    /// The characters of a name shown in a message before it is elided.
    public static let shownLength = 60

    /// The edit distance that counts as close for a name of `length` characters:
    /// 1 for names of up to 5 characters, else 2.
    static func limit(forLength length: Int) -> Int {
        min(maximumDistance, max(1, length / 3))
    }

    /// The names among `candidates` close to `name`, sorted. `cells` is
    /// increased by the number of edit-distance cells computed, so that tests
    /// can check the work is bounded.
    public static func close(to name: String, among candidates: [String], cells: inout Int) -> [String] {
        // A long name is not looked at: its UTF-8 length bounds its characters from above, in O(1) for native strings.
        guard name.utf8.count <= 4 * maximumLength else { return [] }
        let typed = Array(name)
        guard !typed.isEmpty, typed.count <= maximumLength else { return [] }
        let limit = limit(forLength: typed.count)
        var found: [String] = []
        for candidate in candidates where candidate.utf8.count <= 4 * maximumLength {
            let known = Array(candidate)
            guard known.count <= maximumLength, abs(known.count - typed.count) <= limit else { continue }
            if let distance = distance(known, typed, limit: limit, cells: &cells), distance < typed.count {
                found.append(candidate)
            }
        }
        return found.sorted()
    }

    /// The names among `candidates` close to `name`, sorted.
    public static func close(to name: String, among candidates: [String]) -> [String] {
        var cells = 0
        return close(to: name, among: candidates, cells: &cells)
    }

    /// The Levenshtein distance between `a` and `b` by characters when it is
    /// at most `limit`, else nil. Only cells with `|i - j| ≤ limit` are
    /// computed (a path outside that band costs more than `limit`), and the
    /// computation stops at the first row whose cells all exceed `limit`.
    public static func distance(_ a: [Character], _ b: [Character], limit: Int, cells: inout Int) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // Every value is capped at `far`: anything beyond the limit is just "too far".
        let far = limit + 1
        var previous = (0...b.count).map { min($0, far) }
        var current = Array(repeating: far, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[low - 1] = low == 1 ? min(i, far) : far
            var smallest = current[low - 1]
            if low <= high {
                for j in low...high {
                    cells += 1
                    let replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    current[j] = min(previous[j] + 1, current[j - 1] + 1, replace, far)
                    smallest = min(smallest, current[j])
                }
            }
            if high < b.count { current[high + 1] = far }
            guard smallest <= limit else { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// `name` as a message shows it: whole when short, else its first
    /// ``shownLength`` characters and how many were left out, so that an error
    /// about a huge name stays one readable line.
    public static func shown(_ name: String) -> String {
        // The UTF-8 length bounds the character count from above, so a short name is not counted at all.
        guard name.utf8.count > shownLength else { return name }
        var end = name.startIndex
        var taken = 0
        while taken < shownLength, end < name.endIndex {
            end = name.index(after: end)
            taken += 1
        }
        guard end < name.endIndex else { return name }
        let rest = name[end...].count
        return String(name[..<end]) + "… (\(rest) more characters)"
    }
}
