import PprofModel

extension Report {
    /// pprof `selectOutputUnit`: with unit "minimum", the unit that suits the smallest
    /// non-zero value (scaled up 100x when the largest needs a bigger unit).
    package func selectingOutputUnit(for g: Graph) -> Report {
        // By index: mapping the nodes themselves copies each one.
        selectingOutputUnit(forValues: g.nodes.indices.lazy.map { (g.nodes[$0].flatValue(), g.nodes[$0].cumValue()) })
    }

    /// `selectingOutputUnit(for:)` from the nodes' (flat, cum) values alone.
    package func selectingOutputUnit<S: Sequence>(forValues values: S) -> Report where S.Element == (Int64, Int64) {
        var r = self
        guard options.outputUnit == "minimum" else { return r }
        var minValue: Int64 = 0
        var any = false
        for (flat, cum) in values {
            any = true
            var nodeMin = goAbs(flat)
            if nodeMin == 0 { nodeMin = goAbs(cum) }
            if nodeMin > 0 && (minValue == 0 || nodeMin < minValue) { minValue = nodeMin }
        }
        guard any else { return r }
        var maxValue = total
        if minValue == 0 { minValue = maxValue }
        let ratio = options.ratio
        if ratio > 0 && ratio != 1 {
            minValue = GoConvert.int64(Double(minValue) * ratio)
            maxValue = GoConvert.int64(Double(maxValue) * ratio)
        }
        let su = options.sampleUnit
        let minUnit = Measurement.scale(minValue, from: su, to: "minimum").1
        let maxUnit = Measurement.scale(maxValue, from: su, to: "minimum").1
        var unit = minUnit
        if minUnit != maxUnit && minValue &* 100 < maxValue && options.outputFormat != .callgrind {
            unit = Measurement.scale(100 &* minValue, from: su, to: "minimum").1
        }
        r.options.outputUnit = unit.isEmpty ? su : unit
        return r
    }
}
