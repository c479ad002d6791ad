extension RandomNumberGenerator {
    /// A uniform integer in `0..<bound` by Lemire's multiply-shift with rejection,
    /// so every platform draws the same values from the same generator state.
    public mutating func nextIndex(below bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A random order of `0..<count`: Fisher–Yates, swapping position i with a
    /// uniform position in `0...i`, from the last position down.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        // On a buffer of Ints, so that the loop is compiled for Int whatever the
        // generator: code generic over an array's element type looked up type
        // metadata at every swap (50 ns a swap, 5 % of training an MLP).
        order.withUnsafeMutableBufferPointer { order in
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, nextIndex(below: i + 1))
            }
        }
        return order
    }

    /// Shuffles `values` in place by Fisher–Yates: the same swaps as
    /// ``permutation(_:)``, so `values` ends in the order it gives.
    public mutating func shuffle<T>(_ values: inout [T]) {
        let order = permutation(values.count)
        values = order.map { values[$0] }
    }
}
