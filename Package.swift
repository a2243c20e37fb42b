// swift-tools-version:6.0
import PackageDescription

/// Dependencies point one way: executable -> CLI -> TUI/Curses/Live -> Reports -> Formats -> Model;
/// Formats alone links CZlib.
/// Each target declares exactly what it imports (scripts/check-imports.sh, run by `make test`).
let package = Package(
    name: "pprof-tui",
    products: [
        .executable(name: "pprof-tui", targets: ["pprof-tui"])
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "GoRegex"),
        .target(name: "Demangle"),
        .target(name: "PprofModel", dependencies: ["GoRegex", "Demangle"]),
        .target(name: "PprofFormats", dependencies: ["PprofModel", "CZlib", "GoRegex"]),
        .target(name: "PprofReports", dependencies: ["PprofModel", "PprofFormats", "GoRegex"]),
        .target(name: "PprofTUI", dependencies: ["PprofReports", "PprofModel", "GoRegex"]),
        .target(name: "PprofCurses", dependencies: ["CNcursesw", "PprofTUI"]),
        .target(name: "PprofLive", dependencies: ["PprofModel", "PprofFormats"]),
        .target(
            name: "PprofCLI",
            dependencies: ["GoRegex", "PprofModel", "PprofFormats", "PprofReports", "PprofTUI", "PprofCurses", "PprofLive"]
        ),
        .executableTarget(name: "pprof-tui", dependencies: ["PprofCLI"]),
        // `make bench`'s explorer timings (scripts/bench.d/tui.sh); not part of the product.
        .executableTarget(name: "Benchmarks", dependencies: ["PprofCLI", "PprofFormats", "PprofModel", "PprofReports", "PprofTUI"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // What each fuzz target does with one input, shared with the tests that replay findings.
        .target(name: "FuzzHarness", dependencies: ["PprofFormats", "PprofModel", "PprofReports"]),
        .testTarget(name: "GoRegexTests", dependencies: ["GoRegex", "TestSupport"]),
        .testTarget(name: "DemangleTests", dependencies: ["Demangle", "TestSupport"]),
        .testTarget(name: "PprofModelTests", dependencies: ["PprofModel", "GoRegex"]),
        .testTarget(name: "PprofFormatsTests", dependencies: ["PprofFormats", "PprofModel", "GoRegex", "TestSupport"]),
        .testTarget(
            name: "PprofReportsTests",
            dependencies: ["PprofReports", "PprofFormats", "PprofModel", "GoRegex", "TestSupport", "FuzzHarness"]
        ),
        .testTarget(
            name: "PprofTUITests",
            // The live tests feed the app through the real fetcher and the CLI's bridge.
            dependencies: ["PprofTUI", "GoRegex", "PprofReports", "PprofFormats", "PprofModel", "PprofLive", "PprofCLI", "TestSupport"],
            // The golden screens are read by path (GoldenScreen), not bundled.
            exclude: ["Screens"]
        ),
        .testTarget(name: "PprofLiveTests", dependencies: ["PprofLive", "PprofModel", "TestSupport"]),
        .testTarget(
            name: "PprofCLITests",
            dependencies: ["GoRegex", "PprofCLI", "PprofFormats", "PprofModel", "PprofReports", "PprofTUI", "TestSupport", "FuzzHarness"]
        ),
    ]
)

// libFuzzer targets (issue 6, `make fuzz`): only with PPROF_FUZZ=1, because they link against
// `LLVMFuzzerRunDriver`, which exists only when building with `-sanitize=fuzzer`.
if Context.environment["PPROF_FUZZ"] == "1" {
    package.targets += [
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzDriver", "FuzzHarness"]),
        .executableTarget(name: "FuzzReports", dependencies: ["FuzzDriver", "FuzzHarness"]),
        .executableTarget(name: "FuzzSession", dependencies: ["FuzzDriver", "FuzzHarness", "PprofFormats", "PprofModel"]),
    ]
}
