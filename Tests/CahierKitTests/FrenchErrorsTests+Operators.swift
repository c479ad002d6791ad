@testable import CahierKit
import Testing

/// The refusals of operators, subscripts and the makers of tensors are typed
/// reasons (``Misuse/operation(_:)``, ``Misuse/index(_:)``, ``Misuse/making(_:)``),
/// worded in the notebook's language. The English is the string the source threw
/// before (quoted in a comment, filled in by hand for the command); the French is ours.
@Suite("French errors of operators and subscripts")
struct FrenchOperatorErrorsTests {
    static let cases: [([String], String, String)] = [
        // Operators.unary: "'\(op.rawValue)' cannot be applied to \(value.type.withArticle)".
        (["!3"], "'!' cannot be applied to a Number", "'!' ne s'applique pas à une valeur de type Number"),
        // Operators.binary: "'\(op.rawValue)' cannot combine \(left.type.withArticle) and \(right.type.withArticle)".
        (["\"a\" + 1"], "'+' cannot combine a String and a Number",
         "'+' ne peut pas combiner une valeur de type String et une valeur de type Number"),
        // checkKeepsShape: "\(op)=: the value\(" of shape …") would change the shape \(shape) to \(after); …";
        // [2] against [2, 1] broadcasts to [2, 2].
        (["var w = [1, 2]", "w += [[1], [2]]"],
         "+=: the value of shape [2, 1] would change the shape [2] to [2, 2]; an update in place keeps its shape (write x = x + v to make a new value)",
         "+=\u{A0}: la valeur de forme [2, 1] changerait la forme [2] en [2, 2]\u{202F}; une mise à jour en place garde la forme (écrivez x = x + v pour obtenir une nouvelle valeur)"),
        // Operators.scalar: "'@' needs tensors of rank 1 or 2, got two numbers; use '*'".
        (["2 @ 3"], "'@' needs tensors of rank 1 or 2, got two numbers; use '*'",
         "'@' demande des tenseurs de rang 1 ou 2, et non deux nombres\u{202F}; utilisez '*'"),
        // Operators.tensor: "'@' needs tensors of rank 1 or 2, got shapes \(a.shape) and \(b.shape)".
        (["zeros(2, 2, 2) @ zeros(2)"], "'@' needs tensors of rank 1 or 2, got shapes [2, 2, 2] and [2]",
         "'@' demande des tenseurs de rang 1 ou 2\u{202F}; on a les formes [2, 2, 2] et [2]"),
        // Operators.tensor: "'\(op.rawValue)' needs Bools, or two masks made by comparisons".
        (["[1, 0] && [1, 1]"], "'&&' needs Bools, or two masks made by comparisons",
         "'&&' demande des valeurs de type Bool, ou deux masques obtenus par des comparaisons"),
        // WorkLimits.check(operations:): "\(what) would take \(factors joined by "×") multiply-adds, over the limit of
        // \(maximumOperations)", what = "this matrix product"; 1300³ = 2 197 000 000 > the default 2 000 000 000.
        (["zeros(1300, 1300) @ zeros(1300, 1300)"], "this matrix product would take 1300×1300×1300 multiply-adds, over the limit of 2000000000",
         "ce produit matriciel demanderait 1300×1300×1300 multiplications-additions, au-delà de la limite de 2000000000"),
        // plotLines: "plotLines: give 1 to \(maximumSeries) series of 1 to \(maximumPoints) values, got \(n) series of up to \(m) values"
        // (10 series, 100 000 points); an empty list has 0 series, none longer than 0.
        (["plotLines(list())"], "plotLines: give 1 to 10 series of 1 to 100000 values, got 0 series of up to 0 values",
         "plotLines\u{A0}: donnez de 1 à 10 séries de 1 à 100000 valeurs\u{202F}; on a 0 séries, dont la plus longue compte 0 valeurs"),
        // labels: "\(what): a label is a string or a number, got \(article(item.typeName))".
        (["plotLines([1, 2], labels: list([1]))"], "plotLines: a label is a string or a number, got a Tensor",
         "plotLines\u{A0}: une étiquette est une chaîne ou un nombre, et non une valeur de type Tensor"),
        // Interpreter.loop: "a for loop cannot go over a Number; write a range such as 0..<n".
        (["for i in 3 { print(i) }"], "a for loop cannot go over a Number; write a range such as 0..<n",
         "une boucle for ne peut pas parcourir un nombre\u{202F}; parcourez un intervalle, par exemple 0..<n"),
        // Interpreter.loop: "a for loop goes over a range, a tensor's rows or a list's items, not \(sequence.type.withArticle)".
        (["for c in \"abc\" { print(c) }"], "a for loop goes over a range, a tensor's rows or a list's items, not a String",
         "une boucle for parcourt un intervalle, les lignes d'un tenseur ou les éléments d'une liste, et non une valeur de type String"),
        // Interpreter.condition: "'\(what)' needs a Bool, got \(value.type.withArticle)".
        (["if 3 { print(1) }"], "'if' needs a Bool, got a Number", "'if' attend un Bool, et reçoit une valeur de type Number"),
        // Interpreter.condition: "'\(what)' needs one Bool, got a tensor of them; use any(…) or all(…)".
        (["1 > [0, 2] ? 1 : 2"], "'? :' needs one Bool, got a tensor of them; use any(…) or all(…)",
         "'? :' attend un seul Bool, et reçoit un tenseur de Bool\u{202F}; utilisez any(…) ou all(…)"),
        // Indexing.item: "an index cannot be a Bool; a mask (…) selects elements".
        (["let x = [1, 2]", "x[true]"], "an index cannot be a Bool; a mask (a tensor of comparisons, like x > 0) selects elements",
         "un indice ne peut pas être de type Bool\u{202F}; pour sélectionner des éléments, indexez avec un masque (un tenseur de comparaisons, comme x > 0)"),
        // "an index must be a whole number, a range, …, got \(value.type.withArticle)".
        (["let x = [1, 2]", "x[\"a\"]"], "an index must be a whole number, a range, a slice such as 1:3, a tensor of positions or a mask, got a String",
         "un indice doit être un nombre entier, un intervalle, une tranche comme 1:3, un tenseur de positions ou un masque, et non une valeur de type String"),
        // Coerce.integer with what = "an index": "\(what()) must be a whole number, got \(x)".
        (["let x = [1, 2]", "x[1.5]"], "an index must be a whole number, got 1.5", "un indice doit être un nombre entier, et non 1.5"),
        // Indexing.read: "a Number cannot be indexed; it has no elements".
        (["let n = 3", "n[0]"], "a Number cannot be indexed; it has no elements", "un nombre ne peut pas être indexé\u{A0}: il n'a pas d'éléments"),
        // listPositions: "index \(i) is out of range for a List of \(n) items", "a List takes one index, got \(items.count)".
        (["let xs = list(1, 2, 3)", "xs[5]"], "index 5 is out of range for a List of 3 items",
         "l'indice 5 sort des bornes d'une liste de 3 éléments"),
        (["let xs = list(1, 2, 3)", "xs[0, 1]"], "a List takes one index, got 2", "une liste prend un seul indice, et non 2"),
        // Indexing.assign: "one item of a list is assigned at a time, as in xs[2] = value".
        (["var xs = list(1, 2, 3)", "xs[0:2] = 4"], "one item of a list is assigned at a time, as in xs[2] = value",
         "on affecte un seul élément d'une liste à la fois, comme dans xs[2] = value"),
        // Registry.shape: "\(function): extents must be ≥ 0, got \(negative)".
        (["zeros(2, -1)"], "zeros: extents must be ≥ 0, got -1", "zeros\u{A0}: les dimensions doivent être ≥ 0, et non -1"),
        // eye: "eye: n must be ≥ 0, got \(n)".
        (["eye(-2)"], "eye: n must be ≥ 0, got -2", "eye\u{A0}: n doit être ≥ 0, et non -2"),
        // range: "range: takes 1 to 3 numbers (end; start, end; or start, end, step), got \(bounds.count)".
        (["range(1, 2, 3, 4)"], "range: takes 1 to 3 numbers (end; start, end; or start, end, step), got 4",
         "range\u{A0}: donnez de 1 à 3 nombres (la fin\u{202F}; le début et la fin\u{202F}; ou le début, la fin et le pas), et non 4"),
        // "range: start, end and step must be finite and step must not be 0".
        (["range(0, 1, 0)"], "range: start, end and step must be finite and step must not be 0",
         "range\u{A0}: le début, la fin et le pas doivent être finis, et le pas non nul"),
        // rows: "rows: need 0 ≤ start ≤ end, got \(start) and \(end)", "rows: end \(end) is past the \(…) rows".
        (["rows([[1], [2]], 2, 1)"], "rows: need 0 ≤ start ≤ end, got 2 and 1",
         "rows\u{A0}: il faut 0 ≤ start ≤ end\u{202F}; on a start = 2 et end = 1"),
        (["rows([[1], [2]], 0, 3)"], "rows: end 3 is past the 2 rows", "rows\u{A0}: end = 3 dépasse les 2 lignes"),
        (["rows(dataset(x: [[0], [1]], y: [0, 1]), 1, 5)"], "rows: end 5 is past the 2 examples",
         "rows\u{A0}: end = 5 dépasse les 2 observations"),
    ]

    @Test("an operator's or a subscript's refusal reads as before in English, in French in a French notebook, with one reason", arguments: cases)
    func bothLanguages(example: ([String], String, String)) throws {
        let (commands, english, french) = example
        let en = try #require(try FrenchErrorsTests.failure(commands, french: false)?.error)
        let frOutcome = try #require(try FrenchErrorsTests.failure(commands, french: true))
        let fr = try #require(frOutcome.error)
        #expect(en.message == english)
        #expect(fr.message(in: FrenchErrorsTests.french) == french)
        #expect(en.reason == fr.reason)
        if case .other = en.reason { Issue.record("'\(english)' is still an untyped reason") }
        #expect(frOutcome.errorLines.first == "erreur\u{A0}: " + french)
        for language in [Language.english, FrenchErrorsTests.french] {
            let message = fr.message(in: language)
            #expect(!message.contains("misuse.") && !message.contains("{"), "\(message)")
        }
    }

    /// Every case of the new kinds, worded in both languages with every placeholder filled
    /// (cases no short command reaches: limits, internal guards).
    static let unreached: [Misuse] = [
        .overLimit(.stringBytes(12, limit: 10)), .overLimit(.joinedList(items: 12, limit: 10)),
        .overLimit(.blobs(perCenter: 5, centers: 3, limit: 10)),
        .operation(.changesShape(operator: "-", given: nil, from: [2], to: [])), .operation(.boolNumbers(operator: "||")),
        .index(.notIndexable(type: "String")), .index(.computedElements), .index(.elementsNotAssignable(type: "Range")),
        .index(.listMask(count: 3)), .making(.rangeTooLong(count: "1e+300")),
        .propertyOf(name: "count", type: "List"), .notMethodOf(method: "fit", type: "Perceptron"),
        .missingArgument(function: "sum", name: "x"), .noCallsHere,
        .overLimit(.operations(.layer, factors: [10, 20, 30], limit: 100)),
        .drawing(.series(count: 11, longest: nil, series: 10, points: 100)), .drawing(.totalPixels(5_000_000, images: 2, limit: 4_000_000)),
        .drawing(.output(function: "plotData", .svg(bytes: 500), limit: 100, notebook: false)),
        .drawing(.output(function: "plotData", .texts(bytes: 500), limit: 100, notebook: true)),
        .notA(.operand(.only, operator: "-"), .tensorOrNumber, got: .type("String")),
        .notA(.operand(.right, operator: "@"), .tensorOrNumber, got: .type("String")),
        .notA(.item(function: nil, .theRange), .tensorOrNumber, got: nil),
        .notA(.item(function: nil, .assignedValue), .tensorOrNumber, got: nil),
        .loopOver(.singleNumber), .condition(keyword: "while", type: "String"),
    ]

    @Test("each new kind has its words in both catalogues, different in French, with no key left unfilled", arguments: unreached)
    func worded(misuse: Misuse) {
        let english = misuse.message(in: .english), french = misuse.message(in: FrenchErrorsTests.french)
        for message in [english, french] {
            #expect(!message.isEmpty && !message.contains("misuse.") && !message.contains("{"), "\(message)")
        }
        #expect(english != french)
        #expect(misuse.bounded { String($0.prefix(2)) }.message(in: .english).count <= english.count)
    }

    @Test("the English words of the kinds no short command reaches are the source's, filled in by hand")
    func englishOfUnreached() {
        // "a string of \(length) bytes is over the limit of \(maximumStringBytes)", Operators.binary.
        #expect(Misuse.overLimit(.stringBytes(12, limit: 10)).message(in: .english) == "a string of 12 bytes is over the limit of 10")
        // "\(op.rawValue)=: the value\(given) would change …" with given = "" (a number).
        #expect(Misuse.operation(.changesShape(operator: "-", given: nil, from: [2], to: [])).message(in: .english)
                == "-=: the value would change the shape [2] to []; an update in place keeps its shape (write x = x - v to make a new value)")
        // "\(name) is not a method of \(article(this.typeName))", Registry+Methods.
        #expect(Misuse.notMethodOf(method: "fit", type: "Perceptron").message(in: .english) == "fit is not a method of a Perceptron")
        // "\(function): missing argument '\(name)'", Builtin.swift.
        #expect(Misuse.missingArgument(function: "sum", name: "x").message(in: .english) == "sum: missing argument 'x'")
        // "blobs: \(perCenter) points around each of \(n) centers are over the limit of \(max) elements", Registry+Data.
        #expect(Misuse.overLimit(.blobs(perCenter: 5, centers: 3, limit: 10)).message(in: .english)
                == "blobs: 5 points around each of 3 centers are over the limit of 10 elements")
        // An operand as a subject (the arithmetic's numeric guard keeps commands from reaching it): Coerce.tensor's
        // "\(what()) must be a Tensor or a Number, got \(a type)" with what = "the left operand of '\(op.rawValue)'".
        #expect(Misuse.notA(.operand(.left, operator: "*"), .tensorOrNumber, got: .type("List")).message(in: .english)
                == "the left operand of '*' must be a Tensor or a Number, got a List")
        #expect(Misuse.notA(.operand(.left, operator: "*"), .tensorOrNumber, got: .type("List")).message(in: FrenchErrorsTests.french)
                == "l'opérande gauche de '*' doit être de type Tensor ou Number, et non de type List")
        // Registry+Figures.checkOutput: "\(what): \(subject) over the output limit of \(limit) bytes for …", subject
        // "the figure's \(bytes) bytes of SVG are" or "the figure's title and labels (\(bytes) bytes) are".
        #expect(Misuse.drawing(.output(function: "plotData", .svg(bytes: 500), limit: 100, notebook: false)).message(in: .english)
                == "plotData: the figure's 500 bytes of SVG are over the output limit of 100 bytes for one command (front matter max-output)")
        #expect(Misuse.drawing(.output(function: "plotData", .texts(bytes: 500), limit: 100, notebook: true)).message(in: .english)
                == "plotData: the figure's title and labels (500 bytes) are over the output limit of 100 bytes for the notebook (front matter max-notebook-output)")
        // Plots.imageGrid: "plotImages: a figure draws at most \(maximumPixels) pixels in all, got \(pixels) in \(count) images".
        #expect(Misuse.drawing(.totalPixels(5_000_000, images: 2, limit: 4_000_000)).message(in: .english)
                == "plotImages: a figure draws at most 4000000 pixels in all, got 5000000 in 2 images")
        // "the elements of \(base.type.withArticle) cannot be assigned", Indexing.assign.
        #expect(Misuse.index(.elementsNotAssignable(type: "Range")).message(in: .english) == "the elements of a Range cannot be assigned")
    }
}
