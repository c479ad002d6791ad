import CahierKit
import Foundation
import Testing

/// Syntax errors carry a typed reason; their words come from the catalogues in
/// the language of the notebook, the REPL session or the graded sheet. The
/// English words are today's (the docs and the older tests show them); the
/// French ones are written out here by hand, as the catalogue's French puts
/// each value in. French typography: U+00A0 before ':', U+202F before ';'.
@Suite("Syntax errors in the notebook's language")
struct SyntaxReasonTests {
    /// One wrong command, where it fails, and the error in each language.
    struct Case: Sendable, CustomTestStringConvertible {
        var command: String
        /// The column of the failing token: "> " takes columns 1 and 2, so the command starts at column 3.
        var column: Int
        var english: String
        var french: String
        var testDescription: String { command }
    }

    static let cases: [Case] = [
        Case(command: "let a = 1 $ 2", column: 13, english: "unexpected character '$'",
             french: "caractère inattendu '$'"),
        Case(command: "let y = x²", column: 12, english: "unexpected character '²'; square with ** 2, as in x ** 2",
             french: "caractère inattendu '²'\u{202F}; élevez au carré avec ** 2, comme dans x ** 2"),
        Case(command: "let x = 3 # trois", column: 13, english: "unexpected character '#'; a comment starts with //, not # as in Python",
             french: "caractère inattendu '#'\u{202F}; un commentaire commence par //, et non par # comme en Python"),
        Case(command: "2x", column: 4, english: "a number cannot be followed directly by a letter",
             french: "un nombre ne peut pas être suivi directement d'une lettre"),
        Case(command: "1e400", column: 3, english: "number 1e400 is too large: the largest is about 1.8e308",
             french: "le nombre 1e400 est trop grand\u{A0}: le plus grand vaut environ 1.8e308"),
        Case(command: "\"abc", column: 3, english: "unterminated string",
             french: "chaîne de caractères non fermée\u{A0}: il manque le guillemet \" final sur la ligne"),
        // `"a\qb"`: the backslash is the command's third character.
        Case(command: "\"a\\qb\"", column: 5, english: "unknown escape in string; use \\n, \\t, \\\" or \\\\",
             french: "séquence d'échappement inconnue dans une chaîne\u{202F}; écrivez \\n, \\t, \\\" ou \\\\"),
        // "f(1, 2" is 6 characters: the end of the command is column 9.
        Case(command: "f(1, 2", column: 9, english: "expected ')' to close the argument list, found the end of the command",
             french: "on attend ')' pour fermer la liste des arguments, mais on trouve la fin de la commande"),
        Case(command: "(1", column: 5, english: "expected ')' to close '(', found the end of the command",
             french: "on attend ')' pour fermer la parenthèse '(', mais on trouve la fin de la commande"),
        Case(command: "while true: print(1)", column: 13,
             english: "expected '{' after the condition of 'while', found ':'; Cahier writes a block in braces, not after a colon as Python does: for i in 0..<n { … }",
             french: "on attend '{' après la condition du 'while', mais on trouve ':'\u{202F}; Cahier écrit un bloc entre accolades, et non après un deux-points comme Python\u{A0}: for i in 0..<n { … }"),
        Case(command: "if true { 1", column: 14, english: "expected '}' to close the block, found the end of the command",
             french: "on attend '}' pour fermer le bloc, mais on trouve la fin de la commande"),
        Case(command: "let if = 2", column: 7, english: "'if' is a keyword and cannot be a name after 'let'",
             french: "'if' est un mot-clé et ne peut pas être un nom après 'let'"),
        Case(command: "var = 2", column: 7, english: "expected a name after 'var', found '='",
             french: "on attend un nom après 'var', mais on trouve '='"),
        Case(command: "}", column: 3, english: "expected the end of the command, found '}' (there is no '{' for it to close)",
             french: "on attend la fin de la commande, mais on trouve '}' (aucune '{' ouverte ne lui correspond)"),
        Case(command: "let x = 1 2", column: 13, english: "expected the end of the statement (a line break or ';'), found a number",
             french: "on attend la fin de l'instruction (un retour à la ligne ou ';'), mais on trouve un nombre"),
        Case(command: "if true { func f() { } }", column: 13,
             english: "a function is declared at the top of a command, not inside a block or another function",
             french: "une fonction se déclare au premier niveau d'une commande, et non dans un bloc ou dans une autre fonction"),
        Case(command: "break", column: 3, english: "'break' is only allowed inside a loop",
             french: "'break' n'est permis qu'à l'intérieur d'une boucle"),
        Case(command: "return 1", column: 3, english: "'return' is only allowed inside a function",
             french: "'return' n'est permis qu'à l'intérieur d'une fonction"),
        Case(command: "var x 1", column: 9, english: "expected '=' after the name in 'var', found a number",
             french: "on attend '=' après le nom dans 'var', mais on trouve un nombre"),
        Case(command: "func f(_) { }", column: 11, english: "expected the parameter's name after '_'",
             french: "on attend le nom du paramètre après '_'"),
        Case(command: "let x: 3 = 1", column: 10, english: "expected a type such as Number, Tensor or Bool, found a number",
             french: "on attend un type comme Number, Tensor ou Bool, mais on trouve un nombre"),
        Case(command: "for i 0..<3 { }", column: 9, english: "expected 'in' after the name in 'for', as in for i in 0..<n { … }, found a number",
             french: "on attend 'in' après le nom dans 'for', comme dans for i in 0..<n { … }, mais on trouve un nombre"),
        Case(command: "1 = 2", column: 3, english: "only a name or an element (x[i]) can be assigned to",
             french: "on ne peut affecter une valeur qu'à un nom ou à un élément (x[i])"),
        Case(command: "1 < 2 < 3", column: 9, english: "comparisons cannot be chained; combine them with '&&'",
             french: "les comparaisons ne s'enchaînent pas\u{202F}; combinez-les avec '&&'"),
        Case(command: "x.(1)", column: 5, english: "expected a member name after '.', found '('",
             french: "on attend un nom de membre après '.', mais on trouve '('"),
        Case(command: "f(rate=2)", column: 9, english: "labels are written with ':', as in rate: …, not rate=",
             french: "l'étiquette d'un argument s'écrit avec ':', comme dans rate: …, et non rate="),
        Case(command: "let x = while", column: 11, english: "'while' cannot be used here: it starts a statement",
             french: "'while' ne peut pas figurer ici\u{A0}: ce mot-clé commence une instruction"),
        Case(command: "1 +", column: 6, english: "expected an expression, found the end of the command",
             french: "on attend une expression, mais on trouve la fin de la commande"),
        Case(command: "let s = \"a\" + *", column: 17, english: "expected an expression, found '*'",
             french: "on attend une expression, mais on trouve '*'"),
        // Python habits, each at its own token.
        Case(command: "def f(x): return x", column: 3,
             english: "'def' is Python's; Cahier declares a function with func, as in func double(_ x: Number) -> Number { return 2 * x }",
             french: "'def' est du Python\u{202F}; Cahier déclare une fonction avec func, comme dans func double(_ x: Number) -> Number { return 2 * x }"),
        Case(command: "if true { 1 } elif false { 2 }", column: 17,
             english: "'elif' is Python's; Cahier writes else if: if a { … } else if b { … } else { … }",
             french: "'elif' est du Python\u{202F}; Cahier écrit else if\u{A0}: if a { … } else if b { … } else { … }"),
        Case(command: "let y = 1 if true else 2", column: 13, english: "'a if c else b' is Python's; Cahier writes c ? a : b",
             french: "'a if c else b' est du Python\u{202F}; Cahier écrit c ? a : b"),
        Case(command: "[x * 2 for x in [1, 2]]", column: 10,
             english: "a list comprehension [… for x in xs] is Python's; Cahier computes on whole tensors (xs * 2 doubles every element of xs), or builds a list in a loop: var ys = list(); for x in xs { ys.append(x * 2) }",
             french: "une liste en compréhension [… for x in xs] est du Python\u{202F}; Cahier calcule sur des tenseurs entiers (xs * 2 double chaque élément de xs), ou construit une liste dans une boucle\u{A0}: var ys = list(); for x in xs { ys.append(x * 2) }"),
        Case(command: "true and false", column: 8, english: "'and' is Python's; Cahier writes a && b",
             french: "'and' est du Python\u{202F}; Cahier écrit a && b"),
        Case(command: "if not true { 1 }", column: 6, english: "'not' is Python's; Cahier writes !x",
             french: "'not' est du Python\u{202F}; Cahier écrit !x"),
        Case(command: "import numpy as np", column: 3,
             english: "'import' is Python's; Cahier imports nothing: tensors, layers and losses are built in, so np.zeros(3) is zeros(3) (cahier help lists them all)",
             french: "'import' est du Python\u{202F}; Cahier n'importe rien\u{A0}: tenseurs, couches et fonctions de perte sont intégrés, si bien que np.zeros(3) s'écrit zeros(3) (cahier help les liste tous)"),
    ]

    /// The diagnostics of a one-command notebook with `frontMatter`: the command is on line 5.
    static func diagnostics(_ command: String, frontMatter: String, path: String = "cours.md") throws -> [Diagnostic] {
        let text = "---\n\(frontMatter)\n---\n```cahier\n> \(command)\n```\n"
        let error = #expect(throws: DiagnosticError.self) { try Support.notebook(text, path: path) }
        return error?.diagnostics ?? []
    }

    @Test("a wrong command in a French notebook gives the French message at its line and column; in an English one, today's English", arguments: cases)
    func frenchAndEnglish(_ wrong: Case) throws {
        let french = try Self.diagnostics(wrong.command, frontMatter: "lang: fr")
        let english = try Self.diagnostics(wrong.command, frontMatter: "title: Cours")
        #expect(french.map(\.message) == [wrong.french])
        #expect(english.map(\.message) == [wrong.english])
        for diagnostics in [french, english] {
            #expect(diagnostics.first?.range.start == SourcePosition(line: 5, column: wrong.column))
        }
    }

    @Test("the words follow the reason alone: the same reason gives the same words, whatever the command")
    func reasonDecides() throws {
        let reasons = try ["var x 1", "var x \"s\""].map { command -> SyntaxError.Reason in
            let error = #expect(throws: SyntaxError.self) { try Parser.parse(CommandText(command)) }
            return try #require(error).reason
        }
        #expect(reasons == [.missingEquals(.var, found: .number(1)), .missingEquals(.var, found: .string("s"))])
        #expect(reasons[1].message(in: Language(tag: "fr")) == "on attend '=' après le nom dans 'var', mais on trouve une chaîne de caractères")
    }

    @Test("reasons no command of today's grammar reaches still have their words in both languages")
    func unreached() {
        let french = Language(tag: "fr")
        // A malformed number: the lexer only reads digits, '_', '.', and an exponent followed by a digit.
        #expect(SyntaxError.Reason.malformedNumber("1.2.3").message(in: .english) == "malformed number '1.2.3'")
        #expect(SyntaxError.Reason.malformedNumber("1.2.3").message(in: french) == "nombre mal formé '1.2.3'")
        // `=` after a complete expression is read as an assignment, so this hint is a safety net.
        let equals = SyntaxError.Reason.endOfCommandExpected(found: .symbol(.equals))
        #expect(equals.message(in: .english) == "expected the end of the command, found '=' (bind a name with 'let name = …' or 'var name = …')")
        #expect(equals.message(in: french) == "on attend la fin de la commande, mais on trouve '=' (on lie un nom avec 'let nom = …' ou 'var nom = …')")
    }

    @Test("nesting past the limit is refused in the notebook's language")
    func tooDeep() throws {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        let french = try Self.diagnostics(deep, frontMatter: "lang: fr")
        let english = try Self.diagnostics(deep, frontMatter: "title: Cours")
        // Parser.maximumDepth is 200: the message names it, as the catalogue writes it.
        #expect(french.map(\.message) == ["la commande dépasse 200 niveaux d'imbrication"])
        #expect(english.map(\.message) == ["the command nests more than 200 levels deep"])
        #expect(french.first?.range == english.first?.range)
    }

    @Test("a notebook without lang under a French course's index.md reads its syntax errors in French")
    func courseLanguage() throws {
        let course = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: course) }
        let exercises = course.appendingPathComponent("exercises")
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        try "---\nlang: fr\n---\n# Cours\n".write(to: course.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let sheet = exercises.appendingPathComponent("01.md")
        try "```cahier\n> let y = True if x else None\n```\n".write(to: sheet, atomically: true, encoding: .utf8)
        let error = #expect(throws: DiagnosticError.self) { try NotebookParser.load(path: sheet.path) }
        #expect(error?.diagnostics.map(\.message) == ["'a if c else b' est du Python\u{202F}; Cahier écrit c ? a : b"])
        #expect(error?.diagnostics.first?.range.start == SourcePosition(line: 2, column: 16))
    }

    @Test("every context, name role and habit has its words in every catalogue", arguments: Language.catalogued)
    func everyKey(language: Language) throws {
        let catalogue = try CatalogueTests.catalogue(language.tag)
        var keys = SyntaxError.Context.allCases.map { "syntax.context." + $0.rawValue }
        keys += PythonHabit.allCases.map { "python." + $0.rawValue }
        keys += CharacterHabit.allCases.map { "python.character." + $0.rawValue }
        keys += PythonName.allCases.map { "python.name." + $0.rawValue }
        for key in keys {
            #expect(catalogue.entries[key] != nil, "catalogues/\(language.tag).txt lacks \(key)")
        }
    }

    @Test("a Python name at run time is explained in the notebook's language", arguments: [
        ("True", "erreur\u{A0}: nom inconnu 'True'\u{202F}; Cahier écrit true"),
        ("None", "erreur\u{A0}: nom inconnu 'None'\u{202F}; Cahier n'a pas de None\u{A0}: omettez un argument facultatif, et terminez par return une fonction qui ne renvoie rien"),
    ])
    func pythonNames(command: String, french: String) throws {
        let notebook = try Support.notebook("---\nlang: fr\n---\n```cahier\n> \(command)\n```\n")
        #expect(NotebookRun(notebook).outputs.first?.first == [french])
    }

    @Test("the REPL writes a syntax error in its session's language, with its place")
    func repl() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A session's columns count from the first character typed: '#' is the 11th.
        let english = InteractiveSession(folder: folder.path)
        #expect(english.run(["let x = 3 # trois"]).lines == ["error: unexpected character '#'; a comment starts with //, not # as in Python (column 11)"])
        let notebook = folder.appendingPathComponent("cours.md")
        try "---\nlang: fr\n---\n".write(to: notebook, atomically: true, encoding: .utf8)
        let french = InteractiveSession(folder: folder.path)
        _ = try french.load(path: notebook.path)
        #expect(french.run(["f(1,", "2"]).lines == ["erreur\u{A0}: on attend ')' pour fermer la liste des arguments, mais on trouve la fin de la commande (ligne 2, colonne 2)"])
    }

    /// Grades `handIn` against ``sheet`` in English, French and the pseudo-language, expecting
    /// 1 of 2 points each time (exercise a unreadable, b right); the words the student reads for a, by language.
    static func unreadableAnswer(_ handIn: String) throws -> [Language: String] {
        var problems: [Language: String] = [:]
        for language in [Language.english, Language(tag: "fr"), .pseudo] {
            let (events, result) = try Support.grade(handIn, sheet: sheet, language: language)
            #expect(result.total == 1 && result.maximum == 2, "\(language.tag)")
            for case .answers(let statuses) in events {
                if case .unreadable(let problem)? = statuses["a"] { problems[language] = problem }
                #expect(statuses["b"] == .ready)
            }
        }
        return problems
    }

    static let sheet = """
        ```cahier exercise=a points=1
        > let a = 2
        ```
        ```cahier check=a
        > expect(a == 2, "a")
        ```
        ```cahier exercise=b points=1
        > let b = 3
        ```
        ```cahier check=b
        > expect(b == 3, "b")
        ```

        """

    @Test("a syntax error in a hand-in grades alike in every language; the student reads it in the sheet's")
    func handIn() throws {
        // "> let a = (2": the end of the command, where ')' is missing, is column 13.
        // Exercise a cannot be read (its check counts 0), exercise b is right (1 point): 1 of 2 points.
        let handIn = "```cahier exercise=a\n> let a = (2\n```\n```cahier exercise=b\n> let b = 3\n```\n"
        let problems = try Self.unreadableAnswer(handIn)
        #expect(problems[.english] == "the answer to a cannot be read: line 2, column 13: expected ')' to close '(', found the end of the command")
        #expect(problems[Language(tag: "fr")] == "la réponse à l'exercice a est illisible\u{A0}: ligne 2, colonne 13\u{A0}: on attend ')' pour fermer la parenthèse '(', mais on trouve la fin de la commande")
        #expect(problems[.pseudo]?.hasPrefix("⟦") == true)
    }
}
