// cahier-embed FOLDER OUTPUT: writes to OUTPUT a Swift enum `EmbeddedFiles`
// whose `files` maps each file's path under FOLDER (with `/`) to its text, in
// raw string literals. Only UTF-8 text with `\n` line endings is embedded; any
// other file stops the build with its name.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("cahier-embed: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: cahier-embed FOLDER OUTPUT") }
let (folder, output) = (arguments[1], arguments[2])
var paths: [String] = []
if let walker = FileManager.default.enumerator(atPath: folder) {
    for case let path as String in walker {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            paths.append(path)
        }
    }
}
var text = "// Written by cahier-embed at build time from the target's Embedded folder.\n"
text += "enum EmbeddedFiles {\n    /// Each embedded file's text, by its path under Embedded/.\n    static let files: [String: String] = [\n"
for path in paths.sorted() {
    guard let data = FileManager.default.contents(atPath: folder + "/" + path),
          let content = String(data: data, encoding: .utf8) else { fail("\(path) is not UTF-8 text") }
    guard !content.contains("\r") else { fail("\(path) has carriage returns; save it with \\n line endings") }
    // Enough `#` that no `"""` followed by them closes the literal early.
    var longest = 0, run = 0
    for character in content {
        run = character == "#" ? run + 1 : 0
        longest = max(longest, run)
    }
    let hashes = String(repeating: "#", count: longest + 1)
    let name = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    text += "        \"\(name)\": \(hashes)\"\"\"\n\(content)\n\"\"\"\(hashes),\n"
}
text += "    ]\n}\n"
if (try? String(contentsOfFile: output, encoding: .utf8)) != text {
    do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch { fail("cannot write \(output): \(error)") }
}
