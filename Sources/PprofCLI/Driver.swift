import Foundation
import PprofFormats
import PprofLive
import PprofModel
import PprofReports

/// The process boundary of the CLI, injected so tests run the whole driver in-process.
package struct DriverIO: Sendable {
    package var writeOut: @Sendable ([UInt8]) -> Void
    package var writeErr: @Sendable (String) -> Void
    package var readLine: @Sendable () -> String?
    package var stdinIsTerminal: Bool
    package var stdoutIsTerminal: Bool
    package var environment: [String: String]
    package var reportEnvironment: ReportEnvironment
    /// The first failed write to stdout in Go's words ("" for a closed pipe), nil when none:
    /// the driver then exits 1, since the report was lost.
    package var outputError: @Sendable () -> String?

    package init(
        writeOut: @escaping @Sendable ([UInt8]) -> Void, writeErr: @escaping @Sendable (String) -> Void,
        readLine: @escaping @Sendable () -> String? = { nil }, stdinIsTerminal: Bool = false,
        stdoutIsTerminal: Bool = false, environment: [String: String] = [:],
        reportEnvironment: ReportEnvironment = .system(),
        outputError: @escaping @Sendable () -> String? = { nil }
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.readLine = readLine
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.environment = environment
        self.reportEnvironment = reportEnvironment
        self.outputError = outputError
    }
}

/// What the command line asked for, after pprof's flag rules.
struct Invocation: Sendable {
    var config = Config()
    /// `-mine=REGEX`: the user's own code (the terminal UI's highlight and collapse).
    var mine = ""
    var command: String?
    var symbol: String?
    var sources: [String] = []
    var base: [String] = []
    var diffBase = false
    var seconds: Int?
    var timeout: Int?
    var symbolize = ""
    /// pprof's `[binary]` argument and `-buildid`: override the main mapping's file / build id.
    var execName = ""
    var buildID = ""
    var addComment = ""
    var refresh: Double?
    var limits = DecodeLimits()
    /// `-all_frames`: the profile's drop_frames/keep_frames are ignored.
    var allFrames = false
}

/// `pprof-tui [flags] [binary] source...`: pprof's driver (`driver.PProf`) with our front ends.
package enum Driver {
    static let program = "pprof-tui"

    /// Runs the command line and returns the exit status; never traps on any input.
    /// Output that could not be written (a full disk, a closed stdout) fails the run.
    package static func run(_ args: [String], io: DriverIO) -> Int32 {
        let code = runCommandLine(args, io: io)
        guard let failure = io.outputError() else { return code }
        if !failure.isEmpty { io.writeErr(failure + "\n") }
        return failureStatus
    }

    private static func runCommandLine(_ args: [String], io: DriverIO) -> Int32 {
        let inv: Invocation
        do {
            guard let parsed = try parseInvocation(args, io: io) else { return 0 }
            inv = parsed
        } catch let e as CLIError {
            // As Go's flag package: the complaint, then the usage, on stderr. The complaint
            // quotes an argument (`-\x1b[2J`): escaped, as every message from untrusted text.
            io.writeErr(sanitizeForTerminal(e.message) + "\n")
            if e.usage { io.writeErr(usageText(requestedCompat(args, io: io))) }
            return failureStatus
        } catch {
            io.writeErr(sanitizeForTerminal("\(error)") + "\n")
            return failureStatus
        }
        if TerminalUI.loadsInside(inv, io: io) {
            return TerminalUI.runLoading(inv, io: io)
        }
        do {
            let explorer = inv.command == nil && io.stdinIsTerminal && io.stdoutIsTerminal
            var loaded = try ProfileLoader(io: io).load(inv, wantSides: explorer || inv.command == "flame_svg")
            if let command = inv.command {
                // The report takes the only copy, so its pipeline edits the tables in place.
                let profile = loaded.profile
                loaded.profile = Profile()
                return try runBatch(command: command, inv: inv, profile: consume profile, sides: loaded.sides, io: io)
            }
            return Interactive.run(loaded, inv: inv, io: io)
        } catch {
            io.writeErr("\(oneLine("\(error)"))\n")
            return failureStatus
        }
    }

    /// `go tool pprof` exits 1 on every failure (the go command's status for a failed tool),
    /// and prints pprof's error text bare, with no program name in front.
    static let failureStatus: Int32 = 1

    /// What `-help` prints (on stderr, where pprof's usage goes).
    static func usageText(_ compat: Compat) -> String {
        let trailer =
            compat == .go119
            ? usageTrailer
            : usageTrailer.replacingOccurrences(of: usageToolsLine, with: usageToolsLine + usageCurrentAdditions)
        return usageHeader + Session.usage(commandLine: true) + trailer
    }

    /// The compat setting a command line asks for, read leniently (for usage text printed
    /// before, or because, the flags failed to parse).
    static func requestedCompat(_ args: [String], io: DriverIO) -> Compat {
        var value = io.environment["PPROF_COMPAT"] ?? ""
        for (i, a) in args.enumerated() {
            if a == "--" || !a.hasPrefix("-") { break }
            for name in ["-compat", "--compat"] {
                if a.hasPrefix(name + "=") { value = String(a.dropFirst(name.count + 1)) }
                if a == name, i + 1 < args.count { value = args[i + 1] }
            }
        }
        return Compat(rawValue: value) ?? .current
    }

    /// Error text on one line: newlines inside a cause never split the message.
    static func oneLine(_ s: String) -> String {
        sanitizeForTerminal(s.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "; "))
    }

    /// pprof's `parseFlags`. Returns nil when only help was printed.
    static func parseInvocation(_ args: [String], io: DriverIO) throws -> Invocation? {
        let flags = try FlagParser.parse(args, specs: FlagTable.all)
        if flags.helpRequested {
            io.writeErr(usageText(requestedCompat(args, io: io)))
            return nil
        }
        // pprof prints its usage and gives up when no source follows the flags. Only the terminal
        // UI (stdin and stdout on a terminal) opens the bundled example instead.
        if flags.arguments.isEmpty && !(io.stdinIsTerminal && io.stdoutIsTerminal) {
            io.writeErr(usageText(requestedCompat(args, io: io)))
            throw CLIError("no profile source specified")
        }
        var inv = Invocation()
        var cfg = Config()
        // The switch of issue #18: the flag wins over PPROF_COMPAT; decided once, here.
        var compatValue = io.environment["PPROF_COMPAT"] ?? ""
        if case .string(let c)? = flags.last("compat") { compatValue = c }
        do { cfg.compat = try Compat.parse(compatValue) } catch let e as PprofError { throw CLIError(e.message) }
        if flags.last("all_frames") == .bool(true) {
            // Upstream's -all_frames (#976); Go 1.19's pprof has no such flag.
            if cfg.compat == .go119 { throw CLIError("flag provided but not defined: -all_frames", usage: true) }
            inv.allFrames = true
        }
        // Config fields: the last occurrence of each wins, as with Go's flag package.
        for spec in FlagTable.configFlags {
            guard let v = flags.last(spec.name) else { continue }
            switch v {
            case .bool(let b): try cfg.set(spec.name, b ? "true" : "false")
            case .int(let i): cfg.nodeCount = i
            case .float(let d):
                switch spec.name {
                case "divide_by": cfg.divideBy = d
                case "nodefraction": cfg.nodeFraction = d
                default: cfg.edgeFraction = d
                }
            case .string(let s): try cfg.set(spec.name, s)
            }
        }
        for group in FlagTable.choiceGroups {
            let set = group.choices.filter { flags.last($0) == .bool(true) }
            if set.count > 1 { throw CLIError("conflicting options set: [\(set.joined(separator: " "))]") }
            if let only = set.first { try cfg.set(group.field, only) }
        }
        if case .string(let g)? = flags.last("granularity") {
            do { try cfg.set("granularity", g) } catch { throw CLIError("\(error)", usage: true) }
        }
        // Output format: at most one report flag.
        var commands: [(String, String?)] = []
        for c in CommandTable.commands {
            switch flags.last(c.name) {
            case .bool(true)?: commands.append((c.name, nil))
            case .string(let s)? where !s.isEmpty: commands.append((c.name, s))
            default: break
            }
        }
        if commands.count > 1 { throw CLIError("must set at most one output format") }
        if let (name, sym) = commands.first {
            inv.command = name
            inv.symbol = sym
        }
        if case .string(let h)? = flags.last("http"), !h.isEmpty {
            if inv.command != nil { throw CLIError("-http is not compatible with an output format on the command line") }
            throw CLIError("-http (the web UI) is not part of pprof-tui; run without it to open the terminal UI")
        }
        if flags.last("no_browser") == .bool(true) { throw CLIError("-no_browser only makes sense with -http") }
        // Legacy sample selection flags.
        var si = cfg.sampleIndex
        for (flag, type) in [
            ("total_delay", "delay"), ("mean_delay", "delay"), ("contentions", "contentions"),
            ("inuse_space", "inuse_space"), ("inuse_objects", "inuse_objects"),
            ("alloc_space", "alloc_space"), ("alloc_objects", "alloc_objects"),
        ] where flags.last(flag) == .bool(true) {
            if si.isEmpty { si = type } else { io.writeErr("Multiple value selections, ignoring -\(flag)\n") }
        }
        cfg.sampleIndex = si
        if flags.last("mean_delay") == .bool(true) { cfg.mean = true }

        if case .int(let s)? = flags.last("seconds") { inv.seconds = s }
        if case .int(let t)? = flags.last("timeout") { inv.timeout = t }
        if case .string(let s)? = flags.last("symbolize") { inv.symbolize = s }
        if case .string(let s)? = flags.last("add_comment") { inv.addComment = s }
        for limit in DecodeLimits.Limit.allCases {
            guard case .int(let n)? = flags.last(limit.rawValue) else { continue }
            guard n > 0 else { throw CLIError("-\(limit.rawValue) must be positive") }
            inv.limits[limit] = n
        }
        if case .string(let r)? = flags.last("refresh") {
            guard let d = try? GoDuration.parse(r), d > 0 else {
                throw CLIError("invalid value \(GoQuote.quote(r)) for flag -refresh: want a duration like 5s or 1m", usage: true)
            }
            inv.refresh = d
        }
        var base: [String] = []
        var diffBase: [String] = []
        if case .string(let b)? = flags.last("base"), !b.isEmpty { base = [b] }
        if case .string(let b)? = flags.last("diff_base"), !b.isEmpty { diffBase = [b] }
        if !base.isEmpty && !diffBase.isEmpty { throw CLIError("-base and -diff_base flags cannot both be specified") }
        inv.base = diffBase.isEmpty ? base : diffBase
        inv.diffBase = !diffBase.isEmpty
        if cfg.normalize && inv.base.isEmpty { throw CLIError("must have base profile to normalize by") }

        var sources = flags.arguments
        // pprof's [binary] argument: an executable before the profile is skipped (no local
        // symbolization here; profiles from Go and most producers are already symbolized).
        if case .string(let b)? = flags.last("buildid") { inv.buildID = b }
        if sources.count > 1 {
            if isExecutable(sources[0]) {
                inv.execName = sources.removeFirst()
            } else if inv.buildID.isEmpty, isBuildID(sources[0]) {
                inv.buildID = sources.removeFirst()
            }
        }
        if sources.isEmpty {
            guard let bundled = bundledProfile() else { throw CLIError("no profile source specified") }
            sources = [bundled.profile]
            // The example's programs are kept beside it, so its Source pane has code to show.
            if cfg.sourcePath.isEmpty { cfg.sourcePath = bundled.sources }
        }
        if case .string(let m)? = flags.last("mine"), !m.isEmpty {
            if let problem = TerminalUI.mineError(m) { throw CLIError("parsing mine regexp: " + problem) }
            inv.mine = m
            // Reports and the line-mode shell collapse to own code as the explorer's `m` does
            // (Config.mine); the terminal UI only highlights it until `m`.
            let explorer = inv.command == nil && io.stdinIsTerminal && io.stdoutIsTerminal
            if !explorer { cfg.mine = m }
        }
        inv.sources = sources
        inv.config = cfg
        return inv
    }

    /// pprof's usage text around the flag list (`-help`, and after flag errors): scripts compare
    /// it with pprof's, so it is pprof's wording; only our added formats are listed besides.
    static let usageHeader = """
        usage:

        Produce output in the specified format.

           pprof <format> [options] [binary] <source> ...

        Omit the format to get an interactive shell whose commands can be used
        to generate various views of a profile

           pprof [options] [binary] <source> ...

        Omit the format and provide the "-http" flag to get an interactive web
        interface at the specified host:port that can be used to navigate through
        various views of a profile.

           pprof -http [host]:[port] [options] [binary] <source> ...

        Details:

        """

    static let usageToolsLine = "   -tools             Search path for object tools\n"
    /// Upstream's -all_frames (#976) and our switch, listed after -tools by default only.
    static let usageCurrentAdditions =
        "   -all_frames        Ignore drop_frames and keep_frames regexps in the profile\n"
        + "                      Rarely needed, mainly used for debugging pprof itself\n"
        + "   -compat=go1.19     Reproduce Go 1.19's pprof output (also PPROF_COMPAT=go1.19)\n"
        + "                      (pprof-tui extension; the default follows google/pprof d0013a5)\n"

    static let usageTrailer = """


          Source options:
            -seconds              Duration for time-based profile collection
            -timeout              Timeout in seconds for profile collection
            -buildid              Override build id for main binary
            -add_comment          Free-form annotation to add to the profile
                                  Displayed on some reports or with pprof -comments
            -diff_base source     Source of base profile for comparison
            -base source          Source of base profile for profile subtraction
            profile.pb.gz         Profile in compressed protobuf format
            legacy_profile        Profile in legacy pprof format
            http://host/profile   URL for profile handler to retrieve
            -symbolize=           Controls source of symbol information
              none                  Do not attempt symbolization
              local                 Examine only local binaries
              fastlocal             Only get function names from local binaries
              remote                Do not examine local binaries
              force                 Force re-symbolization
            Binary                  Local path or build id of binary for symbolization
            -tls_cert             TLS client certificate file for fetching profile and symbols
            -tls_key              TLS private key file for fetching profile and symbols
            -tls_ca               TLS CA certs file for fetching profile and symbols

          Misc options:
           -http              Provide web interface at host:port.
                              Host is optional and 'localhost' by default.
                              Port is optional and a randomly available port by default.
           -no_browser        Skip opening a browser for the interactive web UI.
           -tools             Search path for object tools

          Legacy convenience options:
           -inuse_space           Same as -sample_index=inuse_space
           -inuse_objects         Same as -sample_index=inuse_objects
           -alloc_space           Same as -sample_index=alloc_space
           -alloc_objects         Same as -sample_index=alloc_objects
           -total_delay           Same as -sample_index=delay
           -contentions           Same as -sample_index=contentions
           -mean_delay            Same as -mean -sample_index=delay

          Environment Variables:
           PPROF_TMPDIR       Location for saved profiles (default $HOME/pprof)
           PPROF_TOOLS        Search path for object-level tools
           PPROF_BINARY_PATH  Search path for local binary files
                              default: $HOME/pprof/binaries
                              searches $name, $path, $buildid/$name, $path/$buildid
           * On Windows, %USERPROFILE% is used instead of $HOME

        """

    /// The example profile shipped in Fixtures/ and the folder of its programs' sources,
    /// found relative to this source file's checkout.
    static func bundledProfile() -> (profile: String, sources: String)? {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Fixtures/profiles/cpu.pb.gz").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return (path, root.appendingPathComponent("Fixtures/src").path)
    }

    /// pprof's `isBuildID`: only hex digits.
    static func isBuildID(_ s: String) -> Bool {
        s.allSatisfy { $0.isHexDigit }
    }

    /// An ELF file (pprof's optional binary argument).
    static func isExecutable(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let magic = (try? h.read(upToCount: 4)) ?? Data()
        return magic == Data([0x7f, 0x45, 0x4c, 0x46])
    }

    /// Generates the report for a command-line format flag and writes it out.
    static func runBatch(
        command: String, inv: Invocation, profile: consuming Profile, sides: Profile? = nil, io: DriverIO
    ) throws -> Int32 {
        var prepared = try Pipeline.prepare(profile: consume profile, command: command, symbol: inv.symbol, config: inv.config) {
            io.writeErr(oneLine($0) + "\n")
        }
        // A differential flame graph reads both sides of each stack (its warnings are the same).
        if command == "flame_svg", let sides {
            let both = try Pipeline.prepare(profile: sides, command: command, symbol: inv.symbol, config: inv.config) { _ in }
            prepared.report = both.report
            prepared.report.options.differential = true
        }
        if inv.config.output.isEmpty, prepared.report.writeStreaming({ io.writeOut(Array($0.utf8)) }) {
            return 0
        }
        let rendered = try prepared.report.render(command: command, environment: io.reportEnvironment)
        for w in rendered.warnings { io.writeErr(oneLine(w) + "\n") }
        var target = inv.config.output
        if target.isEmpty, command == "weblist" {
            let shown = try Browser.show(rendered.bytes, suffix: "html", environment: io.environment)
            if !shown.opened { io.writeErr("weblist: no browser found (set $BROWSER); the page is in \(sanitizeForTerminal(shown.path))\n") }
            return 0
        }
        if target.isEmpty, let ext = rendered.fileExtension, io.stdoutIsTerminal {
            target = try io.reportEnvironment.files.newNumberedFile(prefix: "profile", suffix: "." + ext)
        }
        if target.isEmpty {
            io.writeOut(rendered.bytes)
        } else {
            io.writeErr("Generating report in \(target)\n")
            try io.reportEnvironment.files.writeInPlace(path: target, bytes: rendered.bytes)
        }
        return 0
    }
}
