import CahierLearning

extension Misuse {
    /// The same, every text it carries cut by `cut` (a hand-in's names and values are untrusted).
    func bounded(_ cut: (String) -> String) -> Misuse {
        switch self {
        case .notA(let subject, let expected, let got): return .notA(subject.bounded(cut), expected, got: got?.bounded(cut))
        case .listHolds(let subject, let expected, let holds): return .listHolds(subject.bounded(cut), expected, holds: cut(holds))
        case .mustHold(let subject, let expected, let got): return .mustHold(subject.bounded(cut), expected, got: got.bounded(cut))
        case .inputsAndLabels(let subject, let inputs, let labels): return .inputsAndLabels(subject.bounded(cut), inputs: inputs, labels: labels)
        case .atLeast(let subject, let minimum, let got): return .atLeast(subject.bounded(cut), minimum: minimum, got: cut(got))
        case .within(let subject, let low, let high, let got): return .within(subject.bounded(cut), low: low, high: high, got: got.map(cut))
        case .oneOf(let subject, let choices, let got): return .oneOf(subject.bounded(cut), choices: choices, got: cut(got))
        case .minAboveMax(let function, let min, let max): return .minAboveMax(function: cut(function), min: cut(min), max: cut(max))
        case .fromNotBeforeTo(let function): return .fromNotBeforeTo(function: cut(function))
        case .nonZero(let subject, let got): return .nonZero(subject.bounded(cut), got: cut(got))
        case .unknownChoice(let family, let name, let known): return .unknownChoice(family, name: cut(name), known: known)
        case .noneGiven(let function, let needed): return .noneGiven(function: cut(function), needed)
        case .both(.rateAndOptimizer(let function)): return .both(.rateAndOptimizer(function: cut(function)))
        case .neither(.rateOrOptimizer(let function)): return .neither(.rateOrOptimizer(function: cut(function)))
        case .neither(.features(let function)): return .neither(.features(function: cut(function)))
        case .raggedRows, .arrayMixesParameters, .plotMatrixSize, .loopOver: return self
        case .condition(let keyword, let type): return .condition(keyword: cut(keyword), type: type)
        case .image(let function, let image): return .image(function: cut(function), image)
        case .plotPoints(let function, let shape, let labels): return .plotPoints(function: cut(function), shape: shape, labels: labels)
        case .tooManyPoints(let function, let count, let limit): return .tooManyPoints(function: cut(function), count: count, limit: limit)
        case .noBroadcast(let function, let shapes): return .noBroadcast(function: cut(function), shapes: shapes)
        case .vectorsNeeded(let function, let shapes): return .vectorsNeeded(function: cut(function), shapes: shapes)
        case .noLength, .overLimit(.arrayElements), .overLimit(.listItems), .overLimit(.nesting), .overLimit(.rank), .overLimit(.emptyExtents),
             .overLimit(.trainingVisits), .overLimit(.trainingWork), .overLimit(.stringBytes), .overLimit(.joinedList), .overLimit(.blobs),
             .overLimit(.operations):
            return self
        case .overLimit(.joinedAxis(let function)): return .overLimit(.joinedAxis(function: cut(function)))
        case .learning(.parametersNotAList(let function, let type)): return .learning(.parametersNotAList(function: cut(function), type: type))
        case .learning(.matrixInputs(let function, let shape)): return .learning(.matrixInputs(function: cut(function), shape: shape))
        case .learning(.denseInputs(let function)): return .learning(.denseInputs(function: cut(function)))
        case .learning: return self
        case .load(let load): return .load(load.bounded(cut))
        case .propertyCalled(let name, let type): return .propertyCalled(name: cut(name), type: type)
        case .methodNotCalled(let name, let type): return .methodNotCalled(name: cut(name), type: type)
        case .noMethod(let type, let name, let advice): return .noMethod(type: type, name: cut(name), advice: advice?.bounded(cut))
        case .noMember(let type, let name, let known): return .noMember(type: type, name: cut(name), known: known.map(cut))
        case .notAFunction(let name, let type, let advice): return .notAFunction(name: cut(name), type: type, advice: advice)
        case .methodOf(let method, let type): return .methodOf(method: cut(method), type: type)
        case .changesValue(let method, let type): return .changesValue(method: cut(method), type: type)
        case .builtinName(let name, let assigned): return .builtinName(cut(name), assigned: assigned)
        case .everyNotebook(let name): return .everyNotebook(cut(name))
        case .sheetName(let name, let assigned): return .sheetName(cut(name), assigned: assigned)
        case .sheetObject(let subject): return .sheetObject(subject.bounded(cut))
        case .usedBeforeValue(let name): return .usedBeforeValue(cut(name))
        case .constant(let name): return .constant(cut(name))
        case .noValue(let name): return .noValue(name: name.map(cut))
        case .parameterShape(let operation, let given, let from, let to):
            return .parameterShape(operation: operation, given: given, from: from, to: to)
        case .both(.featuresAndWeights), .neither(.perceptron), .neither(.linear), .notCallable, .gradOfComputed, .notAssignable,
             .parameterWhileRecording, .backwardRange, .rangeEndTooLarge, .zeroStep, .noCallsHere:
            return self
        case .operation(let operation): return .operation(operation.bounded(cut))
        case .index(let index): return .index(index.bounded(cut))
        case .drawing(let drawing): return .drawing(drawing.bounded(cut))
        case .making(let making): return .making(making.bounded(cut))
        case .propertyOf(let name, let type): return .propertyOf(name: cut(name), type: cut(type))
        case .notMethodOf(let method, let type): return .notMethodOf(method: cut(method), type: cut(type))
        case .missingArgument(let function, let name): return .missingArgument(function: cut(function), name: cut(name))
        }
    }
}

extension Misuse.Load {
    func bounded(_ cut: (String) -> String) -> Misuse.Load {
        switch self {
        case .notAllowed, .commaTwice: return self
        case .absolute(let path): return .absolute(cut(path))
        case .leaves(let path): return .leaves(cut(path))
        case .missing(let path): return .missing(cut(path))
        case .leadsOutside(let path): return .leadsOutside(cut(path))
        case .tableOptions(let path, let folder): return .tableOptions(cut(path), folder: folder)
        case .unknownFormat(let path): return .unknownFormat(cut(path))
        case .header(let path, let tab): return .header(cut(path), tab: tab)
        case .noColumn(let path, let name, let role, let columns): return .noColumn(cut(path), name: cut(name), role: role, columns: columns.map(cut))
        case .whichLabel(let path, let columns): return .whichLabel(cut(path), columns: columns.map(cut))
        case .notNumbers(let path, let columns): return .notNumbers(cut(path), columns: columns.map(cut))
        case .missingLabel(let path, let position): return .missingLabel(cut(path), position: position)
        case .field(let path, let position, let problem, let notNumbers):
            let cutProblem: DataFileError.FieldProblem
            switch problem {
            case .missing(let column): cutProblem = .missing(column: cut(column))
            case .decimalComma(let text, let column): cutProblem = .decimalComma(text: cut(text), column: cut(column))
            case .notANumber(let text, let column): cutProblem = .notANumber(text: cut(text), column: cut(column))
            }
            return .field(cut(path), position: position, cutProblem, notNumbers: notNumbers?.map(cut))
        }
    }
}

extension Misuse.Subject {
    func bounded(_ cut: (String) -> String) -> Misuse.Subject {
        switch self {
        case .argument(let function, let name): return .argument(function: cut(function), name: cut(name))
        case .parameter(let function, let name): return .parameter(function: cut(function), name: cut(name))
        case .name(let name): return .name(cut(name))
        case .item(let function, let item): return .item(function: function.map(cut), item)
        case .kind(let subject): return .kind(WrongKind(subject: subject, expected: "", got: "", signature: nil).bounded(cut).subject)
        case .this(let type): return .this(cut(type))
        case .operand: return self
        case .words(let words): return .words(cut(words))
        }
    }
}

extension Misuse.Got {
    func bounded(_ cut: (String) -> String) -> Misuse.Got {
        switch self {
        case .type(let type): return .type(cut(type))
        case .bareType(let type): return .bareType(cut(type))
        case .value(let value): return .value(cut(value))
        }
    }
}

extension Misuse.MethodAdvice {
    func bounded(_ cut: (String) -> String) -> Misuse.MethodAdvice {
        switch self {
        case .python: return self
        case .camelCase(let name): return .camelCase(cut(name))
        case .function(let name, let arguments): return .function(cut(name), arguments: arguments)
        case .methods(let methods): return .methods(methods.map(cut))
        }
    }
}
