import Foundation
import PprofFormats
import PprofModel

/// Saves fetched profiles where and as pprof saves them, so `go tool pprof` finds the same files.
///
/// pprof (driver `setTmpDir`, `newTempFile`): the first directory of `$PPROF_TMPDIR`,
/// `$HOME/pprof`, the system temp dir that can be created; the name is
/// `pprof.<basename of the first mapping's file>.<each sample type>.NNN.pb.gz` with the
/// first free NNN from 001, created exclusively.
package enum ProfileSaver {
    /// - Throws: `PprofError` when no candidate directory can be created.
    package static func directory(override: String?, environment: [String: String]) throws -> String {
        var candidates: [String] = []
        if let override, !override.isEmpty { candidates.append(override) }
        if let dir = environment["PPROF_TMPDIR"], !dir.isEmpty { candidates.append(dir) }
        if let home = environment["HOME"], !home.isEmpty { candidates.append((home as NSString).appendingPathComponent("pprof")) }
        candidates.append(NSTemporaryDirectory())
        for dir in candidates {
            do {
                try FileManager.default.createDirectory(
                    atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
                return dir
            } catch {
                continue
            }
        }
        throw PprofError("failed to identify temp dir")
    }

    /// pprof's file-name prefix for `profile`.
    package static func prefix(for profile: Profile) -> String {
        var prefix = "pprof."
        if let file = profile.mappings.first?.file, !file.isEmpty {
            prefix += (file as NSString).lastPathComponent + "."
        }
        for type in profile.sampleTypes {
            prefix += type.type + "."
        }
        return prefix
    }

    /// Writes the fetched bytes (gzip-compressed if the server sent them raw) to the first free name.
    /// - Returns: the path written.
    package static func save(_ bytes: [UInt8], profile: Profile, in dir: String) throws -> String {
        let data: [UInt8] = Gzip.isGzip(bytes) ? bytes : try Gzip.compress(bytes)
        let prefix = prefix(for: profile)
        for index in 1..<10000 {
            let number = index < 1000 ? String(repeating: "0", count: 3 - String(index).count) + String(index) : String(index)
            let path = (dir as NSString).appendingPathComponent("\(prefix)\(number).pb.gz")
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o666)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw PprofError("Could not save profile: \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            var written = 0
            while written < data.count {
                let n = data.withUnsafeBytes { buf -> Int in
                    guard let base = buf.baseAddress else { return 0 }
                    return write(fd, base + written, data.count - written)
                }
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    throw PprofError("Could not save profile: \(path): \(String(cString: strerror(errno)))")
                }
                written += n
            }
            return path
        }
        throw PprofError("Could not save profile: could not create file of the form \(prefix)001.pb.gz")
    }
}
