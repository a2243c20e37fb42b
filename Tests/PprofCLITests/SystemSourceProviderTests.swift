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
