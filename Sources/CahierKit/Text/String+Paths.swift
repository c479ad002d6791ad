import Foundation

extension String {
    /// The path without its last component, as `NSString.deletingLastPathComponent`
    /// gives it (`a/b.md` → `a`, `b.md` → ``), but for `.`, on which Foundation
    /// traps: its parent here is `` like any one-component path's.
    public var parentPath: String {
        self == "." ? "" : (self as NSString).deletingLastPathComponent
    }
}
