/// Why a command block cannot be read at all, before any of its commands is
/// parsed: worded from the catalogues (`block.*`) in the notebook's language,
/// so that a student whose answer block is malformed reads why in the
/// sheet's language.
public enum BlockProblem: String, Sendable, Hashable, CaseIterable {
    /// The opening fence has no closing fence.
    case neverClosed = "never-closed"
    /// A line's container prefix (list, block quote) cannot be kept when outputs are written.
    case prefix
    /// The block's first line that is not blank does not start a command.
    case noCommand = "no-command"

    /// The words for a person, in `language`.
    public func message(in language: Language) -> String {
        language.text("block." + rawValue)
    }
}
