extension Tensor {
    /// A tensor of uniform values in [0, 1), drawn in row-major order.
    public static func uniform(shape: [Int], using generator: inout some RandomNumberGenerator) throws -> Tensor {
        var t = try Tensor(repeating: 0, shape: shape)
        for i in t.scalars.indices { t.scalars[i] = generator.nextUniform() }
        return t
    }

    /// A tensor of standard normal values (``RandomNumberGenerator/nextNormal()``), drawn in row-major order.
    public static func normal(shape: [Int], using generator: inout some RandomNumberGenerator) throws -> Tensor {
        var t = try Tensor(repeating: 0, shape: shape)
        for i in t.scalars.indices { t.scalars[i] = generator.nextNormal() }
        return t
    }
}
