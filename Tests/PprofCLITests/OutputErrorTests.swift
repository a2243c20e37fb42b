import Foundation
import PprofCLI
import Testing
import TestSupport

/// Output that cannot be written is an error in Go's words and exit status 1, as pprof's
/// `write /dev/stdout: no space left on device`, never a silent exit 0.
@Suite struct OutputErrorTests {
    /// Runs the driver with stdout on `fd` and stderr captured in a temporary file.
    static func run(_ args: [String], stdout fd: Int32) -> (code: Int32, stderr: String) {
        _ = CLIHarness.setUp
        let path = NSTemporaryDirectory() + "pprof-outerr-\(UUID().uuidString)"
        let errFD = open(path, O_CREAT | O_TRUNC | O_RDWR, 0o600)
        defer {
            close(errFD)
            unlink(path)
        }
        let code = Driver.run(args, io: .process(stdout: fd, stderr: errFD))
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return (code, text)
    }

    @Test(arguments: [["-top"], ["-traces"], ["-raw"], ["-proto"], ["-dot"]] as [[String]])
    func fullDiskFailsTheReport(_ flags: [String]) {
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        let r = Self.run(flags + ["Fixtures/profiles/cpu.pb.gz"], stdout: full)
        #expect(r.code == 1)
        #expect(r.stderr.hasSuffix("write /dev/stdout: no space left on device\n"), "\(r.stderr)")
    }

    @Test func closedStdoutFailsTheReport() {
        // A descriptor number that is not open (high, so no file the run opens reuses it):
        // what a closed stdout gives write(2).
        let fd: Int32 = 1000
        close(fd)
        let r = Self.run(["-top", "Fixtures/profiles/cpu.pb.gz"], stdout: fd)
        #expect(r.code == 1)
        #expect(r.stderr == "write /dev/stdout: bad file descriptor\n")
    }

    /// A closed stdout is held by /dev/null for the run: a file or pipe opened later (the
    /// profile, dot's stdin) must not take its number and receive the report.
    @Test func closedDescriptorIsReservedAndStillFails() {
        let fd: Int32 = 1001
        close(fd)
        defer { close(fd) }
        #expect(DriverIO.reserveClosedDescriptors([fd]) == [fd])
        #expect(fcntl(fd, F_GETFD) != -1, "the closed descriptor was not reserved")
        let opened = open("/dev/null", O_RDONLY)
        #expect(opened != fd)
        close(opened)
        let out = DescriptorWriter(fd: fd, name: "/dev/stdout", closed: true)
        out.write([])
        #expect(out.failure == nil, "an empty write fails nothing, as Go's")
        out.write(Array("x\n".utf8))
        #expect(out.failure == "write /dev/stdout: bad file descriptor")
    }

    @Test func shellStopsAtTheFirstLostReport() {
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        let out = DescriptorWriter(fd: full, name: "/dev/stdout")
        let err = Captured()
        let lines = LineQueue(["top", "top", "quit"])
        let io = DriverIO(
            writeOut: { out.write($0) }, writeErr: { err.appendErr($0) }, readLine: { lines.next() },
            outputError: { out.failure })
        _ = CLIHarness.setUp
        #expect(Driver.run(["Fixtures/profiles/cpu.pb.gz"], io: io) == 1)
        #expect(err.stderr.hasSuffix("write /dev/stdout: no space left on device\n"))
        #expect(lines.next() == "top", "the shell went on reading after the lost prompt")
    }

    @Test(arguments: ["/dev/full", "Fixtures"] as [String])
    func unwritableOutputFileFails(_ target: String) {
        let (code, out) = CLIHarness.run(["-top", "-output=" + target, "Fixtures/profiles/cpu.pb.gz"])
        #expect(code == 1)
        let expected = target == "/dev/full" ? "write /dev/full: no space left on device" : "open Fixtures: is a directory"
        #expect(out.stderr.hasSuffix(expected + "\n"), "\(out.stderr)")
    }

    @Test func closedPipeEndsQuietly() {
        // As main.swift does: a closed pipe is EPIPE, not a fatal signal.
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let r = Self.run(["-top", "Fixtures/profiles/cpu.pb.gz"], stdout: fds[1])
        close(fds[1])
        #expect(r.code == 1)
        #expect(r.stderr.isEmpty)
    }
}
