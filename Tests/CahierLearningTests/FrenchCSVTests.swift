import CahierLearning
import Testing

/// Tables as French spreadsheets save them: `;` between fields and a comma
/// for the decimals (`2,5`). The delimiter is read off a header that is
/// unambiguous; numbers are read with decimal commas when asked; a decimal
/// comma met where points are read is an error at its line and column.
@Suite("French CSV")
struct FrenchCSVTests {
    /// A table of fruit measures as LibreOffice Calc in French saves it: a byte order mark, CRLF, `;` and decimal commas.
    static let french = "\u{FEFF}nom;taille;poids;espèce\r\nPomme;7,5;182;pomme\r\nPoire;-6,25;178;poire\r\nGolden; 7 ;150;pomme\r\n"

    func table(_ text: String, delimiter: Character = ";", decimalComma: Bool) throws -> DataTable {
        try DataTable(bytes: Array(text.utf8), path: "f.csv", delimiter: delimiter.asciiValue!, decimalComma: decimalComma)
    }

    @Test("a header separated by ';' with no ',' outside quotes is read as ';'-separated; any ',' or none at all leaves ','", arguments: [
        ("nom;taille;label\n1;2;3\n", true),
        ("\u{FEFF}\r\nnom;taille\r\n", true),           // a byte order mark and a blank line before the header
        ("\"a;b\",c\n", false),                          // the ';' is inside quotes, the ',' outside
        ("\"x, y\";taille\n", true),                     // the ',' is inside quotes
        ("nom,taille;poids\n", false),                   // both: ambiguous, so the name's ','
        ("nom\n1\n", false),                             // one column: nothing to tell
    ])
    func header(text: String, semicolons: Bool) {
        #expect((CSVDialect.semicolonHeader(Array(text.utf8)) == UInt8(ascii: ";")) == semicolons)
    }

    @Test("with decimal commas, 7,5 is 7.5, -6,25 is −6.25, and a whole number stays one")
    func decimalCommas() throws {
        let table = try table(Self.french, decimalComma: true)
        #expect(table.columns == ["nom", "taille", "poids", "espèce"])
        #expect(try table.numbers(1) == [7.5, -6.25, 7])
        #expect(try table.numbers(2) == [182, 178, 150])
        #expect(table.isNumeric(0) == false)
    }

    @Test("how a table writes its decimals is counted: commas that would be numbers, points that are")
    func marks() throws {
        let read = try table(Self.french, decimalComma: false)
        // 7,5 and -6,25 would be numbers with a comma; no field has a point.
        #expect(read.decimalMarks().commas == 2)
        #expect(read.decimalMarks().points == 0)
        let mixed = try table("a;b\n1,5;2.5\n", decimalComma: false)
        #expect(mixed.decimalMarks().commas == 1)
        #expect(mixed.decimalMarks().points == 1)
    }

    @Test("a decimal comma read with points is an error at its line and column that names the option")
    func commaWithPoints() throws {
        let read = try table(Self.french, decimalComma: false)
        let error = #expect(throws: DataFileError.self) { try read.numbers(1) }
        // Line 2 is "Pomme;7,5;…": "Pomme;" takes bytes 1–6, so 7,5 starts at column 7.
        #expect(error?.description == "f.csv:2:7: '7,5' in column 'taille' is not a number here: it looks like a decimal comma; read the file with decimal: \",\"")
        #expect(read.firstNonNumber(1, decimalCommaOnly: true) == 0)
        #expect(read.firstNonNumber(0, decimalCommaOnly: true) == nil)
    }

    @Test("with decimal commas a point is not a decimal mark, and other text is not a number, each at its place")
    func pointsWithCommas() throws {
        let read = try table("taille;poids\n1,5;2.5\n3;abc\n", decimalComma: true)
        // "1,5;" takes bytes 1–4: 2.5 is at column 5 of line 2.
        #expect(#expect(throws: DataFileError.self) { try read.numbers(1) }?.description == "f.csv:2:5: '2.5', not a number, in column 'poids'; fill it in or remove the row")
        #expect(try read.numbers(0) == [1.5, 3])
    }

    @Test("a tab-separated file may have decimal commas too")
    func tabs() throws {
        let read = try table("a\tb\n0,5\t1\n", delimiter: "\t", decimalComma: true)
        #expect(try read.numbers(0) == [0.5])
    }
}
