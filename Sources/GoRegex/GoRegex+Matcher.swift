/// Pike-VM simulation of a `GoRegexProgram` over UTF-8 bytes: all NFA threads advance in lock step,
/// kept in priority order, so the leftmost-first match (and its submatches) is found in
/// O(input × program × slots) time in a reused `GoRegexMachine` (no backtracking, no recursion).
extension GoRegexProgram {
    /// Runs the program on `text` with machine `m`. `stride` is the capture slots tracked per
    /// thread: 1 tracks only where the match starts; `slotCount` tracks every group, left in
    /// `m.matchCaps` (-1 for a group that did not take part). Returns the leftmost-first match's
    /// byte range, or nil. With `wantRange == false` it stops at the first match found (the
    /// range is then meaningless).
    func run(_ text: UnsafeBufferPointer<UInt8>, _ m: GoRegexMachine, stride: Int, wantRange: Bool) -> (Int, Int)? {
        m.counts = (0, 0)
        m.threadsEntered = 0
        return insts.withUnsafeBufferPointer { code in
            runes.withUnsafeBufferPointer { classes in
                simulate(text, m, stride, wantRange, code, classes)
            }
        }
    }

    private func simulate(
        _ text: UnsafeBufferPointer<UInt8>, _ m: GoRegexMachine, _ stride: Int, _ wantRange: Bool,
        _ code: UnsafeBufferPointer<Inst>, _ classes: UnsafeBufferPointer<Int32>
    ) -> (Int, Int)? {
        let n = insts.count
        let sparse = m.sparse
        let dense = m.dense
        let caps = m.caps
        let scratch = m.scratch
        let workPC = m.workPC
        let workValue = m.workValue
        var cur = 0  // which half is the current queue

        /// Adds `pc` and everything reachable through alt/nop/capture/satisfied assertions, in
        /// priority order; each added thread gets a copy of `scratch` with captures at `pos`.
        func add(_ q: Int, _ pc0: Int32, _ pos: Int, _ context: UInt32) {
            let base = q * n
            var count = q == 0 ? m.counts.0 : m.counts.1
            let entered = count
            var top = 0
            workPC[top] = pc0
            top += 1
            while top > 0 {
                top -= 1
                let entry = workPC[top]
                if entry < 0 {
                    // Leaving a capture: restore the slot for the lower-priority branches.
                    scratch[Int(-1 - entry)] = workValue[top]
                    continue
                }
                let pc = Int(entry)
                let slot = Int(sparse[base + pc])
                if slot < count && dense[base + slot] == Int32(pc) { continue }
                sparse[base + pc] = Int32(count)
                dense[base + count] = Int32(pc)
                let t = caps + (base + count) * stride
                if stride == 1 { t[0] = scratch[0] } else { for k in 0..<stride { t[k] = scratch[k] } }
                count += 1
                let inst = code[pc]
                switch inst.op {
                case .alt:
                    workPC[top] = Int32(inst.arg)
                    workPC[top + 1] = Int32(inst.out)
                    top += 2
                case .nop:
                    workPC[top] = Int32(inst.out)
                    top += 1
                case .capture:
                    let k = Int(inst.arg)
                    if k < stride {
                        workPC[top] = Int32(-1 - k)
                        workValue[top] = scratch[k]
                        top += 1
                        scratch[k] = pos
                    }
                    workPC[top] = Int32(inst.out)
                    top += 1
                case .empty:
                    if inst.arg & ~context == 0 {
                        workPC[top] = Int32(inst.out)
                        top += 1
                    }
                default:
                    break
                }
            }
            if q == 0 { m.counts.0 = count } else { m.counts.1 = count }
            m.threadsEntered &+= count - entered
        }

        let end = text.count
        var matched = false
        var result = (0, 0)
        var pos = 0
        var prev: Int32 = -1
        var (r, w) = Self.decode(text, 0)
        while true {
            let curCount = cur == 0 ? m.counts.0 : m.counts.1
            if curCount == 0 {
                if anchoredStart && pos != 0 { break }
                if matched { break }
                // No live threads: jump to the next position that can start a match.
                if !anchoredStart && (!prefix.isEmpty || !firstBytes.isEmpty) {
                    var found = pos
                    if !prefix.isEmpty {
                        guard let at = Self.find(prefix, in: text, from: pos) else { break }
                        found = at
                    } else {
                        while found < end && !firstBytes[Int(text[found])] { found += 1 }
                        if found == end { break }
                    }
                    if found != pos {
                        pos = found
                        prev = Self.decodeBefore(text, pos)
                        (r, w) = Self.decode(text, pos)
                    }
                }
            }
            if !matched && (pos == 0 || !anchoredStart) {
                for k in 0..<stride { scratch[k] = -1 }
                scratch[0] = pos
                add(cur, Int32(start), pos, Self.context(prev, r))
            }
            let next = pos + w
            var r1: Int32 = -1
            var w1 = 0
            if r >= 0 { (r1, w1) = Self.decode(text, next) }
            let nextContext = Self.context(r, r1)
            let nq = 1 - cur
            let base = cur * n
            let count = cur == 0 ? m.counts.0 : m.counts.1
            var j = 0
            while j < count {
                let pc = Int(dense[base + j])
                let inst = code[pc]
                let t = caps + (base + j) * stride
                var ok = false
                switch inst.op {
                case .match:
                    result = (t[0], pos)
                    matched = true
                    if stride > 1 {
                        for k in 0..<stride { m.matchCaps[k] = t[k] }
                        m.matchCaps[1] = pos
                    }
                    if !wantRange { return result }
                    j = count  // lower-priority threads lose to this match
                    continue
                case .rune1: ok = r == Int32(bitPattern: inst.arg)
                case .runeAny: ok = r >= 0
                case .runeAnyNotNL: ok = r >= 0 && r != 10
                case .runeClass:
                    ok = r >= 0 && GoRegexClass.contains(classes, Int(inst.start), Int(inst.count), r)
                case .runeAnyOf:
                    if r >= 0 {
                        for k in Int(inst.start)..<Int(inst.start + inst.count) where classes[k] == r {
                            ok = true
                            break
                        }
                    }
                default:
                    break
                }
                if ok {
                    if stride == 1 { scratch[0] = t[0] } else { for k in 0..<stride { scratch[k] = t[k] } }
                    add(nq, Int32(inst.out), next, nextContext)
                }
                j += 1
            }
            if cur == 0 { m.counts.0 = 0 } else { m.counts.1 = 0 }
            if w == 0 { break }
            pos = next
            prev = r
            r = r1
            w = w1
            cur = nq
        }
        return matched ? result : nil
    }

    /// Zero-width conditions between rune `r1` and rune `r2` (-1 = edge of text), as Go's
    /// `EmptyOpContext`; word characters are ASCII `[0-9A-Za-z_]`.
    @inline(__always)
    static func context(_ r1: Int32, _ r2: Int32) -> UInt32 {
        var op = EmptyFlags.noWordBoundary
        var boundary = false
        if isWordChar(r1) {
            boundary = true
        } else if r1 == 10 {
            op |= EmptyFlags.beginLine
        } else if r1 < 0 {
            op |= EmptyFlags.beginText | EmptyFlags.beginLine
        }
        if isWordChar(r2) {
            boundary.toggle()
        } else if r2 == 10 {
            op |= EmptyFlags.endLine
        } else if r2 < 0 {
            op |= EmptyFlags.endText | EmptyFlags.endLine
        }
        if boundary { op ^= EmptyFlags.wordBoundary | EmptyFlags.noWordBoundary }
        return op
    }

    @inline(__always)
    static func isWordChar(_ r: Int32) -> Bool {
        (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A) || (r >= 0x30 && r <= 0x39) || r == 0x5F
    }

    /// The rune at byte `i` and its width; (-1, 0) at the end. Invalid bytes decode as U+FFFD
    /// with width 1, as in Go (Swift strings never contain them, but buffers might).
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int32, Int) {
        if i >= text.count { return (-1, 0) }
        let b0 = text[i]
        if b0 < 0x80 { return (Int32(b0), 1) }
        let len: Int
        var r: Int32
        if b0 >= 0xF0 && b0 < 0xF8 {
            len = 4
            r = Int32(b0 & 0x07)
        } else if b0 >= 0xE0 && b0 < 0xF0 {
            len = 3
            r = Int32(b0 & 0x0F)
        } else if b0 >= 0xC2 && b0 < 0xE0 {
            len = 2
            r = Int32(b0 & 0x1F)
        } else {
            return (0xFFFD, 1)
        }
        if i + len > text.count { return (0xFFFD, 1) }
        for k in 1..<len {
            let b = text[i + k]
            if b & 0xC0 != 0x80 { return (0xFFFD, 1) }
            r = (r << 6) | Int32(b & 0x3F)
        }
        return (r, len)
    }

    /// The rune that ends just before byte `i` (-1 at the start).
    static func decodeBefore(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int32 {
        if i <= 0 { return -1 }
        var j = i - 1
        while j > 0 && i - j < 4 && text[j] & 0xC0 == 0x80 { j -= 1 }
        let (r, w) = decode(text, j)
        return j + w == i ? r : 0xFFFD
    }

    /// First occurrence of `needle` in `text` at or after `from`.
    static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let m = needle.count
        if m == 0 { return from }
        let first = needle[0]
        var i = from
        while i + m <= text.count {
            if text[i] == first {
                var k = 1
                while k < m && text[i + k] == needle[k] { k += 1 }
                if k == m { return i }
            }
            i += 1
        }
        return nil
    }
}
