import Foundation

/// How commands are lowered to closures: with the interpreter's
/// specialisations (``Compiler/specialisations``), or plainly, one closure per
/// node with the language's meaning and charges.
///
/// The two must give the same outputs, errors and work charges; the plain
/// lowering is the witness that the specialisations keep the language's
/// rules (CI runs the course, the docs, the fixtures and random programs both
/// ways). The choice is made when a command is lowered, never while it runs.
public enum Lowering: Sendable, Hashable {
    case specialised
    case plain

    /// `plain` when the environment variable `CAHIER_PLAIN` is `1`, otherwise
    /// `specialised`; read once, the first time it is asked for.
    public static let fromEnvironment: Lowering = ProcessInfo.processInfo.environment["CAHIER_PLAIN"] == "1" ? .plain : .specialised
}
