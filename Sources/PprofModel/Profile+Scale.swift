extension Profile {
    /// pprof's `Scale`: every value times `ratio` (see `scaleN`); a ratio of 1 changes nothing.
    package mutating func scale(by ratio: Double) {
        if ratio == 1 { return }
        // Cannot fail: one ratio per sample type.
        try? scaleN(Array(repeating: ratio, count: sampleTypes.count))
    }

    /// pprof's `ScaleN`: value i times `ratios[i]`, rounded half away from zero. Only values
    /// whose ratio is not 1 are rewritten, and a sample survives only if one of *those* is
    /// non-zero afterwards (so with ratios [1, 0] every sample goes, as in pprof).
    /// - Throws: `mismatched scale ratios, got N, want M`.
    package mutating func scaleN(_ ratios: [Double]) throws {
        guard ratios.count == sampleTypes.count else {
            throw PprofError("mismatched scale ratios, got \(ratios.count), want \(sampleTypes.count)")
        }
        if ratios.allSatisfy({ $0 == 1 }) { return }
        let n = samples.valueCount
        // A table whose rows are narrower than the sample types cannot be scaled per type.
        guard n <= ratios.count else {
            throw PprofError("mismatched scale ratios, got \(ratios.count), want \(n)")
        }
        var keep = [Bool](repeating: false, count: samples.count)
        samples.values.withUnsafeMutableBufferPointer { values in
            for s in 0..<keep.count {
                var kept = false
                for i in 0..<n where ratios[i] != 1 {
                    let v = GoConvert.int64((Double(values[s * n + i]) * ratios[i]).rounded())
                    values[s * n + i] = v
                    kept = kept || v != 0
                }
                keep[s] = kept
            }
        }
        samples.retainSamples { keep[$0] }
    }

    /// pprof's `Normalize`: scales each value type by (sum in `base`) / (sum here), 0 when the
    /// sum here is 0. Sums wrap on overflow as Go's int64 does.
    /// - Throws: the incompatibility error of `merge` when the types differ.
    package mutating func normalize(base: Profile) throws {
        try checkCompatible(with: base)
        let n = sampleTypes.count
        var baseSums = [Int64](repeating: 0, count: n)
        var srcSums = [Int64](repeating: 0, count: n)
        Self.sumValues(base.samples, into: &baseSums)
        Self.sumValues(samples, into: &srcSums)
        var ratios = [Double](repeating: 0, count: n)
        for i in 0..<n where srcSums[i] != 0 {
            ratios[i] = Double(baseSums[i]) / Double(srcSums[i])
        }
        try scaleN(ratios)
    }

    private static func sumValues(_ table: SampleTable, into sums: inout [Int64]) {
        let n = min(table.valueCount, sums.count)
        guard n > 0 else { return }
        for s in 0..<table.count {
            for i in 0..<n { sums[i] = sums[i] &+ table.values[s * table.valueCount + i] }
        }
    }
}
