import GoRegex

extension Profile {
    /// The frame that keeps the cost of samples with no own frame (`m`, `-mine`).
    package static let notMineFrame = "(not my code)"
    /// The frame that keeps the cost of samples made only of own frames (`M`).
    package static let onlyMineFrame = "(my code)"

    /// "My code": `show=re` (or `hide=re` when `hideOwn`) as pprof applies it, except that a
    /// sample left with no frame is not dropped: its cost goes to one synthetic frame
    /// (`notMineFrame` / `onlyMineFrame`), so the rows still sum to the total and the share
    /// spent outside (inside) the user's code stays visible. Returns whether `re` matched.
    @discardableResult
    package mutating func keepOwnFrames(_ re: GoRegex, hideOwn: Bool) -> Bool {
        // The synthetic location is added after filtering, so the filter does not strip it.
        let sink = Int32(truncatingIfNeeded: locations.count)
        let m = filterSamplesByName(focus: nil, ignore: nil, hide: hideOwn ? re : nil, show: hideOwn ? nil : re, emptiedTo: sink)
        // Ids come from the profile: they wrap past UInt64.max as Go's uint64 does.
        functions.append(Function(id: (functions.map(\.id).max() ?? 0) &+ 1, name: hideOwn ? Self.onlyMineFrame : Self.notMineFrame))
        var loc = Location(id: (locations.map(\.id).max() ?? 0) &+ 1)
        loc.lines = [Line(function: Int32(truncatingIfNeeded: functions.count - 1), line: 0)]
        locations.append(loc)
        return hideOwn ? m.hide : m.show
    }
}
