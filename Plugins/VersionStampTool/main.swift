// cahier-version-stamp ROOT OUTPUT: writes `let cahierCommit = "…"` to OUTPUT,
// the commit of the git repository at ROOT (with "+changes" when tracked
// files differ from it), or "unknown" outside a repository.
import Foundation

func git(_ arguments: [String], in root: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", root] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: cahier-version-stamp ROOT OUTPUT\n".utf8))
    exit(2)
}
let (root, output) = (arguments[1], arguments[2])
var commit = git(["rev-parse", "--short=12", "HEAD"], in: root) ?? "unknown"
if commit != "unknown", let changes = git(["status", "--porcelain", "--untracked-files=no"], in: root), !changes.isEmpty {
    commit += "+changes"
}
let text = "// Written by cahier-version-stamp at build time.\nlet cahierCommit = \"\(commit)\"\n"
if (try? String(contentsOfFile: output, encoding: .utf8)) != text {
    try text.write(toFile: output, atomically: true, encoding: .utf8)
}
