// swift-tools-version:6.0
import PackageDescription

/// Dependencies point one way: executable -> CLI -> TUI/Curses/Live -> Reports -> Model -> CZlib.
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
        .target(name: "PprofTUI", dependencies: ["PprofReports", "PprofModel", "PprofLive"]),
        .target(name: "PprofCurses", dependencies: ["CNcursesw", "PprofTUI"]),
        .target(name: "PprofLive", dependencies: ["PprofModel"]),
        .target(
            name: "PprofCLI",
            dependencies: ["PprofModel", "PprofReports", "PprofTUI", "PprofCurses", "PprofLive"]
        ),
        .executableTarget(name: "pprof-tui", dependencies: ["PprofCLI"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // What each fuzz target does with one input, shared with the tests that replay findings.
        .target(name: "FuzzHarness", dependencies: ["PprofModel", "PprofReports"]),
        .testTarget(name: "PprofModelTests", dependencies: ["PprofModel", "TestSupport"]),
        .testTarget(
            name: "PprofReportsTests", dependencies: ["PprofReports", "PprofModel", "TestSupport", "FuzzHarness"]),
        .testTarget(name: "PprofTUITests", dependencies: ["PprofTUI", "PprofReports", "PprofModel", "TestSupport"]),
        .testTarget(name: "PprofLiveTests", dependencies: ["PprofLive", "PprofModel", "TestSupport"]),
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
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzDriver", "FuzzHarness"]),
        .executableTarget(name: "FuzzReports", dependencies: ["FuzzDriver", "FuzzHarness"]),
        .executableTarget(name: "FuzzSession", dependencies: ["FuzzDriver", "FuzzHarness", "PprofModel"]),
    ]
}
