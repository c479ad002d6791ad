// The learning workloads of benchmarks/README.md, timed in-process.
// Usage: cahier-bench [DATA_DIR] [--repeat N] [--only NAME] [--widths 128,256,512,1024]
//        (--widths: only the digits MLP of 5b, at each of these hidden widths, named 5w-mlp-<width>)
//        cahier-bench --gemm [--repeat N]   (the GFLOP/s of a 1000×1000 matrix product, the physical limit on the spot)
//        cahier-bench --notebook FILE [--repeat N]   (runs a notebook's commands, parsed once)
// Prints one JSON object per workload: name, median and minimum seconds, and its result (accuracy, loss).
import CahierKit
import CahierLearning
import Foundation

/// Times running a notebook (parsed once) `repeats` times; checks that every command passes.
func timeNotebook(_ path: String, repeats: Int) throws {
    let notebook = try NotebookParser.load(path: path)
    var times: [Double] = []
    var failed = 0
    var tapePeak = 0
    for _ in 0..<max(repeats, 1) {
        let start = DispatchTime.now().uptimeNanoseconds
        let run = NotebookRun(notebook)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        failed = run.commands.filter { !$0.passed }.count
        tapePeak = run.tapePeak
    }
    let sorted = times.sorted()
    print("{\"name\": \"\((path as NSString).lastPathComponent)\", \"seconds\": \(sorted[sorted.count / 2]), \"min\": \(sorted[0]), \"failed\": \(failed), \"tapePeakNumbers\": \(tapePeak)}")
}

/// The standardised digits, split 80/20 with the seeded generator.
struct Digits {
    var train: (x: Tensor, y: Tensor)
    var test: (x: Tensor, y: Tensor)
    var generator: Xoshiro256

    init(_ directory: String) throws {
        let (images, labels) = try DataFile.digits(directory + "/digits.csv")
        generator = Xoshiro256(seed: 42)
        let parts = try StandardizedSplit(x: images, y: labels, testFraction: 0.2, using: &generator)
        train = parts.train
        test = parts.test
    }
}

struct Workloads {
    let directory: String
    let digits: Digits

    /// 1. Tokenize, build the vocabulary, encode, 200 full-batch steps of logistic regression.
    func spam() throws -> [String: Double] {
        let (texts, labels) = try DataFile.spam(directory + "/spam.tsv")
        var generator = Xoshiro256(seed: 42)
        let split = try TrainTestSplit(count: texts.count, testFraction: 0.2, stratifyBy: labels, using: &generator)
        // Each text's words as ids into one lexicon, as `tokenize` gives them to a notebook.
        let documents = Tokenizer().tokenLists(texts)
        let vocabulary = Vocabulary(tokenLists: split.train.map { documents[$0] })
        let x = vocabulary.encode(tokenLists: documents)
        let model = try LogisticRegression(features: vocabulary.count)
        _ = try model.fit(.sparse(try x.rows(at: split.train)), try labels.rows(at: split.train), optimizer: try SGD(rate: 0.5),
                          options: TrainingOptions(epochs: 200), using: &generator)
        let accuracy = try Metrics.accuracy(try model.predict(.sparse(try x.rows(at: split.test))), try labels.rows(at: split.test))
        return ["accuracy": accuracy, "vocabulary": Double(vocabulary.count)]
    }

    /// 2. The perceptron on five gates, online rule, w = 0, rate 1, up to 100 epochs.
    func perceptrons() throws -> [String: Double] {
        var epochs: [String: Double] = [:]
        for function in [BooleanFunction.and, .or, .nand, .not, .xor] {
            let p = try Perceptron(features: function.inputs.shape[1])
            epochs[function.rawValue] = Double(try p.fit(function.inputs, function.labels, rate: 1, epochs: 100).epochs)
        }
        return epochs
    }

    /// 3. Logistic regression on randn(100, 10), 1,000 full-batch steps, rate 0.1.
    func logistic() throws -> [String: Double] {
        var generator = Xoshiro256(seed: 0)
        let x = try Tensor.normal(shape: [100, 10], using: &generator)
        let y = try x.matmul(Tensor(vector: (0..<10).map { Double($0 % 3) - 1 })).map { $0 > 0 ? 1 : 0 }
        let model = try LogisticRegression(features: 10)
        let history = try model.fit(.dense(x), y, optimizer: try SGD(rate: 0.1), options: TrainingOptions(epochs: 1000), using: &generator)
        return ["loss": history.losses.last!, "accuracy": history.accuracies.last!]
    }

    /// 4. MLP 2-4-1 (tanh, sigmoid) on XOR, binary cross-entropy, 5,000 full-batch steps, rate 0.5.
    func xorMLP() throws -> [String: Double] {
        var generator = Xoshiro256(seed: 1)
        let model = try Sequential.mlp(sizes: [2, 4, 1], activation: .tanh, output: .sigmoid, using: &generator)
        let optimizer = try SGD(rate: 0.5)
        let history = try model.fit(BooleanFunction.xor.inputs, try BooleanFunction.xor.labels.reshaped([4, 1]), loss: .binaryCrossEntropy,
                                    optimizer: optimizer, options: TrainingOptions(epochs: 5000), using: &generator)
        return ["loss": history.losses.last!, "accuracy": history.accuracies.last!]
    }

    /// 5a. Softmax regression on the standardised digits, 500 full-batch steps, rate 0.5.
    func digitsSoftmax() throws -> [String: Double] {
        var generator = digits.generator
        let model = try SoftmaxRegression(features: 64, classes: 10)
        _ = try model.fit(.dense(digits.train.x), digits.train.y, optimizer: try SGD(rate: 0.5), options: TrainingOptions(epochs: 500), using: &generator)
        return ["accuracy": try Metrics.accuracy(try model.predict(.dense(digits.test.x)), digits.test.y)]
    }

    /// 5b. MLP 64-128-10 with ReLU, SGD rate 0.05, batch 32, 30 epochs.
    func digitsMLP() throws -> [String: Double] {
        try digitsMLP(width: 128)
    }

    /// 5b's MLP with `width` hidden units (64-width-10), the rest as 5b.
    func digitsMLP(width: Int) throws -> [String: Double] {
        var generator = digits.generator
        let model = try Sequential.mlp(sizes: [64, width, 10], activation: .relu, using: &generator)
        let optimizer = try SGD(rate: 0.05)
        _ = try model.fit(digits.train.x, digits.train.y, loss: .crossEntropy(), optimizer: optimizer,
                          options: TrainingOptions(epochs: 30, batchSize: 32), using: &generator)
        return ["accuracy": try Metrics.accuracy(try model(digits.test.x).argmax(axis: 1), digits.test.y)]
    }

    var all: [(name: String, run: () throws -> [String: Double])] {
        [("1-spam-logistic", spam), ("2-perceptron-gates", perceptrons), ("3-logistic-randn", logistic),
         ("4-xor-mlp", xorMLP), ("5a-digits-softmax", digitsSoftmax), ("5b-digits-mlp", digitsMLP)]
    }
}

func main() throws {
    var directory = "notebooks/data"
    var repeats = 5
    var only: String?
    var notebook: String?
    var gemm = false
    var widths: [Int] = []
    var remaining = CommandLine.arguments.dropFirst()
    while let argument = remaining.popFirst() {
        switch argument {
        case "--repeat": repeats = remaining.popFirst().flatMap { Int($0) } ?? repeats
        case "--only": only = remaining.popFirst()
        case "--notebook": notebook = remaining.popFirst()
        case "--gemm": gemm = true
        case "--widths": widths = (remaining.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        default: directory = argument
        }
    }
    if let notebook {
        try timeNotebook(notebook, repeats: repeats)
        return
    }
    if gemm {
        // The fastest of `repeats` products of two 1000×1000 matrices: 2·10⁹ floating-point operations each.
        var generator = Xoshiro256(seed: 1)
        let a = try Tensor.uniform(shape: [1000, 1000], using: &generator), b = try Tensor.uniform(shape: [1000, 1000], using: &generator)
        var best = Double.infinity
        for _ in 0..<max(repeats, 3) {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try a.matmul(b)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        print("{\"name\": \"gemm\", \"seconds\": \(best), \"gflops\": \(2e9 / best / 1e9), \"kernel\": \"\(BLAS.library.kernel)\"}")
        return
    }
    let workloads = Workloads(directory: directory, digits: try Digits(directory))
    let chosen = widths.isEmpty ? workloads.all
        : widths.map { width in (name: "5w-mlp-\(width)", run: { try workloads.digitsMLP(width: width) }) }
    for (name, run) in chosen where only == nil || name == only {
        var times: [Double] = []
        var result: [String: Double] = [:]
        for _ in 0..<max(repeats, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            result = try run()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let median = times.sorted()[times.count / 2]
        let fields = result.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        print("{\"name\": \"\(name)\", \"seconds\": \(median), \(fields)}")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("cahier-bench: \(error)\n".utf8))
    exit(2)
}
