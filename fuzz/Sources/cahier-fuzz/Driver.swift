// libFuzzer's driver for one of Cahier's fuzz targets, chosen by the
// environment variable CAHIER_FUZZ_TARGET (notebook, language, front-matter,
// hand-in, hostile-answer, csv, npy, npz, png, http-head). A target that finds its property broken stops the run, and
// libFuzzer saves the input.
import CahierFuzzTargets
#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Writes a line to standard error.
func say(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

nonisolated(unsafe) var target = FuzzTargets.Target.notebook

@main
struct Driver {
    static func main() {
        let name = getenv("CAHIER_FUZZ_TARGET").map { String(cString: $0) } ?? "notebook"
        guard let chosen = FuzzTargets.Target(rawValue: name) else {
            say("cahier-fuzz: CAHIER_FUZZ_TARGET must be one of \(FuzzTargets.Target.allCases.map(\.rawValue).joined(separator: ", "))")
            exit(2)
        }
        target = chosen
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            if let failure = FuzzTargets.run(target, bytes) {
                say("cahier-fuzz: property broken: \(failure)")
                abort()
            }
            return 0
        })
    }
}
