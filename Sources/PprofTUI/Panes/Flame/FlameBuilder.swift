import Dispatch
import Foundation
import PprofModel
import PprofReports

/// Frame names of one view's profile, per location: computed once, when the Flame is first
/// shown (a filter change that never shows the Flame never pays for it).
package struct FlameIndex: Sendable {
    /// Distinct node names (`NodeInfo.printableName` at the report's granularity).
    package var names: [String] = []
    /// Each name's position in name order (children are laid out in that order).
    package var rank: [Int32] = []
    /// Location `l`'s frames are `locNames[locStart[l]..<locStart[l + 1]]`, callee first.
    package var locStart: [Int32] = []
    package var locNames: [Int32] = []
    /// Each name's palette slot (by its package), so a redraw hashes no strings.
    var color: [UInt8] = []
}

/// The Flame's frames for one zoom root of one view, built off the main loop and handed
/// back through `AppEvent.flameReady`.
package struct FlameFrames: Sendable {
    /// The zoom root asked for (the frames are the whole profile's when it no longer exists).
    package var zoom: [String]
    package var frames: [ProfileView.Frame]
    var index: FlameIndex
    /// Differential frames (`FlameBuilder.buildFrames` with `diff`).
    var diff = false
}

/// The icicle's frames from the report's filtered, aggregated profile: one frame per
/// distinct root-first path of node names. Names are the report's (`NodeInfo.printableName`
/// at the report's granularity); no costs are derived other than summing sample values.
///
/// Only what can be drawn is built: the frames on the path to the zoom root, and under it
/// the frames at least 1/`resolution` of the zoom root wide (narrower ones cannot fill a
/// cell on any screen up to `resolution` columns). A profile of 1.4 M deep samples has
/// millions of distinct paths; the drawable ones are a few thousand.
package enum FlameBuilder {
    /// Widest screen, in cells, for which every frame a cell wide is kept.
    package static let resolution: UInt64 = 2048

    package static func index(_ report: Report, parallelMin: Int = indexParallelMin) -> FlameIndex {
        let count = report.profile.locations.count
        var parts: [NamePart] = []
        // Two halves of the locations on two threads; the second half's new names follow the
        // first's, so ids are in first-use order as one pass over all locations gives them.
        if count >= parallelMin && ProcessInfo.processInfo.activeProcessorCount > 1 {
            let slots = [Slot<NamePart>(), Slot<NamePart>()]
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                slots[i].value = names(report, i == 0 ? 0..<(count / 2) : (count / 2)..<count)
            }
            parts = slots.compactMap(\.value)
        } else {
            parts = [names(report, 0..<count)]
        }
        var x = FlameIndex()
        var nameIndex: [String: Int32] = [:]
        x.locStart.reserveCapacity(count + 1)
        for part in parts {
            let ids = part.names.map { name -> Int32 in
                if let id = nameIndex[name] { return id }
                let id = Int32(x.names.count)
                nameIndex[name] = id
                x.names.append(name)
                return id
            }
            let base = Int32(x.locNames.count)
            x.locStart += part.locStart.dropLast().map { $0 + base }
            x.locNames += part.locNames.map { ids[Int($0)] }
        }
        x.locStart.append(Int32(x.locNames.count))
        let order = x.names.indices.sorted { x.names[$0] < x.names[$1] || (x.names[$0] == x.names[$1] && $0 < $1) }
        x.rank = [Int32](repeating: 0, count: x.names.count)
        for (r, i) in order.enumerated() { x.rank[i] = Int32(r) }
        x.color = x.names.map(Renderer.paletteSlot)
        return x
    }

    /// Location counts from which `index` names them on two threads.
    static let indexParallelMin = 20_000

    /// The frame names of some locations, with ids of their own (first use first).
    struct NamePart {
        var names: [String] = []
        /// Relative to this part's `locNames`; one entry past the last location.
        var locStart: [Int32] = []
        var locNames: [Int32] = []
    }

    static func names(_ report: Report, _ range: Range<Int>) -> NamePart {
        let p = report.profile
        var nameIndex: [String: Int32] = [:]
        var part = NamePart()
        part.locStart.reserveCapacity(range.count + 1)
        var trimmedFiles = [String?](repeating: nil, count: p.functions.count)
        // A named function's frame at no address and no line (every frame of a profile
        // aggregated by function) has one name however many locations hold it: named once.
        var byFunction = [Int32](repeating: -1, count: p.functions.count)
        for li in range {
            part.locStart.append(Int32(part.locNames.count))
            let loc = p.locations[li]
            for j in 0..<max(loc.lines.count, 1) {
                let line = j < loc.lines.count ? loc.lines[j] : nil
                let fi = line.map { Int($0.function) } ?? -1
                let perFunction = loc.address == 0 && line?.line == 0 && fi >= 0 && fi < p.functions.count && !p.functions[fi].name.isEmpty
                if perFunction && byFunction[fi] >= 0 {
                    part.locNames.append(byFunction[fi])
                    continue
                }
                let name = nodeInfo(loc, line, p, report, &trimmedFiles).printableName()
                let id = nameIndex[name, default: Int32(part.names.count)]
                if id == part.names.count {
                    nameIndex[name] = id
                    part.names.append(name)
                }
                if perFunction { byFunction[fi] = id }
                part.locNames.append(id)
            }
        }
        part.locStart.append(Int32(part.locNames.count))
        return part
    }

    /// The frames of `v` for the zoom root `zoom` (a name path; when it no longer exists,
    /// the whole profile), computing the view's `FlameIndex` first if it has none. Pure and
    /// whole-profile: run off the main loop (`Effect.buildFlame`).
    package static func compute(_ v: ProfileView, zoom: [String]) -> FlameFrames {
        compute(v, zoom: zoom, wanted: { true }) ?? FlameFrames(zoom: zoom, frames: [], index: FlameIndex())
    }

    /// `compute`, given up (nil) as soon as `wanted` turns false: a background build for a
    /// view that a newer one replaces.
    package static func compute(_ v: ProfileView, zoom: [String], wanted: @escaping StillWanted) -> FlameFrames? {
        if v.diffFlame { return computeDiff(v, zoom: zoom, wanted: wanted) }
        let x = v.flameIndex ?? index(v.report)
        guard var built = buildFrames(v.report, x, zoom: zoom, diff: false, wanted: wanted) else { return nil }
        if built.zoomMissing && !zoom.isEmpty {
            guard let whole = buildFrames(v.report, x, zoom: [], diff: false, wanted: wanted) else { return nil }
            built = whole
        }
        return FlameFrames(zoom: zoom, frames: built.frames, index: x)
    }

    /// Installs a `compute` result in the view it was computed from.
    static func apply(_ built: FlameFrames, to v: inout ProfileView) {
        if v.flameIndex == nil { v.flameIndex = built.index }
        v.frames = built.frames
        v.frameNames = built.index.names
        v.flameZoom = built.zoom
        v.diffFlame = built.diff
    }

    /// `compute` then `apply`, on the caller's thread (tests, bench).
    static func build(_ v: inout ProfileView, zoom: [String]) {
        apply(compute(v, zoom: zoom), to: &v)
    }

    /// A sample's position in its root-first frame sequence: the stack slot and the name slot
    /// (into `locNames`) of the next frame; the sequence is exhausted when `stack < low`.
    struct Cursor {
        var value: Int64
        var low: Int32
        var stack: Int32
        var line: Int32
    }

    /// Moves `c` down one frame (towards the leaf): the next line of an inlined location,
    /// else the next valid location.
    @inline(__always)
    static func step(_ c: inout Cursor, _ stacks: UnsafeBufferPointer<Int32>, _ locStart: UnsafeBufferPointer<Int32>, _ locCount: Int) {
        let l = Int(stacks[Int(c.stack)])
        if c.line > locStart[l] {
            c.line -= 1
            return
        }
        advanceToLocation(&c, stacks, locStart, locCount)
    }

    /// One cursor per sample with a non-zero value at `si` (a valid index), on its root
    /// frame, written to the front of `out` (room for every sample); returns how many.
    static func rootCursors(_ samples: SampleTable, _ si: Int, _ x: FlameIndex, _ locCount: Int, into out: UnsafeMutableBufferPointer<Cursor>) -> Int {
        var n = 0
        let width = samples.valueCount
        samples.stacks.withUnsafeBufferPointer { stacks in
            samples.stackOffsets.withUnsafeBufferPointer { offs in
                x.locStart.withUnsafeBufferPointer { locStart in
                    samples.values.withUnsafeBufferPointer { values in
                        for s in 0..<samples.count {
                            let value = values[s * width + si]
                            if value == 0 { continue }
                            var c = Cursor(value: value, low: Int32(offs[s]), stack: Int32(offs[s + 1]), line: 0)
                            advanceToLocation(&c, stacks, locStart, locCount)
                            out.initializeElement(at: n, to: c)
                            n += 1
                        }
                    }
                }
            }
        }
        return n
    }

    /// Moves `c` to the outermost frame of the next valid location towards the leaf
    /// (`c.stack` is one past the current slot on entry).
    @inline(__always)
    static func advanceToLocation(_ c: inout Cursor, _ stacks: UnsafeBufferPointer<Int32>, _ locStart: UnsafeBufferPointer<Int32>, _ locCount: Int) {
        var i = c.stack - 1
        while i >= c.low {
            let l = stacks[Int(i)]
            if l >= 0 && Int(l) < locCount && locStart[Int(l) + 1] > locStart[Int(l)] {
                c.stack = i
                c.line = locStart[Int(l) + 1] - 1
                return
            }
            i -= 1
        }
        c.stack = c.low - 1
    }

    /// The node identity of one frame of a location, `line` (nil for a location without
    /// lines), as pprof's `NodeInfo` for a non-list report: no binary names unless the frame
    /// has no function name.
    static func nodeInfo(_ loc: Location, _ line: Line?, _ p: Profile, _ r: Report, _ files: inout [String?]) -> NodeInfo {
        var objfile = ""
        if loc.mapping >= 0 && Int(loc.mapping) < p.mappings.count { objfile = p.mappings[Int(loc.mapping)].file }
        guard let line, line.function >= 0 && Int(line.function) < p.functions.count else {
            return NodeInfo(address: loc.address, objfile: objfile)
        }
        let fi = Int(line.function)
        let fn = p.functions[fi]
        let file: String
        if let f = files[fi] {
            file = f
        } else {
            file = fn.filename.isEmpty ? "" : trimPath(fn.filename, trimPath: r.options.trimPath, searchPath: r.options.sourcePath)
            files[fi] = file
        }
        var info = NodeInfo(name: fn.name, address: loc.address, file: file, lineno: Int(truncatingIfNeeded: line.line))
        if info.name.isEmpty {
            info.objfile = objfile
            info.startLine = Int(truncatingIfNeeded: fn.startLine)
        }
        return info
    }
}
