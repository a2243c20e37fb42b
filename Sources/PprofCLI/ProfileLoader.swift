import Foundation
import PprofFormats
import PprofLive
import PprofModel
import PprofReports
import PprofTUI

/// pprof's `fetchProfiles`: read every source (file or URL), merge them, subtract or diff a
/// base, simplify names, apply drop_frames. Each failure is a one-line error.
struct ProfileLoader {
    var io: DriverIO

    struct Loaded {
        var profile: Profile
        /// For the status bar: the file name, or the URL of a live source.
        var title: String
        /// The parsed live source when the (single) source is a URL.
        var live: LiveSource?
        /// That source's fetch (the combined profile, as the explorer shows it).
        var fetched: FetchedProfile?
        /// With `-base`, for the explorer's differential Flame: the same sources and bases
        /// combined as `-diff_base` combines them (base samples negated, kept apart).
        var sides: Profile?
        /// With several sources, for the explorer's Growth pane: each one on its own, in
        /// command-line order (named by file), as a lone source is combined.
        var series: [(name: String, profile: Profile)] = []
        /// An unmerged lone source (`Profile.unmerged`, the shell's and the explorer's load):
        /// the load with its merge, for `Session.fullLoad`.
        var fullLoad: (@Sendable () throws -> Profile)?

        /// The shell's session over this load (with its full load, when the merge was skipped).
        func session(_ inv: Invocation, io: DriverIO) -> Session {
            var session = Session(profile: profile, config: inv.config, environment: io.reportEnvironment)
            session.fullLoad = fullLoad
            return session
        }
    }

    /// For the status bar, every source by name: `new.pb.gz`, `3 profiles merged`,
    /// `new.pb.gz − base.pb.gz` (marked for `-diff_base`), then `normalized` when asked.
    /// The bar makes the text inert like all profile text.
    static func title(_ inv: Invocation) -> String {
        func names(_ list: [String]) -> String {
            list.count == 1 ? (list[0] as NSString).lastPathComponent : "\(list.count) profiles merged"
        }
        var t = inv.sources.isEmpty ? "" : names(inv.sources)
        if !inv.base.isEmpty { t += " − " + names(inv.base) + (inv.diffBase ? " (diff_base)" : "") }
        if inv.config.normalize { t += " (normalized)" }
        return t
    }

    /// `wantSides` (the explorer): also combine the side profile of a `-base` diff
    /// (`Loaded.sides`) and each of several sources alone (`Loaded.series`).
    func load(_ inv: Invocation, wantSides: Bool = false) throws -> Loaded {
        var live: LiveSource?
        var firstFetch: FetchedProfile?
        let sources = grab(inv.sources, inv: inv, live: &live, fetched: &firstFetch)
        var unused: LiveSource?
        var unusedFetch: FetchedProfile?
        let bases = inv.base.isEmpty ? [] : grab(inv.base, inv: inv, live: &unused, fetched: &unusedFetch)
        // pprof's grabSourcesAndBases: every failed fetch was reported on its own line; the
        // error is only that none (of the sources, then of the bases) arrived.
        if sources.isEmpty { throw PprofError("failed to fetch any source profiles") }
        if bases.isEmpty && !inv.base.isEmpty { throw PprofError("failed to fetch any base profiles") }
        if sources.count != inv.sources.count {
            io.writeErr("Fetched \(sources.count) source profiles out of \(inv.sources.count)\n")
        }
        if bases.count != inv.base.count {
            io.writeErr("Fetched \(bases.count) base profiles out of \(inv.base.count)\n")
        }
        // Only the explorer and -flame_svg draw both sides (a -diff_base profile is already the
        // side profile); the copies share storage until combined.
        var sides: Profile?
        if wantSides && !bases.isEmpty && !inv.diffBase {
            let (s0, b0) = (sources, bases)
            sides = try? Profile.combine(sources: s0, bases: b0, diffBase: true, normalize: inv.config.normalize, symbolize: inv.symbolize)
            if var sp = sides {
                Self.unsourceMappings(&sp)
                sides = sp
            }
        }
        var series: [(name: String, profile: Profile)] = []
        if wantSides && sources.count > 1 && sources.count == inv.sources.count {
            for (src, one) in zip(inv.sources, sources) {
                guard var q = try? Profile.combine(sources: [one], symbolize: inv.symbolize) else { continue }
                Self.unsourceMappings(&q)
                series.append(((src as NSString).lastPathComponent, q))
            }
        }
        // Handing the profiles over lets the merge work in a lone profile's own sample table.
        let tool = io.reportEnvironment.objects as? Binutils
        var (p, messages) = try Self.combine(
            consume sources, consume bases, inv: inv, sumsOnly: Self.sumsOnly(inv, live: live != nil), tool: tool)
        for line in messages { io.writeErr(sanitizeForTerminal(line) + "\n") }
        var fullLoad: (@Sendable () throws -> Profile)?
        if let source = p.unmergedSource {
            if inv.command == nil {
                let original = source.profile
                fullLoad = { try Self.combine([original], [], inv: inv, sumsOnly: false, tool: tool).profile }
            } else {
                // A batch report of sums reads nothing else: its pipeline gets the only copy.
                p.unmergedSource = nil
            }
        }
        let title = live?.url ?? Self.title(inv)
        firstFetch?.profile = p
        var loaded = Loaded(profile: p, title: title, live: live, fetched: firstFetch, sides: inv.diffBase ? (wantSides ? p : nil) : sides)
        loaded.series = series
        loaded.fullLoad = fullLoad
        return loaded
    }

    /// The loaded profile from the fetched sources and bases: pprof's combine, then the
    /// mappings' local sources dropped and `-add_comment` appended; with the local
    /// symbolizer's messages (written by the caller).
    private static func combine(
        _ sources: consuming [Profile], _ bases: consuming [Profile], inv: Invocation, sumsOnly: Bool, tool: Binutils?
    ) throws -> (profile: Profile, messages: [String]) {
        var messages: [String] = []
        var p = try Profile.combine(
            sources: consume sources, bases: consume bases, diffBase: inv.diffBase, normalize: inv.config.normalize,
            comment: "", symbolize: inv.symbolize, allFrames: inv.allFrames, sumsOnly: sumsOnly,
            localSymbolize: { messages = LocalSymbolization.symbolize(&$0, mode: inv.symbolize, tool: tool) })
        unsourceMappings(&p)
        if !inv.addComment.isEmpty { p.comments.append(inv.addComment) }
        return (p, messages)
    }

    /// Whether a lone source may skip its merge. A batch report of sums (`-top`) is all that
    /// reads the profile. The shell and the explorer show sums first and merge only when a
    /// report of samples or ids is asked for (`Loaded.fullLoad`); live mode diffs and saves
    /// snapshots, so its profile is merged.
    static func sumsOnly(_ inv: Invocation, live: Bool) -> Bool {
        guard inv.refresh == nil, inv.seconds == nil else { return false }
        guard let command = inv.command else { return !live }
        return CommandTable.command(named: command)?.format?.showsOnlySums ?? false
    }

    /// pprof's chunkedGrab/concurrentGrab: each failure is reported as `source: error`; the
    /// caller decides whether what arrived is enough.
    private func grab(
        _ sources: [String], inv: Invocation, live: inout LiveSource?, fetched: inout FetchedProfile?
    ) -> [Profile] {
        var profiles: [Profile] = []
        let decoded = Self.decodeFiles(sources, inv: inv)
        for (i, src) in sources.enumerated() {
            do {
                if let early = decoded[i] {
                    var p = try early.get()
                    locate(&p, inv: inv)
                    profiles.append(p)
                    continue
                }
                profiles.append(try fetch(src, inv: inv, live: &live, fetched: &fetched))
            } catch {
                // Fetch errors already name their URL; file errors get the path in front.
                let url = LiveSource.isURL(src) && !FileManager.default.fileExists(atPath: src)
                let text = Self.pprofText(of: "\(error)")
                io.writeErr(Driver.oneLine(url ? text : "\(src): \(text)") + "\n")
            }
        }
        return profiles
    }

    /// Several local files (which pprof merges) are read and decoded in parallel, one per
    /// worker; nil for the rest (URLs, and a lone file), which `fetch` takes in order. Every
    /// message is still written in the sources' order, by `grab`.
    private static func decodeFiles(_ sources: [String], inv: Invocation) -> [Result<Profile, any Error>?] {
        let isFile = sources.map { !LiveSource.isURL($0) || FileManager.default.fileExists(atPath: $0) }
        let slots = sources.map { _ in Slot<Result<Profile, any Error>>() }
        guard isFile.filter({ $0 }).count > 1 else { return slots.map { _ in nil } }
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            guard isFile[i] else { return }
            slots[i].value = Result { try decodeFile(sources[i], inv: inv) }
        }
        return slots.map(\.value)
    }

    /// One local profile, read and decoded (`locate` follows, in the sources' order).
    private static func decodeFile(_ src: String, inv: Invocation) throws -> Profile {
        let limit = inv.limits.maxDecompressedBytes
        let bytes = try readFile(src, limit: limit)
        return try ProfileDecoder.decode(consume bytes, limits: inv.limits, reread: { try readFile(src, limit: limit) })
    }

    /// `locateBinaries` for a local profile, its warnings written as they come.
    private func locate(_ p: inout Profile, inv: Invocation) {
        Self.locateBinaries(&p, inv: inv, environment: io.environment, warn: { io.writeErr(sanitizeForTerminal($0) + "\n") })
    }

    /// The decoder puts the precise cause of an unrecognized format in parentheses; pprof
    /// prints only "unrecognized profile format", so the cause is dropped from what we print.
    static func pprofText(of message: String) -> String {
        let marker = "parsing profile: unrecognized profile format ("
        guard let r = message.range(of: marker), message.hasSuffix(")") else { return message }
        return String(message[..<r.upperBound].dropLast(2))
    }

    private func fetch(_ src: String, inv: Invocation, live: inout LiveSource?, fetched first: inout FetchedProfile?) throws -> Profile {
        if LiveSource.isURL(src) && !FileManager.default.fileExists(atPath: src) {
            let source = try LiveSource.parse(src, seconds: inv.seconds, timeout: inv.timeout)
            io.writeErr("Fetching profile over HTTP from \(sanitizeForTerminal(source.url))\n")
            if let d = source.duration, d > 0 { io.writeErr("Please wait... (\(GoConvert.clampedInt(d))s)\n") }
            var options = FetchOptions()
            options.decodeLimits = inv.limits
            let fetcher = ProfileFetcher(options: options, environment: io.environment)
            let fetched = try fetcher.fetchBlocking(source)
            if let path = fetched.savedPath { io.writeErr("Saved profile in \(sanitizeForTerminal(path))\n") }
            if let e = fetched.saveError { io.writeErr(Driver.oneLine("Could not save profile: \(e)") + "\n") }
            live = source
            first = fetched
            var p = fetched.profile
            Self.locateBinaries(&p, inv: inv, environment: io.environment, warn: { io.writeErr(sanitizeForTerminal($0) + "\n") })
            Self.collectMappingSources(&p, source: source.url)
            return p
        }
        var p = try Self.decodeFile(src, inv: inv)
        locate(&p, inv: inv)
        return p
    }

    /// pprof's `locateBinaries`: each mapping's binary is looked for in `PPROF_BINARY_PATH`
    /// (default `$HOME/pprof/binaries`; `BinarySearch`), a profile with no mappings gets one
    /// empty mapping for all locations, and `[binary]` / `-buildid` override the main (first)
    /// mapping's file and build id.
    static func locateBinaries(
        _ p: inout Profile, inv: Invocation, environment: [String: String] = [:], warn: (String) -> Void = { _ in }
    ) {
        let search = BinarySearch(environment: environment)
        for i in p.mappings.indices {
            if let found = search.locate(p.mappings[i], warn: warn) { p.mappings[i].file = found }
        }
        p.addFakeMappingIfUnmapped()
        guard !inv.execName.isEmpty || !inv.buildID.isEmpty, !p.mappings.isEmpty else { return }
        if !inv.execName.isEmpty { p.mappings[0].file = inv.execName }
        if !inv.buildID.isEmpty { p.mappings[0].buildID = inv.buildID }
    }

    /// Reads a whole file; refuses directories and files larger than the decode limit.
    /// A regular file is read straight into one buffer of its size, in large reads (a big
    /// profile's read is on the load's critical path); anything else (a pipe, a device) in
    /// chunks up to the limit.
    static func readFile(_ path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PprofError("open \(path): \(goErrnoText(errno))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw PprofError("read \(path): \(goErrnoText(errno))") }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFDIR { throw PprofError("read \(path): is a directory") }
        let tooLarge = PprofError("file is larger than the limit of \(limit) bytes (max_decompressed_size)")
        var out: [UInt8] = []
        if kind == S_IFREG && st.st_size > 0 {
            if st.st_size > Int64(limit) { throw tooLarge }
            let size = Int(st.st_size)
            var failure: Int32?
            out = [UInt8](unsafeUninitializedCapacity: size) { buf, filled in
                guard let base = buf.baseAddress else { return }
                while filled < size {
                    let n = read(fd, base + filled, min(size - filled, 1 << 24))
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 { return }  // the file shrank while being read
                    filled += n
                }
            }
            if let failure { throw PprofError("read \(path): \(goErrnoText(failure))") }
            if out.count < size { return out }
        }
        // The rest, if any (a file still growing, or not a regular file).
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PprofError("read \(path): \(goErrnoText(errno))")
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit { throw tooLarge }
        }
    }

    /// pprof's collectMappingSources: a mapping with no file and no build id is named after the
    /// URL it came from (for remote symbolization); unsourceMappings clears it again.
    static func collectMappingSources(_ p: inout Profile, source: String) {
        for i in p.mappings.indices where p.mappings[i].buildID.isEmpty && p.mappings[i].file.isEmpty {
            p.mappings[i].file = source
        }
    }

    /// pprof's unsourceMappings: mapping files that are absolute URLs (with no build id) are cleared.
    static func unsourceMappings(_ p: inout Profile) {
        for i in p.mappings.indices where p.mappings[i].buildID.isEmpty {
            if isAbsoluteURL(p.mappings[i].file) { p.mappings[i].file = "" }
        }
    }

    /// Go's url.Parse(s).IsAbs(): a scheme `[A-Za-z][A-Za-z0-9+.-]*:` starts the string.
    static func isAbsoluteURL(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard let f = scheme.first, f.isASCII, f.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
