extension Profile {
    /// pprof's `measurement.ScaleProfiles`: converts every profile's period and sample values
    /// to the finest unit among them (types must agree up to a trailing "s" and units must be
    /// of one kind), so that profiles recorded in different units can be merged.
    /// - Throws: `period type: incompatible types: ...`, `inconsistent samples type count: 2 != 3`,
    ///   `sample types: incompatible types: ...`.
    package static func scaleProfiles(_ profiles: inout [Profile]) throws {
        guard let first = profiles.first else { return }
        let periodTypes = profiles.map { $0.periodType ?? ValueType(type: "", unit: "") }
        let periodType: ValueType?
        do {
            periodType = try commonValueType(periodTypes)
        } catch let error as PprofError {
            throw PprofError("period type: \(error.message)")
        }
        let count = first.sampleTypes.count
        for p in profiles.dropFirst() where p.sampleTypes.count != count {
            throw PprofError("inconsistent samples type count: \(count) != \(p.sampleTypes.count)")
        }
        var common: [ValueType?] = []
        for i in 0..<count {
            do {
                common.append(try commonValueType(profiles.map { $0.sampleTypes[i] }))
            } catch let error as PprofError {
                throw PprofError("sample types: \(error.message)")
            }
        }
        for k in profiles.indices {
            if let periodType {
                let from = profiles[k].periodType?.unit ?? ""
                let (period, _) = Measurement.scale(profiles[k].period, from: from, to: periodType.unit)
                profiles[k].period = GoConvert.int64(period)
                if profiles[k].periodType == nil { profiles[k].periodType = ValueType(type: "", unit: "") }
                profiles[k].periodType?.unit = periodType.unit
            }
            var ratios = [Double](repeating: 1, count: count)
            for i in 0..<count {
                guard let target = common[i] else { continue }
                ratios[i] = Measurement.scale(1, from: profiles[k].sampleTypes[i].unit, to: target.unit).0
                profiles[k].sampleTypes[i].unit = target.unit
            }
            do {
                try profiles[k].scaleN(ratios)
            } catch let error as PprofError {
                throw PprofError("scale: \(error.message)")
            }
        }
    }

    /// pprof's `measurement.CommonValueType`: nil for fewer than two types, else the type with
    /// the finest unit.
    static func commonValueType(_ ts: [ValueType]) throws -> ValueType? {
        guard ts.count > 1, var minType = ts.first else { return nil }
        for t in ts.dropFirst() {
            guard compatibleValueTypes(minType, t) else {
                throw PprofError("incompatible types: \(describe(minType)) \(describe(t))")
            }
            if Measurement.scale(1, from: t.unit, to: minType.unit).0 < 1 { minType = t }
        }
        return minType
    }

    static func compatibleValueTypes(_ a: ValueType, _ b: ValueType) -> Bool {
        func trimS(_ s: String) -> Substring { s.hasSuffix("s") ? s.dropLast() : Substring(s) }
        guard trimS(a.type) == trimS(b.type) else { return false }
        if a.unit == b.unit { return true }
        return Measurement.unitTypes.contains { ut in ut.sniffUnit(a.unit) != nil && ut.sniffUnit(b.unit) != nil }
    }

    /// pprof driver's `combineProfiles`: unit scaling, then `merge`.
    package static func combineProfiles(_ profiles: consuming [Profile], sumsOnly: Bool = false) throws -> Profile {
        try scaleProfiles(&profiles)
        return try merge(consume profiles, sumsOnly: sumsOnly)
    }

    /// pprof's fetch step for already-loaded profiles: merges the sources (64 at a time, as
    /// pprof batches its fetches), likewise the bases, then subtracts the bases (`-base`),
    /// first labelling them `pprof::base=true` for `-diff_base` and scaling the sources to the
    /// bases' totals for `-normalize`; finally applies drop_frames/keep_frames (a bad one is
    /// ignored, as pprof ignores it) and appends `comment`. A single source is merged too,
    /// which drops its zero samples and renumbers ids exactly as pprof does. Between the
    /// merge and drop_frames, pprof's symbolizer demangles names (`Demangler.simplifyNames`,
    /// driven by the `-symbolize` value), after `localSymbolize` (the CLI's binutils pass).
    /// Note that pprof's own flag parser keeps only the *last* `-base` / `-diff_base` given, so
    /// a CLI mimicking it passes at most one base. `sumsOnly` (a batch report of sums, such as
    /// `-top`) lets a lone source skip a merge that report could not see (`merge(_:sumsOnly:)`).
    /// - Throws: `failed to fetch any source profiles` (no sources), merge errors prefixed
    ///   `problem fetching source profiles: ` / `problem fetching base profiles: ` (sic, with
    ///   pprof's trailing comma), and unprefixed errors of normalizing or subtracting the base.
    package static func combine(
        sources: consuming [Profile], bases: consuming [Profile] = [], diffBase: Bool = false, normalize: Bool = false,
        comment: String = "", symbolize: String = "", allFrames: Bool = false, sumsOnly: Bool = false,
        localSymbolize: (inout Profile) -> Void = { _ in }
    ) throws -> Profile {
        let merged: Profile?
        let mergedBase: Profile?
        do {
            merged = try chunkedCombine(consume sources, sumsOnly: sumsOnly)
        } catch let error as PprofError {
            throw PprofError("problem fetching source profiles: \(error.message)")
        }
        do {
            mergedBase = try chunkedCombine(consume bases)
        } catch let error as PprofError {
            throw PprofError("problem fetching base profiles: \(error.message),")
        }
        guard var p = merged else { throw PprofError("failed to fetch any source profiles") }
        if var base = mergedBase {
            if diffBase { base.setLabel(key: "pprof::base", values: ["true"]) }
            if normalize { try p.normalize(base: base) }
            base.scale(by: -1)
            p = try combineProfiles([p, base])
        }
        if allFrames {
            // Upstream's -all_frames (#976): the profile's own frame filters are ignored.
            p.dropFrames = ""
            p.keepFrames = ""
        }
        localSymbolize(&p)
        Demangler.simplifyNames(&p, mode: symbolize)
        try? p.removeUninteresting()
        if !comment.isEmpty { p.comments.append(comment) }
        return p
    }

    /// Takes the profiles over, so that a single source is merged without copying its samples.
    private static func chunkedCombine(_ profiles: consuming [Profile], sumsOnly: Bool = false) throws -> Profile? {
        if profiles.isEmpty { return nil }
        if profiles.count <= 64 { return try combineProfiles(consume profiles, sumsOnly: sumsOnly) }
        var result: Profile?
        var start = 0
        while start < profiles.count {
            let end = min(start + 64, profiles.count)
            let chunk = try combineProfiles(Array(profiles[start..<end]))
            if let acc = result {
                result = try combineProfiles([acc, chunk])
            } else {
                result = chunk
            }
            start = end
        }
        return result
    }

    /// True when the sample carries `pprof::base=true` (it came from a `-diff_base` profile).
    package func isDiffBaseSample(_ s: Int) -> Bool {
        samples.labels(s).contains { !$0.isNumeric && $0.key == "pprof::base" && $0.str == "true" }
    }
}
