import CahierLearning

/// A value of the command language.
public enum Value: Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case tensor(Tensor)
    /// An array whose elements are not all numbers (strings, mixed values).
    case list([Value])
    /// The value of a command that shows nothing (`print`, `expect`).
    case void

    /// The name of the value's type, as messages and the reference use it.
    public var typeName: String {
        switch self {
        case .number: return "Number"
        case .bool: return "Bool"
        case .string: return "String"
        case .tensor: return "Tensor"
        case .list: return "List"
        case .void: return "Void"
        }
    }
}

/// A failure while running a command. Its message becomes the command's
/// output `error: …`, and the notebook goes on.
public struct RuntimeError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension RuntimeError {
    init(_ error: TensorError) { self.init(error.description) }
}
