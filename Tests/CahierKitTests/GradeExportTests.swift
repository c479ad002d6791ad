import CahierKit
import CahierLearning
import Foundation
import Testing

/// Grades leaving Cahier: Gradescope's autograder bundle (its zip, its
/// scripts, its results.json) and the grade books Moodle and Canvas import.
@Suite("Grade exports")
struct GradeExportTests {
    static let exports = Support.root.appendingPathComponent("Tests/GradeExports")
    static let sheets = Support.root.appendingPathComponent("notebooks/exercises")

    // MARK: ZipWriter

    @Test("CRC-32 gives the standard check value for \"123456789\" (0xCBF43926, the catalogue value of CRC-32/ISO-HDLC)")
    func crcCheckValue() throws {
        var writer = ZipWriter()
        try writer.add("check.txt", Array("123456789".utf8))
        let bytes = try writer.bytes()
        // The local header's CRC field sits at offset 14, little-endian.
        let crc = UInt32(bytes[14]) | UInt32(bytes[15]) << 8 | UInt32(bytes[16]) << 16 | UInt32(bytes[17]) << 24
        #expect(crc == 0xCBF4_3926)
    }

    @Test("a zip is read back by unzip: same names, contents and modes, dated 1980-01-01, and the same bytes every time")
    func zipReadBack() throws {
        func make() throws -> [UInt8] {
            var writer = ZipWriter()
            try writer.add("run.sh", Array("#!/bin/sh\necho hi\n".utf8), executable: true)
            try writer.add("data/é 叶 😀.csv", Array("a,b\n1,2\n".utf8))
            try writer.add("empty", [])
            return try writer.bytes()
        }
        let bytes = try make()
        #expect(bytes == (try make()))
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("t.zip")
        try Data(bytes).write(to: zip)
        let test = try Support.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-tq", zip.path])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        let listing = try Support.run(URL(fileURLWithPath: "/usr/bin/zipinfo"), [zip.path])
        #expect(listing.stdout.contains("-rwxr-xr-x") && listing.stdout.contains("run.sh"))
        #expect(listing.stdout.contains("-rw-r--r--") && listing.stdout.contains("80-Jan-01 00:00"))
        let out = folder.appendingPathComponent("out")
        let unpacked = try Support.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-q", zip.path, "-d", out.path])
        #expect(unpacked.status == 0, "\(unpacked.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("data/é 叶 😀.csv"), encoding: .utf8) == "a,b\n1,2\n")
        #expect(FileManager.default.isExecutableFile(atPath: out.appendingPathComponent("run.sh").path))
        #expect(try Data(contentsOf: out.appendingPathComponent("empty")).isEmpty)
    }

    @Test("a path that is not a plain relative path, or one added twice, is refused",
          arguments: ["", "/etc/passwd", "a/../b", "a//b", "./a", "a/", "..", "a\\b", "twice"])
    func refusedPaths(_ path: String) throws {
        var writer = ZipWriter()
        try writer.add("twice", [1])
        #expect(throws: ZipWriter.Failure.self) { try writer.add(path, [2]) }
    }

    // MARK: The autograder bundle

    @Test("the data files of a sheet are the literal paths of its load calls, anywhere; a computed path is an error at its line")
    func dataFiles() throws {
        let notebook = try Support.notebook("""
        # Sheet

        ```cahier
        > let a = load("data/a.csv")
        > func f() -> Number {
        |   let b = load("data/b.tsv", label: "y")
        |   return 1
        | }
        > let name = "c"
        > let c = load("data/" + name + ".csv")
        > let again = load("data/a.csv")
        ```
        """, path: "sheet.md")
        let (uses, computed) = SheetDataFiles.uses(notebook)
        #expect(uses.map(\.path) == ["data/a.csv", "data/b.tsv"])
        #expect(computed.count == 1)
        #expect(computed.first?.formatted.hasPrefix("sheet.md:10:11: error:") == true)
    }

    @Test("the bundle is verified before it is written: the sheet's solutions must score every point with the packed files alone")
    func bundleVerified() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("x,label\n1,0\n2,1\n".utf8).write(to: folder.appendingPathComponent("data/two.csv"))
        try Data("x,label\n1,0\n".utf8).write(to: folder.appendingPathComponent("data/one.csv"))
        let sheet = folder.appendingPathComponent("s.md")
        // The path is computed, so the teacher names the file; two rows make the check pass.
        try Data("""
        # Sheet

        ```cahier exercise=a points=1
        > // solution
        > let name = "data/two.csv"
        > let d = load(name)
        > // end solution
        ```

        ```cahier check=a
        > expect(d.x.shape[0] == 2, "two rows")
        ```

        """.utf8).write(to: sheet)
        func make(_ arguments: [String]) throws -> (Support.Result, Bool) {
            let zip = folder.appendingPathComponent("a.zip")
            try? FileManager.default.removeItem(at: zip)
            let run = try Support.cahier(["autograder", sheet.path, "-o", zip.path, "--cahier-source", Support.root.path] + arguments)
            return (run, FileManager.default.fileExists(atPath: zip.path))
        }
        let (computed, _) = try make([])
        #expect(computed.status == 2 && computed.stderr.contains("s.md:6:11: error: this load's path is computed"), "\(computed.stderr)")
        let (wrong, wroteWrong) = try make(["--include", "data/one.csv"])
        #expect(wrong.status == 1 && !wroteWrong && wrong.stderr.contains("score 0 / 1"), "\(wrong.stderr)")
        let (right, wroteRight) = try make(["--include", "data/two.csv"])
        #expect(right.status == 0 && wroteRight, "\(right.stderr)")
    }

    /// The hand-ins run through the bundle and their grades, from Tests/HandIns/README.md (derived by hand there).
    static let bundleCases: [(sheet: String, handIns: [(name: String, score: Double)])] = [
        ("01-perceptrons", [("full", 10), ("partial", 6), ("wrong", 1), ("malicious", 0)]),
        ("02-logistic-spam", [("full", 10), ("syntax-errors", 0)]),
        ("03-mlp", [("partial", 8.5)]),
        ("04-training-loop", [("wrong", 3)]),
    ]

    @Test("the bundle's run_autograder grades each sample hand-in in a fake /autograder into a results.json that meets Gradescope's documented fields",
          arguments: bundleCases.indices)
    func bundleRunsInFakeRoot(_ index: Int) throws {
        let (sheet, handIns) = Self.bundleCases[index]
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("autograder.zip")
        let made = try Support.cahier(["autograder", Self.sheets.appendingPathComponent(sheet + ".md").path, "-o", zip.path,
                                       "--cahier-source", Support.root.path, "--no-verify"])
        #expect(made.status == 0, "\(made.stderr)")
        // Gradescope's layout: the zip unpacked in source/, run_autograder copied beside it.
        let root = folder.appendingPathComponent("autograder")
        let source = root.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let unpacked = try Support.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-q", zip.path, "-d", source.path])
        try #require(unpacked.status == 0, "\(unpacked.stderr)")
        for name in ["setup.sh", "run_autograder", "sheet/\(sheet).md", "cahier/Package.swift", "cahier/Sources/cahier/Cahier.swift"] {
            #expect(FileManager.default.fileExists(atPath: source.appendingPathComponent(name).path), "\(name) is in the bundle")
        }
        try FileManager.default.copyItem(at: source.appendingPathComponent("run_autograder"), to: root.appendingPathComponent("run_autograder"))
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("Tests/Schemas/gradescope-results.schema.json")))
        for (handIn, score) in handIns {
            let submission = root.appendingPathComponent("submission")
            try? FileManager.default.removeItem(at: submission)
            try? FileManager.default.removeItem(at: root.appendingPathComponent("results"))
            try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Support.root.appendingPathComponent("Tests/HandIns/\(sheet)/\(handIn).md"),
                                             to: submission.appendingPathComponent("\(sheet).md"))
            let run = try Support.run(root.appendingPathComponent("run_autograder"), [],
                                      environment: ["CAHIER_AUTOGRADER_ROOT": root.path, "CAHIER_BINARY": Support.binary.path])
            #expect(run.status == 0, "\(handIn): \(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("results/results.json")))
            #expect(JSONSchemaCheck.problems(json, schema).isEmpty, "\(handIn): \(JSONSchemaCheck.problems(json, schema))")
            let results = try #require(json as? [String: Any])
            #expect(results["score"] as? Double == score, "\(sheet)/\(handIn)")
            #expect(results["max_score"] as? Double == 10)
            #expect(results["output_format"] as? String == "md")
            let tests = try #require(results["tests"] as? [[String: Any]])
            let sum = tests.reduce(0.0) { $0 + (($1["score"] as? Double) ?? -1000) }
            #expect(abs(sum - score) < 1e-9, "the tests' scores add up to the score")
            #expect(Set(tests.compactMap { $0["visibility"] as? String }) == ["visible", "after_published"], "visible and hidden checks both appear")
        }
    }

    @Test("a submission without one clear notebook scores 0 with the reason, in a valid results.json",
          arguments: [([String](), "holds no notebook"), (["a.md", "b.md"], "several notebooks")])
    func unclearSubmission(_ files: [String], _ reason: String) throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
        for file in files { try Data("# answers\n".utf8).write(to: submission.appendingPathComponent(file)) }
        let results = folder.appendingPathComponent("results.json")
        let run = try Support.cahier(["autograder", "run", "--sheet", Self.sheets.appendingPathComponent("03-mlp.md").path,
                                      "--submission", submission.path, "--results", results.path])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: results))
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("Tests/Schemas/gradescope-results.schema.json")))
        #expect(JSONSchemaCheck.problems(json, schema).isEmpty)
        let object = try #require(json as? [String: Any])
        #expect(object["score"] as? Double == 0)
        #expect((object["output"] as? String)?.contains(reason) == true)
    }

    @Test("the schema check refuses what Gradescope's specification does not allow (so it can fail)")
    func schemaRefuses() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Support.root.appendingPathComponent("Tests/Schemas/gradescope-results.schema.json")))
        let bad: [[String: Any]] = [
            ["score": 1],
            ["tests": [["name": "a", "score": 1, "max_score": 1, "status": "ok", "output": "", "visibility": "visible"]]],
            ["tests": [["name": "a", "score": 1, "status": "passed", "output": "", "visibility": "visible"]]],
            ["tests": [], "output_format": "markdown"],
            ["tests": [], "scores": 3],
        ]
        for document in bad { #expect(!JSONSchemaCheck.problems(document, schema).isEmpty, "\(document)") }
    }

    @Test("setup.sh is valid bash that installs the libraries Cahier links and the pinned Swift, then builds Cahier from the bundle")
    func setupScript() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("setup.sh")
        let text = AutograderScripts.setup(swiftVersion: "6.3.1")
        try Data(text.utf8).write(to: script)
        let syntax = try Support.run(URL(fileURLWithPath: "/bin/bash"), ["-n", script.path])
        #expect(syntax.status == 0, "\(syntax.stderr)")
    }

    /// The download address follows swift.org's scheme, written out by hand:
    /// https://download.swift.org/swift-V-release/PLATFORM-WITHOUT-DOT/swift-V-RELEASE/swift-V-RELEASE-PLATFORM.tar.gz
    @Test("setup.sh, run against stand-ins for apt-get, curl, gpg, tar and swift, installs the packages and the toolchain of the image's Ubuntu and builds Cahier",
          arguments: [("22.04", "libgcc-11-dev", "https://download.swift.org/swift-6.3.1-release/ubuntu2204/swift-6.3.1-RELEASE/swift-6.3.1-RELEASE-ubuntu22.04.tar.gz"),
                      ("24.04", "libgcc-13-dev", "https://download.swift.org/swift-6.3.1-release/ubuntu2404/swift-6.3.1-RELEASE/swift-6.3.1-RELEASE-ubuntu24.04.tar.gz")])
    func setupRuns(_ release: String, _ gcc: String, _ url: String) throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (stubs, log, fake) = (folder.appendingPathComponent("stubs"), folder.appendingPathComponent("log"), folder.appendingPathComponent("built"))
        for dir in [stubs, fake, folder.appendingPathComponent("bundle/cahier"), folder.appendingPathComponent("bin")] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        func executable(_ url: URL, _ text: String) throws {
            try Data(text.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        let record = "#!/bin/bash\necho \"$(basename \"$0\") $* [in $PWD]\" >> \"$LOG\"\n"
        for name in ["apt-get", "gpg", "tar"] { try executable(stubs.appendingPathComponent(name), record) }
        try executable(stubs.appendingPathComponent("curl"), record + "while [ $# -gt 0 ]; do [ \"$1\" = -o ] && : > \"$2\"; shift; done\n")
        try executable(stubs.appendingPathComponent("swift"), record + """
            case "$*" in --version) echo "Swift version 5.9 (swift-5.9-RELEASE)" ;; *--show-bin-path*) echo "$FAKE_BIN" ;; esac

            """)
        try executable(fake.appendingPathComponent("cahier"), "#!/bin/bash\necho cahier stand-in\n")
        try Data("NAME=\"Ubuntu\"\nVERSION_ID=\"\(release)\"\n".utf8).write(to: folder.appendingPathComponent("os-release"))
        let script = folder.appendingPathComponent("bundle/setup.sh")
        try executable(script, AutograderScripts.setup(swiftVersion: "6.3.1"))
        let run = try Support.run(URL(fileURLWithPath: "/bin/bash"), [script.path], environment: [
            "PATH": stubs.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "LOG": log.path, "FAKE_BIN": fake.path,
            "CAHIER_OS_RELEASE": folder.appendingPathComponent("os-release").path,
            "CAHIER_SWIFT_PREFIX": folder.appendingPathComponent("swift").path, "CAHIER_BIN_DIR": folder.appendingPathComponent("bin").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("cahier stand-in"), "the installed program was run")
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let install = lines.first { $0.hasPrefix("apt-get install") } ?? ""
        for package in ["libcmark-dev", "libpng-dev", "zlib1g-dev", "libopenblas-dev", "libcurl4-openssl-dev", "libxml2-dev", gcc] {
            #expect(install.split(separator: " ").contains(Substring(package)), "\(package) in \(install)")
        }
        #expect(lines.contains { $0.hasPrefix("curl -fsSL \(url) -o ") })
        #expect(lines.contains { $0.hasPrefix("curl -fsSL \(url).sig -o ") })
        #expect(lines.contains { $0.hasPrefix("gpg --batch --verify ") })
        #expect(lines.contains { $0.hasPrefix("tar -xzf ") && $0.contains("-C \(folder.appendingPathComponent("swift").path) --strip-components=1") })
        #expect(lines.contains { $0 == "swift build -c release --product cahier --static-swift-stdlib [in \(folder.appendingPathComponent("bundle/cahier").path)]" },
                "\(lines)")
        #expect(FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("bin/cahier").path))
    }

    @Test("setup.sh stops with a clear message on an Ubuntu release swift.org has no toolchain for")
    func setupRefusesRelease() throws {
        let folder = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("VERSION_ID=\"18.04\"\n".utf8).write(to: folder.appendingPathComponent("os-release"))
        let script = folder.appendingPathComponent("setup.sh")
        try Data(AutograderScripts.setup(swiftVersion: "6.3.1").utf8).write(to: script)
        // Stand-ins that fail, so that nothing is installed on this machine if the check did not stop the script.
        let stubs = folder.appendingPathComponent("stubs")
        try FileManager.default.createDirectory(at: stubs, withIntermediateDirectories: true)
        for name in ["apt-get", "curl", "swift"] {
            try Data("#!/bin/bash\nexit 99\n".utf8).write(to: stubs.appendingPathComponent(name))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stubs.appendingPathComponent(name).path)
        }
        let run = try Support.run(URL(fileURLWithPath: "/bin/bash"), [script.path], environment: [
            "CAHIER_OS_RELEASE": folder.appendingPathComponent("os-release").path,
            "PATH": stubs.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ])
        #expect(run.status == 1 && run.stderr.contains("no Swift toolchain for Ubuntu 18.04"), "\(run.stderr)")
    }
}
