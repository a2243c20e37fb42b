import PprofModel

/// The second pass: samples straight into `SampleTable`'s flat arrays.
extension ProfileWireDecoder {
    /// Decodes every sample; returns pprof's `CheckValid` message for the first bad sample
    /// (value count mismatch before an unknown location, as pprof checks them), if any.
    mutating func decodeSamples(_ top: WireReader, into p: inout Profile, locationIndex: IDIndex)
        throws(PprofError) -> String?
    {
        let valueCount = p.sampleTypes.count
        var stackOffsets: [Int] = []
        stackOffsets.reserveCapacity(sampleCount + 1)
        stackOffsets.append(0)
        var labelOffsets: [Int] = []
        labelOffsets.reserveCapacity(sampleCount + 1)
        labelOffsets.append(0)
        var values: [Int64] = []
        // Every value takes at least one byte, so the sample bytes bound the reservation
        // (crafted input with many sample types and many empty samples must not allocate more).
        let (valueSlots, overflow) = sampleCount.multipliedReportingOverflow(by: valueCount)
        values.reserveCapacity(overflow ? sampleBytes : min(valueSlots, sampleBytes))
        var stacks: [Int32] = []
        // The first pass counted the location ids; each takes at least one byte, which bounds
        // the reservation for crafted input.
        stacks.reserveCapacity(min(frameCount, sampleBytes))
        var labels: [SampleLabel] = []
        var problem: String?
        let maxDepth = limits.maxStackDepth
        let maxLabels = limits.maxLabelsPerSample

        var r = top
        while !r.atEnd {
            let (field, wire) = try r.key()
            guard field == 2 else {
                try r.skip(wire)
                continue
            }
            var s = r.sub(try r.delimited(wire, "sample"))
            let stackStart = stacks.count
            let valueStart = values.count
            let labelStart = labels.count
            var unknownLocation = false
            while !s.atEnd {
                let (f, w) = try s.key()
                switch f {
                case 1:
                    if w == 2 {
                        let stop = try s.lengthEnd()
                        while s.pos < stop {
                            let idx = locationIndex.lookup(try s.varint())
                            if idx < 0 { unknownLocation = true }
                            stacks.append(idx)
                        }
                    } else {
                        let idx = locationIndex.lookup(try s.scalar(w, "sample.location_id"))
                        if idx < 0 { unknownLocation = true }
                        stacks.append(idx)
                    }
                    if stacks.count - stackStart > maxDepth {
                        throw PprofError("stack depth exceeds the limit of \(maxDepth) (max_stack_depth)")
                    }
                case 2:
                    if w == 2 {
                        let stop = try s.lengthEnd()
                        while s.pos < stop {
                            values.append(Int64(bitPattern: try s.varint()))
                        }
                    } else {
                        values.append(Int64(bitPattern: try s.scalar(w, "sample.value")))
                    }
                case 3:
                    try label(s.sub(s.delimited(w, "sample.label")), into: &labels)
                    if labels.count - labelStart > maxLabels {
                        throw PprofError(
                            "label count of a sample exceeds the limit of \(maxLabels) (max_labels_per_sample)")
                    }
                default:
                    try s.skip(w)
                }
            }
            if problem == nil {
                let n = values.count - valueStart
                if n != valueCount {
                    problem = "mismatch: sample has \(n) values vs. \(valueCount) types"
                } else if unknownLocation {
                    problem = "sample has nil location"
                }
            }
            stackOffsets.append(stacks.count)
            labelOffsets.append(labels.count)
        }
        p.samples = SampleTable(valueCount: valueCount)
        p.samples.stackOffsets = stackOffsets
        p.samples.stacks = stacks
        p.samples.values = values
        p.samples.labelOffsets = labelOffsets
        p.samples.labels = labels
        return problem
    }

    /// pprof keeps a label as a string when `str` is set, as a number when `num` or `unit`
    /// is set, and drops it otherwise.
    private mutating func label(_ sub: WireReader, into labels: inout [SampleLabel]) throws(PprofError) {
        var r = sub
        var key: Int64 = 0
        var str: Int64 = 0
        var num: Int64 = 0
        var unit: Int64 = 0
        while !r.atEnd {
            let (field, wire) = try r.key()
            switch field {
            case 1: key = Int64(bitPattern: try r.scalar(wire, "label.key"))
            case 2: str = Int64(bitPattern: try r.scalar(wire, "label.str"))
            case 3: num = Int64(bitPattern: try r.scalar(wire, "label.num"))
            case 4: unit = Int64(bitPattern: try r.scalar(wire, "label.num_unit"))
            default: try r.skip(wire)
            }
        }
        let k = string(key, "label.key")
        if str != 0 {
            labels.append(SampleLabel(key: k, str: string(str, "label.str")))
        } else if num != 0 || unit != 0 {
            labels.append(SampleLabel(key: k, num: num, unit: unit != 0 ? string(unit, "label.num_unit") : ""))
        }
    }
}
