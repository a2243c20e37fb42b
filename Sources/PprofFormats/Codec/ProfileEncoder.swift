import PprofModel

/// Encodes a `Profile` as profile.proto bytes, in the layout pprof's `Profile.Write` produces:
/// the same field order, the same string-table order, packed repeated integers only when
/// there are more than two, and defaults omitted (except default_sample_type, always written).
package enum ProfileEncoder {
    /// Uncompressed protobuf (pprof's `WriteUncompressed`).
    package static func encode(_ p: Profile) -> [UInt8] {
        var e = Encoder(profile: p)
        return e.run()
    }

    /// gzip-compressed protobuf (pprof's `Write`).
    package static func encodeGzip(_ p: Profile) throws -> [UInt8] {
        try Gzip.compress(encode(p))
    }

    private struct Encoder {
        let p: Profile
        var index: [String: Int64] = ["": 0]
        var table: [String] = [""]

        init(profile: Profile) { p = profile }

        mutating func str(_ s: String) -> Int64 {
            if let i = index[s] { return i }
            let i = Int64(table.count)
            index[s] = i
            table.append(s)
            return i
        }

        mutating func run() -> [UInt8] {
            // String indices are assigned in pprof's `preEncode` order.
            let sampleTypeX = p.sampleTypes.map { (str($0.type), str($0.unit)) }
            var labelX: [(key: Int64, str: Int64, num: Int64, unit: Int64)] = []
            var labelOffsets: [Int] = [0]
            labelOffsets.reserveCapacity(p.samples.count + 1)
            for i in 0..<p.samples.count {
                for l in Self.pprofLabelOrder(p.samples.labels(i)) {
                    if let s = l.str {
                        labelX.append((str(l.key), str(s), 0, 0))
                    } else {
                        labelX.append((str(l.key), 0, l.num, str(l.unit)))
                    }
                }
                labelOffsets.append(labelX.count)
            }
            let mappingX = p.mappings.map { (str($0.file), str($0.buildID)) }
            let functionX = p.functions.map { (str($0.name), str($0.systemName), str($0.filename)) }
            let dropX = str(p.dropFrames)
            let keepX = str(p.keepFrames)
            let periodX = p.periodType.map { (str($0.type), str($0.unit)) }
            let commentX = p.comments.map { str($0) }
            let defaultX = str(p.defaultSampleType)
            let docX = p.docURL.isEmpty ? 0 : str(p.docURL)

            let p = self.p
            var w = ProtoWriter()
            w.out.reserveCapacity(p.samples.stacks.count * 2 + p.samples.values.count * 3 + 1024)
            for (t, u) in sampleTypeX {
                w.message(1) { e in
                    e.int(1, t)
                    e.int(2, u)
                }
            }
            var ids: [UInt64] = []
            for i in 0..<p.samples.count {
                ids.removeAll(keepingCapacity: true)
                for loc in p.samples.stack(i) {
                    ids.append(loc >= 0 && Int(loc) < p.locations.count ? p.locations[Int(loc)].id : 0)
                }
                w.message(2) { e in
                    e.repeated(1, ids)
                    e.repeated(2, p.samples.values(i).map { UInt64(bitPattern: $0) })
                    for l in labelX[labelOffsets[i]..<labelOffsets[i + 1]] {
                        e.message(3) { e in
                            e.int(1, l.key)
                            e.int(2, l.str)
                            e.int(3, l.num)
                            e.int(4, l.unit)
                        }
                    }
                }
            }
            for (m, (fileX, buildX)) in zip(p.mappings, mappingX) {
                w.message(3) { e in
                    e.uint(1, m.id)
                    e.uint(2, m.start)
                    e.uint(3, m.limit)
                    e.uint(4, m.offset)
                    e.int(5, fileX)
                    e.int(6, buildX)
                    e.bool(7, m.hasFunctions)
                    e.bool(8, m.hasFilenames)
                    e.bool(9, m.hasLineNumbers)
                    e.bool(10, m.hasInlineFrames)
                }
            }
            for l in p.locations {
                w.message(4) { e in
                    e.uint(1, l.id)
                    e.uint(2, l.mapping >= 0 && Int(l.mapping) < p.mappings.count ? p.mappings[Int(l.mapping)].id : 0)
                    e.uint(3, l.address)
                    for ln in l.lines {
                        e.message(4) { e in
                            let f = ln.function
                            e.uint(1, f >= 0 && Int(f) < p.functions.count ? p.functions[Int(f)].id : 0)
                            e.int(2, ln.line)
                            e.int(3, ln.column)
                        }
                    }
                    e.bool(5, l.isFolded)
                }
            }
            for (f, (nameX, systemX, fileX)) in zip(p.functions, functionX) {
                w.message(5) { e in
                    e.uint(1, f.id)
                    e.int(2, nameX)
                    e.int(3, systemX)
                    e.int(4, fileX)
                    e.int(5, f.startLine)
                }
            }
            for s in table {
                w.key(6, 2)
                w.varint(UInt64(s.utf8.count))
                w.out.append(contentsOf: s.utf8)
            }
            w.int(7, dropX)
            w.int(8, keepX)
            w.int(9, p.timeNanos)
            w.int(10, p.durationNanos)
            if let (t, u) = periodX, t != 0 || u != 0 {
                w.message(11) { e in
                    e.int(1, t)
                    e.int(2, u)
                }
            }
            w.int(12, p.period)
            w.repeated(13, commentX.map { UInt64(bitPattern: $0) })
            w.key(14, 0)
            w.varint(UInt64(bitPattern: defaultX))
            w.int(15, docX)
            return w.out
        }

        /// pprof stores labels in maps and writes string labels by sorted key, then numeric
        /// labels by sorted key; values of one key keep their order.
        static func pprofLabelOrder(_ labels: ArraySlice<SampleLabel>) -> [SampleLabel] {
            let indexed = labels.enumerated().map { ($0.offset, $0.element) }
            return indexed.sorted { a, b in
                if a.1.isNumeric != b.1.isNumeric { return !a.1.isNumeric }
                if a.1.key != b.1.key { return a.1.key.utf8.lexicographicallyPrecedes(b.1.key.utf8) }
                return a.0 < b.0
            }.map { $0.1 }
        }
    }
}

/// A protobuf byte writer with pprof's encoding conventions.
package struct ProtoWriter {
    package var out: [UInt8] = []

    package init() {}

    mutating func varint(_ v: UInt64) {
        var x = v
        while x >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: x) | 0x80)
            x >>= 7
        }
        out.append(UInt8(x))
    }

    mutating func key(_ field: Int, _ wire: UInt64) { varint(UInt64(field) << 3 | wire) }

    mutating func uint(_ field: Int, _ v: UInt64) {
        if v == 0 { return }
        key(field, 0)
        varint(v)
    }

    mutating func int(_ field: Int, _ v: Int64) { uint(field, UInt64(bitPattern: v)) }

    mutating func bool(_ field: Int, _ v: Bool) { uint(field, v ? 1 : 0) }

    package mutating func repeated(_ field: Int, _ vs: [UInt64]) {
        if vs.count > 2 {
            var n = 0
            for v in vs { n += Self.varintSize(v) }
            key(field, 2)
            varint(UInt64(n))
            for v in vs { varint(v) }
        } else {
            for v in vs {
                key(field, 0)
                varint(v)
            }
        }
    }

    static func varintSize(_ v: UInt64) -> Int {
        var n = 1
        var x = v
        while x >= 0x80 {
            x >>= 7
            n += 1
        }
        return n
    }

    /// Writes a nested message: the body is encoded after the current end, then moved
    /// behind its key and length (the length is only known afterwards).
    mutating func message(_ field: Int, _ body: (inout ProtoWriter) -> Void) {
        let start = out.count
        body(&self)
        let length = out.count - start
        var header = ProtoWriter()
        header.key(field, 2)
        header.varint(UInt64(length))
        out.insert(contentsOf: header.out, at: start)
    }
}
