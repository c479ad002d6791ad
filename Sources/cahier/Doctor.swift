import ArgumentParser
import CahierLearning

/// What Cahier runs on here: the CPU, the BLAS library and the kernel it chose.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Show the machine Cahier runs on: the CPU, the BLAS library, the kernel chosen and why."
    )

    func run() throws {
        print(versionText)
        let flags = BLAS.cpuFlags()
        let vector = ["avx512f", "avx2", "fma", "avx"].filter(flags.contains)
        print("CPU: \(BLAS.cpuModel())" + (vector.isEmpty ? "" : " (\(vector.joined(separator: ", ")))"))
        print(BLAS.library.summary)
    }
}
