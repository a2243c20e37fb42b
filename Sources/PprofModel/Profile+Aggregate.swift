extension Profile {
    /// pprof's `Aggregate`: forgets the information a granularity does not use, so that
    /// locations differing only in it fold together in reports. Without `inlineFrame` each
    /// location keeps only its outermost line; mapping capability flags are lowered to match.
    package mutating func aggregate(inlineFrame: Bool, function: Bool, filename: Bool, linenumber: Bool, address: Bool) {
        for i in mappings.indices {
            mappings[i].hasInlineFrames = mappings[i].hasInlineFrames && inlineFrame
            mappings[i].hasFunctions = mappings[i].hasFunctions && function
            mappings[i].hasFilenames = mappings[i].hasFilenames && filename
            mappings[i].hasLineNumbers = mappings[i].hasLineNumbers && linenumber
        }
        if !function || !filename {
            for i in functions.indices {
                if !function {
                    functions[i].name = ""
                    functions[i].systemName = ""
                }
                if !filename { functions[i].filename = "" }
            }
        }
        if !inlineFrame || !address || !linenumber {
            for i in locations.indices {
                if !inlineFrame && locations[i].lines.count > 1, let last = locations[i].lines.last {
                    locations[i].lines = [last]
                }
                if !linenumber {
                    for j in locations[i].lines.indices {
                        locations[i].lines[j].line = 0
                        locations[i].lines[j].column = 0
                    }
                }
                if !address { locations[i].address = 0 }
            }
        }
    }

    /// pprof driver's `aggregate(prof, cfg)`: maps `granularity` and `noinlines` onto
    /// `aggregate(...)`. "addresses" with inlines kept changes nothing.
    /// - Throws: `unexpected granularity` for a name outside functions, filefunctions, files,
    ///   lines, addresses.
    package mutating func aggregate(granularity: String, noInlines: Bool) throws {
        let inlines = !noInlines
        var function = false
        var filename = false
        var linenumber = false
        var address = false
        switch granularity {
        case "addresses":
            if inlines { return }
            function = true
            filename = true
            linenumber = true
            address = true
        case "lines":
            function = true
            filename = true
            linenumber = true
        case "files":
            filename = true
        case "functions":
            function = true
        case "filefunctions":
            function = true
            filename = true
        default:
            throw PprofError("unexpected granularity")
        }
        aggregate(inlineFrame: inlines, function: function, filename: filename, linenumber: linenumber, address: address)
    }

    /// `aggregate(granularity:noInlines:)` from a `Config`.
    package mutating func aggregate(_ config: Config) throws {
        try aggregate(granularity: config.granularity, noInlines: config.noInlines)
    }
}
