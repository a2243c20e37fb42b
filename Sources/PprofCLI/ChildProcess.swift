import Foundation
import PprofModel

/// What a finished child process left: its output (cut at the limit), and how it ended.
package struct ChildResult: Sendable, Equatable {
    package var stdout: [UInt8]
    package var status: Int32
    /// Killed at the deadline, or its output passed the limit (the rest was not read).
    package var timedOut = false
    package var truncated = false
    package init(stdout: [UInt8], status: Int32, timedOut: Bool = false, truncated: Bool = false) {
        self.stdout = stdout
        self.status = status
        self.timedOut = timedOut
        self.truncated = truncated
    }
}

/// Runs a program with an argument vector (never a shell string). A protocol so the binutils
/// wrapper can be tested with a scripted double; the real one bounds time and output.
package protocol ChildRunner: Sendable {
    /// - Returns: nil when the program cannot be started (not installed).
    func run(_ argv: [String], stdin: [UInt8], timeoutSeconds: Double, maxOutput: Int) -> ChildResult?
}

/// posix_spawn with pipes: stdin fed and stdout drained in one poll loop, stderr discarded,
/// the child killed (SIGKILL) at the deadline or once its output passes `maxOutput`.
package struct SpawnRunner: ChildRunner {
    package init() {}

    package func run(_ argv: [String], stdin input: [UInt8], timeoutSeconds: Double, maxOutput: Int) -> ChildResult? {
        guard let exe = argv.first, exe.hasPrefix("/") else { return nil }
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        // The pipes are close-on-exec, so a child another thread spawns does not inherit them
        // (holding this child's stdin open, it would keep it waiting for its end; two such
        // children wait for each other until the deadline); dup2 onto 0 and 1 clears the flag
        // for this child. Made and flagged under the lock every spawn here takes, so no spawn
        // falls between the two.
        Self.spawnLock.lock()
        guard Self.closeOnExecPipe(&inPipe) else {
            Self.spawnLock.unlock()
            return nil
        }
        guard Self.closeOnExecPipe(&outPipe) else {
            Self.spawnLock.unlock()
            close(inPipe[0]); close(inPipe[1])
            return nil
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in [inPipe[0], inPipe[1], outPipe[0], outPipe[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        // A fixed, small environment: the tools need no more, and LANG=C keeps their words stable.
        var cenv: [UnsafeMutablePointer<CChar>?] = ["LANG=C", "LC_ALL=C", "PATH=/usr/bin:/bin"].map { (s: String) in strdup(s) } + [nil]
        defer { for e in cenv { free(e) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, &cargs, &cenv)
        Self.spawnLock.unlock()
        close(inPipe[0])
        close(outPipe[1])
        guard rc == 0 else {
            close(inPipe[1]); close(outPipe[0])
            return nil
        }
        signal(SIGPIPE, SIG_IGN)
        _ = fcntl(inPipe[1], F_SETFL, fcntl(inPipe[1], F_GETFL) | O_NONBLOCK)
        var writeFD: Int32 = input.isEmpty ? -1 : inPipe[1]
        if writeFD < 0 { close(inPipe[1]) }
        var written = 0
        var out: [UInt8] = []
        var truncated = false
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var buf = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                timedOut = true
                break
            }
            var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0)]
            if writeFD >= 0 { fds.append(pollfd(fd: writeFD, events: Int16(POLLOUT), revents: 0)) }
            let n = poll(&fds, nfds_t(fds.count), Int32(min(left * 1000, 1000)) + 1)
            if n < 0 && errno != EINTR { break }
            if n <= 0 { continue }
            if writeFD >= 0 && fds[1].revents != 0 {
                let w = input.withUnsafeBytes { write(writeFD, $0.baseAddress.map { $0 + written }, input.count - written) }
                if w > 0 { written += w }
                if w < 0 && errno != EAGAIN && errno != EINTR || written >= input.count {
                    close(writeFD)
                    writeFD = -1
                }
            }
            if fds[0].revents != 0 {
                let r = buf.withUnsafeMutableBytes { read(outPipe[0], $0.baseAddress, $0.count) }
                if r < 0 && errno == EINTR { continue }
                if r <= 0 { break loop }
                out.append(contentsOf: buf[0..<r])
                if out.count > maxOutput {
                    out.removeLast(out.count - maxOutput)
                    truncated = true
                    break loop
                }
            }
        }
        if writeFD >= 0 { close(writeFD) }
        close(outPipe[0])
        if timedOut || truncated { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildResult(stdout: out, status: exit, timedOut: timedOut, truncated: truncated)
    }
}

extension SpawnRunner {
    private static let spawnLock = NSLock()

    /// A pipe whose two ends are close-on-exec (under `spawnLock`).
    private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }
}

/// A tool path from `$PATH` (or nil when none is executable).
package func findExecutable(_ name: String, path: String?) -> String? {
    for dir in (path ?? "/usr/bin:/bin").split(separator: ":") where dir.hasPrefix("/") {
        let candidate = "\(dir)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}
