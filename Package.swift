// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cahier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cahier", targets: ["cahier"]),
        .library(name: "CahierKit", targets: ["CahierKit"]),
        .library(name: "CahierLearning", targets: ["CahierLearning"]),
        .library(name: "CahierFuzzTargets", targets: ["CahierFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(name: "CTerminal"),
        .systemLibrary(name: "CFormat"),
        .systemLibrary(
            name: "Cpng",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "Czlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // SLEEF's deterministic vector exp and log (Sources/Csleef/shim.h chooses the width at run time).
        .systemLibrary(
            name: "Csleef",
            pkgConfig: "sleef",
            providers: [.apt(["libsleef-dev"])]
        ),
        // Counts the heap memory the process holds, for the memory limit (see Sources/CAllocation).
        .target(name: "CAllocation"),
        .target(name: "CahierLearning", dependencies: ["Cpng", "Czlib", "CAllocation", "Csleef"]),
        .target(
            name: "CahierKit",
            dependencies: [
                "Ccmark",
                "CFormat",
                "CahierLearning",
                .product(name: "Yams", package: "Yams"),
            ],
            // Embedded/ holds the message catalogues and the search's language pipelines, embedded by the plugin.
            exclude: ["Embedded"],
            plugins: ["EmbeddedFiles"]
        ),
        .executableTarget(
            name: "cahier",
            dependencies: [
                "CahierKit",
                "CahierLearning",
                "CTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["VersionStamp"]
        ),
        // The HTTP side of `cahier serve`, apart so that `cahier` does not run a server.
        .target(name: "CahierHTTP"),
        .executableTarget(name: "cahier-http", dependencies: ["CahierHTTP"]),
        .executableTarget(name: "cahier-version-stamp", path: "Plugins/VersionStampTool"),
        .plugin(name: "VersionStamp", capability: .buildTool(), dependencies: ["cahier-version-stamp"]),
        .executableTarget(name: "cahier-embed", path: "Plugins/EmbeddedFilesTool"),
        .plugin(name: "EmbeddedFiles", capability: .buildTool(), dependencies: ["cahier-embed"]),
        .target(name: "CahierFuzzTargets", dependencies: ["CahierKit", "CahierLearning", "CahierHTTP"]),
        .executableTarget(
            name: "cahier-bench",
            dependencies: ["CahierLearning", "CahierKit"],
            path: "benchmarks/Swift"
        ),
        .testTarget(
            name: "CahierLearningTests",
            dependencies: ["CahierLearning"],
            path: "Tests/CahierLearningTests"
        ),
        .testTarget(
            name: "CahierKitTests",
            dependencies: ["CahierKit", "CahierLearning", "CahierHTTP", "CahierFuzzTargets", "cahier", "cahier-http"],
            path: "Tests/CahierKitTests"
        ),
    ]
)
