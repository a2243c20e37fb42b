import GoRegex

extension Profile {
    /// pprof's `simplifyFunc`: drops one leading "." (PPC64 ELFv1) and cuts the name at the
    /// first "(" that does not start "(anonymous namespace)" or belong to "operator()".
    package static func simplifyFunctionName(_ name: String) -> String {
        var u = Substring(name).utf8
        if u.first == UInt8(ascii: ".") { u = u.dropFirst() }
        let anon = Array("(anonymous namespace)".utf8)
        let op = Array("operator()".utf8)
        var i = u.startIndex
        while i < u.endIndex {
            let rest = u[i...]
            if rest.starts(with: anon) {
                i = u.index(i, offsetBy: anon.count)
            } else if rest.starts(with: op) {
                i = u.index(i, offsetBy: op.count)
            } else if u[i] == UInt8(ascii: "(") {
                return String(decoding: u[u.startIndex..<i], as: UTF8.self)
            } else {
                i = u.index(after: i)
            }
        }
        return String(decoding: u, as: UTF8.self)
    }

    /// For each function: does `re` match its simplified name (false for unnamed functions).
    func simplifiedNameMatches(_ re: GoRegex, unless keep: GoRegex? = nil) -> [Bool] {
        functions.map { fn in
            guard !fn.name.isEmpty else { return false }
            let name = Self.simplifyFunctionName(fn.name)
            guard re.matches(name) else { return false }
            return !(keep?.matches(name) ?? false)
        }
    }

    /// pprof's `Prune`: removes each location whose outermost matching line is its outermost
    /// line, trims partially matching locations to the lines above the match, and cuts every
    /// stack at the first such location seen from the root after a non-matching ("user") frame.
    /// A line matches when `drop` matches its simplified function name and `keep` does not.
    package mutating func prune(drop: GoRegex, keep: GoRegex?) {
        let dropFn = simplifiedNameMatches(drop, unless: keep)
        // 0: untouched, 1: prune beneath (location trimmed, kept), 2: prune the location.
        var state = [UInt8](repeating: 0, count: locations.count)
        for li in locations.indices {
            let lines = locations[li].lines
            guard let i = lines.lastIndex(where: { lineMatches($0, dropFn) }) else { continue }
            if i == lines.count - 1 {
                state[li] = 2
            } else {
                state[li] = 1
                locations[li].lines = Array(lines[(i + 1)...])
            }
        }
        let locCount = locations.count
        samples.rewriteStacks { _, stack, out in
            var foundUser = false
            var i = stack.endIndex
            while i > stack.startIndex {
                i -= 1
                let l = stack[i]
                let s = l >= 0 && Int(l) < locCount ? state[Int(l)] : 0
                if s == 0 {
                    foundUser = true
                    continue
                }
                if !foundUser { continue }
                if s == 2 {
                    out.append(contentsOf: stack[(i + 1)...])
                } else {
                    out.append(contentsOf: stack[i...])
                }
                return true
            }
            out.append(contentsOf: stack)
            return true
        }
    }

    /// pprof's `RemoveUninteresting`: prunes with the profile's own drop_frames / keep_frames,
    /// each anchored as `^(...)$`; keep_frames is only used with drop_frames.
    /// - Throws: `failed to compile regexp <expr>: <error>`. (pprof's loader ignores this error.)
    package mutating func removeUninteresting() throws {
        guard !dropFrames.isEmpty else { return }
        let drop = try Self.anchored(dropFrames)
        let keep = keepFrames.isEmpty ? nil : try Self.anchored(keepFrames)
        prune(drop: drop, keep: keep)
    }

    private static func anchored(_ expr: String) throws -> GoRegex {
        do {
            return try GoRegex("^(" + expr + ")$")
        } catch {
            throw PprofError("failed to compile regexp \(expr): \(error.message)")
        }
    }

    /// pprof's `PruneFrom`: in each location, drops the lines beneath (inlined into) the first
    /// line whose simplified function name matches; cuts each stack so that the first such
    /// location from the leaf becomes the leaf.
    package mutating func pruneFrom(_ re: GoRegex) {
        let fnMatch = simplifiedNameMatches(re)
        var beneath = [Bool](repeating: false, count: locations.count)
        for li in locations.indices {
            let lines = locations[li].lines
            guard let i = lines.firstIndex(where: { lineMatches($0, fnMatch) }) else { continue }
            beneath[li] = true
            if i > 0 { locations[li].lines = Array(lines[i...]) }
        }
        let locCount = locations.count
        samples.rewriteStacks { _, stack, out in
            if let i = stack.firstIndex(where: { $0 >= 0 && Int($0) < locCount && beneath[Int($0)] }) {
                out.append(contentsOf: stack[i...])
            } else {
                out.append(contentsOf: stack)
            }
            return true
        }
    }
}
