import CahierKit
import CahierLearning
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("The cahier binary, end to end")
struct CommandLineTests {
    func write(_ text: String, _ name: String = "n.md", in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("answers bad input with file:line:col, exit 2, and leaves the file as it was", arguments: [
        (Data(), "warning: empty notebook", Int32(0)),
        (Data([0x23, 0x20, 0xC3, 0x28]), "n.md:1:3: error: not valid UTF-8", 2),
        (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]), "n.md:1:1: error: not valid UTF-8: byte 0x89", 2),
        (Data("text\u{0}more".utf8), "n.md:1:5: error: binary file", 2),
        (Data("```cahier\n> 1 +\n1\n```\n".utf8), "n.md:2:6: error: expected an expression", 2),
        (Data("---\nseed: [\n---\n".utf8), "n.md:2:8: error: malformed front matter", 2),
    ])
    func badInput(bytes: Data, message: String, status: Int32) throws {
        let directory = try Support.temporaryDirectory()
        let file = directory.appendingPathComponent("n.md")
        try bytes.write(to: file)
        for arguments in [["check", "n.md"], ["run", "--update", "n.md"], ["render", "n.md", "--to", "html", "-o", "site"]] {
            let result = try Support.cahier(arguments, in: directory)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(try Data(contentsOf: file) == bytes)
        }
    }

    @Test("names a missing file and a directory without notebooks, exit 2")
    func missing() throws {
        let directory = try Support.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let missing = try Support.cahier(["check", "absent.md"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr == "absent.md:1:1: error: no such file\n")
        let empty = try Support.cahier(["check", "empty"], in: directory)
        #expect(empty.status == 2)
        #expect(empty.stderr == "empty:1:1: error: no notebooks (.md files) in this directory\n")
    }

    @Test("exits 2 on a usage error")
    func usage() throws {
        #expect(try Support.cahier(["frobnicate"]).status == 2)
        #expect(try Support.cahier(["check"]).status == 2)
        #expect(try Support.cahier(["render", "x.md", "--to", "pdf", "-o", "out"]).status == 2)
        #expect(try Support.cahier(["run", "--update", "-o", "x", "x.md"]).status == 2)
        #expect(try Support.cahier(["--help"]).status == 0)
    }

    @Test("run --update writes the actual outputs, and a second run changes nothing")
    func update() throws {
        let directory = try Support.temporaryDirectory()
        let file = try write("# T\n\n```cahier\n> 6 * 7\n0\n> let x = 2\n> x / 4\n```\n", in: directory)
        let first = try Support.cahier(["run", "--update", "n.md"], in: directory)
        #expect(first.status == 0)
        let updated = try String(contentsOf: file, encoding: .utf8)
        #expect(updated == "# T\n\n```cahier\n> 6 * 7\n42\n> let x = 2\n> x / 4\n0.5\n```\n")
        #expect(try Support.cahier(["run", "--update", "n.md"], in: directory).status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == updated)
        let check = try Support.cahier(["check", "n.md"], in: directory)
        #expect(check.stdout == "3 passed, 0 failed\n")
        #expect(check.status == 0)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["n.md"])
    }

    @Test("run prints the woven notebook, or writes it to -o, leaving the notebook alone")
    func runOutput() throws {
        let directory = try Support.temporaryDirectory()
        let text = "```cahier\n> 2 ** 3\n```\n\n```cahier\n> 2 * 3\n```\n"
        _ = try write(text.replacingOccurrences(of: "**", with: "*"), in: directory)
        let printed = try Support.cahier(["run", "n.md"], in: directory)
        #expect(printed.stdout == "```cahier\n> 2 * 3\n6\n```\n\n```cahier\n> 2 * 3\n6\n```\n")
        #expect(try Support.cahier(["run", "n.md", "-o", "woven.md"], in: directory).status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("woven.md"), encoding: .utf8) == printed.stdout)
        #expect(try String(contentsOf: directory.appendingPathComponent("n.md"), encoding: .utf8) == text.replacingOccurrences(of: "**", with: "*"))
    }

    @Test("checks a directory of notebooks and counts commands across them")
    func directory() throws {
        let directory = try Support.temporaryDirectory()
        _ = try write("```cahier\n> 1\n1\n```\n", "a.md", in: directory)
        _ = try write("```cahier\n> 2\n3\n> 4\n4\n```\n", "b.md", in: directory)
        _ = try write("not a notebook", "notes.txt", in: directory)
        let result = try Support.cahier(["check", directory.path])
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("\n2 passed, 1 failed\n"))
        #expect(result.stdout.hasPrefix(directory.path + "/b.md:2:1: error: output differs from the expected output\n    > 2\n  - 3\n  + 2\n"))
    }

    @Test("handles a 5 MB notebook and keeps every byte when nothing changes")
    func large() throws {
        let directory = try Support.temporaryDirectory()
        var text = "---\ntitle: Large\n---\n"
        let paragraph = "Prose with é, 叶 and 😀, $x_1$ math, `code` and *emphasis*.  \n"
        var block = 0
        while text.utf8.count < 5_000_000 {
            text += paragraph
            if text.utf8.count / 100_000 > block {
                block += 1
                text += "\n```cahier\n> \(block) * 2\n\(block * 2)\n```\n\n"
            }
        }
        let file = try write(text, in: directory)
        let check = try Support.cahier(["check", "n.md"], in: directory)
        #expect(check.stdout == "\(block) passed, 0 failed\n")
        #expect(try Support.cahier(["run", "--update", "n.md"], in: directory).status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        let render = try Support.cahier(["render", "n.md", "--to", "html", "-o", "site"], in: directory)
        #expect(render.status == 0)
    }

    @Test("renders HTML with math untouched, transcripts escaped and the author's raw HTML dropped")
    func render() throws {
        let directory = try Support.temporaryDirectory()
        _ = try write("""
            ---
            title: Page <one>
            ---
            # Heading

            Inline $a*b*c$ and display $$\\{x_i\\}$$ but not `$code$`.

            <script>alert("author")</script>

            ```cahier
            > print("<script>alert('output')</script>")
            ```

            ```python
            x = "$not math$"
            ```
            """, "one.md", in: directory)
        _ = try write("# Two\n", "two.md", in: directory)
        let result = try Support.cahier(["render", ".", "--to", "html", "-o", "site"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let site = directory.appendingPathComponent("site")
        let page = try String(contentsOf: site.appendingPathComponent("one.html"), encoding: .utf8)
        #expect(page.contains("<title>Page &lt;one&gt;</title>"))
        #expect(page.contains("<span class=\"math inline\">a*b*c</span>"))
        #expect(page.contains("<span class=\"math display\">\\{x_i\\}</span>"))
        #expect(page.contains("<code>$code$</code>"))
        #expect(page.contains("x = &quot;$not math$&quot;"))
        #expect(!page.contains("alert(\"author\")"))
        #expect(page.contains("<span class=\"output\">&lt;script&gt;alert(&#39;output&#39;)&lt;/script&gt;</span>"))
        #expect(page.contains("rel=\"next\" href=\"./two.html\""))
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"./one.html\">Page &lt;one&gt;</a>"))
        #expect(index.contains("<a href=\"./two.html\">Two</a>"))
        let unsafe = try Support.cahier(["render", "one.md", "--to", "html", "-o", "raw", "--unsafe"], in: directory)
        #expect(unsafe.status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("raw/one.html"), encoding: .utf8).contains("alert(\"author\")"))
    }

    @Test("renders woven Markdown into a folder")
    func renderMarkdown() throws {
        let directory = try Support.temporaryDirectory()
        _ = try write("```cahier\n> 1 + 1\n```\n", in: directory)
        #expect(try Support.cahier(["render", "n.md", "--to", "markdown", "-o", "out"], in: directory).status == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("out/n.md"), encoding: .utf8) == "```cahier\n> 1 + 1\n2\n```\n")
    }

    @Test("help lists the builtins from the registry and shows one in full")
    func help() throws {
        let list = try Support.cahier(["help"])
        #expect(list.status == 0)
        for builtin in Registry.standard.functions { #expect(list.stdout.contains("  \(builtin.name) ")) }
        let one = try Support.cahier(["help", "argmax"])
        #expect(one.stdout.hasPrefix("argmax(_ x: Tensor, axis: Int?) -> Tensor\n"))
        #expect(try Support.cahier(["help", "nosuch"]).status == 2)
        #expect(try Support.cahier(["help", "grade"]).stdout.hasPrefix("OVERVIEW: Grade hand-ins against an exercise sheet."))
    }

    @Test("a course site: home page with introduction and summaries, sheets as student versions with their data, outlines, anchors, search documents")
    func courseSite() throws {
        let directory = try Support.temporaryDirectory()
        _ = try write("---\ntitle: My course\n---\n# My course\n\nWelcome to *the* course.\n", "index.md", in: directory)
        _ = try write("# One\n\nThe first chapter, about a < b.\n\n## Part A\n\nAlpha words.\n\n```cahier\n> 1 + 1\n2\n```\n\n## Part A\n\nAgain.\n", "01-one.md", in: directory)
        _ = try write("# Two\n\nThe second.\n", "02-two.md", in: directory)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sheets/data"), withIntermediateDirectories: true)
        _ = try write("1,2\n", "sheets/data/numbers.csv", in: directory)
        _ = try write("# About the data\n", "sheets/data/README.md", in: directory)
        _ = try write("# Sheet\n\n```cahier exercise=a points=1\n> // solution\n> let a = 42\n> // end solution\n```\n\n```cahier check=a\n> expect(a == 42, \"a is 42\")\n```\n", "sheets/s.md", in: directory)
        let result = try Support.cahier(["render", ".", "--to", "html", "-o", "site"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let site = directory.appendingPathComponent("site")
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<title>My course</title>"))
        #expect(index.contains("Welcome to <em>the</em> course."))
        #expect(index.contains("<p class=\"summary\">The first chapter, about a &lt; b.</p>"))
        #expect(index.contains("<a href=\"./sheets/s.html\">Sheet</a>"))
        #expect(index.contains("<a href=\"./sheets/data/numbers.csv\" download>numbers.csv</a>"))
        // The sheet is published as its student version only: its page and file hold no solution.
        let student = try String(contentsOf: site.appendingPathComponent("sheets/s.md"), encoding: .utf8)
        #expect(student.contains("todo(\"a\")") && !student.contains("let a = 42") && !student.contains("expect(a == 42"))
        let sheetPage = try String(contentsOf: site.appendingPathComponent("sheets/s.html"), encoding: .utf8)
        #expect(sheetPage.contains("todo(") && !sheetPage.contains("let a = 42") && !sheetPage.contains("expect(a == 42"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("sheets/data/README.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("sheets/data/numbers.csv").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("index.md").path))
        // A chapter: linkable headings (repeated ones made unique), its outline, the sidebar, its download.
        let page = try String(contentsOf: site.appendingPathComponent("01-one.html"), encoding: .utf8)
        #expect(page.contains("<h2 id=\"part-a\">Part A<a class=\"anchor\" href=\"#part-a\""))
        #expect(page.contains("<h2 id=\"part-a-2\">"))
        #expect(page.contains("<aside class=\"toc\" aria-label=\"On this page\"><h2>On this page</h2><ol><li class=\"level2\"><a href=\"#part-a\">Part A</a></li>"))
        #expect(page.contains("<li class=\"current\"><a href=\"./01-one.html\" aria-current=\"page\">One</a></li>"))
        #expect(page.contains("<a class=\"download\" href=\"./01-one.md\" download>"))
        #expect(try Data(contentsOf: site.appendingPathComponent("01-one.md")) == Data(contentsOf: directory.appendingPathComponent("01-one.md")))
        // The search documents: a section per second-level heading, with its address.
        let search = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        #expect(search.hasPrefix("window.CAHIER_SEARCH = ["))
        #expect(search.contains("\"id\":\"./01-one.html#part-a\",\"page\":\"One\",\"section\":\"Part A\",\"text\":\"Alpha words. > 1 + 1 2\""))
        #expect(!search.contains("</"))
    }

    @Test("watch checks a notebook again when it is saved, says what changed, and --update writes outputs without running again on its own write")
    func watch() throws {
        let directory = try Support.temporaryDirectory()
        let file = directory.appendingPathComponent("w.md")
        try Data("```cahier\n> 1 + 1\n2\n```\n".utf8).write(to: file)
        let watch = try RunningCahier(["watch", directory.path, "--update", "--stop-after", "2"], logIn: directory)
        watch.wait(for: "watching 1 notebook")
        // A save that breaks an output (--update puts the actual one back), then an editor's save by renaming.
        try Data("```cahier\n> 1 + 1\n3\n```\n".utf8).write(to: file)
        watch.wait(for: "outputs written")
        usleep(400_000)
        let temporary = directory.appendingPathComponent(".w.md.swp")
        try Data("```cahier\n> 2 + 2\n```\n".utf8).write(to: temporary)
        _ = rename(temporary.path, file.path)
        watch.process.waitUntilExit()
        let text = watch.logged
        #expect(text.hasPrefix("\(file.path): 1 passed, 0 failed\nwatching 1 notebook"), "\(text)")
        #expect(text.contains("  - 3\n  + 2\n\(file.path): 0 passed, 1 failed\n\(file.path): outputs written\n"), "\(text)")
        #expect(text.contains("  + 4\n\(file.path): 0 passed, 1 failed (1 fixed)\n\(file.path): outputs written\n"), "\(text)")
        #expect(!text.contains("(unchanged)"), "its own write ran it again: \(text)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "```cahier\n> 2 + 2\n4\n```\n")
    }

    @Test("serve answers with the rendered site from memory, 404s outside it, and renders again on a save while an open page's long poll hears of it")
    func serve() throws {
        let directory = try Support.temporaryDirectory()
        let file = directory.appendingPathComponent("a.md")
        try Data("# Hello\n\nFirst words.\n\n```cahier\n> 1 + 1\n2\n```\n".utf8).write(to: file)
        let serve = try RunningCahier(["serve", directory.path, "--port", "0", "--stop-after", "2"], logIn: directory)
        serve.wait(for: "serving http://", seconds: 10)
        let base = try #require(serve.logged.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init))
        let page = HTTPFetch(base + "a.html")
        #expect(page.status == 200 && page.contentType == "text/html; charset=utf-8")
        #expect(page.text.contains("First words.") && page.text.contains("/__cahier/version?after="))
        #expect(HTTPFetch(base).text.contains("a.html"), "the home page lists the page")
        #expect(HTTPFetch(base + "a.md").text.hasPrefix("# Hello"), "the notebook's source is served next to its page")
        #expect(HTTPFetch(base + "nothing.html").status == 404)
        #expect(HTTPFetch(base + "..%2Flog.txt").status == 404, "only rendered files are served, never the disk")
        let poll = HTTPFetch(base + "__cahier/version?after=1", wait: false)
        usleep(300_000)
        try Data("# Hello\n\nSecond words.\n".utf8).write(to: file)
        #expect(poll.finish().text == "2\n", "the long poll answers with the new version")
        #expect(HTTPFetch(base + "a.html").text.contains("Second words."))
        // A save that no longer parses: the page shows the diagnostic instead, and still reloads itself.
        let poll2 = HTTPFetch(base + "__cahier/version?after=2", wait: false)
        usleep(300_000)
        try Data("# Hello\n\n```cahier\n> 1 +\n```\n".utf8).write(to: file)
        #expect(poll2.finish().text == "3\n")
        let broken = HTTPFetch(base + "a.html")
        #expect(broken.status == 200)
        #expect(broken.text.contains("a.md:4:6: error: expected an expression"), "\(broken.text)")
        #expect(broken.text.contains("/__cahier/version?after="))
        serve.process.waitUntilExit()
        #expect(serve.process.terminationStatus == 0)
        #expect(serve.logged.contains("changed: \(file.path)\nrendered again (version 2)\n"), "\(serve.logged)")
    }

    @Test("check runs notebooks at once and reports as one at a time would: same lines, same order, same exit code")
    func checkInParallel() throws {
        let directory = try Support.temporaryDirectory()
        // Each draws from its own seeded generator: running them side by side cannot change a draw.
        for k in 0..<6 {
            let expected = k % 2 == 0 ? "\(k + 1)" : "0"
            _ = try write("---\nseed: \(k)\n---\n```cahier\n> let r = rand(3)\n> \(k) + 1\n\(expected)\n> r.shape\n[3]\n```\n", "n\(k).md", in: directory)
        }
        let one = try Support.cahier(["check", "--jobs", "1", directory.path])
        let two = try Support.cahier(["check", "--jobs", "2", directory.path])
        let many = try Support.cahier(["check", directory.path, "--jobs", "6"])
        #expect(one.status == 1 && two.status == 1 && many.status == 1)
        #expect(one.stdout == two.stdout && one.stdout == many.stdout)
        #expect(one.stdout.hasSuffix("15 passed, 3 failed\n"))
        #expect(one.stdout.components(separatedBy: "error: output differs").count - 1 == 3)
        let first = try #require(one.stdout.range(of: "n1.md:6:1")), second = try #require(one.stdout.range(of: "n3.md:6:1"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test("SIGTERM ends a long-running command even when the parent had it blocked (this test's thread may)")
    func terminatesWhatever() throws {
        let directory = try Support.temporaryDirectory()
        _ = try write("```cahier\n> 1 + 1\n2\n```\n", in: directory)
        let watch = try RunningCahier(["watch", directory.path], logIn: directory)
        let process = watch.process
        watch.wait(for: "watching 1 notebook")
        process.terminate()
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        #expect(!process.isRunning, "cahier watch did not end on SIGTERM")
        #expect(process.terminationReason == .uncaughtSignal)
    }

    @Test("under an address-space limit too low for the evaluation stack, commands fail with a clear error instead of hanging")
    func lowAddressSpaceLimit() throws {
        let directory = try Support.temporaryDirectory()
        let file = try write("```cahier\n> 1 + 1\n2\n```\n", in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 900000; exec \"$0\" check \"$1\"", Support.binary.path, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text.contains("+ error: cannot reserve the 1024 MiB stack that evaluation needs"), "\(text)")
    }

    /// The BLAS kernels this CPU can run: the generic one, and each whose instruction sets it has.
    static var kernels: [String] {
        let flags = BLAS.cpuFlags()
        var kernels = ["Prescott"]
        if flags.contains("avx") { kernels.append("Sandybridge") }
        if flags.contains("avx2") && flags.contains("fma") { kernels.append("Haswell") }
        if BLAS.kernel(forFlags: flags)?.kernel == "SkylakeX" { kernels.append("SkylakeX") }
        return kernels
    }

    @Test("the course prints the same numbers whichever BLAS kernel runs its products", arguments: kernels)
    func sameNumbersOnEveryKernel(kernel: String) throws {
        // The notebooks whose printed numbers come from dense matrix products (the rest of the
        // course runs in the test script's own check, on the kernel chosen for this CPU).
        let notebooks = ["04-perceptron-to-mlp.md", "05-multiclass-linear.md", "08-softmax-cross-entropy.md", "09-training-an-mlp.md", "exercises/03-mlp.md"]
        let result = try Support.cahier(["check"] + notebooks.map { Support.root.appendingPathComponent("notebooks/" + $0).path },
                                        environment: ["CAHIER_BLAS_KERNEL": kernel])
        #expect(result.status == 0, "\(kernel): \(result.stdout.suffix(2000))")
        let doctor = try Support.cahier(["doctor"], environment: ["CAHIER_BLAS_KERNEL": kernel])
        #expect(doctor.stdout.contains("kernel \(kernel): asked for by CAHIER_BLAS_KERNEL=\(kernel)"), "\(doctor.stdout)")
    }

    @Test("the kernel follows the CPU's instruction sets, never one it lacks")
    func kernelChoice() {
        #expect(BLAS.kernel(forFlags: ["sse2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"])?.kernel == "SkylakeX")
        #expect(BLAS.kernel(forFlags: ["avx", "avx2", "fma", "avx512f"])?.kernel == "Haswell")
        #expect(BLAS.kernel(forFlags: ["avx", "avx2", "fma"])?.kernel == "Haswell")
        #expect(BLAS.kernel(forFlags: ["avx", "avx2"])?.kernel == "Sandybridge")
        #expect(BLAS.kernel(forFlags: ["sse2"]) == nil)
    }

    @Test("the committed docs/reference.md is the one the registry generates")
    func reference() throws {
        let committed = try String(contentsOf: Support.root.appendingPathComponent("docs/reference.md"), encoding: .utf8)
        #expect(committed == Reference.markdown(), "docs/reference.md is stale: run `swift run cahier help --markdown > docs/reference.md`")
    }
}

/// A GET request to the local server, waited for unless asked not to.
final class HTTPFetch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: (status: Int, contentType: String, text: String) = (0, "", "")

    init(_ address: String, wait: Bool = true) {
        var request = URLRequest(url: URL(string: address)!)
        request.timeoutInterval = 30
        URLSession.shared.dataTask(with: request) { data, response, _ in
            let http = response as? HTTPURLResponse
            self.lock.withLock {
                self.result = (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data ?? Data(), as: UTF8.self))
            }
            self.done.signal()
        }.resume()
        if wait { done.wait(); done.signal() }
    }

    @discardableResult func finish() -> HTTPFetch { done.wait(); done.signal(); return self }
    var status: Int { lock.withLock { result.status } }
    var contentType: String { lock.withLock { result.contentType } }
    var text: String { lock.withLock { result.text } }
}
