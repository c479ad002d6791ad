/// A command that asked a builtin, a method or the language for something it
/// does not do, as data: a value of the wrong kind or out of its domain, a
/// member the value does not have, a name that cannot be bound, a file that
/// cannot be read. Its words come from the catalogues (`misuse.*`) in the
/// notebook's language (``Misuse/message(in:)``); checking and grading read
/// the case and its values, never the words.
public enum Misuse: Sendable, Hashable, Codable {
    // MARK: A value of another kind than asked

    /// `subject` must be `expected` and is not: "sum: argument 'x' must be a Number, got a String".
    case notA(Subject, Expected, got: Got?)
    /// `subject`, a List, must be `expected` but holds an item of type `holds`.
    case listHolds(Subject, Expected, holds: String)
    /// `subject` must hold `expected` and holds an item of another type.
    case mustHold(Subject, Expected, got: Got)
    /// The data set `subject` has not as many inputs as labels.
    case inputsAndLabels(Subject, inputs: Int, labels: Int)

    // MARK: An argument out of its domain

    /// `subject` must be at least `minimum`; `got` as written in code.
    case atLeast(Subject, minimum: Int, got: String)
    /// `subject` must be from `low` to `high`; `got` as written in code, nil when not shown.
    case within(Subject, low: Int, high: Int, got: String?)
    /// `subject` must be one of the strings `choices`, and is the string `got`.
    case oneOf(Subject, choices: [String], got: String)
    /// `function`'s `from:` is not less than its `to:`, or one of them is not finite.
    case fromNotBeforeTo(function: String)
    /// `function`'s `min:` is more than its `max:`.
    case minAboveMax(function: String, min: String, max: String)
    /// `subject` must be a number other than 0.
    case nonZero(Subject, got: String)
    /// A name that is none of the `known` ones of its `family`: a loss, an activation.
    case unknownChoice(Family, name: String, known: [String])
    /// `function` needs at least one `needed`.
    case noneGiven(function: String, Needed)
    /// A model or a training given two ways of being made, which exclude each other.
    case both(Both)
    /// `function` was given neither of the ways it can be made.
    case neither(Neither)

    /// An array literal whose rows have these shapes, not all the same.
    case raggedRows(shapes: [[Int]])
    /// An array of tensors computed from parameters that also holds a value of `type`.
    case arrayMixesParameters(type: String)
    /// A 2-D plot whose points have this `shape`, with `labels` labels.
    case plotPoints(function: String, shape: [Int], labels: Int)
    /// A figure of `count` points, more than `limit`.
    case tooManyPoints(function: String, count: Int, limit: Int)
    /// `plotMatrix` of a matrix larger than 30×30, or empty.
    case plotMatrixSize
    /// An image `function` cannot draw.
    case image(function: String, Image)
    /// `function`'s operands, of these shapes, do not broadcast together.
    case noBroadcast(function: String, shapes: [[Int]])
    /// `function`'s operands must be vectors, and have these shapes.
    case vectorsNeeded(function: String, shapes: [[Int]])
    /// `len` of a value without a length: a number (nil) or a value of this type.
    case noLength(type: String?)
    /// A size over a limit of the language.
    case overLimit(OverLimit)
    /// A model, a training or autograd asked for what it cannot do.
    case learning(Learning)
    /// `load(…)` refused a path, its options or a table's columns.
    case load(Load)

    // MARK: A member the value does not have

    /// `name` is a property of a `type`, called with parentheses.
    case propertyCalled(name: String, type: String)
    /// `name` is a method of a `type`, read without parentheses.
    case methodNotCalled(name: String, type: String)
    /// A `type` has no method `name`; what to write instead, when known.
    case noMethod(type: String, name: String, advice: MethodAdvice?)
    /// A `type` has no member `name`; the members it has.
    case noMember(type: String, name: String, known: [String])
    /// `name` holds a `type`, called as a function; what to write instead, when known.
    case notAFunction(name: String, type: String, advice: CallAdvice?)
    /// A value of `type` called as a function.
    case notCallable(type: String, advice: CallAdvice?)
    /// The method `method`, called on a value that is not of `type`.
    case methodOf(method: String, type: String)
    /// `method` changes a `type` that is not bound to a name with var.
    case changesValue(method: String, type: String)
    /// A tensor computed from parameters asked for its `grad`.
    case gradOfComputed

    // MARK: A name or a place that cannot be bound or changed

    /// `name` is a builtin function's; `assigned` when `name = …`, else a new binding.
    case builtinName(String, assigned: Bool)
    /// `name` is bound in every notebook.
    case everyNotebook(String)
    /// In an answer, `name` is the sheet's; `assigned` when `name = …`, else a new binding.
    case sheetName(String, assigned: Bool)
    /// In an answer, a change of an object the sheet made: `this Tensor`, written where.
    case sheetObject(Subject)
    /// `name` read before anything was bound to it.
    case usedBeforeValue(String)
    /// `name = …` where `name` is bound with let.
    case constant(String)
    /// An assignment to something that is not a name or an element.
    case notAssignable
    /// A command without a value assigned (`x = print(1)`), or bound to `name`.
    case noValue(name: String?)
    /// `op=` on a parameter that would change its shape; `given` is the value's shape, when a tensor.
    case parameterShape(operation: String, given: [Int]?, from: [Int], to: [Int])
    /// A parameter changed in place while gradients are recorded.
    case parameterWhileRecording

    // MARK: Ranges and slices

    /// `a...b` or `a..<b` with `b` before `a`.
    case backwardRange(start: Int, end: Int, closed: Bool)
    /// A range whose end does not fit.
    case rangeEndTooLarge
    /// `x[a:b:0]`.
    case zeroStep

    // MARK: Loops and conditions

    /// A for loop over what it cannot go over: a tensor holding one number (`type` nil and `tensor`), a Number, or a value of `type`.
    case loopOver(Loopable)
    /// `keyword` (`if`, `while`, `?`…) given a tensor of Bools (`type` nil) or a value of `type`, not one Bool.
    case condition(keyword: String, type: String?)

    // MARK: Operators, subscripts and the makers of tensors (Misuse+Operators.swift)

    /// An operator refused its operands.
    case operation(Operation)
    /// A subscript refused its index, its base or what it was assigned.
    case index(Index)
    /// A maker of tensors (`zeros`, `range`, `rows`, …) refused its arguments.
    case making(Making)
    /// The property `name` read on a value that is not of `type`.
    case propertyOf(name: String, type: String)
    /// The method `method` called on a value of `type`, which does not have it.
    case notMethodOf(method: String, type: String)
    /// `function` called without its argument `name`.
    case missingArgument(function: String, name: String)
    /// A function called where no function can be.
    case noCallsHere
    /// A figure refused what it was asked to draw (Misuse+Drawing.swift).
    case drawing(Drawing)
}

extension Misuse {
    /// What a for loop was given instead of a range, a tensor's rows or a list's items.
    public enum Loopable: Sendable, Hashable, Codable {
        /// A tensor of rank 0: it has no rows.
        case singleNumber
        /// A Number: the loop wants a range of them.
        case number
        /// A value of this type.
        case value(type: String)
    }

    /// Who or what a message names: "sum: argument 'x'", "MLP: a size".
    public enum Subject: Sendable, Hashable, Codable {
        /// The argument of `function` for the parameter `name`: "sum: argument 'x'".
        case argument(function: String, name: String)
        /// `function`'s parameter `name`, bare: "fit: batchSize".
        case parameter(function: String, name: String)
        /// A name alone: "epochs".
        case name(String)
        /// An item, of `function` when there is one: "MLP: a size", "the start of a range".
        case item(function: String?, Item)
        /// What a parameter, a result or a binding refuses (an Int that is not whole).
        case kind(WrongKind.Subject)
        /// The receiver of a method, of type `type`: "this List".
        case this(String)
        /// An operand of the operator `operator`: "the left operand of '+'".
        case operand(Operand, operator: String)
        /// English words written where it happened, for a caller not typed yet.
        case words(String)
    }

    /// An item a message names; the raw value ends its key (`misuse.item.size`).
    public enum Item: String, Sendable, Hashable, Codable {
        case size, series, polygon, part, axis, extent, bound, document, condition
        case eachPolygon = "each-polygon", theModel = "the-model"
        case eachLayer = "each-layer", theList = "the-list", listOfTexts = "list-of-texts"
        case rangeStart = "range-start", rangeEnd = "range-end", sliceStart = "slice-start", sliceEnd = "slice-end", sliceStep = "slice-step"
        case newValue = "new-value", theParameter = "the-parameter", arrayRow = "array-row"
        case index, theRange = "the-range", assignedValue = "assigned-value"
    }

    /// What a value was asked to be; the raw value ends its key (`misuse.expected.number`).
    public enum Expected: String, Sendable, Hashable, Codable {
        case number, wholeNumber = "whole-number", tensor, tensorOrNumber = "tensor-or-number", string, list, bool
        case dataset, listOfWords = "list-of-words", words, strings, textOrTexts = "text-or-texts"
        case layer, parameters, function, sgd, columnNames = "column-names"
        case condition, nonEmptyMatrix = "non-empty-matrix", centers, polygon
        case series, labels, boundaryModel = "boundary-model", twoInputModel = "two-input-model"
    }

    /// What a value was instead.
    public enum Got: Sendable, Hashable, Codable {
        /// A value of this type: "a String".
        case type(String)
        /// A value of this type, named without an article: "String".
        case bareType(String)
        /// The value as code writes it: "2.5".
        case value(String)
    }
}

extension RuntimeError {
    /// A failure whose reason is a ``Misuse``.
    init(_ misuse: Misuse, at range: SourceRange? = nil) {
        self.init(.misuse(misuse), at: range)
    }
}
