import GoRegex

/// Which of the name filters matched anything (pprof warns "... expression matched no samples").
package struct NameFilterMatches: Sendable, Equatable {
    package var focus = false
    package var ignore = false
    package var hide = false
    package var show = false
    package init(focus: Bool = false, ignore: Bool = false, hide: Bool = false, show: Bool = false) {
        self.focus = focus
        self.ignore = ignore
        self.hide = hide
        self.show = show
    }
}

extension Profile {
    /// pprof's `compileRegexOption`: nil for an empty value, else the compiled regex.
    /// - Throws: `parsing <name> regexp: <regexp error>`.
    package static func compileRegexOption(name: String, value: String) throws -> GoRegex? {
        if value.isEmpty { return nil }
        do {
            return try GoRegex(value)
        } catch {
            throw PprofError("parsing \(name) regexp: \(error.message)")
        }
    }

    /// pprof's `FilterSamplesByName`: keeps samples with at least one frame matching `focus`
    /// (every frame when nil) and none matching `ignore`; `hide` removes matching lines from
    /// locations, `show` keeps only matching lines. Locations left with no lines leave stacks,
    /// and samples left with no frames are dropped. A frame matches through any line's function
    /// name or file name, or the location's mapping file. Note that a sample with an empty
    /// stack never counts as focused, so it is always dropped (as in pprof). With `emptiedTo`
    /// (the "my code" views, not pprof), a sample that hide/show leave with no frame keeps that
    /// location index as its only frame instead of being dropped.
    @discardableResult
    package mutating func filterSamplesByName(
        focus: GoRegex?, ignore: GoRegex?, hide: GoRegex?, show: GoRegex?, emptiedTo: Int32? = nil
    ) -> NameFilterMatches {
        var matched = NameFilterMatches()
        let focusCache = focus.map { (functionNameOrFileMatches($0), mappingFileMatches($0)) }
        let ignoreCache = ignore.map { (functionNameOrFileMatches($0), mappingFileMatches($0)) }
        let hideCache = hide.map { (functionNameOrFileMatches($0), mappingFileMatches($0)) }
        let showCache = show.map { (functionNameOrFileMatches($0), mappingFileMatches($0)) }

        // 0: neither, 1: focused, 2: ignored.
        var state = [UInt8](repeating: 0, count: locations.count)
        var hidden = [Bool](repeating: false, count: locations.count)
        var anyHidden = false
        for li in locations.indices {
            let loc = locations[li]
            if let (fm, mm) = ignoreCache, locationMatches(loc, fm, mm) {
                matched.ignore = true
                state[li] = 2
            } else if focusCache.map({ locationMatches(loc, $0.0, $0.1) }) ?? true {
                matched.focus = true
                state[li] = 1
            }
            if let (fm, mm) = hideCache, locationMatches(loc, fm, mm) {
                matched.hide = true
                if mappingMatches(loc, mm) {
                    locations[li].lines = []
                } else {
                    locations[li].lines = loc.lines.filter { !lineMatches($0, fm) }
                }
                if locations[li].lines.isEmpty {
                    hidden[li] = true
                    anyHidden = true
                }
            }
            if let (fm, mm) = showCache {
                let current = locations[li]
                if !mappingMatches(current, mm) {
                    // Lines without a function are kept, as pprof keeps them.
                    locations[li].lines = current.lines.filter { $0.function < 0 || lineMatches($0, fm) }
                }
                if locations[li].lines.isEmpty {
                    hidden[li] = true
                    anyHidden = true
                } else {
                    matched.show = true
                }
            }
        }

        let locCount = locations.count
        // With every location focused, none ignored and none hidden, a sample is kept as it
        // is when it has a valid location: skip copying the stacks when all samples have one.
        if focus == nil && ignore == nil && !anyHidden && samples.everyStackHasLocation(below: locCount) {
            return matched
        }
        if !anyHidden {
            // Whole samples are kept or dropped: one scan, then a copy of the kept ones only.
            let (keep, kept) = samples.focusedSamples(locationState: state)
            samples.retain(keep, kept: kept)
            return matched
        }
        samples.rewriteStacks { _, stack, out in
            var focused = false
            for l in stack where l >= 0 && Int(l) < locCount {
                switch state[Int(l)] {
                case 1: focused = true
                case 2: return false
                default: break
                }
            }
            guard focused else { return false }
            let mark = out.count
            for l in stack where !(l >= 0 && Int(l) < locCount && hidden[Int(l)]) {
                out.append(l)
            }
            if out.count == mark, let emptiedTo { out.append(emptiedTo) }
            return out.count > mark
        }
        return matched
    }

    /// pprof's `Location.matchesName` over precomputed per-function and per-mapping results.
    func locationMatches(_ loc: Location, _ fnMatch: [Bool], _ mapMatch: [Bool]) -> Bool {
        for ln in loc.lines where lineMatches(ln, fnMatch) { return true }
        return mappingMatches(loc, mapMatch)
    }

    /// pprof's `ShowFrom`: drops every frame above the highest (closest to the root) matching
    /// frame, and samples with no matching frame. Within a matching location, lines above the
    /// last matching line go too, unless the mapping file matched. Returns whether any location
    /// matched; with a nil regex the profile is unchanged and the result is false.
    @discardableResult
    package mutating func showFrom(_ re: GoRegex?) -> Bool {
        guard let re else { return false }
        let fm = functionNameOrFileMatches(re)
        let mm = mappingFileMatches(re)
        var matchedLoc = [Bool](repeating: false, count: locations.count)
        var matched = false
        for li in locations.indices {
            let loc = locations[li]
            if mappingMatches(loc, mm) {
                matchedLoc[li] = true
                matched = true
                continue
            }
            if let last = loc.lines.lastIndex(where: { lineMatches($0, fm) }) {
                locations[li].lines = Array(loc.lines[...last])
                matchedLoc[li] = true
                matched = true
            }
        }
        let locCount = locations.count
        samples.rewriteStacks { _, stack, out in
            var i = stack.endIndex
            while i > stack.startIndex {
                i -= 1
                let l = stack[i]
                if l >= 0 && Int(l) < locCount && matchedLoc[Int(l)] {
                    out.append(contentsOf: stack[stack.startIndex...i])
                    return true
                }
            }
            return false
        }
        return matched
    }

    /// pprof's `FilterTagsByName`: removes string and numeric labels whose key does not match
    /// `show` (when set) or matches `hide`. Returns whether each regex matched any key.
    @discardableResult
    package mutating func filterTagsByName(show: GoRegex?, hide: GoRegex?) -> (show: Bool, hide: Bool) {
        if show == nil && hide == nil {
            // Every key would be kept; pprof still reports "matched" for show=nil keys.
            return (!samples.labels.isEmpty, false)
        }
        var sm = false
        var hm = false
        var removeKey: [String: Bool] = [:]
        samples.rewriteLabels { _, old, out in
            for label in old {
                let remove: Bool
                if let cached = removeKey[label.key] {
                    remove = cached
                } else {
                    let matchShow = show?.matches(label.key) ?? true
                    let matchHide = hide?.matches(label.key) ?? false
                    if matchShow { sm = true }
                    if matchHide { hm = true }
                    remove = !matchShow || matchHide
                    removeKey[label.key] = remove
                }
                if !remove { out.append(label) }
            }
        }
        return (sm, hm)
    }
}
