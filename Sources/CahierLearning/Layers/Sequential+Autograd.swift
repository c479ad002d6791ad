extension Linear {
    /// x·Wᵀ + b on a variable: one recorded operation whose backward computes
    /// the very gradients ``accumulateGradients(_:l2:)`` and
    /// ``inputGradient(_:)`` compute, so training by autograd and by `fit` agree
    /// to the bit. The input is kept, as ``forward(_:)`` keeps it.
    public func forward(_ x: Variable, tape: Tape?) throws -> Variable {
        let input = x.value
        let out = try forward(input)
        let (w, b) = (Variable(weight), Variable(bias))
        let weightValue = weight.value
        let (outputs, inputs) = (self.outputs, self.inputs)
        let inputGradient = x.requiresGradient
        return try Variable(out, inputs: [x, w, b], saved: input.count, tape: tape) { g in
            var gw = [Double](repeating: 0, count: outputs * inputs)
            Tensor.gemm(g.scalars, transposeA: true, input.scalars, transposeB: false, n: outputs, k: input.shape[0], m: inputs, into: &gw, beta: 1)
            var gb = [Double](repeating: 0, count: outputs)
            g.addRows(into: &gb)
            let gx = inputGradient ? try g.matmul(weightValue) : nil
            return [gx, Tensor(uncheckedShape: [outputs, inputs], scalars: gw), Tensor(vector: gb)]
        }
    }
}

extension Sequential {
    /// The network's output on a variable, recorded for autograd; every layer
    /// also keeps its input, as ``forward(_:)`` does, so `backward(_:)` by hand
    /// works after it too.
    public func forward(_ x: Variable, tape: Tape?) throws -> Variable {
        var h = x
        for i in layers.indices {
            switch layers[i] {
            case .linear(let linear):
                h = try linear.forward(h, tape: tape)
            case .activation(let f, _):
                layers[i] = .activation(f, input: h.value)
                h = try h.activation(f, tape: tape)
            }
        }
        return h
    }
}
