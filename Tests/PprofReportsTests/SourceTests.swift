import GoRegex
import PprofModel
import Testing

@testable import PprofReports

@Suite struct SourceTests {
    /// `go tool pprof -list='main|runtime'` run in /tmp/rep2src on the encoded fixture.
    @Test func listMatchesPprof() throws {
        let provider = InMemorySourceProvider(
            files: ["/tmp/rep2src/app/main.go": sourceFixtureMainGo()], workingDirectory: "/tmp/rep2src")
        let r = handReport(sourceFixture()) { $0.symbol = try? GoRegex("main|runtime") }
        let expected = """
            Total: 110ms
            ROUTINE ======================== main.helper in /tmp/rep2src/app/main.go
                  50ms       80ms (flat, cum) 72.73% of Total
                     .          .     20:line 20
                     .          .     21:line 21
                  50ms       80ms     22:line 22
                     .          .     23:line 23
                     .          .     24:line 24
                     .          .     25:line 25
                     .          .     26:line 26
                     .          .     27:line 27
            ROUTINE ======================== main.main in /tmp/rep2src/app/main.go
                  10ms      110ms (flat, cum)   100% of Total
                     .          .      3:line 3
                     .          .      4:\tline 4
                  10ms       30ms      5:line 5
                     .          .      6:line 6
                     .          .      7:line 7
                     .       80ms      8:line 8
                     .          .      9:line 9
                     .          .     10:line 10
                     .          .     11:line 11
                     .          .     12:line 12
                     .          .     13:line 13
            No source information for main.nofile
            ROUTINE ======================== runtime.spin in runtime/spin.go
                  30ms       30ms (flat, cum) 27.27% of Total
             Error: could not find file runtime/spin.go on path /tmp/rep2src

            """
        #expect(try r.printSource(provider) == expected)
    }

    @Test func noMatchThrowsPprofsMessage() {
        let r = handReport(sourceFixture()) { $0.symbol = try? GoRegex("nothing") }
        #expect(throws: PprofError("no matches found for regexp: nothing")) {
            try r.printSource(InMemorySourceProvider(files: [:]))
        }
    }

    @Test func standardLibraryFallsBackToGoroot() throws {
        let provider = InMemorySourceProvider(
            files: ["/goroot/src/runtime/spin.go": (1...12).map { "s\($0)" }.joined(separator: "\n")],
            workingDirectory: "/elsewhere", goRoots: ["/nonexistent", "/goroot"])
        let r = handReport(sourceFixture()) { $0.symbol = try? GoRegex("spin") }
        let blocks = try r.sourceListing(provider, searchingGoLocations: true)
        guard case .routine(let routine) = blocks.first else {
            Issue.record("expected a routine")
            return
        }
        #expect(routine.error == nil)
        #expect(routine.lines.map(\.lineno) == Array(2...8))
        #expect(routine.lines[1] == SourceLine(lineno: 3, flat: 30_000_000, cum: 30_000_000, text: "s3"))
    }

    @Test func missingAbsoluteFileReportsOpenError() throws {
        let r = handReport(oneFunctionProfile(file: "/gone/x.go", line: 4)) { $0.symbol = try? GoRegex("f") }
        let out = try r.printSource(InMemorySourceProvider(files: [:]))
        #expect(out.hasSuffix(" Error: open /gone/x.go: no such file or directory\n"))
    }

    /// The Go-aware fallbacks, each a case pprof itself cannot find (issues #1009, #472).
    @Test(arguments: [
        // -trimpath module path, upper case escaped in the module cache.
        ("github.com/Foo/bar@v1.2.3/x.go", "", "/mod/github.com/!foo/bar@v1.2.3/x.go"),
        // Another machine's module cache, already escaped.
        ("/home/ci/go/pkg/mod/github.com/!foo/bar@v1.2.3/x.go", "", "/mod/github.com/!foo/bar@v1.2.3/x.go"),
        // A module path under some other absolute directory.
        ("/build/cache/golang.org/x/Net@v0.1.0/http/x.go", "", "/mod/golang.org/x/!net@v0.1.0/http/x.go"),
        // Vendored module: version dropped, no escaping.
        ("github.com/Foo/baz@v1.0.0/x.go", "", "/work/vendor/github.com/Foo/baz/x.go"),
        // #472: a GOPATH checkout at a different root.
        ("/go/src/github.com/u/p/x.go", "/home/u", "/home/u/go/src/github.com/u/p/x.go"),
        // -trimpath main module checked out under a directory of another name.
        ("example.com/app/internal/x.go", "", "/work/internal/x.go"),
    ] as [(String, String, String)])
    func fallbacksFindGoSources(_ recorded: String, _ sourcePath: String, _ actual: String) throws {
        let provider = InMemorySourceProvider(
            files: [actual: "one\ntwo\nthree\nfour\n"], workingDirectory: "/work", goRoots: ["/goroot"],
            moduleCaches: ["/mod"])
        let r = handReport(oneFunctionProfile(file: recorded, line: 2)) {
            $0.symbol = try? GoRegex("f")
            $0.sourcePath = sourcePath
        }
        let out = try r.printSource(provider, searchingGoLocations: true)
        #expect(out.contains("      10ms       10ms      2:two\n"), "\(out)")
        // Batch and shell `list` search as pprof does, and fail as it fails.
        let batch = try r.printSource(provider)
        #expect(!batch.contains("2:two") && batch.contains(" Error: "), "\(batch)")
    }

    @Test func absolutePathsNeedTwoComponentsToMatchByName() throws {
        let provider = InMemorySourceProvider(files: ["/work/x.go": "a\n"], workingDirectory: "/work")
        let r = handReport(oneFunctionProfile(file: "/far/away/x.go", line: 1)) { $0.symbol = try? GoRegex("f") }
        #expect(try r.printSource(provider, searchingGoLocations: true).contains("Error: open /far/away/x.go"))
    }

    @Test func pprofsOwnSearchWinsOverFallbacks() throws {
        // The search directory's parent holds the file; a GOROOT copy must not be used.
        let provider = InMemorySourceProvider(
            files: ["/proj/runtime/spin.go": "mine\n", "/goroot/src/runtime/spin.go": "goroot\n"],
            workingDirectory: "/proj/sub/dir", goRoots: ["/goroot"])
        let r = handReport(oneFunctionProfile(file: "runtime/spin.go", line: 1)) { $0.symbol = try? GoRegex("f") }
        #expect(try r.printSource(provider, searchingGoLocations: true).contains("1:mine\n"))
    }

    @Test func trimPathHeuristicUsesSearchDirectoryName() throws {
        let provider = InMemorySourceProvider(files: ["/local/proj/pkg/a.go": "x\n"], workingDirectory: "/")
        let r = handReport(oneFunctionProfile(file: "/remote/build/proj/pkg/a.go", line: 1)) {
            $0.symbol = try? GoRegex("f")
            $0.sourcePath = "/local/proj"
        }
        let out = try r.printSource(provider)
        #expect(out.contains("ROUTINE ======================== f in pkg/a.go\n"))
        #expect(out.contains("1:x\n"))
    }

    @Test func startAfterEndListsNothingWithoutReadingTheFile() throws {
        // Start line far past the sample: pprof's loop never runs, so no error either.
        let r = handReport(oneFunctionProfile(file: "/missing.go", line: 2, startLine: 50)) { $0.symbol = try? GoRegex("f") }
        let out = try r.printSource(InMemorySourceProvider(files: [:]))
        #expect(out.hasSuffix("(flat, cum)   100% of Total\n"))
    }

    /// A file past the byte cap lists the lines before the cut and says it was cut; the same
    /// listing inside the cap prints as pprof, without a note.
    @Test func oversizedFileListsItsStartAndSaysSo() throws {
        let line = String(repeating: "y", count: 999) + "\n"
        let perCap = sourceFileByteLimit / line.utf8.count
        let text = String(repeating: line, count: perCap + 100)
        let provider = InMemorySourceProvider(files: ["/w/big.go": text], workingDirectory: "/w")
        let inside = try handReport(oneFunctionProfile(file: "/w/big.go", line: 10)) { $0.symbol = try? GoRegex("f") }
            .printSource(provider)
        #expect(!inside.contains("Note:"))
        #expect(inside.contains("     10:yyy"))
        let past = try handReport(oneFunctionProfile(file: "/w/big.go", line: Int64(perCap + 2))) { $0.symbol = try? GoRegex("f") }
            .printSource(provider)
        #expect(past.contains("\(perCap - 3):yyy"))
        #expect(!past.contains("\(perCap + 1):"))
        #expect(past.hasSuffix(" Note: only the first 64 MiB of /w/big.go were read\n"))
    }

    @Test func scannerSplitsLikeBufio() {
        #expect(splitSourceLines(Array("a\r\nb\n\nc".utf8)).lines == ["a", "b", "", "c"])
        #expect(splitSourceLines(Array("a\n".utf8)).lines == ["a"])
        #expect(splitSourceLines([]).lines == [])
        #expect(splitSourceLines(Array("\tx\u{1b}y\n".utf8)).lines == ["\tx\\x1by"])
        let long = [UInt8](repeating: UInt8(ascii: "z"), count: 65536)
        #expect(splitSourceLines(Array("ok\n".utf8) + long + Array("\nafter\n".utf8)).lines == ["ok"])
        let fits = [UInt8](repeating: UInt8(ascii: "z"), count: 65535)
        #expect(splitSourceLines(fits + Array("\nafter\n".utf8)).lines.count == 2)
    }

    @Test func moduleEscaping() {
        #expect(escapeModuleVersion("github.com/FooBar/Baz@v1.0.0-RC") == "github.com/!foo!bar/!baz@v1.0.0-!r!c")
        #expect(unescapeModulePath("github.com/!foo!bar/!baz") == "github.com/FooBar/Baz")
        #expect(unescapeModulePath("a!") == "a!")
    }

    @Test func goPathHelpers() {
        #expect(goPathJoin("/a/b", "../c.go") == "/a/c.go")
        #expect(goPathJoin("", "x/./y") == "x/y")
        #expect(goPathDir("/a/b") == "/a")
        #expect(goPathDir("/") == "/")
        #expect(goPathDir("a") == ".")
    }
}

/// One function `f` in `file` with a single 10ms sample at `line`.
func oneFunctionProfile(file: String, line: Int64, startLine: Int64 = 0) -> Profile {
    var b = HandBuiltProfile(types: [("cpu", "nanoseconds")])
    let f = b.function("f", file: file, startLine: startLine)
    b.sample([b.location([(f, line)])], [10_000_000])
    return b.p
}
