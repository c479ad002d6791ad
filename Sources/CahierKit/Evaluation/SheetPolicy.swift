/// The evaluation policy of an exercise sheet, handed to the interpreter
/// (``Interpreter/policy``) by the run of a notebook that has answer blocks; a
/// notebook without them runs with none. Under it, the sheet's blocks, its
/// checks and the student's answers each run as their own code
/// (``CodeOrigin``): an answer, and every function it declares wherever that
/// runs, sees no name a check bound, draws from its own generator (each block
/// is re-seeded), and cannot rebind or change what the sheet made.
public final class SheetPolicy {
    /// Names an answer may not rebind or change: those the sheet bound outside answer and check blocks.
    public internal(set) var protectedNames: Set<String> = []
    /// Names a check block bound: an answer never sees them, and feedback never shows them as the answer's.
    public internal(set) var checkNames: Set<String> = []
    /// The objects held by protected names, which an answer may not change.
    var protectedObjects: Set<ObjectIdentifier> = []
    /// Whether the block now running is a student's answer (its commands pass when they run without error).
    public internal(set) var runningAnswer = false
    /// The answer block whose generator the context's `random` holds now, if any.
    var activeScope: AnswerScope?

    public init() {}

    /// Takes note of the names a command of a block bound: a check's are hidden from
    /// answers, the sheet's own (outside answers) protected from them.
    public func bound(_ names: [String], check: Bool, answer: Bool) {
        if check {
            checkNames.formUnion(names)
        } else if !answer {
            protectedNames.formUnion(names)
        }
    }
}
