import PprofModel

/// The memory-map section of legacy profiles: `/proc/self/maps` lines or pprof's brief
/// "start-end file (@offset) buildid" lines, glog prefixes, and `name=value` assignments
/// substituted as `$name` in later lines (pprof's `parseProcMapsFromScanner`).
enum LegacyMemoryMap {
    static let cHex = #"(?:0x)?([[:xdigit:]]+)"#
    static let cHexRange = #"\s*"# + cHex + #"[\s-]?"# + #"\s*"# + cHex + ":?"
    static let cPerm = #"(?:\s+([-rwxp]+))?"#
    static let procMaps = LegacyRegex(
        "^" + cHexRange + cPerm + #"(?:\s+([[:xdigit:]]+))?"# + #"\s+[[:xdigit:]]+:[[:xdigit:]]+"# + #"\s+[[:digit:]]+"#
            + #"(?:\s+(\S+))?"#)
    static let briefMaps = LegacyRegex(
        "^" + cHexRange + cPerm + #"(?:\s+(\S+))?"# + #"(?:\s+\(@([[:xdigit:]]+)\))?"# + #"(?:\s+([[:xdigit:]]+))?"#)
    static let logInfo = LegacyRegex(#"^[^\[\]]+:[0-9]+]\s"#)
    /// Bounds the `$name` substitutions (pprof has none; each costs a scan of every later line).
    static let maxAttributes = 1000

    static func parse(_ s: inout LegacyLineScanner) throws(LegacyFailure) -> [Mapping] {
        guard let procMaps, let briefMaps, let logInfo else { throw .failed("internal error: memory map patterns") }
        var out: [Mapping] = []
        var attrs: [(key: [UInt8], value: [UInt8])] = []
        while s.scan() {
            var line = s.text
            if let m = logInfo.match(line), let whole = m[0] { line = Array(line[whole.upperBound...]) }
            line = replace(line, attrs)
            switch entry(line, procMaps, briefMaps) {
            case .mapping(let m):
                out.append(m)
            case .skip:
                continue
            case .unrecognized:
                if let eq = line.firstIndex(of: UInt8(ascii: "=")) {
                    if attrs.count >= maxAttributes {
                        throw .failed("memory map has more than \(maxAttributes) attribute assignments")
                    }
                    let key = [UInt8(ascii: "$")] + LegacyText.trimSpace(Array(line[..<eq]))
                    attrs.append((key, LegacyText.trimSpace(Array(line[(eq + 1)...]))))
                }
            }
        }
        try s.check()
        return out
    }

    /// `strings.NewReplacer` over the assignments: at each position the earliest-defined key
    /// that matches is replaced; the scan resumes after it.
    static func replace(_ line: [UInt8], _ attrs: [(key: [UInt8], value: [UInt8])]) -> [UInt8] {
        if attrs.isEmpty { return line }
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        var i = 0
        outer: while i < line.count {
            if line[i] == UInt8(ascii: "$") {
                for a in attrs where line.count - i >= a.key.count && line[i..<(i + a.key.count)].elementsEqual(a.key) {
                    out.append(contentsOf: a.value)
                    i += a.key.count
                    continue outer
                }
            }
            out.append(line[i])
            i += 1
        }
        return out
    }

    enum Entry {
        case mapping(Mapping)
        case skip
        case unrecognized
    }

    /// pprof's `parseMappingEntry`.
    static func entry(_ line: [UInt8], _ procMaps: LegacyRegex, _ briefMaps: LegacyRegex) -> Entry {
        var start: [UInt8]
        var end: [UInt8]
        var perm: [UInt8]
        var file: [UInt8]
        var offset: [UInt8]
        var buildID: [UInt8] = []
        if let g = procMaps.submatches(line) {
            (start, end, perm, offset, file) = (g[1], g[2], g[3], g[4], g[5])
        } else if let g = briefMaps.submatches(line) {
            (start, end, perm, file, offset, buildID) = (g[1], g[2], g[3], g[4], g[5], g[6])
        } else {
            return .unrecognized
        }
        var m = Mapping(id: 0)
        m.file = LegacyText.string(file)
        m.buildID = LegacyText.string(buildID)
        if !perm.isEmpty && !perm.contains(UInt8(ascii: "x")) { return .skip }
        do {
            m.start = try LegacyText.parseUint(start, base: 16)
            m.limit = try LegacyText.parseUint(end, base: 16)
            if !offset.isEmpty { m.offset = try LegacyText.parseUint(offset, base: 16) }
        } catch {
            return .unrecognized
        }
        return .mapping(m)
    }

    /// pprof's `adjacent`: two records of one mapping split in two.
    static func adjacent(_ m1: Mapping, _ m2: Mapping) -> Bool {
        if !m1.file.isEmpty && !m2.file.isEmpty && m1.file != m2.file { return false }
        if !m1.buildID.isEmpty && !m2.buildID.isEmpty && m1.buildID != m2.buildID { return false }
        if m1.limit != m2.start { return false }
        if m1.offset != 0 && m2.offset != 0 && m1.offset &+ (m1.limit &- m1.start) != m2.offset { return false }
        return true
    }

    /// The file name with "(deleted)" removed and spaces trimmed, for the main-binary guess.
    static func trimmedFile(_ file: String) -> String {
        var bytes = Array(file.utf8)
        let deleted = Array("(deleted)".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes.count - i >= deleted.count && bytes[i..<(i + deleted.count)].elementsEqual(deleted) {
                i += deleted.count
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        bytes = LegacyText.trimSpace(out)
        return LegacyText.string(bytes)
    }

    /// pprof's `libRx`: `.so` at the end, or `.so.`/`.so_` followed by a digit.
    static func isLibrary(_ file: String) -> Bool {
        let b = Array(file.utf8)
        let so = Array(".so".utf8)
        var i = 0
        while i + 3 <= b.count {
            if b[i..<(i + 3)].elementsEqual(so) {
                if i + 3 == b.count { return true }
                if i + 4 < b.count && (b[i + 3] == UInt8(ascii: ".") || b[i + 3] == UInt8(ascii: "_"))
                    && b[i + 4] >= 48 && b[i + 4] <= 57
                {
                    return true
                }
            }
            i += 1
        }
        return false
    }
}

/// The frames legacy profilers leave at the top of stacks, as pprof's `addLegacyFrameInfo` lists them.
package enum LegacyFrames {
    static let heapTypes: [[String]] = [
        ["allocations", "size"], ["objects", "space"], ["inuse_objects", "inuse_space"],
        ["alloc_objects", "alloc_space"], ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"],
    ]

    package static let allocDrop = [
        "calloc", "cfree", "malloc", "free", "memalign", "do_memalign", "(__)?posix_memalign", "pvalloc", "valloc",
        "realloc",
        "tcmalloc::.*", "tc_calloc", "tc_cfree", "tc_malloc", "tc_free", "tc_memalign", "tc_posix_memalign",
        "tc_pvalloc", "tc_valloc", "tc_realloc", "tc_new", "tc_delete", "tc_newarray", "tc_deletearray",
        "tc_new_nothrow", "tc_newarray_nothrow",
        "malloc_zone_malloc", "malloc_zone_calloc", "malloc_zone_valloc", "malloc_zone_realloc",
        "malloc_zone_memalign", "malloc_zone_free",
        #"runtime\..*"#,
        "BaseArena::.*", "(::)?do_malloc_no_errno", "(::)?do_malloc_pages", "(::)?do_malloc", "DoSampledAllocation",
        "MallocedMemBlock::MallocedMemBlock", "_M_allocate", #"__builtin_(vec_)?delete"#, #"__builtin_(vec_)?new"#,
        "__gnu_cxx::new_allocator::allocate", "__libc_malloc", "__malloc_alloc_template::allocate", "allocate",
        "cpp_alloc", #"operator new(\[\])?"#, "simple_alloc::allocate",
    ].joined(separator: "|")

    package static let allocKeep = [#"runtime\.panic"#, #"runtime\.reflectcall"#, #"runtime\.call[0-9]*"#].joined(separator: "|")

    static let cpuProfilerDrop = [
        "ProfileData::Add", "ProfileData::prof_handler", "CpuProfiler::prof_handler", "__pthread_sighandler",
        "__restore",
    ].joined(separator: "|")

    static let lockDrop = [
        "RecordLockProfileData", "(base::)?RecordLockProfileData.*", "(base::)?SubmitMutexProfileData.*",
        "(base::)?SubmitSpinLockProfileData.*", "(base::Mutex::)?AwaitCommon.*", "(base::Mutex::)?Unlock.*",
        "(base::Mutex::)?UnlockSlow.*", "(base::Mutex::)?ReaderUnlock.*", "(base::MutexLock::)?~MutexLock.*",
        "(Mutex::)?AwaitCommon.*", "(Mutex::)?Unlock.*", "(Mutex::)?UnlockSlow.*", "(Mutex::)?ReaderUnlock.*",
        "(MutexLock::)?~MutexLock.*", "(SpinLock::)?Unlock.*", "(SpinLock::)?SlowUnlock.*",
        "(SpinLockHolder::)?~SpinLockHolder.*",
    ].joined(separator: "|")
}
