import Foundation
import GoRegex
import Testing
import TestSupport

import PprofFormats
import PprofModel

/// Legacy formats at the decoder level: regex semantics, the protobuf fallback rules, and
/// hostile inputs (errors, never traps). Report output is checked against pprof by
/// PprofCLITests/LegacyGoldenTests.
@Suite struct LegacyTests {
    static func fixture(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: TestPaths.fixture("legacy/" + name)) ?? Data())
    }

    static let fixtures = [
        "cpu.le64.prof", "cpu.be32.prof", "cpu.le32.nomap.prof", "java.cpu.prof", "heap.v2.txt", "heap.go.txt",
        "heap.heapprofile.txt", "growth.txt", "fragmentation.txt", "contention.cpp.txt", "mutex.go.txt",
        "contention.go.txt", "goroutine.txt", "threadcreate.txt", "threadz.txt", "java.heap.txt",
        "java.contention.txt",
    ]

    /// Expected submatches recorded from Go's regexp.FindStringSubmatch (leftmost-first, greedy).
    @Test func regexSubmatchesFollowGo() throws {
        let cases: [(String, String, [String])] = [
            (#"(\d+) *(\d+) @([ x0-9a-f]*)"#, "12345 @ 0x1", ["12345 @ 0x1", "1234", "5", " 0x1"]),
            (#"^(.*)\s+\((.+):(-?[[:digit:]]+)\)$"#, "foo  (Foo.java:10)", ["foo  (Foo.java:10)", "foo ", "Foo.java", "10"]),
            (#"^(.*)\s+\((.+):(-?[[:digit:]]+)\)$"#, "a (b) (c:d:7)", ["a (b) (c:d:7)", "a (b)", "c:d", "7"]),
            (
                #"^\s*(?:0x)?([[:xdigit:]]+)[\s-]?\s*(?:0x)?([[:xdigit:]]+):?(?:\s+([-rwxp]+))?(?:\s+(\S+))?(?:\s+\(@([[:xdigit:]]+)\))?(?:\s+([[:xdigit:]]+))?"#,
                "0x1000-0x2000 r-xp /bin/x (@10) abc",
                ["0x1000-0x2000 r-xp /bin/x (@10) abc", "1000", "2000", "r-xp", "/bin/x", "10", "abc"]
            ),
            (
                #"(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)"#, "x1-2: 3 [4: 5] @ 0x1 0x2",
                ["-2: 3 [4: 5] @ 0x1 0x2", "-2", "3", "4", "5", " 0x1 0x2"]
            ),
        ]
        for (pattern, text, want) in cases {
            let re = try GoRegex(pattern)
            let got = re.submatches(Array(text.utf8))?.map { String(decoding: $0, as: UTF8.self) }
            #expect(got == want, "\(pattern) on \(text)")
        }
    }

    @Test(arguments: fixtures)
    func fixtureDecodesValid(_ name: String) throws {
        let p = try ProfileDecoder.decode(Self.fixture(name))
        try p.checkValid()
        #expect(p.samples.count > 0)
        #expect(!p.dropFrames.isEmpty, "addLegacyFrameInfo sets drop_frames for every legacy kind")
    }

    @Test func gzippedLegacyTextDecodes() throws {
        let raw = Self.fixture("heap.v2.txt")
        let p = try ProfileDecoder.decode(try Gzip.compress(raw))
        #expect(p.sampleTypes.map(\.type) == ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"])
        #expect(p.dropFrames == LegacyFrames.allocDrop)
        #expect(p.keepFrames == LegacyFrames.allocKeep)
    }

    /// Unrecognized by every parser: pprof's words, with the protobuf decoder's cause kept.
    @Test func unrecognizedKeepsProtobufError() {
        #expect(throws: PprofError.self) { try ProfileDecoder.decode(Array("hello world\n".utf8)) }
        do {
            _ = try ProfileDecoder.decode(Array("hello world\n".utf8))
        } catch let e as PprofError {
            #expect(e.message.hasPrefix("parsing profile: unrecognized profile format ("))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func recognizedButBrokenReportsLegacyError() {
        let text = "heap profile: 1: 2 [3: 4] @ heap_v2/100\n0: 2 [3: 4] @ 0x1\n"
        #expect(throws: PprofError("parsing profile: inuse count was 0 but inuse bytes was 2")) {
            try ProfileDecoder.decode(Array(text.utf8))
        }
    }

    @Test func overlongLineIsScannerError() {
        let text = "goroutine profile: total 1\n" + String(repeating: "1", count: 70_000) + "\n"
        // The heap parser reads the first line fine; the count parser hits the long line.
        #expect(throws: PprofError("parsing profile: bufio.Scanner: token too long")) {
            try ProfileDecoder.decode(Array(text.utf8))
        }
    }

    /// A CPU header claiming an enormous stack is refused before any allocation.
    @Test func hugeStackDepthIsRefused() {
        var words: [UInt32] = [0, 3, 0, 100, 0, 1, 0xFFFF_FFFF, 7]
        words[7] = 7
        let bytes = words.withUnsafeMutableBytes { Array($0) }
        #expect(throws: PprofError.self) { try ProfileDecoder.decode(bytes) }
    }

    /// Deterministic mutations of every fixture: each decodes to a valid profile or throws a
    /// `PprofError`; nothing traps or hangs.
    @Test func mutatedFixturesNeverTrap() {
        var rng = SplitMix(seed: 0x1e6a_c7)
        var decoded = 0
        for name in Self.fixtures {
            let base = Self.fixture(name)
            for _ in 0..<150 {
                var b = base
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    guard !b.isEmpty else { break }
                    let i = Int(rng.next() % UInt64(b.count))
                    switch rng.next() % 4 {
                    case 0: b[i] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: b.remove(at: i)
                    case 2: b.insert(Array("0x:[]@ -\n9f".utf8)[Int(rng.next() % 11)], at: i)
                    default: b = Array(b[..<i])
                    }
                }
                do {
                    let p = try ProfileDecoder.decode(b)
                    try p.checkValid()
                    decoded += 1
                } catch {
                    #expect(error is PprofError)
                }
            }
        }
        #expect(decoded > 0)
    }
}
