import CahierLearning

/// A ``Misuse``'s words, from the catalogues (`misuse.*`).
extension Misuse {
    /// The message, in `language`.
    public func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse." + key, values) }
        switch self {
        case .notA(let subject, let expected, let got):
            let values = ["subject": subject.words(in: language), "expected": t("expected." + expected.rawValue)]
            guard let got else { return t("must-be-only", values) }
            return t("must-be", values.merging(["got": got.words(in: language)]) { a, _ in a })
        case .listHolds(let subject, let expected, let holds):
            return t("list-holds", ["subject": subject.words(in: language), "expected": t("expected." + expected.rawValue),
                                    "item": Self.value(holds, in: language)])
        case .mustHold(let subject, let expected, let got):
            let gotWords: String
            if case .type(let type) = got { gotWords = Self.value(type, in: language) } else { gotWords = got.words(in: language) }
            return t("must-hold", ["subject": subject.words(in: language), "expected": t("expected." + expected.rawValue), "got": gotWords])
        case .inputsAndLabels(let subject, let inputs, let labels):
            return t("inputs-and-labels", ["subject": subject.words(in: language), "inputs": String(inputs), "labels": String(labels)])
        case .atLeast(let subject, let minimum, let got):
            return t("at-least", ["subject": subject.words(in: language), "minimum": String(minimum), "value": got])
        case .within(let subject, let low, let high, let got):
            let values = ["subject": subject.words(in: language), "low": String(low), "high": String(high)]
            guard let got else { return t("within-whole", values) }
            return t("within", values.merging(["value": got]) { a, _ in a })
        case .oneOf(let subject, let choices, let got):
            return t("one-of", ["subject": subject.words(in: language), "choices": language.list(choices.map { "\"\($0)\"" }, "list.or"), "value": got])
        case .minAboveMax(let function, let min, let max):
            return t("min-above-max", ["function": function, "min": min, "max": max])
        case .fromNotBeforeTo(let function): return t("from-not-before-to", ["function": function])
        case .nonZero(let subject, let got):
            return t("non-zero", ["subject": subject.words(in: language), "value": got])
        case .unknownChoice(let family, let name, let known):
            return t("unknown." + family.rawValue, ["name": NameSuggestions.shown(name), "known": known.joined(separator: ", ")])
        case .noneGiven(let function, let needed):
            return t("none-given." + needed.rawValue, ["function": function])
        case .both(.rateAndOptimizer(let function)): return t("both.rate-and-optimizer", ["function": function])
        case .both(.featuresAndWeights): return t("both.features-and-weights")
        case .neither(.rateOrOptimizer(let function)): return t("neither.rate-or-optimizer", ["function": function])
        case .neither(.perceptron): return t("neither.perceptron")
        case .neither(.linear): return t("neither.linear")
        case .neither(.features(let function)): return t("neither.features", ["function": function])
        case .raggedRows(let shapes):
            let shown = shapes.map { Tensor.describe($0) }.reduce(nil as String?) { so, next in so.map { t("and", ["left": $0, "right": next]) } ?? next } ?? ""
            return t("ragged-rows", ["shapes": shown])
        case .arrayMixesParameters(let type): return t("array-mixes-parameters", ["value": Self.value(type, in: language)])
        case .plotPoints(let function, let shape, let labels):
            return t("plot-points", ["function": function, "shape": Tensor.describe(shape), "labels": String(labels)])
        case .tooManyPoints(let function, let count, let limit):
            return t("too-many-points", ["function": function, "count": String(count), "limit": String(limit)])
        case .plotMatrixSize: return t("plot-matrix-size")
        case .image(let function, let image):
            switch image {
            case .notSquare(let count): return t("image.not-square", ["function": function, "count": String(count)])
            case .channels(let channels): return t("image.channels", ["function": function, "channels": String(channels)])
            case .shape(let shape): return t("image.shape", ["function": function, "shape": Tensor.describe(shape)])
            case .pixels(let pixels, let limit): return t("image.pixels", ["function": function, "pixels": String(pixels), "limit": String(limit)])
            case .batchShape(let shape): return t("image.batch-shape", ["function": function, "shape": Tensor.describe(shape)])
            case .count(let count, let limit): return t("image.count", ["function": function, "count": String(count), "limit": String(limit)])
            case .rows(let values, let shape): return t("image.rows", ["function": function, "values": String(values), "shape": Tensor.describe(shape)])
            }
        case .noBroadcast(let function, let shapes):
            return t("no-broadcast", ["function": function, "shapes": language.list(shapes.map { Tensor.describe($0) }, "list.and")])
        case .vectorsNeeded(let function, let shapes):
            return t("vectors-needed", ["function": function, "shapes": language.list(shapes.map { Tensor.describe($0) }, "list.and")])
        case .loopOver(.singleNumber): return t("loop.single-number")
        case .loopOver(.number): return t("loop.number")
        case .loopOver(.value(let type)): return t("loop.value", ["value": Self.value(type, in: language)])
        case .condition(let keyword, nil): return t("condition.mask", ["keyword": keyword])
        case .condition(let keyword, let type?): return t("condition", ["keyword": keyword, "value": Self.value(type, in: language)])
        case .noLength(nil): return t("no-length.number")
        case .noLength(let type?): return t("no-length", ["value": Self.value(type, in: language)])
        case .overLimit(.arrayElements(let limit)): return t("over-limit.array", ["limit": String(limit)])
        case .overLimit(.listItems(let limit)): return t("over-limit.list", ["limit": String(limit)])
        case .overLimit(.nesting(let depth, let limit)): return t("over-limit.nesting", ["depth": String(depth), "limit": String(limit)])
        case .overLimit(.joinedAxis(let function)): return t("over-limit.joined-axis", ["function": function])
        case .overLimit(.operations(let work, let factors, let limit)):
            return t("over-limit.operations", ["what": t("work." + work.rawValue), "factors": factors.map(String.init).joined(separator: "×"), "limit": String(limit)])
        case .overLimit(.stringBytes(let bytes, let limit)): return t("over-limit.string-bytes", ["bytes": String(bytes), "limit": String(limit)])
        case .overLimit(.joinedList(let items, let limit)): return t("over-limit.joined-list", ["items": String(items), "limit": String(limit)])
        case .overLimit(.blobs(let perCenter, let centers, let limit)):
            return t("over-limit.blobs", ["count": String(perCenter), "centers": String(centers), "limit": String(limit)])
        case .overLimit(.rank(let rank, let limit)): return t("over-limit.rank", ["rank": String(rank), "limit": String(limit)])
        case .overLimit(.emptyExtents(let shape, let limit)): return t("over-limit.empty-extents", ["shape": Tensor.describe(shape), "limit": String(limit)])
        case .overLimit(.trainingVisits(let epochs, let examples, let limit)):
            return t("over-limit.training-visits", ["epochs": String(epochs), "examples": String(examples), "limit": String(limit)])
        case .overLimit(.trainingWork(let epochs, let examples, let parameters, let work, let limit)):
            return t("over-limit.training-work", ["epochs": String(epochs), "examples": String(examples), "parameters": String(parameters),
                                                  "work": Display.number(work), "limit": Display.number(limit)])
        case .learning(let learning): return learning.message(in: language)
        case .load(let load): return load.message(in: language)
        default: return memberMessage(in: language)
        }
    }

    /// The message of a member, a binding, a range or a slice, in `language`.
    private func memberMessage(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse." + key, values) }
        switch self {
        case .propertyCalled(let name, let type): return t("property-called", ["name": name, "type": Self.ofType(type, in: language)])
        case .methodNotCalled(let name, let type): return t("method-not-called", ["name": name, "type": Self.ofType(type, in: language)])
        case .noMethod(let type, let name, let advice):
            return t("no-method", ["value": Self.value(type, in: language), "name": NameSuggestions.shown(name)]) + (advice?.words(in: language) ?? "")
        case .noMember(let type, let name, let known):
            let has = known.isEmpty ? "" : t("it-has", ["members": known.joined(separator: ", ")])
            return t("no-member", ["value": Self.value(type, in: language), "name": NameSuggestions.shown(name)]) + has
        case .notAFunction(let name, let type, let advice):
            return t("not-a-function", ["name": name, "value": Self.value(type, in: language)]) + (advice.map { t("call-advice." + $0.rawValue) } ?? "")
        case .notCallable(let type, let advice):
            return t("not-callable", ["value": Self.value(type, in: language)]) + (advice.map { t("call-advice." + $0.rawValue) } ?? "")
        case .methodOf(let method, let type): return t("method-of", ["method": method, "type": type])
        case .changesValue(let method, let type): return t("changes-value", ["method": method, "type": type])
        case .gradOfComputed: return t("grad-of-computed")
        case .builtinName(let name, let assigned): return t(assigned ? "builtin-name.assigned" : "builtin-name", ["name": name])
        case .everyNotebook(let name): return t("every-notebook", ["name": name])
        case .sheetName(let name, let assigned): return t(assigned ? "sheet-name.assigned" : "sheet-name", ["name": name])
        case .sheetObject(let subject): return t("sheet-object", ["subject": subject.words(in: language)])
        case .usedBeforeValue(let name): return t("used-before-value", ["name": name])
        case .constant(let name): return t("constant", ["name": name])
        case .notAssignable: return t("not-assignable")
        case .noValue(nil): return t("no-value")
        case .noValue(let name?): return t("no-value-named", ["name": name])
        case .parameterShape(let operation, let given, let from, let to):
            let values = ["operation": operation, "from": Tensor.describe(from), "to": Tensor.describe(to), "given": given.map { Tensor.describe($0) } ?? ""]
            return t(given == nil ? "parameter-shape" : "parameter-shape-given", values)
        case .parameterWhileRecording: return t("parameter-while-recording")
        case .backwardRange(let start, let end, let closed):
            return t("backward-range", ["start": String(start), "operator": closed ? "..." : "..<", "end": String(end)])
        case .rangeEndTooLarge: return t("range-end-too-large")
        case .zeroStep: return t("zero-step")
        case .operation(let operation): return operation.message(in: language)
        case .index(let index): return index.message(in: language)
        case .making(let making): return making.message(in: language)
        case .propertyOf(let name, let type): return t("property-of", ["name": name, "type": type])
        case .notMethodOf(let method, let type): return t("not-method-of", ["method": method, "value": Self.value(type, in: language)])
        case .missingArgument(let function, let name): return t("missing-argument", ["function": function, "name": name])
        case .noCallsHere: return t("no-calls-here")
        case .drawing(let drawing): return drawing.message(in: language)
        default: return ""
        }
    }

    /// A value of type `type` as a sentence's subject: "a Tensor", "une valeur de type Tensor".
    static func value(_ type: String, in language: Language) -> String {
        language.text(article(type).hasPrefix("an ") ? "misuse.value.an" : "misuse.value.a", ["type": type])
    }

    /// The type `type` after "of": "a Tensor", "du type Tensor".
    static func ofType(_ type: String, in language: Language) -> String {
        language.text(article(type).hasPrefix("an ") ? "misuse.of-type.an" : "misuse.of-type.a", ["type": type])
    }
}

extension Misuse.Load {
    /// The message, in `language`.
    func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse.load." + key, values) }
        /// Names for a message: all of them up to 20, else the first 20 and how many there are.
        func listed(_ names: [String]) -> String {
            let shown = names.prefix(20).map(DataTable.excerpt).joined(separator: ", ")
            return names.count <= 20 ? shown : shown + t("more-columns", ["count": String(names.count)])
        }
        switch self {
        case .notAllowed: return t("not-allowed")
        case .absolute(let path): return t("absolute", ["path": path])
        case .leaves(let path): return t("leaves", ["path": path])
        case .missing(let path): return t("missing", ["path": path])
        case .leadsOutside(let path): return t("leads-outside", ["path": path])
        case .tableOptions(let path, let folder): return t(folder ? "options-folder" : "options-not-table", ["path": path])
        case .unknownFormat(let path): return t("unknown-format", ["path": path])
        case .header(let path, let tab): return t(tab ? "header-tab" : "header-comma", ["path": path])
        case .noColumn(let path, let name, let role, let columns):
            return t("no-column", ["path": path, "name": name, "role": t("role." + role.rawValue), "columns": listed(columns)])
        case .whichLabel(let path, let columns):
            return t("which-label", ["path": path, "last": columns.last ?? "", "columns": listed(columns)])
        case .commaTwice: return t("comma-twice")
        case .notNumbers(let path, let columns): return t("not-numbers", ["path": path, "columns": listed(columns)])
        case .missingLabel(let path, let position): return t("missing-label", ["path": path, "position": position])
        case .field(let path, let position, let problem, let notNumbers):
            let place = ["path": path, "position": position]
            let sentence: String
            switch problem {
            case .missing(let column): sentence = t("field.missing", place.merging(["column": column]) { a, _ in a })
            case .decimalComma(let text, let column): sentence = t("field.decimal-comma", place.merging(["column": column, "text": text]) { a, _ in a })
            case .notANumber(let text, let column): sentence = t("field.not-a-number", place.merging(["column": column, "text": text]) { a, _ in a })
            }
            guard let notNumbers else { return sentence }
            return sentence + " (" + t("not-numbers.aside", ["path": path, "columns": listed(notNumbers)]) + ")"
        }
    }
}

extension Misuse.Learning {
    /// The message, in `language`.
    func message(in language: Language) -> String {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { language.text("misuse.learning." + key, values) }
        switch self {
        case .noGradientFlow: return t("no-gradient-flow")
        case .sgdWithoutParameters: return t("sgd-without-parameters")
        case .bufferOfNonParameter: return t("buffer-of-non-parameter")
        case .noMomentum: return t("no-momentum")
        case .noBufferYet: return t("no-buffer-yet")
        case .parametersNotAList(let function, let type):
            return t("parameters-not-a-list", ["function": function, "got": WrongKind.typeName(type, in: language)])
        case .mlpSizes: return t("mlp-sizes")
        case .rowsAndLabels(let rows, let labels): return t("rows-and-labels", ["rows": String(rows), "labels": String(labels)])
        case .matrixInputs(let function, let shape): return t("matrix-inputs", ["function": function, "shape": Tensor.describe(shape)])
        case .denseInputs(let function): return t("dense-inputs", ["function": function])
        }
    }
}

extension Misuse.Subject {
    /// The subject's words, in `language`.
    public func words(in language: Language) -> String {
        switch self {
        case .argument(let function, let name): return language.text("misuse.subject.argument", ["function": function, "name": name])
        case .parameter(let function, let name): return language.text("misuse.subject.parameter", ["function": function, "name": name])
        case .name(let name): return name
        case .item(let function?, let item):
            return language.text("misuse.subject.parameter", ["function": function, "name": language.text("misuse.item." + item.rawValue)])
        case .item(nil, let item): return language.text("misuse.item." + item.rawValue)
        case .kind(let subject): return subject.words(in: language)
        case .operand(let operand, let op): return language.text("misuse.operand." + operand.rawValue, ["operator": op])
        case .this(let type): return language.text("misuse.this", ["type": type])
        case .words(let words): return language.wording(of: words)
        }
    }
}

extension Misuse.Got {
    /// The words after "got", in `language`.
    func words(in language: Language) -> String {
        switch self {
        case .type(let type): return WrongKind.typeName(type, in: language)
        case .bareType(let type): return language.text("misuse.got-bare", ["type": type])
        case .value(let value): return value
        }
    }
}

extension Misuse.MethodAdvice {
    /// The advice's words after the message ("; its methods are …"), in `language`.
    func words(in language: Language) -> String {
        switch self {
        case .python(let habit): return language.text("misuse.python-method." + habit.rawValue)
        case .camelCase(let name): return language.text("hint.camel-case", ["name": name])
        case .function(let name, let arguments): return language.text(arguments ? "misuse.as-function-arguments" : "misuse.as-function", ["name": name])
        case .methods(let methods): return language.text("misuse.its-methods", ["methods": methods.joined(separator: ", ")])
        }
    }
}
