import Foundation
import Testing

@testable import PprofCLI

/// `ProfileLoader.readFile`: a regular file in one buffer of its size, anything else in
/// chunks, each failure one line in Go's words.
@Suite struct ReadFileTests {
    private static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "readfile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private static func message(_ body: () throws -> [UInt8]) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func regularFilesReadWhole() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Sizes around the read size and an empty file.
        for size in [0, 1, 4095, 1 << 20, (1 << 24) + 3] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            let path = dir + "/f\(size)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try ProfileLoader.readFile(path, limit: 1 << 30) == bytes, "size \(size)")
        }
    }

    @Test func pipesReadInChunks() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let bytes = (0..<50_000).map { UInt8(truncatingIfNeeded: $0) }
        let w = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        #expect(w == bytes.count)
        close(fds[1])
        defer { close(fds[0]) }
        #expect(try ProfileLoader.readFile("/proc/self/fd/\(fds[0])", limit: 1 << 20) == bytes)
    }

    @Test func failuresAreOneLine() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big"
        try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: path))
        #expect(Self.message { try ProfileLoader.readFile(path, limit: 999) } == "file is larger than the limit of 999 bytes (max_decompressed_size)")
        #expect(Self.message { try ProfileLoader.readFile(path, limit: 1000) } == nil)
        #expect(Self.message { try ProfileLoader.readFile(dir, limit: 1000) } == "read \(dir): is a directory")
        #expect(Self.message { try ProfileLoader.readFile(dir + "/none", limit: 1000) } == "open \(dir)/none: no such file or directory")
        #expect(Self.message { try ProfileLoader.readFile("/dev/zero", limit: 1 << 20) } == "file is larger than the limit of 1048576 bytes (max_decompressed_size)")
    }
}
