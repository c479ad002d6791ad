import ArgumentParser
import CahierKit

struct Help: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "builtins",
        abstract: "List the builtins of the command language, or show one in full.",
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
        guard let text = Reference.text(topic: name) else {
            throw ValidationError("no builtin named '\(name ?? "")'; 'cahier help' lists them")
        }
        print(text, terminator: "")
    }
}
