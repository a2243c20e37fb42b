import Foundation

/// The few facts pprof's object tools read from an ELF file's headers: its loadable segments
/// (for the mapping-to-object address offset) and its GNU build ID. Parsed here with bounded
/// reads, so a hostile file (huge, truncated, a FIFO, /dev/zero) costs at most a few pages.
package struct ELFHeader: Sendable, Equatable {
    package struct Segment: Sendable, Equatable {
        package var offset: UInt64
        package var vaddr: UInt64
        package var fileSize: UInt64
        package var memSize: UInt64
        package var executable: Bool
    }
    /// ET_EXEC (2), ET_DYN (3), ...
    package var type: UInt16
    package var loads: [Segment]
    package var buildID: String

    /// Go's objfile `LoadAddress`: the first executable PT_LOAD's address.
    package var loadAddress: UInt64? { loads.first(where: \.executable)?.vaddr }

    /// Reads the headers of `path`; nil when it is not a (64- or 32-bit, little- or big-endian) ELF.
    package static func read(path: String) -> ELFHeader? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        // Only regular files: a device or FIFO named by a profile is never read further.
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = UInt64(st.st_size)
        func bytes(_ off: UInt64, _ n: Int) -> [UInt8]? {
            guard n >= 0, n <= 1 << 20, off <= size, UInt64(n) <= size - off else { return nil }
            var b = [UInt8](repeating: 0, count: n)
            let r = b.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(off)) }
            return r == n ? b : nil
        }
        guard let id = bytes(0, 64), id[0] == 0x7f, id[1] == 0x45, id[2] == 0x4c, id[3] == 0x46 else { return nil }
        let is64 = id[4] == 2
        let little = id[5] == 1
        guard id[4] == 1 || id[4] == 2, id[5] == 1 || id[5] == 2 else { return nil }
        func u(_ b: [UInt8], _ at: Int, _ n: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(b[at + i]) << (8 * UInt64(little ? i : n - 1 - i)) }
            return v
        }
        let type = UInt16(u(id, 16, 2))
        let phoff = is64 ? u(id, 32, 8) : u(id, 28, 4)
        let phentsize = Int(u(id, is64 ? 54 : 42, 2))
        let phnum = Int(u(id, is64 ? 56 : 44, 2))
        guard phentsize >= (is64 ? 56 : 32), phnum <= 4096, let ph = bytes(phoff, phentsize * phnum) else { return nil }
        var loads: [Segment] = []
        var notes: [(UInt64, UInt64)] = []
        for i in 0..<phnum {
            let b = i * phentsize
            let ptype = u(ph, b, 4)
            let flags = is64 ? u(ph, b + 4, 4) : u(ph, b + 24, 4)
            let off = is64 ? u(ph, b + 8, 8) : u(ph, b + 4, 4)
            let vaddr = is64 ? u(ph, b + 16, 8) : u(ph, b + 8, 4)
            let filesz = is64 ? u(ph, b + 32, 8) : u(ph, b + 16, 4)
            let memsz = is64 ? u(ph, b + 40, 8) : u(ph, b + 20, 4)
            if ptype == 1 { loads.append(Segment(offset: off, vaddr: vaddr, fileSize: filesz, memSize: memsz, executable: flags & 1 != 0)) }
            if ptype == 4 { notes.append((off, filesz)) }
        }
        var buildID = ""
        outer: for (off, len) in notes where len <= 1 << 16 {
            guard let n = bytes(off, Int(len)) else { continue }
            var at = 0
            while at + 12 <= n.count {
                let namesz = Int(u(n, at, 4)), descsz = Int(u(n, at + 4, 4)), ntype = u(n, at + 8, 4)
                let name = at + 12, desc = name + (namesz + 3) & ~3
                guard namesz <= n.count, descsz <= n.count, desc + descsz <= n.count else { break }
                if ntype == 3 && namesz == 4 && n[name..<name + 3] == [0x47, 0x4e, 0x55] {
                    buildID = n[desc..<desc + descsz].map { String(format: "%02x", $0) }.joined()
                    break outer
                }
                at = desc + (descsz + 3) & ~3
            }
        }
        return ELFHeader(type: type, loads: loads, buildID: buildID)
    }
}
