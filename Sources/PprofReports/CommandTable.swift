/// What a command does after its report is generated (pprof's postProcess/visualizer column).
package enum PostProcess: Sendable, Equatable {
    case none
    /// Render DOT through Graphviz into this format (png, pdf, gif, ps).
    case graphviz(String)
    /// Render DOT to SVG and add pan/zoom (pprof's massageDotSVG).
    case svg
    /// Binary output that must not go to a terminal (proto).
    case binary(String)
    /// Needs a desktop viewer; not available in a terminal tool.
    case visualizer
}

/// One row of the command table: the prompt, `help`, completion and the TUI hint bar all read it.
package struct CommandSpec: Sendable, Equatable {
    package var name: String
    /// e.g. "top [n] [focus_regex]* [-ignore_regex]* [-cum] >f".
    package var usage: String
    /// One line, shown in `help` listings and the hint bar.
    package var summary: String
    /// The report the command generates; nil for shell commands (help, options, quit).
    package var format: OutputFormat?
    package var post: PostProcess
    /// pprof's hasParam: the first argument is a regex selecting symbols (list, peek, disasm).
    package var takesSymbol: Bool
    /// Accepted as a command-line flag even though it makes no report here (visualizers).
    package var isReportFlag: Bool { format != nil }

    /// pprof's `command.help`: description, then the usage lines indented.
    package var help: String {
        var m = summary + "\n"
        if !usage.isEmpty {
            m += "  Usage:\n"
            for line in usage.split(separator: "\n", omittingEmptySubsequences: false) { m += "    \(line)\n" }
        }
        return m + "\n"
    }
}

/// One `name=value` option of the shell (pprof's configurable variables), in pprof's order.
package struct OptionSpec: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case bool, int, float, string, choice([String]) }
    package var name: String
    package var kind: Kind
    /// pprof's configHelp text (first line is the summary).
    package var help: String
    package var summary: String { String(help.split(separator: "\n", maxSplits: 1).first ?? "") }
}

/// The single command table (pprof's `internal/driver/commands.go` plays this role).
package enum CommandTable {
    private static func reportHelp(_ c: String, cum: Bool, redirect: Bool) -> String {
        var first = c + " [n] [focus_regex]* [-ignore_regex]*"
        var rest = ["Include up to n samples", "Include samples matching focus_regex, and exclude ignore_regex."]
        if cum {
            first += " [-cum]"
            rest.append("-cum sorts the output by cumulative weight")
        }
        if redirect {
            first += " >f"
            rest.append("Optionally save the report on the file f")
        }
        return ([first] + rest).joined(separator: "\n")
    }

    private static func listHelp(_ c: String, redirect: Bool) -> String {
        var first = c + "<func_regex|address> [-focus_regex]* [-ignore_regex]*"
        var rest = [
            "Include functions matching func_regex, or including the address specified.",
            "Include samples matching focus_regex, and exclude ignore_regex.",
        ]
        if redirect {
            first += " >f"
            rest.append("Optionally save the report on the file f")
        }
        return ([first] + rest).joined(separator: "\n")
    }

    private static func cmd(
        _ name: String, _ format: OutputFormat?, post: PostProcess = .none, symbol: Bool = false,
        _ summary: String, _ usage: String = ""
    ) -> CommandSpec {
        CommandSpec(name: name, usage: usage, summary: summary, format: format, post: post, takesSymbol: symbol)
    }

    /// pprof's report commands, then pprof-tui's own; sorted by name where listed.
    package static let commands: [CommandSpec] = [
        cmd("callgrind", .callgrind, post: .binary("callgraph.out"), "Outputs a graph in callgrind format",
            reportHelp("callgrind", cum: false, redirect: true)),
        cmd("collapsed", .collapsed, "Outputs folded stacks (flamegraph.pl, inferno, speedscope)",
            "collapsed [focus_regex]* [-ignore_regex]* >f"),
        cmd("comments", .comments, "Output all profile comments"),
        cmd("disasm", .dis, symbol: true, "Output assembly listings annotated with samples", listHelp("disasm", redirect: true)),
        cmd("dot", .dot, "Outputs a graph in DOT format", reportHelp("dot", cum: false, redirect: true)),
        cmd("eog", .dot, post: .visualizer, "Visualize graph through eog", reportHelp("eog", cum: false, redirect: false)),
        cmd("evince", .dot, post: .visualizer, "Visualize graph through evince", reportHelp("evince", cum: false, redirect: false)),
        cmd("flame_svg", .flameSVG, "Outputs a standalone flame graph in SVG format",
            "flame_svg [focus_regex]* [-ignore_regex]* >f"),
        cmd("gif", .dot, post: .graphviz("gif"), "Outputs a graph image in GIF format", reportHelp("gif", cum: false, redirect: true)),
        cmd("gv", .dot, post: .visualizer, "Visualize graph through gv", reportHelp("gv", cum: false, redirect: false)),
        cmd("kcachegrind", .callgrind, post: .visualizer, "Visualize report in KCachegrind",
            reportHelp("kcachegrind", cum: false, redirect: false)),
        cmd("list", .list, symbol: true, "Output annotated source for functions matching regexp", listHelp("list", redirect: false)),
        cmd("pdf", .dot, post: .graphviz("pdf"), "Outputs a graph in PDF format", reportHelp("pdf", cum: false, redirect: true)),
        cmd("peek", .tree, symbol: true, "Output callers/callees of functions matching regexp",
            "peek func_regex\nDisplay callers and callees of functions matching func_regex."),
        cmd("png", .dot, post: .graphviz("png"), "Outputs a graph image in PNG format", reportHelp("png", cum: false, redirect: true)),
        cmd("proto", .proto, post: .binary("pb.gz"), "Outputs the profile in compressed protobuf format"),
        cmd("ps", .dot, post: .graphviz("ps"), "Outputs a graph in PS format", reportHelp("ps", cum: false, redirect: true)),
        cmd("raw", .raw, "Outputs a text representation of the raw profile"),
        cmd("svg", .dot, post: .svg, "Outputs a graph in SVG format", reportHelp("svg", cum: false, redirect: true)),
        cmd("tags", .tags, "Outputs all tags in the profile",
            "tags [tag_regex]* [-ignore_regex]* [>file]\nList tags with key:value matching tag_regex and exclude ignore_regex."),
        cmd("text", .text, "Outputs top entries in text form", reportHelp("text", cum: true, redirect: true)),
        cmd("top", .text, "Outputs top entries in text form", reportHelp("top", cum: true, redirect: true)),
        cmd("topproto", .topProto, post: .binary("pb.gz"), "Outputs top entries in compressed protobuf format"),
        cmd("traces", .traces, "Outputs all profile samples in text form"),
        cmd("tree", .tree, "Outputs a text rendering of call graph", reportHelp("tree", cum: true, redirect: true)),
        cmd("web", .dot, post: .visualizer, "Visualize graph through web browser", reportHelp("web", cum: false, redirect: false)),
        cmd("weblist", .webList, post: .visualizer, symbol: true, "Display annotated source in a web browser",
            listHelp("weblist", redirect: false)),
    ]

    /// Commands that pprof itself knows (the usage listing of `help` shows only these).
    package static let pprofOnlyExcluded: Set<String> = ["collapsed", "flame_svg"]

    package static func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }

    private static func help(_ lines: String...) -> String { lines.joined(separator: "\n") + "\n" }

    /// pprof's config fields in declaration order, with its help texts.
    package static let options: [OptionSpec] = [
        OptionSpec(name: "output", kind: .string, help: help("Output filename for file-based outputs")),
        OptionSpec(name: "call_tree", kind: .bool, help: help("Create a context-sensitive call tree",
            "Treat locations reached through different paths as separate.")),
        OptionSpec(name: "relative_percentages", kind: .bool, help: help("Show percentages relative to focused subgraph",
            "If unset, percentages are relative to full graph before focusing",
            "to facilitate comparison with original graph.")),
        OptionSpec(name: "unit", kind: .string, help: help("Measurement units to display",
            "Scale the sample values to this unit.",
            "For time-based profiles, use seconds, milliseconds, nanoseconds, etc.",
            "For memory profiles, use megabytes, kilobytes, bytes, etc.",
            "Using auto will scale each value independently to the most natural unit.")),
        OptionSpec(name: "compact_labels", kind: .bool, help: "Show minimal headers"),
        OptionSpec(name: "source_path", kind: .string, help: "Search path for source files"),
        OptionSpec(name: "trim_path", kind: .string, help: "Path to trim from source paths before search"),
        OptionSpec(name: "intel_syntax", kind: .bool, help: help("Show assembly in Intel syntax",
            "Only applicable to commands `disasm` and `weblist`")),
        OptionSpec(name: "mean", kind: .bool, help: help("Average sample value over first value (count)",
            "For memory profiles, report average memory per allocation.",
            "For time-based profiles, report average time per event.")),
        OptionSpec(name: "sample_index", kind: .string, help: help("Sample value to report (0-based index or name)",
            "Profiles contain multiple values per sample.",
            "Use sample_index=i to select the ith value (starting at 0).")),
        OptionSpec(name: "divide_by", kind: .float, help: help("Ratio to divide all samples before visualization",
            "Divide all samples values by a constant, eg the number of processors or jobs.")),
        OptionSpec(name: "normalize", kind: .bool, help: help("Scales profile based on the base profile.")),
        OptionSpec(name: "sort", kind: .choice(["cum", "flat"]), help: ""),
        OptionSpec(name: "tagroot", kind: .string, help: help(
            "Adds pseudo stack frames for labels key/value pairs at the callstack root.",
            "A comma-separated list of label keys.", "The first key creates frames at the new root.")),
        OptionSpec(name: "tagleaf", kind: .string, help: help(
            "Adds pseudo stack frames for labels key/value pairs at the callstack leaf.",
            "A comma-separated list of label keys.", "The last key creates frames at the new leaf.")),
        OptionSpec(name: "drop_negative", kind: .bool, help: help("Ignore negative differences",
            "Do not show any locations with values <0.")),
        OptionSpec(name: "nodecount", kind: .int, help: help("Max number of nodes to show",
            "Uses heuristics to limit the number of locations to be displayed.",
            "On graphs, dotted edges represent paths through nodes that have been removed.")),
        OptionSpec(name: "nodefraction", kind: .float, help: "Hide nodes below <f>*total"),
        OptionSpec(name: "edgefraction", kind: .float, help: "Hide edges below <f>*total"),
        OptionSpec(name: "trim", kind: .bool, help: help("Honor nodefraction/edgefraction/nodecount defaults",
            "Set to false to get the full profile, without any trimming.")),
        OptionSpec(name: "focus", kind: .string, help: help("Restricts to samples going through a node matching regexp",
            "Discard samples that do not include a node matching this regexp.",
            "Matching includes the function name, filename or object name.")),
        OptionSpec(name: "ignore", kind: .string, help: help("Skips paths going through any nodes matching regexp",
            "If set, discard samples that include a node matching this regexp.",
            "Matching includes the function name, filename or object name.")),
        OptionSpec(name: "prune_from", kind: .string, help: help("Drops any functions below the matched frame.",
            "If set, any frames matching the specified regexp and any frames",
            "below it will be dropped from each sample.")),
        OptionSpec(name: "hide", kind: .string, help: help("Skips nodes matching regexp",
            "Discard nodes that match this location.",
            "Other nodes from samples that include this location will be shown.",
            "Matching includes the function name, filename or object name.")),
        OptionSpec(name: "show", kind: .string, help: help("Only show nodes matching regexp",
            "If set, only show nodes that match this location.",
            "Matching includes the function name, filename or object name.")),
        OptionSpec(name: "show_from", kind: .string, help: help("Drops functions above the highest matched frame.",
            "If set, all frames above the highest match are dropped from every sample.",
            "Matching includes the function name, filename or object name.")),
        OptionSpec(name: "tagfocus", kind: .string, help: help("Restricts to samples with tags in range or matched by regexp",
            "Use name=value syntax to limit the matching to a specific tag.",
            "Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:",
            "String tag filter examples: foo, foo.*bar, mytag=foo.*bar")),
        OptionSpec(name: "tagignore", kind: .string, help: help("Discard samples with tags in range or matched by regexp",
            "Use name=value syntax to limit the matching to a specific tag.",
            "Numeric tag filter examples: 1kb, 1kb:10kb, memory=32mb:",
            "String tag filter examples: foo, foo.*bar, mytag=foo.*bar")),
        OptionSpec(name: "tagshow", kind: .string, help: help("Only consider tags matching this regexp",
            "Discard tags that do not match this regexp")),
        OptionSpec(name: "taghide", kind: .string, help: help("Skip tags matching this regexp",
            "Discard tags that match this regexp")),
        OptionSpec(name: "noinlines", kind: .bool, help: help("Ignore inlines.",
            "Attributes inlined functions to their first out-of-line caller.")),
        OptionSpec(name: "granularity", kind: .choice(["functions", "filefunctions", "files", "lines", "addresses"]), help: ""),
    ]

    /// Help for the choices of option groups (`-cum`, `-lines`, ...).
    package static let choiceHelp: [String: String] = [
        "flat": help("Sort entries based on own weight"),
        "cum": help("Sort entries based on cumulative weight"),
        "functions": help("Aggregate at the function level.", "Ignores the filename where the function was defined."),
        "filefunctions": help("Aggregate at the function level.", "Takes into account the filename where the function was defined."),
        "files": "Aggregate at the file level.",
        "lines": "Aggregate at the source code line level.",
        "addresses": help("Aggregate at the address level.", "Includes functions' addresses in the output."),
    ]

    package static func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }

    /// The option a name sets: an option itself, or the group owning a choice (`cum` -> sort).
    package static func optionOwning(_ name: String) -> OptionSpec? {
        if let o = option(named: name) { return o }
        return options.first {
            if case .choice(let cs) = $0.kind { return cs.contains(name) }
            return false
        }
    }

    /// Shell words a line can start with: commands, shell verbs, options and choices.
    package static var shellWords: [String] {
        var words = commands.map(\.name) + ["help", "o", "options", "quit", "exit", "q"]
        for o in options {
            words.append(o.name)
            if case .choice(let cs) = o.kind { words += cs }
        }
        return words
    }

    /// Commands, options (`name=`) and sample type names starting with `prefix`, sorted.
    package static func completions(prefix: String, sampleTypes: [String]) -> [String] {
        var out = Set<String>()
        for c in commands where c.name.hasPrefix(prefix) { out.insert(c.name) }
        for w in ["help", "options", "quit"] where w.hasPrefix(prefix) { out.insert(w) }
        for o in options {
            if o.name.hasPrefix(prefix) { out.insert(o.name + "=") }
            if case .choice(let cs) = o.kind { for c in cs where c.hasPrefix(prefix) { out.insert(c) } }
        }
        for t in sampleTypes where t.hasPrefix(prefix) { out.insert(t) }
        return out.sorted()
    }
}
