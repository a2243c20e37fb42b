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
        .target(name: "GoRegex"),
        .target(name: "Demangle"),
        .target(name: "PprofModel", dependencies: ["CZlib", "GoRegex", "Demangle"]),
        .target(name: "PprofReports", dependencies: ["PprofModel", "GoRegex"]),
        .target(name: "PprofTUI", dependencies: ["PprofReports", "PprofModel", "PprofLive", "GoRegex"]),
        .target(name: "PprofCurses", dependencies: ["CNcursesw", "PprofTUI"]),
        .target(name: "PprofLive", dependencies: ["PprofModel"]),
        .target(
            name: "PprofCLI",
            dependencies: ["PprofModel", "PprofReports", "PprofTUI", "PprofCurses", "PprofLive"]
        ),
        .executableTarget(name: "pprof-tui", dependencies: ["PprofCLI"]),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GoRegexTests", dependencies: ["GoRegex", "TestSupport"]),
        .testTarget(name: "DemangleTests", dependencies: ["Demangle", "TestSupport"]),
        .testTarget(name: "PprofModelTests", dependencies: ["PprofModel", "GoRegex", "TestSupport"]),
        .testTarget(name: "PprofReportsTests", dependencies: ["PprofReports", "PprofModel", "GoRegex", "TestSupport"]),
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
        .executableTarget(name: "FuzzDecode", dependencies: ["FuzzDriver", "PprofModel"]),
        .executableTarget(name: "FuzzReports", dependencies: ["FuzzDriver", "PprofModel", "PprofReports"]),
        .executableTarget(name: "FuzzSession", dependencies: ["FuzzDriver", "PprofModel", "PprofReports"]),
    ]
}
