extension Assignment {
    /// Warnings for hidden checks whose message gives away what they check.
    ///
    /// A failing check's message is shown to the student, so a hidden check
    /// whose message holds a value its condition compares with (a number
    /// literal, or a string literal) tells the student the expected answer:
    /// `expect(epochs == [6, 4, 6], "needs 6, 4 and 6 epochs")`. One warning
    /// per such check, at its message.
    public static func revealingMessages(of sheet: Sheet) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for check in sheet.checks where !check.visible {
            let command = sheet.notebook.blocks[check.block].commands[check.command]
            guard let statement = command.program.statements.first, case .expression(let expression) = statement.kind,
                  case .call(_, let arguments) = expression.kind, arguments.count >= 2 else { continue }
            var numbers: Set<Double> = []
            var strings: Set<String> = []
            literals(in: arguments[0].value, numbers: &numbers, strings: &strings)
            let shownNumbers = Set(Assignment.numbers(in: check.message)).intersection(numbers)
            let shownStrings = strings.filter { !$0.isEmpty && check.message.contains($0) }
            guard !shownNumbers.isEmpty || !shownStrings.isEmpty else { continue }
            let values = shownNumbers.sorted().map { Display.number($0) } + shownStrings.sorted().map { "\"\($0)\"" }
            warnings.append(Diagnostic(.warning, "this hidden check's message shows what it checks (\(values.joined(separator: ", "))): "
                                       + "a student whose answer fails reads the expected value; say what is wrong without the value",
                                       in: sheet.notebook.source, range: arguments[1].value.range))
        }
        return warnings
    }

    /// The number and string literals of an expression, a negated number as its negative,
    /// leaving out those of labeled call arguments and the bounds of ordering comparisons.
    static func literals(in expression: Expression, numbers: inout Set<Double>, strings: inout Set<String>) {
        switch expression.kind {
        case .number(let value): numbers.insert(value)
        case .string(let text): strings.insert(text)
        case .bool, .name: break
        case .array(let items): for item in items { literals(in: item, numbers: &numbers, strings: &strings) }
        case .unary(let op, let operand):
            if op == .negate, case .number(let value) = operand.kind { numbers.insert(-value) }
            literals(in: operand, numbers: &numbers, strings: &strings)
        case .binary(let op, let a, let b) where [.less, .lessEqual, .greater, .greaterEqual].contains(op):
            // A bound (accuracy >= 0.97, error < 1e-6) is the bar the student is told, not the answer: left out.
            for side in [a, b] where !isLiteral(side) { literals(in: side, numbers: &numbers, strings: &strings) }
        case .binary(_, let a, let b), .range(let a, let b, _):
            literals(in: a, numbers: &numbers, strings: &strings)
            literals(in: b, numbers: &numbers, strings: &strings)
        case .conditional(let a, let b, let c):
            for part in [a, b, c] { literals(in: part, numbers: &numbers, strings: &strings) }
        case .call(let callee, let arguments):
            literals(in: callee, numbers: &numbers, strings: &strings)
            // A labeled argument is a setting of the call (rate: 0.5), not a value compared with.
            for argument in arguments where argument.label == nil { literals(in: argument.value, numbers: &numbers, strings: &strings) }
        case .index(let base, let items):
            literals(in: base, numbers: &numbers, strings: &strings)
            for case .value(let item) in items { literals(in: item, numbers: &numbers, strings: &strings) }
        case .member(let base, _): literals(in: base, numbers: &numbers, strings: &strings)
        }
    }

    /// A number, or a negated number.
    static func isLiteral(_ expression: Expression) -> Bool {
        if case .number = expression.kind { return true }
        if case .unary(.negate, let operand) = expression.kind, case .number = operand.kind { return true }
        return false
    }

    /// The numbers written in a text: each run of digits with at most one
    /// decimal point, and a minus sign right before it.
    static func numbers(in text: String) -> [Double] {
        var found: [Double] = []
        var run = ""
        func flush() {
            if let value = Double(run.hasSuffix(".") ? String(run.dropLast()) : run) { found.append(value) }
            run = ""
        }
        var previous: Character = " "
        for character in text {
            if character.isASCII, character.isNumber {
                if run.isEmpty, previous == "-" { run = "-" }
                run.append(character)
            } else if character == ".", !run.isEmpty, !run.contains(".") {
                run.append(character)
            } else if !run.isEmpty {
                flush()
            }
            previous = character
        }
        if !run.isEmpty { flush() }
        return found
    }
}
