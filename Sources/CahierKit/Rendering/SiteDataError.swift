/// A data file that the site cannot publish.
public struct SiteDataError: Error, Sendable, CustomStringConvertible {
    /// The data file (or folder).
    public var path: String
    /// What is wrong, in one sentence.
    public var message: String

    /// `path:1:1: error: message`, as every diagnostic reads.
    public var description: String { "\(path):1:1: error: \(message)" }
}
