/// The boolean functions of the course, as truth tables with inputs and labels in {0, 1}.
public enum BooleanFunction: String, Sendable, CaseIterable {
    case and, or, nand, nor, xor, not

    /// The inputs, one row per line of the truth table: (0,0), (0,1), (1,0), (1,1),
    /// or (0), (1) for NOT.
    ///
    /// Shape: `[4, 2]`, or `[2, 1]` for NOT.
    public var inputs: Tensor {
        self == .not
            ? Tensor(uncheckedShape: [2, 1], scalars: [0, 1])
            : Tensor(uncheckedShape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1])
    }

    /// The function's value on each row of ``inputs``. Shape: `[4]`, or `[2]` for NOT.
    public var labels: Tensor {
        switch self {
        case .and: return Tensor(vector: [0, 0, 0, 1])
        case .or: return Tensor(vector: [0, 1, 1, 1])
        case .nand: return Tensor(vector: [1, 1, 1, 0])
        case .nor: return Tensor(vector: [1, 0, 0, 0])
        case .xor: return Tensor(vector: [0, 1, 1, 0])
        case .not: return Tensor(vector: [1, 0])
        }
    }
}
