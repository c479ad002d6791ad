import ArgumentParser
import CahierKit
import Foundation

/// `cahier autograder SHEET -o autograder.zip` makes Gradescope's bundle;
/// `cahier autograder run` is what the bundle's run_autograder calls.
struct Autograder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autograder",
        abstract: "Make a Gradescope autograder for an exercise sheet, or grade a Gradescope submission.",
        subcommands: [Make.self, RunSubmission.self],
        defaultSubcommand: Make.self
    )

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract: "Write the autograder zip file Gradescope takes (setup.sh, run_autograder, the sheet and its data, Cahier's sources).",
            discussion: """
            The zip holds the sheet, the data files its load(…) calls read, and Cahier's package, which setup.sh builds on \
            Gradescope's Ubuntu image with the Swift toolchain it installs. The same inputs give the same bytes.
            """
        )

        @Argument(help: "The teacher's exercise sheet.")
        var sheet: String

        @Option(name: .shortAndLong, help: "The zip file to write.")
        var output: String

        @Option(help: "Cahier's package folder, whose sources go into the bundle (default: the package this program was built in).")
        var cahierSource: String?

        @Option(help: "A file or folder the sheet reads, relative to its folder, when its load path is computed (repeatable).")
        var include: [String] = []

        @Option(help: "The Swift version setup.sh installs.")
        var swiftVersion: String = AutograderScripts.swiftVersion

        @Flag(help: "Do not grade the sheet's own solutions with the bundle's files before writing it.")
        var noVerify = false

        @Option(help: "Seconds the sheet's own solutions may take when they are graded to verify the bundle.")
        var timeout: Double = 600

        func validate() throws {
            guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
            guard swiftVersion.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), !swiftVersion.isEmpty else {
                throw ValidationError("--swift-version is a version like 6.3.1")
            }
        }

        func run() throws {
            guard let source = cahierSource ?? AutograderBundle.packageFolder(ofExecutable: Grade.executable) else {
                report("\(Grade.executable):1:1: error: this program was not built inside Cahier's package, so its sources are not at hand; give them with --cahier-source DIR")
                throw ExitCode(Status.badInput.rawValue)
            }
            let bundle: AutograderBundle
            let bytes: [UInt8]
            do throws(DiagnosticError) {
                bundle = try AutograderBundle(sheetPath: sheet, cahierSource: source, includes: include, swiftVersion: swiftVersion)
                bytes = try bundle.zip()
            } catch {
                report(error)
                throw ExitCode(Status.badInput.rawValue)
            }
            if !noVerify { try verify(bundle) }
            do {
                try AtomicFile.write(bytes, to: output)
            } catch {
                report("\(output):1:1: error: \(error)")
                throw ExitCode(Status.badInput.rawValue)
            }
            let data = bundle.files.filter { $0.path.hasPrefix("sheet/") }.count - 1
            print("wrote \(output): setup.sh, run_autograder, the sheet, \(data) data file\(data == 1 ? "" : "s") and Cahier's sources (\(bundle.files.count) files, \(bytes.count) bytes)"
                  + (noVerify ? "" : "; the sheet's own solutions score every point with these files"))
        }

        /// Grades the sheet's own solutions against the sheet, both as packed,
        /// in an empty folder: a data file left out, or a solution that fails its
        /// checks, shows here rather than on Gradescope. Exits 1 when they do not
        /// score every point.
        func verify(_ bundle: AutograderBundle) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cahier-autograder-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let copy = folder + "/" + (sheet as NSString).lastPathComponent
            let result: GradeResult
            do {
                try bundle.unpack("sheet/", into: folder)
                let options = GradeBatch.Options(timeout: timeout, jobs: 1)
                let batch = try GradeBatch(sheetPath: copy, options: options,
                                           worker: GradeBatch.cahierWorker(executable: Grade.executable, sheet: copy, memory: options.memory))
                guard let graded = batch.grade(try GradeBatch.entries([copy]).entries).first else {
                    report("\(sheet):1:1: error: the sheet could not be graded to verify the bundle")
                    throw ExitCode(Status.badInput.rawValue)
                }
                result = graded
            } catch let error as DiagnosticError {
                report(error)
                throw ExitCode(Status.badInput.rawValue)
            } catch let exit as ExitCode {
                throw exit
            } catch {
                report("\(folder):1:1: error: the sheet could not be unpacked to verify the bundle: \(error)")
                throw ExitCode(Status.badInput.rawValue)
            }
            guard result.total < result.maximum else { return }
            report("\(sheet):1:1: error: the sheet's own solutions score \(Display.number(GradeReports.round2(result.total))) / \(Display.number(result.maximum)) "
                   + "with the bundle's files alone, so the autograder was not written (--no-verify writes it anyway):")
            for exercise in result.exercises {
                for error in exercise.answerErrors { report("  the solution of \(exercise.id), \(error)") }
            }
            for check in result.checks where !check.passed { report("  check \(check.number) of \(check.exercise): \(check.message)") }
            for note in result.notes { report("  \(note)") }
            throw ExitCode(Status.checksFailed.rawValue)
        }
    }

    struct RunSubmission: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Grade a Gradescope submission folder into Gradescope's results.json (what run_autograder calls)."
        )

        @Option(help: "The teacher's exercise sheet.")
        var sheet: String

        @Option(help: "The student's submission folder.")
        var submission: String

        @Option(help: "The results.json to write.")
        var results: String

        @Option(help: "Seconds the submission may take.")
        var timeout: Double = 600

        func validate() throws {
            guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        }

        func run() throws {
            let started = Date()
            let options = GradeBatch.Options(timeout: timeout, jobs: 1)
            let batch: GradeBatch
            do throws(DiagnosticError) {
                batch = try GradeBatch(sheetPath: sheet, options: options,
                                       worker: GradeBatch.cahierWorker(executable: Grade.executable, sheet: sheet, memory: options.memory))
            } catch {
                report(error)
                throw ExitCode(Status.badInput.rawValue)
            }
            let result = GradescopeSubmission.grade(submission, batch: batch)
            do {
                let seconds = Int(Date().timeIntervalSince(started).rounded(.up))
                try FileManager.default.createDirectory(atPath: results.parentPath.isEmpty ? "." : results.parentPath,
                                                        withIntermediateDirectories: true)
                try AtomicFile.write(Array(try GradeReports.gradescope(result, format: .markdown, executionTime: seconds).utf8), to: results)
            } catch {
                report("\(results):1:1: error: \(error)")
                throw ExitCode(Status.badInput.rawValue)
            }
            // Gradescope shows this to the teacher only (stdout_visibility is hidden).
            print("\(result.handIn): \(Display.number(GradeReports.round2(result.total))) / \(Display.number(result.maximum)); results in \(results)")
        }
    }
}
