import ArgumentParser
import CahierKit

struct Help: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "builtins",
        abstract: "List the builtins of the command language, or show one (or a subcommand's help) in full.",
        aliases: ["help"]
    )

    @Argument(help: "A builtin's name.")
    var name: String?

    @Flag(help: "Print the whole reference as Markdown (docs/reference.md).")
    var markdown = false

    func run() throws {
        if markdown {
            print(Reference.markdown(), terminator: "")
            return
        }
        // `cahier help run` shows a subcommand's help, as the usage line promises.
        let subcommands: [ParsableCommand.Type] = [Run.self, Check.self, Render.self, Watch.self, Serve.self, Repl.self, Assign.self, Grade.self, Gradebooks.self, Doctor.self]
        if let name, let command = subcommands.first(where: { $0._commandName == name }) {
            print(Cahier.helpMessage(for: command))
            return
        }
        guard let text = Reference.text(topic: name) else {
            throw ValidationError("no builtin or subcommand named '\(name ?? "")'; 'cahier help' lists the builtins, 'cahier --help' the subcommands")
        }
        print(text, terminator: "")
    }
}
