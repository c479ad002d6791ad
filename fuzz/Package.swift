// swift-tools-version:6.0
// The fuzz driver, a package of its own so that the main package builds
// without libFuzzer. scripts/fuzz builds it with -sanitize=fuzzer.
import Foundation
import PackageDescription

/// The main package is the folder above; SwiftPM names a path dependency after its folder.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "CahierFuzz",
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "cahier-fuzz",
            dependencies: [.product(name: "CahierFuzzTargets", package: root.lastPathComponent.lowercased())]
        ),
    ]
)
