import CahierLearning
import Testing

@Suite("Tensors")
struct TensorTests {
    @Test("broadcasts shapes NumPy's way, and refuses shapes that do not fit", arguments: [
        ([2, 3], [3], [2, 3] as [Int]?), ([4, 1], [1, 5], [4, 5]), ([2, 1, 3], [4, 1], [2, 4, 3]), ([], [2, 2], [2, 2]),
        ([2, 3], [2], nil), ([3, 2], [2, 3], nil),
    ])
    func broadcast(a: [Int], b: [Int], expected: [Int]?) {
        #expect(Tensor.broadcastShape(a, b) == expected)
    }

    @Test("adds along broadcast axes, element by element")
    func broadcastValues() throws {
        // By hand: [[0], [10]] + [1, 2, 3] = [[1, 2, 3], [11, 12, 13]].
        let a = try Tensor(shape: [2, 1], scalars: [0, 10])
        #expect(try a.adding(Tensor(vector: [1, 2, 3])).scalars == [1, 2, 3, 11, 12, 13])
    }

    @Test("products agree with the definition, transposed forms included")
    func products() throws {
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        // By hand: [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12] = [58, 64; 139, 154].
        #expect(try a.matmul(b).scalars == [58, 64, 139, 154])
        #expect(try a.transposed().transposedMatmul(b).scalars == [58, 64, 139, 154])
        #expect(try a.matmulTransposed(b.transposed()).scalars == [58, 64, 139, 154])
        #expect(throws: TensorError.self) { try a.matmul(a) }
    }

    @Test("reshapes, transposes, slices, gathers, concatenates and stacks")
    func shapes() throws {
        let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(try t.reshaped([3, -1]).shape == [3, 2])
        #expect(throws: TensorError.self) { try t.reshaped([4, -1]) }
        #expect(t.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(try t.slice(at: -1).scalars == [4, 5, 6])
        #expect(try t.rows(at: [1, 0, 1]).scalars == [4, 5, 6, 1, 2, 3, 4, 5, 6])
        #expect(try Tensor.concatenate([t, t]).shape == [4, 3])
        #expect(try Tensor.stack([t, t]).shape == [2, 2, 3])
        #expect(throws: TensorError.self) { try Tensor.concatenate([t, t.transposed()]) }
        #expect(try t.element(at: [1, 2]) == 6)
        #expect(throws: TensorError.self) { try t.element(at: [2, 0]) }
    }

    @Test("reduces along axes; an empty tensor has no max")
    func reductions() throws {
        let t = try Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try t.sum(axis: 1).scalars == [4, 6, 12, 14])
        #expect(try t.mean(axis: -1).scalars == [1.5, 3.5, 5.5, 7.5])
        #expect(try Tensor(vector: [1, .nan, 3]).max().scalars[0].isNaN)
        #expect(try Tensor(vector: [2, 7, 7]).argmax().scalars == [1])
        #expect(throws: TensorError.self) { try Tensor(vector: []).max() }
        #expect(try Tensor(vector: []).sum().scalars == [0])
    }

    @Test("sparse rows multiply like the dense matrix they stand for, repeated columns adding up")
    func sparse() throws {
        let m = try SparseMatrix(rows: [[(2, 1), (0, 2), (2, 3)], [], [(1, -1)]], columns: 3)
        #expect(m.dense().scalars == [2, 0, 4, 0, 0, 0, 0, -1, 0])
        let w = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(try m.matmulTransposed(w).scalars == m.dense().matmulTransposed(w).scalars)
        let g = try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        #expect(try m.transposedGradient(g).scalars == g.transposedMatmul(m.dense()).scalars)
        #expect(throws: TensorError.self) { try SparseMatrix(rows: [[(3, 1)]], columns: 3) }
    }
}

@Suite("Models")
struct ModelTests {
    @Test("the perceptron learns with labels −1/+1 and with the batch rule")
    func perceptronVariants() throws {
        let x = BooleanFunction.or.inputs
        let signed = try Perceptron(features: 2, labels: .signed)
        let t1 = try signed.fit(x, BooleanFunction.or.labels.map { $0 == 1 ? 1 : -1 }, rate: 1, epochs: 50)
        #expect(t1.converged)
        #expect(try signed.predict(x).scalars == [-1, 1, 1, 1])
        let batch = try Perceptron(features: 2)
        let t2 = try batch.fit(x, BooleanFunction.or.labels, rate: 1, epochs: 50, rule: .batch)
        #expect(t2.converged)
        #expect(try batch.predict(x).scalars == BooleanFunction.or.labels.scalars)
        #expect(throws: TrainingError.self) { try batch.fit(x, Tensor(vector: [0, 2, 1, 1]), rate: 1, epochs: 1) }
    }

    @Test("training reports every epoch to the progress callback, and the history holds them")
    func progress() throws {
        var generator = Xoshiro256(seed: 1)
        let model = try Sequential.mlp(sizes: [2, 3, 1], activation: .tanh, output: .sigmoid, using: &generator)
        let optimizer = try SGD(rate: 0.1)
        nonisolated(unsafe) var seen: [Int] = []
        let history = try model.fit(BooleanFunction.and.inputs, try BooleanFunction.and.labels.reshaped([4, 1]), loss: .binaryCrossEntropy,
                                    optimizer: optimizer, options: TrainingOptions(epochs: 5, batchSize: 2), using: &generator) { seen.append($0.epoch) }
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(history.epochs.map(\.epoch) == [1, 2, 3, 4, 5])
        #expect(history.losses.allSatisfy { $0.isFinite && $0 > 0 })
    }

    @Test("standardisation divides a constant column by 1, and a split without strata still covers everything")
    func dataEdges() throws {
        let x = try Tensor(shape: [3, 2], scalars: [1, 5, 2, 5, 3, 5])
        let s = try Standardizer(fitting: x)
        #expect(s.std.scalars[1] == 1)
        #expect(try s(x).scalars.enumerated().filter { $0.offset % 2 == 1 }.map(\.element) == [0, 0, 0])
        var g = Xoshiro256(seed: 3)
        let split = try TrainTestSplit(count: 10, testFraction: 0.3, using: &g)
        #expect(split.test.count == 3 && Set(split.train + split.test) == Set(0..<10))
    }
}

@Suite("Element-wise fast paths")
struct ElementwiseFastPathTests {
    @Test("combined(_:_:) and combined(_:number:numberFirst:) give zipWith's bits, signed zeros, infinities and NaNs included")
    func sameBitsAsZipWith() throws {
        var generator = Xoshiro256(seed: 3)
        let special: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        func draw() -> Double {
            generator.next() % 4 == 0 ? special[Int(generator.next() % UInt64(special.count))] : Double(bitPattern: generator.next())
        }
        let operators: [(Arithmetic, (Double, Double) -> Double)] = [(.add, +), (.subtract, -), (.multiply, *), (.divide, /)]
        for count in [0, 1, 3, 8, 33] {
            let a = Tensor(vector: (0..<count).map { _ in draw() })
            let b = Tensor(vector: (0..<count).map { _ in draw() })
            let y = draw()
            for (op, combine) in operators {
                #expect(a.combined(op, b).scalars.map(\.bitPattern) == (try a.zipWith(b, operation: "op", combine)).scalars.map(\.bitPattern))
                #expect(a.combined(op, number: y, numberFirst: false).scalars.map(\.bitPattern) == (try a.zipWith(Tensor(scalar: y), operation: "op", combine)).scalars.map(\.bitPattern))
                #expect(a.combined(op, number: y, numberFirst: true).scalars.map(\.bitPattern) == (try Tensor(scalar: y).zipWith(a, operation: "op", combine)).scalars.map(\.bitPattern))
                #expect(a.combined(op, b).shape == a.shape)
            }
        }
    }
}
