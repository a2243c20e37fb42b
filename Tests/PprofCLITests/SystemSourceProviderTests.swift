import Foundation
import PprofCLI
import PprofReports
import Testing

/// The process's source provider (file system, Go roots from the environment).
@Suite struct SystemSourceProviderTests {
    @Test func fileSystemProviderRootsFromEnvironment() {
        let a = FileSystemSourceProvider(
            environment: ["GOROOT": "/opt/go", "GOMODCACHE": "/cache", "GOPATH": "/gp", "HOME": "/h"],
            workingDirectory: "/w")
        #expect(a.goRoots == ["/opt/go"])
        #expect(a.moduleCaches == ["/cache"])
        let b = FileSystemSourceProvider(environment: ["GOPATH": "/gp1:/gp2", "HOME": "/h"], workingDirectory: "/w")
        #expect(b.goRoots == ["/usr/lib/go", "/usr/local/go"])
        #expect(b.moduleCaches == ["/gp1/pkg/mod"])
        let c = FileSystemSourceProvider(environment: ["HOME": "/h"], workingDirectory: "/w")
        #expect(c.moduleCaches == ["/h/go/pkg/mod"])
    }

    @Test func fileSystemProviderReadsFilesAndDirectories() throws {
        let dir = SourceTempFiles.make()
        let path = dir + "/f.go"
        #expect(SourceTempFiles.write(path, "hello\n"))
        let fs = FileSystemSourceProvider(environment: [:], workingDirectory: dir)
        #expect(fs.read(path: path) == Array("hello\n".utf8))
        #expect(fs.read(path: dir) == [])
        #expect(fs.read(path: dir + "/none.go") == nil)
        #expect(fs.openFailure(path: dir + "/none.go") == "no such file or directory")
    }

    /// Devices and FIFOs are refused without blocking on open; directories read as empty.
    @Test func onlyRegularFilesAreRead() throws {
        let dir = SourceTempFiles.make()
        let fifo = dir + "/pipe.go"
        #expect(mkfifo(fifo, 0o600) == 0)
        let fs = FileSystemSourceProvider(environment: [:], workingDirectory: dir)
        #expect(fs.read(path: fifo) == nil)
        #expect(fs.openFailure(path: fifo) == "not a regular file")
        #expect(fs.read(path: "/dev/zero") == nil)
        #expect(fs.read(path: "/dev/urandom") == nil)
        #expect(fs.openFailure(path: "/dev/zero") == "not a regular file")
    }

    /// A 2 GiB sparse file (zeros, no newline) is read only up to pprof's longest line.
    @Test func sparseFileStopsAtTheLineLimit() throws {
        let dir = SourceTempFiles.make()
        let path = dir + "/sparse.go"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(ftruncate(fd, 2 << 30) == 0)
        close(fd)
        let fs = FileSystemSourceProvider(environment: [:], workingDirectory: dir)
        let bytes = try #require(fs.read(path: path))
        #expect(bytes.count >= sourceLineLimit && bytes.count < sourceLineLimit + 65536)
        unlink(path)
    }

    /// A file over the byte cap is read up to the cap and one byte more (so the listing can
    /// tell it was cut).
    @Test func largeFileIsCappedAtTheByteLimit() throws {
        let dir = SourceTempFiles.make()
        let path = dir + "/big.go"
        let line = Array(repeating: UInt8(ascii: "x"), count: 4095) + [UInt8(ascii: "\n")]
        let fh = try #require(FileHandle(forWritingAtPath: path) ?? {
            FileManager.default.createFile(atPath: path, contents: nil)
            return FileHandle(forWritingAtPath: path)
        }())
        let chunk = Data(Array(repeating: line, count: 256).joined())
        for _ in 0..<((sourceFileByteLimit >> 20) + 2) { fh.write(chunk) }
        try fh.close()
        let fs = FileSystemSourceProvider(environment: [:], workingDirectory: dir)
        #expect(fs.read(path: path)?.count == sourceFileByteLimit + 1)
        unlink(path)
    }
}

/// A fresh temporary directory for file-system provider tests.
enum SourceTempFiles {
    static func make() -> String {
        let dir = NSTemporaryDirectory() + "pprof-src-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ path: String, _ text: String) -> Bool {
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}
