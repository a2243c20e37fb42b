/// pprof's `Profile.CheckValid`, on the resolved (index-linked) profile.
///
/// Checks run in pprof's order and fail with its messages, prefixed "malformed profile:"
/// as `profile.ParseData` does, so the first error reported is the one pprof reports.
extension Profile {
    /// Every check: samples first, then the mapping, function and location tables.
    package func checkValid() throws(PprofError) {
        if sampleTypes.isEmpty && samples.count > 0 {
            throw PprofError("malformed profile: missing sample type information")
        }
        if samples.count > 0 && samples.valueCount != sampleTypes.count {
            throw PprofError(
                "malformed profile: mismatch: sample has \(samples.valueCount) values vs. \(sampleTypes.count) types")
        }
        let locationCount = Int32(clamping: locations.count)
        if samples.stacks.contains(where: { $0 < 0 || $0 >= locationCount }) {
            throw PprofError("malformed profile: sample has nil location")
        }
        try checkValidTables()
    }

    /// The table checks: ids non-zero and unique, and every reference in range.
    package func checkValidTables() throws(PprofError) {
        var seen = Set<UInt64>(minimumCapacity: mappings.count)
        for m in mappings {
            if m.id == 0 { throw PprofError("malformed profile: found mapping with reserved ID=0") }
            if !seen.insert(m.id).inserted {
                throw PprofError("malformed profile: multiple mappings with same id: \(m.id)")
            }
        }
        seen = Set<UInt64>(minimumCapacity: functions.count)
        for f in functions {
            if f.id == 0 { throw PprofError("malformed profile: found function with reserved ID=0") }
            if !seen.insert(f.id).inserted {
                throw PprofError("malformed profile: multiple functions with same id: \(f.id)")
            }
        }
        seen = Set<UInt64>(minimumCapacity: locations.count)
        let mappingCount = Int32(clamping: mappings.count)
        let functionCount = Int32(clamping: functions.count)
        for l in locations {
            if l.id == 0 { throw PprofError("malformed profile: found location with reserved id=0") }
            if !seen.insert(l.id).inserted {
                throw PprofError("malformed profile: multiple locations with same id: \(l.id)")
            }
            if l.mapping < -1 || l.mapping >= mappingCount {
                throw PprofError("malformed profile: location id: \(l.id) has an inconsistent mapping")
            }
            for ln in l.lines where ln.function < 0 || ln.function >= functionCount {
                throw PprofError("malformed profile: location id: \(l.id) has a line with nil function")
            }
        }
    }
}
