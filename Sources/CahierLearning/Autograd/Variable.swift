/// A tensor that reverse-mode automatic differentiation follows: a leaf that
/// stands for a ``Parameter`` (whose gradient ``backward(seed:)`` fills), or
/// the result of an operation on variables, which records how to pass a
/// gradient back to its inputs (the tape).
///
/// Gradients accumulate in the parameters, as in PyTorch, until
/// ``Parameter/zeroGrad()``. Not safe to share between threads.
public final class Variable: @unchecked Sendable {
    /// The value computed.
    public let value: Tensor
    /// For a leaf: the parameter it stands for.
    public let parameter: Parameter?
    /// For the result of an operation: how to pass its gradient back.
    private(set) var node: Node?
    /// The tape that counts the operation that made this variable, if any.
    public let tape: Tape?

    /// A leaf standing for `parameter`, with its current value; operations on
    /// it count what they keep on `tape`.
    public init(_ parameter: Parameter, tape: Tape? = nil) {
        self.value = parameter.value
        self.parameter = parameter
        self.node = nil
        self.tape = tape
    }

    /// A constant: no gradient flows to it.
    public init(constant value: Tensor, tape: Tape? = nil) {
        self.value = value
        self.parameter = nil
        self.node = nil
        self.tape = tape
    }

    /// The result of an operation on `inputs`: `backward` gets the gradient of
    /// the output and returns one for each input (nil where none flows), shaped
    /// like the input. `saved` is the number of elements the node keeps alive,
    /// counted against `tape`.
    public init(_ value: Tensor, inputs: [Variable], saved: Int = 0, tape: Tape?, backward: @escaping (Tensor) throws -> [Tensor?]) throws {
        self.value = value
        self.parameter = nil
        self.tape = tape
        self.node = try Node(inputs: inputs, elements: value.count + saved, tape: tape, backward: backward)
    }

    /// The value as a plain tensor, cut from the computation (PyTorch's `detach`).
    public var detached: Tensor { value }

    /// Backpropagation from this variable: the gradient of it with respect to
    /// every parameter it was computed from is added to that parameter's
    /// `grad`. `seed` is the gradient of the final quantity with respect to
    /// this one; it may be left out only when this is a single number (then 1),
    /// as in PyTorch. The recorded operations are kept: a second call adds
    /// the same gradients again (PyTorch needs `retain_graph=True` for that).
    /// `charge` is told the elements each operation's backward handles, before it runs.
    public func backward(seed: Tensor? = nil, charge: ((Int) throws -> Void)? = nil) throws {
        let start: Tensor
        if let seed {
            guard seed.shape == value.shape else {
                throw TensorError.invalid("backward: the seed gradient has shape \(Tensor.describe(seed.shape)), the value \(Tensor.describe(value.shape))")
            }
            start = seed
        } else {
            guard value.count == 1 else {
                throw TensorError.invalid("backward() of a tensor of shape \(Tensor.describe(value.shape)) needs a seed gradient of its shape; only a single number can start from 1 (as in PyTorch)")
            }
            start = Tensor(uncheckedShape: value.shape, scalars: [1])
        }
        // The variables in an order where each comes after every variable computed from it.
        let order = topologicalOrder()
        var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): start]
        for variable in order {
            guard let gradient = gradients.removeValue(forKey: ObjectIdentifier(variable)) else { continue }
            if let parameter = variable.parameter {
                try parameter.accumulate(gradient)
                continue
            }
            guard let node = variable.node else { continue }
            try charge?(node.elements)
            let inputs = try node.backward(gradient)
            for (input, inputGradient) in zip(node.inputs, inputs) {
                guard let inputGradient, input.requiresGradient else { continue }
                let key = ObjectIdentifier(input)
                if let existing = gradients[key] {
                    gradients[key] = try existing.adding(inputGradient)
                } else {
                    gradients[key] = inputGradient
                }
            }
        }
    }

    /// Whether a gradient flows to this variable: a leaf of a parameter, or a
    /// result computed from one.
    public var requiresGradient: Bool { parameter != nil || node?.requiresGradient == true }

    /// Releases the operations this variable was computed from without
    /// recursion: a chain of a million operations must not exhaust the stack.
    /// Each node is taken apart only when nothing else refers to its inputs.
    deinit {
        guard let first = node else { return }
        node = nil
        var pending = [first]
        while let next = pending.popLast() {
            var inputs = next.takeInputs()
            while var input = inputs.popLast() {
                if isKnownUniquelyReferenced(&input), let inner = input.node {
                    input.node = nil
                    pending.append(inner)
                }
            }
        }
    }

    /// Depth-first, without recursion (a long chain of operations must not exhaust the stack).
    private func topologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited: Set<ObjectIdentifier> = []
        var stack: [(Variable, expanded: Bool)] = [(self, false)]
        while let (variable, expanded) = stack.popLast() {
            if expanded { order.append(variable); continue }
            guard visited.insert(ObjectIdentifier(variable)).inserted else { continue }
            stack.append((variable, true))
            for input in variable.node?.inputs ?? [] where input.requiresGradient && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order.reversed()
    }
}

/// How the result of an operation passes its gradient back to its inputs.
final class Node {
    private(set) var inputs: [Variable]
    let backward: (Tensor) throws -> [Tensor?]
    let requiresGradient: Bool
    /// The elements the node keeps alive: its value and what its backward needs.
    let elements: Int
    private let tape: Tape?

    init(inputs: [Variable], elements: Int, tape: Tape?, backward: @escaping (Tensor) throws -> [Tensor?]) throws {
        // Held before the node is whole: a refused node is never deinitialised, so never released.
        try tape?.hold(elements + Tape.operationCost)
        self.inputs = inputs
        self.backward = backward
        self.requiresGradient = inputs.contains { $0.requiresGradient }
        self.elements = elements
        self.tape = tape
    }

    /// The inputs, handed over when the node is taken apart.
    func takeInputs() -> [Variable] {
        defer { inputs = [] }
        return inputs
    }

    deinit { tape?.release(elements + Tape.operationCost) }
}

/// The elements the recorded operations keep alive, against a limit: a
/// computation that would keep more stops with an error. Operations are
/// released when nothing refers to their results any more.
public final class Tape: @unchecked Sendable {
    public private(set) var live = 0
    /// The most elements held at once.
    public private(set) var peak = 0
    public let limit: Int
    /// What one recorded operation costs besides its numbers, in numbers: its node, its
    /// closure and its result's variable take about 500 bytes, as much as 64 numbers, so a
    /// chain of operations on one number is held to the limit by its length.
    public static let operationCost = 64

    public init(limit: Int) {
        self.limit = limit
    }

    func hold(_ elements: Int) throws {
        guard live + elements <= limit else {
            throw TensorError.invalid("the recorded operations would hold \(live + elements) numbers, over the limit of \(limit); record less (noGrad { … }) or use smaller tensors")
        }
        live += elements
        peak = Swift.max(peak, live)
    }

    func release(_ elements: Int) { live -= elements }
}

extension Parameter {
    /// Adds `gradient` (summed down to the parameter's shape when it was broadcast) to `grad`.
    func accumulate(_ gradient: Tensor) throws {
        let reduced = try gradient.summed(toShape: value.shape)
        guard reduced.shape == grad.shape else { throw TensorError.shapeMismatch(operation: "gradient", reduced.shape, grad.shape) }
        reduced.scalars.withUnsafeBufferPointer { r in
            grad.scalars.withUnsafeMutableBufferPointer { g in
                for i in g.indices { g[i] += r[i] }
            }
        }
    }
}

extension Tensor {
    /// The gradient of a broadcast operand: summed over the axes broadcasting added or stretched.
    ///
    /// Shape: `shape`.
    public func summed(toShape target: [Int]) throws -> Tensor {
        if shape == target { return self }
        var result = self
        while result.rank > target.count { result = try result.sum(axis: 0) }
        for axis in 0..<target.count where target[axis] == 1 && result.shape[axis] != 1 {
            result = try result.sum(axis: axis).reshaped(Array(result.shape[..<axis]) + [1] + Array(result.shape[(axis + 1)...]))
        }
        guard result.shape == target else { throw TensorError.shapeMismatch(operation: "gradient", shape, target) }
        return result
    }
}
