import Foundation
import PprofModel

/// What running one shell line produced.
package enum SessionOutcome: Sendable, Equatable {
    /// Report text, exactly as the batch command prints it.
    case output(String)
    /// A short confirmation (e.g. a report written to a file) for the status bar.
    case message(String)
    case error(String)
    case quit
    /// Blank line or an option set: nothing to show.
    case none
}

/// pprof's interactive shell semantics over one loaded profile: `top10`, `top -cum re`,
/// `list re`, `peek re`, `name=value`, sample type names, `:` to clear filters, `help`.
package struct Session: Sendable {
    /// The loaded profile (sources merged, base applied, drop_frames pruned).
    package var profile: Profile
    package var config: Config
    /// Effects the shell needs (files for `> f`, Graphviz, sources for `list`).
    package var environment: ReportEnvironment
    /// pprof's stderr notes from the last line run (warnings such as unmatched filters).
    package private(set) var warnings: [String] = []
    /// With an unmerged profile (`Profile.unmerged`): the load as pprof does it, merge
    /// included, run once, the first time a report that shows samples or ids asks for it.
    /// Without it such a report merges what is loaded.
    package var fullLoad: (@Sendable () throws -> Profile)?
    /// True when the last `.output` is shell information pprof prints on stderr (`help`,
    /// `options`) rather than a report on stdout; line-mode front ends route it accordingly.
    package private(set) var lastOutputIsInfo = false

    /// An interactive session: pprof turns `compact_labels` on for the shell.
    package init(profile: Profile, config: Config = Config(), environment: ReportEnvironment = ReportEnvironment()) {
        self.profile = profile
        self.config = config
        self.config.compactLabels = true
        self.environment = environment
    }

    private var sampleTypeNames: [String] { profile.sampleTypes.map(\.type) }

    /// pprof's shortcuts: `:` clears filters, a sample type name selects it (total_/mean_ too).
    func expand(_ input: String) -> [String] {
        let t = input.trimmingCharacters(in: .whitespaces)
        if t == ":" { return ["focus=", "ignore=", "hide=", "tagfocus=", "tagignore="] }
        for st in sampleTypeNames {
            if t == st { return ["sample_index=\(st)"] }
            if t == "total_" + st { return ["mean=0", "sample_index=\(st)"] }
            if t == "mean_" + st { return ["mean=1", "sample_index=\(st)"] }
        }
        return [t]
    }

    /// Runs one shell line; never throws — errors come back as `.error`.
    package mutating func execute(_ line: String) -> SessionOutcome {
        warnings = []
        lastOutputIsInfo = false
        var last = SessionOutcome.none
        for input in expand(line) {
            last = executeOne(input)
            if case .error = last { return last }
        }
        return last
    }

    private mutating func executeOne(_ input: String) -> SessionOutcome {
        let parts = input.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if CommandTable.optionOwning(name) != nil {
            var value = ""
            if parts.count == 2 {
                value = String(parts[1])
                if let r = value.range(of: "//:", options: .backwards) { value = String(value[..<r.lowerBound]) }
                value = value.trimmingCharacters(in: .whitespaces)
            }
            if parts.count == 1 && !isBoolConfig(name) {
                return .error("please specify a value, e.g. \(name)=<val>")
            }
            do {
                if name == "sample_index" {
                    let index = try profile.sampleIndex(byName: value)
                    guard index >= 0 && index < profile.sampleTypes.count else {
                        return .error("invalid sample_index \(GoQuote.quote(value))")
                    }
                    value = profile.sampleTypes[index].type
                }
                try config.configure(name, value)
            } catch {
                return .error("\(error)")
            }
            return .none
        }
        let tokens = input.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = tokens.first else { return .none }
        switch first {
        case "o", "options":
            lastOutputIsInfo = true
            return .output(currentOptions())
        case "exit", "quit", "q": return .quit
        case "help":
            lastOutputIsInfo = true
            return help(tokens.dropFirst().joined(separator: " "))
        default: break
        }
        do {
            let (cmd, symbol, cfg) = try parseCommandLine(tokens)
            return try run(command: cmd, symbol: symbol, config: cfg)
        } catch {
            return .error("\(error)")
        }
    }

    private func isBoolConfig(_ name: String) -> Bool {
        guard let spec = CommandTable.optionOwning(name) else { return false }
        if spec.name != name { return true }
        return spec.kind == .bool
    }

    /// pprof's `parseCommandLine`: `top10` = `top 10`, numbers set nodecount, `-cum`,
    /// `>file`, `-re` ignores and other words focus (tag filters for `tags`).
    func parseCommandLine(_ input: [String]) throws -> (String, String?, Config) {
        var name = input[0]
        var args = Array(input.dropFirst())
        var spec = CommandTable.command(named: name)
        if spec == nil {
            let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty && digits.count < name.count {
                let d = String(digits.reversed())
                name = String(name.dropLast(d.count))
                args.insert(d, at: 0)
                spec = CommandTable.command(named: name)
            }
        }
        guard let spec else {
            if CommandTable.optionOwning(name) != nil {
                throw PprofError("did you mean: \(name)=\(args.first ?? "<val>")")
            }
            throw PprofError("unrecognized command: \(GoQuote.quote(name))")
        }
        var symbol: String?
        if spec.takesSymbol {
            guard !args.isEmpty else { throw PprofError("command \(name) requires an argument") }
            symbol = args.removeFirst()
        }
        var v = config
        var focus = "", ignore = ""
        var i = 0
        while i < args.count {
            let t = args[i]
            defer { i += 1 }
            if let n = Int32(t) {
                v.nodeCount = Int(n)
                continue
            }
            if t.hasPrefix(">") {
                var out = String(t.dropFirst())
                if out.isEmpty {
                    i += 1
                    guard i < args.count else { throw PprofError("unexpected end of line after >") }
                    out = args[i]
                }
                v.output = out
            } else if t.hasPrefix("-") {
                if t == "--cum" || t == "-cum" {
                    v.sort = "cum"
                    continue
                }
                ignore = Self.catRegex(ignore, String(t.dropFirst()))
            } else {
                focus = Self.catRegex(focus, t)
            }
        }
        if name == "tags" {
            if !focus.isEmpty { v.tagFocus = focus }
            if !ignore.isEmpty { v.tagIgnore = ignore }
        } else {
            if !focus.isEmpty { v.focus = focus }
            if !ignore.isEmpty { v.ignore = ignore }
        }
        if v.nodeCount == -1 && (name == "text" || name == "top") { v.nodeCount = 10 }
        return (name, symbol, v)
    }

    static func catRegex(_ a: String, _ b: String) -> String {
        !a.isEmpty && !b.isEmpty ? a + "|" + b : a + b
    }

    /// Generates the report; `output=`/`> f` and binary formats go to a file.
    private mutating func run(command: String, symbol: String?, config cfg: Config) throws -> SessionOutcome {
        var notes: [String] = []
        if profile.unmerged && !(CommandTable.command(named: command)?.format?.showsOnlySums ?? false) {
            profile = try fullLoad?() ?? Profile.merge([profile])
            fullLoad = nil
        }
        let prepared: Pipeline.Prepared
        do {
            prepared = try Pipeline.prepare(profile: profile, command: command, symbol: symbol, config: cfg) { notes.append($0) }
        } catch {
            // pprof has printed the notes before it failed.
            warnings += notes
            throw error
        }
        warnings += notes
        let rendered = try prepared.report.render(command: command, environment: environment)
        warnings += rendered.warnings
        var target = cfg.output
        if target.isEmpty, let ext = rendered.fileExtension {
            target = try environment.files.newNumberedFile(prefix: "profile", suffix: "." + ext)
        }
        if target.isEmpty {
            return .output(rendered.text)
        }
        do {
            try environment.files.writeInPlace(path: target, bytes: rendered.bytes)
        } catch {
            // pprof announces the file before opening it, so the note precedes the error.
            warnings.append("Generating report in \(target)")
            throw error
        }
        return .message("Generating report in \(target)")
    }

    /// pprof's `options` listing: `  name = value //: comment`, sorted.
    func currentOptions() -> String {
        var lines: [String] = []
        for o in CommandTable.options {
            var v = config.value(of: o.name) ?? ""
            var comment = ""
            if case .choice(let cs) = o.kind {
                comment = "[" + cs.sorted().joined(separator: " | ") + "]"
            } else if o.name == "sample_index" {
                if v.isEmpty { v = sampleTypeNames.last ?? "" }
                comment = "[" + sampleTypeNames.joined(separator: " | ") + "]"
            } else if o.name == "source_path" {
                continue
            } else if o.name == "nodecount" && v == "-1" {
                comment = "default"
            } else if v.isEmpty {
                v = "\"\""
            }
            if !comment.isEmpty { comment = "//: " + comment }
            lines.append("  " + Self.pad(o.name, 25) + " = " + Self.pad(v, 20) + " " + comment)
        }
        return lines.sorted().joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ n: Int) -> String {
        let c = s.count
        return c >= n ? s : s + String(repeating: " ", count: n - c)
    }

    /// pprof's `help`, `help <command>`, `help <option>`.
    func help(_ topic: String) -> SessionOutcome {
        if topic.isEmpty { return .output(Self.usage(commandLine: false) + Self.shellHelpTail) }
        if let c = CommandTable.command(named: topic) { return .output(c.help) }
        if let o = CommandTable.option(named: topic), !o.help.isEmpty {
            // pprof's shell adds the profile's sample type names to sample_index's help.
            let names = o.name == "sample_index" ? "Or use sample_index=name, with name in [\(sampleTypeNames.joined(separator: " "))].\n" : ""
            return .output(o.help + names + "\n")
        }
        if let h = CommandTable.choiceHelp[topic] { return .output(h + "\n") }
        return .error("Unknown command: " + topic)
    }

    static let shellHelpTail = """

          :   Clear focus/ignore/hide/tagfocus/tagignore

          type "help <cmd|option>" for more information

        """

    /// pprof's `usage`: commands, options and option groups, each list sorted.
    package static func usage(commandLine: Bool) -> String {
        let prefix = commandLine ? "-" : ""
        func fmtHelp(_ c: String, _ d: String) -> String {
            "    " + pad(c, 16) + " " + (d.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "")
        }
        var commands = CommandTable.commands.filter { !CommandTable.pprofOnlyExcluded.contains($0.name) }
            .map { fmtHelp(prefix + $0.name, $0.summary) }.sorted()
        var help: String
        if commandLine {
            help = "  Output formats (select at most one):\n"
        } else {
            help = "  Commands:\n"
            commands.append(fmtHelp("o/options", "List options and their current values"))
            commands.append(fmtHelp("q/quit/exit/^D", "Exit pprof"))
        }
        help += commands.joined(separator: "\n") + "\n\n  Options:\n"
        var variables: [String] = []
        var radios: [String] = []
        for o in CommandTable.options {
            if case .choice(let cs) = o.kind {
                var s = [fmtHelp(o.name, "")]
                for c in cs { s.append("  " + fmtHelp(prefix + c, CommandTable.choiceHelp[c] ?? "")) }
                radios.append(s.joined(separator: "\n"))
            } else {
                variables.append(fmtHelp(prefix + o.name, o.help))
            }
        }
        let extras = CommandTable.commands.filter { CommandTable.pprofOnlyExcluded.contains($0.name) }
            .map { fmtHelp(prefix + $0.name, $0.summary) }.sorted()
        return help + variables.sorted().joined(separator: "\n") + "\n\n  Option groups (only set one per group):\n"
            + radios.sorted().joined(separator: "\n") + "\n\n  pprof-tui additions:\n" + extras.joined(separator: "\n")
    }

    /// The report pipeline for `command` with the current config (for the TUI's panes).
    package func prepareReport(command: String, symbol: String? = nil) throws -> Report {
        try Pipeline.prepare(profile: profile, command: command, symbol: symbol, config: config).report
    }
}
