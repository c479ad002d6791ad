#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The BLAS library the matrix products run on: OpenBLAS, opened at run time
/// so that its kernel can be chosen from this CPU's features before the
/// library initialises (Debian's OpenBLAS 0.3.21 does not know recent CPUs
/// and would fall back to an old kernel), on one thread (two give other bits
/// for some shapes, and gain nothing on two vCPUs that share their FMA units).
///
/// The kernel is the best this CPU's instruction sets allow (AVX-512:
/// SkylakeX; AVX2 and FMA: Haswell; AVX: Sandybridge), in place of any
/// `OPENBLAS_CORETYPE` inherited from the environment; `CAHIER_BLAS_KERNEL`
/// chooses another (any name OpenBLAS knows). Without OpenBLAS, the products
/// run on a plain Swift loop: slower, never wrong.
public enum BLAS {
    /// What was loaded and why.
    public struct Library: Sendable {
        /// The file opened, or nil when none could be.
        public var path: String?
        /// OpenBLAS's own description of itself (`openblas_get_config`).
        public var configuration: String?
        /// The kernel OpenBLAS runs (`openblas_get_corename`), or "Swift loop".
        public var kernel: String
        /// Why that kernel.
        public var reason: String
        /// One line for `cahier --version`.
        public var summary: String {
            guard let path else { return "BLAS: none found (\(reason)); matrix products use a plain Swift loop" }
            return "BLAS: \(configuration ?? "OpenBLAS") at \(path); kernel \(kernel): \(reason); 1 thread"
        }
    }

    private typealias Dgemm = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
        UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32
    ) -> Void
    private typealias SetThreads = @convention(c) (Int32) -> Void
    private typealias GetString = @convention(c) () -> UnsafePointer<CChar>?

    /// cblas_dgemm, once OpenBLAS is open; nil when it could not be.
    private nonisolated(unsafe) static var dgemm: Dgemm?
    /// The library, opened on first use.
    public static let library: Library = open()

    /// The kernel to ask for on a CPU with these `/proc/cpuinfo` flags, and
    /// why; nil to let OpenBLAS choose. Each kernel is asked for only when
    /// every instruction set it uses is there, so it can never fault.
    public static func kernel(forFlags flags: Set<String>) -> (kernel: String, reason: String)? {
        let avx512 = ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]
        if avx512.allSatisfy(flags.contains) {
            return ("SkylakeX", "this CPU has AVX-512 (\(avx512.joined(separator: " ")))")
        }
        if ["avx2", "fma"].allSatisfy(flags.contains) {
            return ("Haswell", "this CPU has AVX2 and FMA, not AVX-512")
        }
        if flags.contains("avx") {
            return ("Sandybridge", "this CPU has AVX, not AVX2")
        }
        return nil
    }

    /// The flags of the first processor in /proc/cpuinfo (empty elsewhere).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? readText("/proc/cpuinfo") else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// The CPU's model name from /proc/cpuinfo, or "unknown".
    public static func cpuModel() -> String {
        guard let text = try? readText("/proc/cpuinfo") else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") { return line[line.index(after: colon)...].trimmingCharacters(in: " \t") }
        }
        return "unknown"
    }

    private static func open() -> Library {
        var reason: String
        let inherited = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) } ?? ""
        if let asked = getenv("CAHIER_BLAS_KERNEL").map({ String(cString: $0) }), !asked.isEmpty {
            setenv("OPENBLAS_CORETYPE", asked, 1)
            reason = "asked for by CAHIER_BLAS_KERNEL=\(asked)"
        } else if let (kernel, why) = kernel(forFlags: cpuFlags()) {
            setenv("OPENBLAS_CORETYPE", kernel, 1)
            reason = "chosen because \(why)"
            if !inherited.isEmpty, inherited.lowercased() != kernel.lowercased() {
                reason += ", in place of OPENBLAS_CORETYPE=\(inherited) from the environment (CAHIER_BLAS_KERNEL chooses)"
            }
        } else if !inherited.isEmpty {
            reason = "asked for by OPENBLAS_CORETYPE=\(inherited)"
        } else {
            reason = "OpenBLAS's own choice"
        }
        // No thread pool: one thread is what every product uses.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        var handle: UnsafeMutableRawPointer?
        var path: String?
        for name in ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"] {
            if let opened = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                handle = opened
                path = loadedPath(opened) ?? name
                break
            }
        }
        guard let handle, let symbol = dlsym(handle, "cblas_dgemm") else {
            return Library(path: nil, configuration: nil, kernel: "Swift loop", reason: "libopenblas.so.0 could not be opened")
        }
        dgemm = unsafeBitCast(symbol, to: Dgemm.self)
        if let set = dlsym(handle, "openblas_set_num_threads") { unsafeBitCast(set, to: SetThreads.self)(1) }
        func string(_ name: String) -> String? {
            guard let symbol = dlsym(handle, name), let text = unsafeBitCast(symbol, to: GetString.self)() else { return nil }
            return String(cString: text).trimmingCharacters(in: " ")
        }
        let kernel = string("openblas_get_corename") ?? "unknown"
        if let asked = getenv("OPENBLAS_CORETYPE").map({ String(cString: $0) }), !asked.isEmpty, asked.lowercased() != kernel.lowercased() {
            reason += " (OpenBLAS does not know \(asked) and runs \(kernel))"
        }
        return Library(path: path, configuration: string("openblas_get_config"), kernel: kernel, reason: reason)
    }

    /// The file OpenBLAS was opened from, as the process's memory map names it.
    private static func loadedPath(_ handle: UnsafeMutableRawPointer) -> String? {
        guard let maps = try? readText("/proc/self/maps") else { return nil }
        for line in maps.split(separator: "\n") where line.contains("libopenblas") {
            if let slash = line.firstIndex(of: "/") { return String(line[slash...]) }
        }
        return nil
    }

    private static func readText(_ path: String) throws -> String {
        guard let file = fopen(path, "r") else { throw TensorError.invalid("cannot read \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
            if bytes.count > 4_000_000 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// C ← op(A)·op(B) + beta·C for row-major matrices: A is n×k (k×n when
    /// transposed), B k×m (m×k), C n×m.
    static func gemm(_ a: UnsafePointer<Double>, transposeA: Bool, _ b: UnsafePointer<Double>, transposeB: Bool,
                     n: Int, k: Int, m: Int, _ c: UnsafeMutablePointer<Double>, beta: Double) {
        _ = library
        if let dgemm {
            // CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112.
            dgemm(101, transposeA ? 112 : 111, transposeB ? 112 : 111, Int32(n), Int32(m), Int32(k), 1.0,
                  a, Int32(transposeA ? n : k), b, Int32(transposeB ? k : m), beta, c, Int32(m))
            return
        }
        for i in 0..<n {
            for j in 0..<m { c[i * m + j] = beta == 0 ? 0 : c[i * m + j] * beta }
            for p in 0..<k {
                let x = transposeA ? a[p * n + i] : a[i * k + p]
                for j in 0..<m { c[i * m + j] += x * (transposeB ? b[j * k + p] : b[p * m + j]) }
            }
        }
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
}
