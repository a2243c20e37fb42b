import PprofModel

extension Report {
    /// `-comments`: every free-form comment of the profile, one per line (pprof prints them
    /// raw; control characters are escaped here so a profile cannot drive the terminal, but a
    /// comment's own newlines and tabs stay, as pprof prints them).
    package func printComments() -> String {
        var out = ""
        for c in profile.comments { out += sanitizeLinesForTerminal(c) + "\n" }
        return out
    }
}
