import GoRegex

extension Profile {
    /// pprof driver's `applyFocus`: compiles focus, ignore, hide, show, show_from, tagfocus,
    /// tagignore and prune_from (the first bad one throws, before anything changes), then
    /// filters by name, show_from, tags, tagshow/taghide, and prune_from, in pprof's order;
    /// "my code" (`mine`, not pprof's) right after the name filters, as `show`/`hide` run.
    /// `warn` receives pprof's stderr lines in order ("Focus expression matched no samples",
    /// "tagfocus:Interpreted '1kb' as range, not regexp"). A bad tagshow / taghide throws only
    /// after the other filters ran, as in pprof.
    package mutating func applyFocus(
        config cfg: Config, numLabelUnits: [String: String], warn: (String) -> Void
    ) throws {
        let focus = try Self.compileRegexOption(name: "focus", value: cfg.focus)
        let ignore = try Self.compileRegexOption(name: "ignore", value: cfg.ignore)
        let hide = try Self.compileRegexOption(name: "hide", value: cfg.hide)
        let show = try Self.compileRegexOption(name: "show", value: cfg.show)
        let showFromRx = try Self.compileRegexOption(name: "show_from", value: cfg.showFrom)
        let (tagFocus, focusNotes) = try TagFilter.compile(
            name: "tagfocus", value: cfg.tagFocus, numLabelUnits: numLabelUnits)
        focusNotes.forEach(warn)
        let (tagIgnore, ignoreNotes) = try TagFilter.compile(
            name: "tagignore", value: cfg.tagIgnore, numLabelUnits: numLabelUnits)
        ignoreNotes.forEach(warn)
        let pruneFromRx = try Self.compileRegexOption(name: "prune_from", value: cfg.pruneFrom)
        let mine = try Self.compileRegexOption(name: "mine", value: cfg.mine)

        let m = filterSamplesByName(focus: focus, ignore: ignore, hide: hide, show: show)
        Self.warnNoMatches(focus == nil || m.focus, "Focus", warn)
        Self.warnNoMatches(ignore == nil || m.ignore, "Ignore", warn)
        Self.warnNoMatches(hide == nil || m.hide, "Hide", warn)
        Self.warnNoMatches(show == nil || m.show, "Show", warn)
        if let mine { Self.warnNoMatches(keepOwnFrames(mine, hideOwn: cfg.mineHidesOwn), "Mine", warn) }

        let sfm = showFrom(showFromRx)
        Self.warnNoMatches(showFromRx == nil || sfm, "ShowFrom", warn)

        let (tfm, tim) = filterSamplesByTag(focus: tagFocus, ignore: tagIgnore)
        Self.warnNoMatches(tagFocus == nil || tfm, "TagFocus", warn)
        Self.warnNoMatches(tagIgnore == nil || tim, "TagIgnore", warn)

        var deferred: PprofError?
        var tagShow: GoRegex?
        var tagHide: GoRegex?
        do {
            tagShow = try Self.compileRegexOption(name: "tagshow", value: cfg.tagShow)
            tagHide = try Self.compileRegexOption(name: "taghide", value: cfg.tagHide)
        } catch let error as PprofError {
            deferred = error
            tagShow = nil
            tagHide = nil
        }
        let (tns, tnh) = filterTagsByName(show: tagShow, hide: tagHide)
        Self.warnNoMatches(tagShow == nil || tns, "TagShow", warn)
        Self.warnNoMatches(tagHide == nil || tnh, "TagHide", warn)

        if let pruneFromRx { pruneFrom(pruneFromRx) }
        if let deferred { throw deferred }
    }

    static func warnNoMatches(_ match: Bool, _ option: String, _ warn: (String) -> Void) {
        if !match { warn("\(option) expression matched no samples") }
    }
}
