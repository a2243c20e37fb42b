import PprofFormats
import PprofReports

/// Every flag pprof's command line knows (its config fields, the option-group choices, the
/// report formats and the source options), plus ours. One table, so usage text comes from it.
enum FlagTable {
    /// Config fields settable as flags, in pprof's config order.
    static let configFlags: [FlagSpec] = [
        FlagSpec(name: "output", kind: .string, help: "Output filename for file-based outputs"),
        FlagSpec(name: "call_tree", kind: .bool, help: "Create a context-sensitive call tree"),
        FlagSpec(name: "relative_percentages", kind: .bool, help: "Show percentages relative to focused subgraph"),
        FlagSpec(name: "unit", kind: .string, help: "Measurement units to display"),
        FlagSpec(name: "compact_labels", kind: .bool, help: "Show minimal headers"),
        FlagSpec(name: "source_path", kind: .string, help: "Search path for source files"),
        FlagSpec(name: "trim_path", kind: .string, help: "Path to trim from source paths before search"),
        FlagSpec(name: "intel_syntax", kind: .bool, help: "Show assembly in Intel syntax"),
        FlagSpec(name: "mean", kind: .bool, help: "Average sample value over first value (count)"),
        FlagSpec(name: "sample_index", kind: .string, help: "Sample value to report (0-based index or name)"),
        FlagSpec(name: "divide_by", kind: .float, help: "Ratio to divide all samples before visualization"),
        FlagSpec(name: "normalize", kind: .bool, help: "Scales profile based on the base profile."),
        FlagSpec(name: "tagroot", kind: .string, help: "Adds pseudo stack frames for labels key/value pairs at the callstack root."),
        FlagSpec(name: "tagleaf", kind: .string, help: "Adds pseudo stack frames for labels key/value pairs at the callstack leaf."),
        FlagSpec(name: "drop_negative", kind: .bool, help: "Ignore negative differences"),
        FlagSpec(name: "nodecount", kind: .int, help: "Max number of nodes to show"),
        FlagSpec(name: "nodefraction", kind: .float, help: "Hide nodes below <f>*total"),
        FlagSpec(name: "edgefraction", kind: .float, help: "Hide edges below <f>*total"),
        FlagSpec(name: "trim", kind: .bool, help: "Honor nodefraction/edgefraction/nodecount defaults"),
        FlagSpec(name: "focus", kind: .string, help: "Restricts to samples going through a node matching regexp"),
        FlagSpec(name: "ignore", kind: .string, help: "Skips paths going through any nodes matching regexp"),
        FlagSpec(name: "prune_from", kind: .string, help: "Drops any functions below the matched frame."),
        FlagSpec(name: "hide", kind: .string, help: "Skips nodes matching regexp"),
        FlagSpec(name: "show", kind: .string, help: "Only show nodes matching regexp"),
        FlagSpec(name: "show_from", kind: .string, help: "Drops functions above the highest matched frame."),
        FlagSpec(name: "tagfocus", kind: .string, help: "Restricts to samples with tags in range or matched by regexp"),
        FlagSpec(name: "tagignore", kind: .string, help: "Discard samples with tags in range or matched by regexp"),
        FlagSpec(name: "tagshow", kind: .string, help: "Only consider tags matching this regexp"),
        FlagSpec(name: "taghide", kind: .string, help: "Skip tags matching this regexp"),
        FlagSpec(name: "noinlines", kind: .bool, help: "Ignore inlines."),
    ]

    /// Option groups: each choice is a bool flag (`-cum`, `-lines`).
    static let choiceGroups: [(field: String, choices: [String])] = [
        ("sort", ["cum", "flat"]),
        ("granularity", ["functions", "filefunctions", "files", "lines", "addresses"]),
    ]

    static let sourceFlags: [FlagSpec] = [
        FlagSpec(name: "diff_base", kind: .string, help: "Source of base profile for comparison"),
        FlagSpec(name: "base", kind: .string, help: "Source of base profile for profile subtraction"),
        FlagSpec(name: "symbolize", kind: .string, help: "Options for profile symbolization"),
        FlagSpec(name: "buildid", kind: .string, help: "Override build id for first mapping"),
        FlagSpec(name: "timeout", kind: .int, help: "Timeout in seconds for fetching a profile"),
        FlagSpec(name: "add_comment", kind: .string, help: "Annotation string to record in the profile"),
        FlagSpec(name: "seconds", kind: .int, help: "Length of time for dynamic profiles"),
        FlagSpec(name: "inuse_space", kind: .bool, help: "Display in-use memory size"),
        FlagSpec(name: "inuse_objects", kind: .bool, help: "Display in-use object counts"),
        FlagSpec(name: "alloc_space", kind: .bool, help: "Display allocated memory size"),
        FlagSpec(name: "alloc_objects", kind: .bool, help: "Display allocated object counts"),
        FlagSpec(name: "total_delay", kind: .bool, help: "Display total delay at each region"),
        FlagSpec(name: "contentions", kind: .bool, help: "Display number of delays at each region"),
        FlagSpec(name: "mean_delay", kind: .bool, help: "Display mean delay at each region"),
        FlagSpec(name: "tools", kind: .string, help: "Path for object tool pathnames"),
        // Accepted as pprof accepts them (HTTP fetches here use the system's trust store).
        FlagSpec(name: "tls_cert", kind: .string, help: "TLS client certificate file for fetching profile and symbols"),
        FlagSpec(name: "tls_key", kind: .string, help: "TLS private key file for fetching profile and symbols"),
        FlagSpec(name: "tls_ca", kind: .string, help: "TLS CA certs file for fetching profile and symbols"),
        FlagSpec(name: "http", kind: .string, help: "Present interactive web UI at the specified http host:port"),
        FlagSpec(name: "no_browser", kind: .bool, help: "Skip opening a browser for the interactive web UI"),
        // pprof-tui's own.
        FlagSpec(name: "granularity", kind: .string, help: "Same as -functions/-files/-lines/... (pprof-tui extension)"),
        FlagSpec(name: "refresh", kind: .string, help: "Live mode: re-fetch the profile every DURATION (e.g. 10s)"),
        FlagSpec(name: "compat", kind: .string, help: "Reproduce another pprof's output: go1.19 (default: current upstream)"),
        FlagSpec(name: "all_frames", kind: .bool, help: "Ignore drop_frames and keep_frames regexps in the profile"),
        FlagSpec(name: "mine", kind: .string, help: "Own code regexp: the TUI highlights it and m collapses to it; reports keep only its frames, the rest of a sample on (not my code)"),
    ]
        // The decoder's limits (`-max_strings=N`, ...), each named in the error it gives.
        + DecodeLimits.Limit.allCases.map {
            FlagSpec(name: $0.rawValue, kind: .int, help: "Largest \($0.what) accepted\($0.isBytes ? ", in bytes" : "")")
        }

    /// All flags: config, choices, report commands (bool or regex-taking) and sources.
    static var all: [FlagSpec] {
        var specs = configFlags
        for g in choiceGroups {
            specs += g.choices.map { FlagSpec(name: $0, kind: .bool, help: "") }
        }
        for c in CommandTable.commands where c.format != nil || c.isReportFlag {
            specs.append(FlagSpec(name: c.name, kind: c.takesSymbol ? .string : .bool, help: c.summary))
        }
        return specs + sourceFlags
    }
}
