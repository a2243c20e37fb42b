// swift-tools-version:6.0
import PackageDescription

/// Dependencies point one way: executable -> CLI -> TUI/Curses/Live -> Reports -> Model -> CZlib.
/// Each target declares exactly what it imports (scripts/check-imports.sh, run by `make test`).
let package = Package(
    name: "pprof-tui",
    products: [
        .executable(name: "pprof-tui", targets: ["pprof-tui"])
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "PprofModel", dependencies: ["CZlib"]),
        .target(name: "PprofReports", dependencies: ["PprofModel"]),
        .target(name: "PprofTUI", dependencies: ["PprofReports", "PprofModel"]),
        .target(name: "PprofCurses", dependencies: ["CNcursesw", "PprofTUI"]),
        .target(name: "PprofLive", dependencies: ["PprofModel"]),
        .target(
            name: "PprofCLI",
            dependencies: ["PprofModel", "PprofReports", "PprofTUI", "PprofCurses", "PprofLive"]
        ),
        .executableTarget(name: "pprof-tui", dependencies: ["PprofCLI"]),
        // `make bench`'s explorer timings (scripts/bench.d/tui.sh); not part of the product.
        .executableTarget(name: "Benchmarks", dependencies: ["PprofModel", "PprofReports", "PprofTUI"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PprofModelTests", dependencies: ["PprofModel", "TestSupport"]),
        .testTarget(name: "PprofReportsTests", dependencies: ["PprofReports", "PprofModel", "TestSupport"]),
        .testTarget(
            name: "PprofTUITests",
            // The live tests feed the app through the real fetcher and the CLI's bridge.
            dependencies: ["PprofTUI", "PprofReports", "PprofModel", "PprofLive", "PprofCLI", "TestSupport"]
        ),
        .testTarget(name: "PprofLiveTests", dependencies: ["PprofLive", "PprofModel"]),
        .testTarget(
            name: "PprofCLITests",
            dependencies: ["PprofCLI", "PprofModel", "PprofReports", "TestSupport"]
        ),
    ]
)

// libFuzzer targets (issue 6, `make fuzz`): only with PPROF_FUZZ=1, because they link against
// `LLVMFuzzerRunDriver`, which exists only when building with `-sanitize=fuzzer`.
if Context.environment["PPROF_FUZZ"] == "1" {
    package.targets += [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzDriver", "PprofModel"]),
        .executableTarget(name: "FuzzReports", dependencies: ["FuzzDriver", "PprofModel", "PprofReports"]),
        .executableTarget(name: "FuzzSession", dependencies: ["FuzzDriver", "PprofModel", "PprofReports"]),
    ]
}
