import Foundation
@testable import CahierKit
import Testing

/// What a builtin, a method or the language refuses is a typed reason
/// (``Misuse``), worded from the catalogues in the notebook's language: the
/// English words are the ones the code wrote before (quoted from its source),
/// a French notebook reads French, and both have the same reason, which is
/// what checking and grading read.
@Suite("French errors")
struct FrenchErrorsTests {
    /// The last command's error after `commands`, in an English or a French notebook.
    static func failure(_ commands: [String], french: Bool) throws -> CommandOutcome? {
        let text = (french ? "---\nlang: fr\n---\n" : "") + "```cahier\n" + commands.map { "> " + $0 + "\n" }.joined() + "```\n"
        let run = NotebookRun(try Support.notebook(text))
        return run.blocks.first?.commands.last?.outcome
    }

    static let french = Language(tag: "fr")

    /// (setup and command, the English message, the French message). The English is the string the
    /// source threw before the reason was typed, filled in by hand for this command.
    static let cases: [([String], String, String)] = [
        // An argument reader: Coerce.integer's "\(what()) must be a whole number, got \(Display.number(x))".
        (["print(1, digits: 2.5)"], "print: 'digits' must be a whole number, got 2.5",
         "print\u{A0}: 'digits' doit être un nombre entier, et non 2.5"),
        // Coerce.tensor's "\(what()) must be a Tensor; this List holds \(list.items[0].type.withArticle)".
        (["concat([\"a\"], [1])"], "concat: a part must be a Tensor; this List holds a String",
         "concat\u{A0}: une partie doit être de type Tensor\u{202F}; cette liste contient une valeur de type String"),
        // Coerce.array's "the rows of an array must have the same shape; got " + shapes joined by " and " + "; to keep …".
        (["[[1, 2], [3], [4, 5, 6]]"],
         "the rows of an array must have the same shape; got [2] and [1] and [3]; to keep values of different shapes together, make a list: list(a, b)",
         "les lignes d'un tableau doivent avoir la même forme\u{202F}; on a [2] et [1] et [3]\u{202F}; pour garder ensemble des valeurs de formes différentes, faites-en une liste\u{A0}: list(a, b)"),
        // Members: "'\(name)' is a property of \(base.type.withArticle); read it without parentheses".
        (["let x = [1, 2]", "x.shape()"], "'shape' is a property of a Tensor; read it without parentheses",
         "'shape' est une propriété du type Tensor\u{202F}; lisez-la sans parenthèses"),
        // "\(base.type.withArticle) has no method '…'" + "; " + PythonHabits.methodAsFunction(name, arguments: 0).
        (["let x = [1, 2]", "x.sum()"], "a Tensor has no method 'sum'; Cahier writes it as a function: sum(x) where NumPy writes x.sum()",
         "une valeur de type Tensor n'a pas de méthode 'sum'\u{202F}; Cahier l'écrit comme une fonction\u{A0}: sum(x), là où NumPy écrit x.sum()"),
        // … + "; its methods are " + known.joined(separator: ", ").
        (["let x = [1, 2]", "x.foo()"], "a Tensor has no method 'foo'; its methods are backward, detach",
         "une valeur de type Tensor n'a pas de méthode 'foo'\u{202F}; ses méthodes sont backward, detach"),
        // "'\(name)' is a method of \(base.type.withArticle); call it with parentheses: .\(name)(…)".
        (["let x = [1, 2]", "x.backward"], "'backward' is a method of a Tensor; call it with parentheses: .backward(…)",
         "'backward' est une méthode du type Tensor\u{202F}; appelez-la avec des parenthèses\u{A0}: .backward(…)"),
        // "'\(name)' is \(value.type.withArticle), not a function" + "; " + PythonHabits.call(methods:).
        (["let m = Perceptron(features: 2)", "m([1, 2])"], "'m' is a Perceptron, not a function; its predictions are model.predict(x)",
         "'m' est une valeur de type Perceptron, pas une fonction\u{202F}; ses prédictions sont model.predict(x)"),
        // Bindings: "cannot assign to '\(name)': it is a constant, bound with let; bind it with var to change it".
        (["let n = 3", "n = 4"], "cannot assign to 'n': it is a constant, bound with let; bind it with var to change it",
         "impossible d'affecter 'n'\u{A0}: c'est une constante, liée avec let\u{202F}; liez-la avec var pour pouvoir la modifier"),
        // "'\(name)' is the name of a builtin function and cannot be assigned to".
        (["sum = 2"], "'sum' is the name of a builtin function and cannot be assigned to",
         "'sum' est le nom d'une fonction intégrée\u{A0}: on ne peut rien lui affecter"),
        // Ranges: "a range cannot run backwards: \(a)\(closed ? "..." : "..<")\(b); for a reversed order index with [::-1]".
        (["5..<2"], "a range cannot run backwards: 5..<2; for a reversed order index with [::-1]",
         "un intervalle ne peut pas aller à rebours\u{A0}: 5..<2\u{202F}; pour l'ordre inverse, indexez avec [::-1]"),
        // Domains: "print: digits must be from 1 to \(Display.maximumDigits), got \(digits)", maximumDigits = 17.
        (["print(1, digits: 40)"], "print: digits must be from 1 to 17, got 40", "print\u{A0}: digits doit aller de 1 à 17, et non 40"),
        // "fit: rule must be \"online\", \"batch\" or \"margin\", got \"\(other)\"".
        (["let p = Perceptron(features: 1)", "p.fit(dataset(x: [[0], [1]], y: [0, 1]), epochs: 1, rule: \"slow\")"],
         "fit: rule must be \"online\", \"batch\" or \"margin\", got \"slow\"",
         "fit\u{A0}: rule doit valoir \"online\", \"batch\" ou \"margin\", et non \"slow\""),
        // "clip: min must be ≤ max, got \(Display.number(low)) and \(Display.number(high))".
        (["clip([1, 2], min: 2, max: 1)"], "clip: min must be ≤ max, got 2 and 1",
         "clip\u{A0}: min doit être inférieur ou égal à max\u{202F}; on a min = 2 et max = 1"),
        // "unknown loss '…'; the losses are crossEntropy, bce, bceWithLogits, mse, perceptron".
        (["lossGradient(\"hinge\", [1, 2], [1, 4])"],
         "unknown loss 'hinge'; the losses are crossEntropy, bce, bceWithLogits, mse, perceptron",
         "fonction de perte inconnue 'hinge'\u{202F}; les fonctions de perte sont crossEntropy, bce, bceWithLogits, mse, perceptron"),
        // Makers: "Sequential: give at least one layer", "MLP: sizes must list at least two whole numbers ≥ 1".
        (["Sequential()"], "Sequential: give at least one layer", "Sequential\u{A0}: donnez au moins une couche"),
        (["MLP(sizes: [2])"], "MLP: sizes must list at least two whole numbers ≥ 1", "MLP\u{A0}: sizes doit donner au moins deux nombres entiers ≥ 1"),
        // len: "len: a number has no length; len(x) is the length of a tensor's first axis".
        (["len(3)"], "len: a number has no length; len(x) is the length of a tensor's first axis",
         "len\u{A0}: un nombre n'a pas de longueur\u{202F}; len(x) est la longueur du premier axe d'un tenseur"),
        // Autograd: "permutation: n must be ≥ 0, got \(n)".
        (["permutation(-1)"], "permutation: n must be ≥ 0, got -1", "permutation\u{A0}: n doit être ≥ 0, et non -1"),
        // WorkLimits: "epochs must be ≥ 0, got \(epochs)".
        (["let p = Perceptron(features: 1)", "p.fit(dataset(x: [[0], [1]], y: [0, 1]), epochs: -1)"], "epochs must be ≥ 0, got -1",
         "epochs doit être ≥ 0, et non -1"),
        // Figures: "plotFunction: from must be less than to".
        (["plotFunction(\"relu\", from: 2, to: 1)"], "plotFunction: from must be less than to",
         "plotFunction\u{A0}: from doit être strictement inférieur à to"),
        // Picture.all's "plotImages: give images as rows of a matrix, or a tensor [N, H, W] or [N, H, W, C], got shape \(…)".
        (["plotImages(zeros(3))"], "plotImages: give images as rows of a matrix, or a tensor [N, H, W] or [N, H, W, C], got shape [3]",
         "plotImages\u{A0}: donnez les images comme lignes d'une matrice, ou comme un tenseur [N, H, W] ou [N, H, W, C], et non de forme [3]"),
        // The np.zeros hint: "Cahier needs no import: \(module).\(member) is the builtin \(signature)".
        (["np.zeros(3)"], "unknown name 'np'; Cahier needs no import: np.zeros is the builtin zeros(_ dims: Int...) -> Tensor",
         "nom inconnu 'np'\u{202F}; Cahier n'importe rien\u{A0}: np.zeros est la fonction intégrée zeros(_ dims: Int...) -> Tensor"),
    ]

    @Test("a refusal reads as before in English, in French in a French notebook, and has the same reason in both", arguments: cases)
    func bothLanguages(example: ([String], String, String)) throws {
        let (commands, english, french) = example
        let en = try #require(try Self.failure(commands, french: false)?.error)
        let frOutcome = try #require(try Self.failure(commands, french: true))
        let fr = try #require(frOutcome.error)
        #expect(en.message == english)
        #expect(fr.message(in: Self.french) == french)
        #expect(en.reason == fr.reason)
        // The reason is typed: no English words decide it.
        if case .other = en.reason { Issue.record("'\(english)' is still an untyped reason") }
        // The French notebook's transcript shows the French words.
        #expect(frOutcome.errorLines.first == "erreur\u{A0}: " + french)
    }

    @Test("every refusal's words exist in both catalogues, with no key left unfilled")
    func noKeyShows() throws {
        for (commands, _, _) in Self.cases {
            let error = try #require(try Self.failure(commands, french: true)?.error)
            for language in [Language.english, Self.french] {
                let message = error.message(in: language)
                #expect(!message.contains("misuse."), "\(message)")
                #expect(!message.contains("{"), "\(message)")
            }
        }
    }

    @Test("the French REPL writes a refusal in French")
    func repl() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notebook = folder.appendingPathComponent("cours.md")
        try "---\nlang: fr\n---\n".write(to: notebook, atomically: true, encoding: .utf8)
        let session = InteractiveSession(folder: folder.path)
        _ = try session.load(path: notebook.path)
        #expect(session.run(["len(3)"]).lines == ["erreur\u{A0}: len\u{A0}: un nombre n'a pas de longueur\u{202F}; len(x) est la longueur du premier axe d'un tenseur"])
    }

    @Test("load's refusals of a path, a column or an option read in the notebook's language")
    func load() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "a,b\n1,2\n".write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        try "a,b,label\nx,y,1\n".write(to: folder.appendingPathComponent("words.csv"), atomically: true, encoding: .utf8)
        try "a,b,c\n1,,0\n".write(to: folder.appendingPathComponent("hole.csv"), atomically: true, encoding: .utf8)
        try "a;b\n1.5;2\n2,5;3\n".write(to: folder.appendingPathComponent("comma.csv"), atomically: true, encoding: .utf8)
        try "a,label\n1,yes\n2,\n".write(to: folder.appendingPathComponent("nolabel.csv"), atomically: true, encoding: .utf8)
        // The English is what Registry+Files threw before: "load: no file '\(path)' in the notebook's folder",
        // "load: \(path) has no column '\(name)' for \(role); its columns are " + listed(table.columns), and
        // "load: say which column of \(path) holds the labels, as in load(\"\(path)\", label: \"\(last)\"); its columns are " + ….
        let cases = [
            ("load(\"nope.csv\")", "load: no file 'nope.csv' in the notebook's folder", "load\u{A0}: aucun fichier 'nope.csv' dans le dossier du cahier"),
            ("load(\"t.csv\", label: \"c\")", "load: t.csv has no column 'c' for the labels; its columns are a, b",
             "load\u{A0}: t.csv n'a pas de colonne 'c' pour les étiquettes\u{202F}; ses colonnes sont a, b"),
            ("load(\"t.csv\")", "load: say which column of t.csv holds the labels, as in load(\"t.csv\", label: \"b\"); its columns are a, b",
             "load\u{A0}: indiquez quelle colonne de t.csv contient les étiquettes, comme dans load(\"t.csv\", label: \"b\")\u{202F}; ses colonnes sont a, b"),
            ("load(\"t.csv\", decimal: \"x\")", "load: decimal must be \".\" or \",\", got \"x\"", "load\u{A0}: decimal doit valoir \".\" ou \",\", et non \"x\""),
            // DataTable.notANumber's three sentences, after "load: \(path)\(position): "; two columns of words add
            // " (the columns " + listed(…) + " of \(path) are not numbers; choose the features with features: and a text column with text:)".
            ("load(\"words.csv\")",
             "load: words.csv:2:1: 'x', not a number, in column 'a'; fill it in or remove the row (the columns 'a', 'b' of words.csv are not numbers; choose the features with features: and a text column with text:)",
             "load\u{A0}: words.csv:2:1\u{A0}: 'x', dans la colonne 'a', n'est pas un nombre\u{202F}; corrigez la valeur ou supprimez la ligne (les colonnes 'a', 'b' de words.csv ne sont pas des nombres\u{202F}; choisissez les attributs avec features: et une colonne de textes avec text:)"),
            ("load(\"hole.csv\", label: \"c\")", "load: hole.csv:2:3: a missing value in column 'b'; fill it in or remove the row",
             "load\u{A0}: hole.csv:2:3\u{A0}: une valeur manque dans la colonne 'b'\u{202F}; complétez-la ou supprimez la ligne"),
            ("load(\"comma.csv\", label: \"b\", delimiter: \";\")",
             "load: comma.csv:3:1: '2,5' in column 'a' is not a number here: it looks like a decimal comma; read the file with decimal: \",\"",
             "load\u{A0}: comma.csv:3:1\u{A0}: '2,5', dans la colonne 'a', n'est pas un nombre ici\u{A0}: on dirait une virgule décimale\u{202F}; lisez le fichier avec decimal: \",\""),
            // "load: \(path)\(position): a missing label".
            ("load(\"nolabel.csv\", label: \"label\")", "load: nolabel.csv:3:3: a missing label", "load\u{A0}: nolabel.csv:3:3\u{A0}: une étiquette manque"),
        ]
        for (command, english, french) in cases {
            var reasons: [FailureReason] = []
            for (front, words) in [("", english), ("---\nlang: fr\n---\n", "erreur\u{A0}: " + french)] {
                let path = folder.appendingPathComponent("n.md")
                try (front + "```cahier\n> " + command + "\n```\n").write(to: path, atomically: true, encoding: .utf8)
                let outcome = try #require(NotebookRun(try NotebookParser.load(path: path.path)).blocks.first?.commands.last?.outcome)
                let error = try #require(outcome.error)
                reasons.append(error.reason)
                if front.isEmpty { #expect(error.message == words) } else { #expect(outcome.errorLines.first == words) }
            }
            #expect(reasons[0] == reasons[1])
            if case .other = reasons[0] { Issue.record("\(command): still an untyped reason") }
        }
    }

    static let sheet = """
        ```cahier exercise=a points=1
        > let a = [1, 2]
        ```
        ```cahier check=a
        > expect(len(a) == 2, "a has two items")
        ```

        """

    @Test("a French sheet's feedback on such an error is French, and the grader reads the same reason")
    func grading() throws {
        let handIn = "```cahier exercise=a\n> let a = 3\n```\n"
        var reasons: [FailureReason] = []
        for language in [Language.english, Self.french] {
            let (events, result) = try Support.grade(handIn, sheet: Self.sheet, language: language)
            #expect(result.total == 0 && result.maximum == 1)
            for case .check(_, .failed(let failure)) in events { reasons.append(failure.reason) }
            let page = GradeReports.feedback(result)
            if language == Self.french {
                #expect(page.contains("len\u{A0}: un nombre n'a pas de longueur"), "\(page)")
                #expect(!page.contains("has no length"))
            } else {
                #expect(page.contains("len: a number has no length; len(x) is the length of a tensor's first axis"), "\(page)")
            }
        }
        #expect(reasons == [.misuse(.noLength(type: nil)), .misuse(.noLength(type: nil))])
    }
}
