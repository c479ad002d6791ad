import CahierKit
import Testing

/// `x op= v` changes x in place and keeps its shape, as NumPy's in-place
/// operators do: a value that would broadcast x to another shape (a
/// transposed gradient) is an error naming both shapes, and x stays as it was.
@Suite("Updates in place")
struct InPlaceUpdateTests {
    @Test("an update that would change a tensor's shape is refused, naming the shapes, and leaves the tensor as it was")
    func refused() throws {
        // [[1, 2]] - 0.5 · [[1], [2]] broadcasts to [[0.5, 1.5], [0, 1]]: shape [2, 2], not W's [1, 2].
        let out = try Support.outputs(["var W = [[1, 2]]", "W -= 0.5 * [[1], [2]]", "W"])
        #expect(out[1] == ["error: -=: the value of shape [2, 1] would change the shape [1, 2] to [2, 2]; an update in place keeps its shape (write x = x - v to make a new value)"])
        #expect(out[2] == ["[[1, 2]]"])
    }

    @Test("inside a function and a loop the same error stops the call, at the update's place")
    func insideFunctions() throws {
        let out = try Support.outputs([
            "func nudge(_ w: Tensor, _ g: Tensor) -> Tensor {\n|   var v = w\n|   for i in 0..<2 { v -= g }\n|   return v\n| }",
            "nudge([[1, 2]], [[1], [2]])",
            "nudge([[1, 2]], [[1, 1]])",
        ])
        #expect(out[1].first == "error: -=: the value of shape [2, 1] would change the shape [1, 2] to [2, 2]; an update in place keeps its shape (write x = x - v to make a new value)")
        // "  for i in 0..<2 { v -= g }": the operator -= is at column 22 of the function's third line.
        #expect(out[1].contains("  at line 3, column 22 of nudge(_:_:)"), "\(out[1])")
        // Two steps of [[1, 1]] from [[1, 2]]: [[-1, 0]].
        #expect(out[2] == ["[[-1, 0]]"])
    }

    @Test("a number may become a tensor, and updates of the same shape or by a number go on as before")
    func allowed() throws {
        let out = try Support.outputs(["var total = 0", "total += [1, 2]", "total += [3, 4]", "total", "var v = [1, 2]", "v *= 2", "v += [[1, 1]][0]", "v"])
        #expect(out[3] == ["[4, 6]"])
        #expect(out[7] == ["[3, 5]"])
    }

    @Test("the error is at the operator in a loop of the command too, and a parameter's update names the value's shape")
    func atTheOperator() throws {
        let out = try Support.outputs([
            "var V = [[1, 2]]", "for i in 0..<1 {\n|   V  += [[1], [2]]\n| }",
            "let W = param([[1, 2]])", "noGrad { W -= 0.5 * [[1], [2]] }", "W.value",
        ])
        // "  V  += [[1], [2]]": V at 3, += at 6.
        #expect(out[1] == ["error: +=: the value of shape [2, 1] would change the shape [1, 2] to [2, 2]; an update in place keeps its shape (write x = x + v to make a new value)",
                           "  at line 2, column 6 of this command"])
        #expect(out[3] == ["error: -=: the value of shape [2, 1] would change the shape [1, 2] to [2, 2]; a parameter keeps its shape (an update in place never changes it)"])
        #expect(out[4] == ["[[1, 2]]"])
    }
}
