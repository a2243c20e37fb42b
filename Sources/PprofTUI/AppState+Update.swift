import GoRegex
import PprofModel
import PprofReports

extension AppState {
    /// The pure state transition: the runner feeds events in and performs the returned effects.
    package static func update(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
        var s = state
        let effects = s.handle(event)
        return (s, effects)
    }

    /// Effects to run when the app starts: the first aggregation.
    package mutating func start() -> [Effect] { loadPhase == nil ? [requestRebuild()] : [] }

    /// Rebuild after an option change: from the live snapshot in live mode.
    mutating func rebuildForOptions() -> Effect {
        live?.ring.selected == nil ? requestRebuild() : requestLiveRebuild()
    }

    /// Handles one event, then asks for the Flame's frames when it is on screen without them.
    package mutating func handle(_ event: AppEvent) -> [Effect] {
        var fx = handleEvent(event)
        if let e = requestFlame() { fx.append(e) }
        return fx
    }

    /// A build of the Flame's frames for the current zoom root, when the Flame is shown and
    /// they were built for another root or not at all (a new view starts without them), and
    /// that build is not already under way. It runs off the main loop: seconds on a large profile.
    mutating func requestFlame() -> Effect? {
        guard pane == .flame, let v = view, v.flameZoom != flame.root else { return nil }
        if let r = flameRequest, r.generation == viewGeneration, r.zoom == flame.root { return nil }
        flameRequest = (viewGeneration, flame.root)
        return .buildFlame(generation: viewGeneration, zoom: flame.root, view: v)
    }

    /// Takes in built Flame frames: those of another view are dropped, those of another zoom
    /// root keep only the view's name index (the frames of the current root are asked for anew).
    mutating func takeFlame(generation gen: Int, _ built: FlameFrames) {
        if let r = flameRequest, r.generation == gen, r.zoom == built.zoom { flameRequest = nil }
        guard gen == viewGeneration, var v = view else { return }
        view = nil  // one owner of the view's arrays while they are replaced
        if built.zoom == flame.root {
            FlameBuilder.apply(built, to: &v)
        } else if v.flameIndex == nil {
            v.flameIndex = built.index
        }
        view = v
        keepFlameSelectionUnderRoot()
    }

    /// The selected frame must exist and lie under the zoom root; else the root is selected.
    mutating func keepFlameSelectionUnderRoot() {
        guard flameCurrent else { return }
        if resolveFrame(flame.selected).map({ !isUnder($0, root: resolveFrame(flame.root) ?? 0) }) ?? true {
            flame.selected = flame.root
        }
    }

    mutating func handleEvent(_ event: AppEvent) -> [Effect] {
        switch event {
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
            clampAll()
            return []
        case .live(let e):
            return handleLive(e)
        case .loadProgress(let phase, let fraction):
            loadPhase = (phase, max(0, min(1, fraction)))
            return []
        case .profileLoaded(let p):
            loadPhase = nil
            session.profile = p
            return [requestRebuild()]
        case .loadFailed(let message):
            loadPhase = nil
            status = "error: " + message
            return []
        case .tick(let t):
            now = t
            return []
        case .liveViewReady(let gen, let profile, let v):
            guard gen == generation else { return [] }
            session.profile = profile
            return handleEvent(.viewReady(generation: gen, v))
        case .viewReady(let gen, let v):
            guard gen == generation else { return [] }
            let keep = selectedTopName
            view = v
            viewGeneration = gen
            loading = false
            if let keep, let i = v.nodeIndex(named: keep) { top.selection = i }
            if v.treeReady { refreshTreeRows() }
            clampAll()
            // The listing depends on the options too: refresh it in place.
            if let n = source.node { return reloadSource(n) }
            return []
        case .treeReady(let gen, let t):
            guard gen == viewGeneration, var v = view, !v.treeReady else { return [] }
            view = nil  // one owner of the view's arrays while they are replaced
            ViewBuilder.apply(t, to: &v)
            view = v
            refreshTreeRows()
            clampAll()
            return []
        case .viewFailed(let gen, let message):
            guard gen == generation else { return [] }
            loading = false
            status = "error: " + message
            return []
        case .commandFinished(let line, let outcome, let newSession):
            let configChanged = newSession.config != session.config
            session = newSession
            var fx: [Effect] = []
            switch outcome {
            case .output(let text):
                navigate(to: .output)
                output = OutputState(title: line, lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), scroll: 0)
                if output.lines.last == "" { output.lines.removeLast() }
                status = ""
            case .message(let m): status = m
            case .error(let m): status = "error: " + m
            case .quit:
                quitting = true
                return [.quit]
            case .none: break
            }
            if configChanged { fx.append(rebuildForOptions()) }
            return fx
        case .sourceLoaded(let node, let rows, let error):
            guard node == source.node else { return [] }
            let reload = source.rows != nil
            let keepLine = sourceLine(at: source.cursor)
            source.rows = rows
            source.missing = error
            if reload, let keepLine, let i = rows?.firstIndex(where: { Self.lineKey($0).map { $0.0 == keepLine.0 && $0.1 == keepLine.1 } ?? false }) {
                source.cursor = i
                clampAll()
            } else if let hot = hottestRow() {
                setSourceCursor(hot, center: true)
            }
            return []
        case .profileReplaced(let profile, let note):
            session.profile = profile
            status = note
            return [rebuildForOptions()]
        case .flameReady(let gen, let built):
            takeFlame(generation: gen, built)
            return []
        case .externalDone(let message):
            status = message
            return []
        case .mouse(let m):
            return handleMouse(m)
        case .key(let k):
            if prompt.active { return handlePromptKey(k) }
            if searchInput != nil { return handleSearchKey(k) }
            if showHelp {
                switch KeyMap.action(for: k) {
                case .down: helpScroll += 1
                case .up: helpScroll = max(0, helpScroll - 1)
                case .pageDown: helpScroll += bodyHeight
                case .pageUp: helpScroll = max(0, helpScroll - bodyHeight)
                case .quit: showHelp = false
                default: showHelp = false
                }
                return []
            }
            guard let action = KeyMap.action(for: k) else { return [] }
            return perform(action)
        }
    }

    package mutating func requestRebuild() -> Effect {
        generation += 1
        loading = true
        return .rebuild(generation: generation, session: session)
    }

    // MARK: actions

    mutating func perform(_ action: Action) -> [Effect] {
        switch action {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: move(-bodyHeight)
        case .pageDown: move(bodyHeight)
        case .halfUp: move(-max(1, bodyHeight / 2))
        case .halfDown: move(max(1, bodyHeight / 2))
        case .first: move(Int.min / 2)
        case .last: move(Int.max / 2)
        case .left: flameSideways(-1)
        case .right: flameSideways(1)
        case .nextPane, .prevPane:
            let cycle: [Pane] = [.top, .source, .tree, .flame]
            let i = cycle.firstIndex(of: pane) ?? 0
            let next = cycle[(i + (action == .nextPane ? 1 : cycle.count - 1)) % cycle.count]
            return switchPane(next)
        case .paneTop: return switchPane(.top)
        case .paneSource: return switchPane(.source)
        case .paneTree: return switchPane(.tree)
        case .paneFlame: return switchPane(.flame)
        case .enter: return drillDown()
        case .back: goBack()
        case .forward:
            if let e = forward.popLast() {
                back.append(navEntry)
                return restore(e)
            }
        case .search: searchInput = ""
        case .searchNext: searchStep(1)
        case .searchPrev: searchStep(-1)
        case .focus, .ignore, .hide:
            guard let name = selectedNodeName else {
                status = "nothing selected"
                return []
            }
            let re = "^" + goRegexEscape(name) + "$"
            switch action {
            case .focus: session.config.focus = re
            case .ignore: session.config.ignore = re
            default: session.config.hide = re
            }
            status = "\(action.rawValue)=\(re)"
            return [rebuildForOptions()]
        case .reset:
            session.config.focus = ""
            session.config.ignore = ""
            session.config.hide = ""
            session.config.show = ""
            session.config.tagFocus = ""
            session.config.tagIgnore = ""
            status = "filters reset"
            return [rebuildForOptions()]
        case .sampleType:
            let types = session.profile.sampleTypes.map(\.type)
            guard !types.isEmpty else { return [] }
            let cur = view?.sampleType ?? ""
            let i = types.firstIndex(of: cur) ?? -1
            session.config.sampleIndex = types[(i + 1) % types.count]
            status = "sample_index=" + session.config.sampleIndex
            return [rebuildForOptions()]
        case .granularity:
            let all = ["functions", "filefunctions", "files", "lines"]
            let i = all.firstIndex(of: session.config.granularity) ?? -1
            session.config.granularity = all[(i + 1) % all.count]
            status = "granularity=" + session.config.granularity
            return [rebuildForOptions()]
        case .sort:
            session.config.sort = byCum ? "flat" : "cum"
            status = "sort=" + session.config.sort
            return [rebuildForOptions()]
        case .editor:
            guard pane == .source, let (file, line) = sourceLine(at: source.cursor) else {
                status = "open a source file first (Enter on a function)"
                return []
            }
            return [.openEditor(file: file, line: line)]
        case .help:
            showHelp = true
            helpScroll = 0
        case .prompt:
            prompt.active = true
            prompt.buffer = ""
            prompt.historyIndex = nil
        case .quit:
            quitting = true
            return [.quit]
        case .liveRefresh, .livePause, .snapshotBack, .snapshotForward, .liveDelta, .liveCompare:
            return performLive(action)
        }
        return []
    }

    /// The node the selection points at, whatever the pane.
    package var selectedNodeName: String? {
        switch pane {
        case .top, .output: return selectedTopName
        case .source: return source.node
        case .tree:
            let rows = treeRows()
            guard tree.selection >= 0, tree.selection < rows.count else { return tree.center }
            return rows[tree.selection].name
        case .flame:
            guard let v = view, let f = resolveFrame(flame.selected), f > 0 else { return nil }
            return v.frameName(f)
        }
    }

    mutating func switchPane(_ p: Pane) -> [Effect] {
        guard p != pane else { return [] }
        let target = selectedNodeName
        navigate(to: p)
        switch p {
        case .source:
            if let target, target != source.node { return openSource(target) }
        case .tree:
            if let target, target != tree.center { center(on: target) }
        default: break
        }
        return []
    }

    mutating func navigate(to p: Pane) {
        back.append(navEntry)
        if back.count > 100 { back.removeFirst(back.count - 100) }
        forward.removeAll()
        pane = p
    }

    mutating func goBack() {
        guard let e = back.popLast() else {
            status = "no earlier view"
            return
        }
        forward.append(navEntry)
        _ = restore(e)
    }

    mutating func restore(_ e: NavEntry) -> [Effect] {
        pane = e.pane
        switch e.pane {
        case .top:
            if let n = e.node, let i = view?.nodeIndex(named: n) { top.selection = i }
        case .source:
            if let n = e.node, n != source.node { return openSource(n) }
        case .tree:
            if let n = e.node { center(on: n) }
        case .flame:
            flame.root = e.flameRoot
            // Checked now when the frames are those of this root, else when they arrive.
            keepFlameSelectionUnderRoot()
        case .output: break
        }
        clampAll()
        return []
    }

    mutating func drillDown() -> [Effect] {
        switch pane {
        case .top:
            guard let n = selectedTopName else { return [] }
            navigate(to: .source)
            return openSource(n)
        case .source:
            guard let n = source.node else { return [] }
            navigate(to: .tree)
            center(on: n)
        case .tree:
            guard let n = selectedNodeName, n != tree.center else { return [] }
            navigate(to: .tree)
            center(on: n)
        case .flame:
            guard flameCurrent, let f = resolveFrame(flame.selected), f > 0 else { return [] }
            navigate(to: .flame)
            flame.root = flame.selected
        case .output: break
        }
        return []
    }

    mutating func openSource(_ name: String) -> [Effect] {
        source = SourceState(node: name)
        return reloadSource(name)
    }

    /// Asks for `list` of the node's function; keeps the rows shown until the new ones arrive.
    mutating func reloadSource(_ name: String) -> [Effect] {
        guard let v = view, let function = v.peekIndex[name].map({ v.peek.nodes[$0].info.name }) ?? v.functionNames[name]
        else {
            source.missing = "\(name) is not in the current view"
            return []
        }
        if function.isEmpty {
            source.missing = "no function name for \(name) at granularity \(session.config.granularity)"
            return []
        }
        source.function = function
        return [.loadSource(node: name, function: function, session: session)]
    }

    /// The Tree rows for a new graph, keeping the selected row where it still exists.
    mutating func refreshTreeRows() {
        let keepRow = tree.selection < tree.rows.count ? tree.rows[tree.selection] : nil
        tree.rows = computeTreeRows()
        if let keepRow, let i = tree.rows.firstIndex(where: { $0.kind == keepRow.kind && $0.name == keepRow.name }) {
            tree.selection = i
        } else if keepRow == nil, let i = tree.rows.firstIndex(where: { $0.kind == .center }) {
            tree.selection = i
        }
    }

    package mutating func center(on name: String) {
        tree.center = name
        tree.rows = computeTreeRows()
        tree.selection = view.flatMap { v in v.peekIndex[name].map { v.peek.nodes[$0].inEdges.count } } ?? 0
        tree.scroll = 0
        clampAll()
    }

    // MARK: rows and movement

    package enum TreeRowKind: Sendable { case caller, center, callee }

    /// One Tree row: a caller or callee edge of the centre (pprof's `peek` lines), or the
    /// centre itself (weight = its cum).
    package struct TreeRow: Sendable, Equatable {
        package var kind: TreeRowKind
        package var name: String
        package var weight: Int64
        package var inline: Bool
    }

    /// Tree pane rows (computed when centring and when the view changes).
    package func treeRows() -> [TreeRow] { tree.rows }

    /// Tree pane rows in `peek`'s order: callers, the centre, callees.
    func computeTreeRows() -> [TreeRow] {
        guard let v = view, let c = tree.center, let i = v.peekIndex[c] else { return [] }
        let g = v.peek
        var rows = g.sortedInEdges(of: i).map { e in
            TreeRow(kind: .caller, name: v.peekNames[g.edges[e].src], weight: g.edges[e].weight, inline: g.edges[e].inline)
        }
        rows.append(TreeRow(kind: .center, name: c, weight: g.nodes[i].cumValue(), inline: false))
        rows += g.sortedOutEdges(of: i).map { e in
            TreeRow(kind: .callee, name: v.peekNames[g.edges[e].dest], weight: g.edges[e].weight, inline: g.edges[e].inline)
        }
        return rows
    }

    /// The Source row with the most flat (then cum) cost, first of equals.
    func hottestRow() -> Int? {
        guard let rows = source.rows else { return nil }
        var best: (row: Int, flat: UInt64, cum: UInt64)?
        for (i, r) in rows.enumerated() {
            guard case .line(_, _, let f, let c, _, _, _) = r, f != 0 || c != 0 else { continue }
            if let b = best, (f.magnitude, c.magnitude) <= (b.flat, b.cum) { continue }
            best = (i, f.magnitude, c.magnitude)
        }
        return best?.row
    }

    /// File and line number of a Source row, if it is a source line.
    func sourceLine(at i: Int) -> (String, Int)? {
        guard let rows = source.rows, i >= 0, i < rows.count else { return nil }
        return Self.lineKey(rows[i])
    }

    static func lineKey(_ r: SourceRow) -> (String, Int)? {
        if case .line(let file, let lineno, _, _, _, _, _) = r { return (file, lineno) }
        return nil
    }

    mutating func setSourceCursor(_ i: Int, center: Bool) {
        let count = source.rows?.count ?? 0
        source.cursor = max(0, min(i, count - 1))
        if center { source.scroll = max(0, source.cursor - (bodyHeight - 1) / 2) }
        clampAll()
    }

    mutating func move(_ delta: Int) {
        func step(_ v: Int, _ count: Int) -> Int {
            let (sum, overflow) = v.addingReportingOverflow(delta)
            return max(0, min(overflow ? (delta > 0 ? count - 1 : 0) : sum, count - 1))
        }
        switch pane {
        case .top: top.selection = step(top.selection, view?.nodes.count ?? 0)
        case .source: source.cursor = step(source.cursor, source.rows?.count ?? 0)
        case .tree: tree.selection = step(tree.selection, treeRows().count)
        case .output: output.scroll = step(output.scroll, max(1, output.lines.count - bodyHeight + 1))
        case .flame: flameVertical(delta)
        }
        clampAll()
    }

    /// Keeps every selection inside its rows and visible in the pane body.
    mutating func clampAll() {
        let h = max(1, bodyHeight - 1)  // one header row per pane
        func visible(_ sel: Int, _ scroll: Int) -> Int {
            if sel < scroll { return sel }
            if sel >= scroll + h { return sel - h + 1 }
            return max(0, scroll)
        }
        let n = view?.nodes.count ?? 0
        top.selection = max(0, min(top.selection, n - 1))
        top.scroll = visible(top.selection, top.scroll)
        let lines = source.rows?.count ?? 0
        source.cursor = max(0, min(source.cursor, lines - 1))
        source.scroll = max(0, min(visible(source.cursor, source.scroll), max(0, lines - 1)))
        let rows = treeRows().count
        tree.selection = max(0, min(tree.selection, rows - 1))
        tree.scroll = visible(tree.selection, tree.scroll)
        output.scroll = max(0, min(output.scroll, max(0, output.lines.count - 1)))
    }

    // MARK: flame navigation

    /// Frame index of a name path from the root (nil when it no longer exists).
    package func resolveFrame(_ path: [String]) -> Int? {
        guard let v = view, !v.frames.isEmpty else { return nil }
        var f = 0
        for name in path {
            guard let next = v.frames[f].children.first(where: { v.frameName($0) == name }) else { return nil }
            f = next
        }
        return f
    }

    func framePath(_ f: Int) -> [String] {
        guard let v = view else { return [] }
        var path: [String] = []
        var cur = f
        while cur > 0 {
            path.append(v.frameName(cur))
            cur = v.frames[cur].parent
        }
        return path.reversed()
    }

    func isUnder(_ f: Int, root: Int) -> Bool {
        guard let v = view else { return false }
        var cur = f
        while cur >= 0 {
            if cur == root { return true }
            cur = v.frames[cur].parent
        }
        return false
    }

    mutating func flameVertical(_ delta: Int) {
        guard flameCurrent, let v = view, let sel = resolveFrame(flame.selected) else { return }
        let root = resolveFrame(flame.root) ?? 0
        var f = sel
        if delta < 0 {
            for _ in 0..<min(-delta, 1000) where f != root && v.frames[f].parent >= 0 { f = v.frames[f].parent }
        } else {
            for _ in 0..<min(delta, 1000) {
                guard let widest = v.frames[f].children.max(by: { v.frames[$0].cum.magnitude < v.frames[$1].cum.magnitude }) else { break }
                f = widest
            }
        }
        flame.selected = framePath(f)
    }

    mutating func flameSideways(_ delta: Int) {
        guard pane == .flame, let sel = resolveFrame(flame.selected) else { return }
        let boxes = FlameLayout.layout(self)
        guard let mine = boxes.first(where: { $0.frame == sel }) else { return }
        let row = boxes.filter { $0.row == mine.row }.sorted { $0.x < $1.x }
        guard let i = row.firstIndex(where: { $0.frame == sel }) else { return }
        let j = i + delta
        if j >= 0, j < row.count { flame.selected = framePath(row[j].frame) }
    }

    // MARK: search

    mutating func handleSearchKey(_ k: Key) -> [Effect] {
        switch k {
        case .escape:
            searchInput = nil
        case .backspace:
            if searchInput?.isEmpty ?? true { searchInput = nil } else { searchInput?.removeLast() }
        case .enter:
            let text = searchInput ?? ""
            searchInput = nil
            if text.isEmpty {
                search = ""
                searchRegex = nil
                status = "search cleared"
                return []
            }
            do {
                searchRegex = try GoRegex(text)
                search = text
            } catch {
                status = "bad regex: \(error)"
                return []
            }
            status = searchSummary()
            searchStep(0)
        case .char(let c): searchInput?.append(c)
        default: break
        }
        return []
    }

    /// "/re/: 3 matches, 42.00% of total flat" — how much of the profile the search covers.
    func searchSummary() -> String {
        guard let v = view, let re = searchRegex else { return "" }
        var count = 0
        var flat: Int64 = 0
        for n in v.nodes where re.matches(n.name) {
            count += 1
            flat &+= n.flat
        }
        return "/\(search)/: \(count) match\(count == 1 ? "" : "es"), flat \(v.format(flat)) (\(v.percent(flat).trimmingLeadingSpaces) of total)"
    }

    mutating func searchStep(_ dir: Int) {
        if pane == .source {
            costlyLineStep(dir == 0 ? 1 : dir)
            return
        }
        guard let v = view, let re = searchRegex else {
            if dir != 0 { status = "no search: press / first" }
            return
        }
        switch pane {
        case .top, .output:
            guard let i = nextMatch(count: v.nodes.count, from: top.selection, dir: dir, { re.matches(v.nodes[$0].name) }) else {
                status = "no match for /\(search)/"
                return
            }
            if pane == .output { pane = .top }
            top.selection = i
        case .tree:
            let rows = treeRows()
            guard let i = nextMatch(count: rows.count, from: tree.selection, dir: dir, { re.matches(rows[$0].name) }) else { return }
            tree.selection = i
        case .flame:
            let boxes = FlameLayout.layout(self).sorted { ($0.row, $0.x) < ($1.row, $1.x) }
            let sel = resolveFrame(flame.selected)
            let cur = boxes.firstIndex { $0.frame == sel } ?? 0
            guard let i = nextMatch(count: boxes.count, from: cur, dir: dir, { re.matches(v.frameName(boxes[$0].frame)) }) else { return }
            flame.selected = framePath(boxes[i].frame)
        case .source: break
        }
        clampAll()
    }

    /// Source pane n/N: next/previous line with any cost.
    mutating func costlyLineStep(_ dir: Int) {
        guard let rows = source.rows else { return }
        let costly = rows.indices.filter { rows[$0].isCostly }
        let cur = source.cursor
        let target = dir > 0 ? costly.first { $0 > cur } ?? costly.first : costly.last { $0 < cur } ?? costly.last
        if let t = target { setSourceCursor(t, center: false) }
    }

    func nextMatch(count: Int, from: Int, dir: Int, _ match: (Int) -> Bool) -> Int? {
        guard count > 0 else { return nil }
        let d = dir < 0 ? -1 : 1
        let start = dir == 0 ? 0 : 1
        for k in start..<(count + start) {
            let i = ((from + d * k) % count + count) % count
            if match(i) { return i }
        }
        return nil
    }

    // MARK: mouse

    mutating func handleMouse(_ m: MouseEvent) -> [Effect] {
        switch m {
        case .wheelUp: move(-3)
        case .wheelDown: move(3)
        case .click(let x, let y):
            let bodyRow = y - 2  // title row + pane header row
            switch pane {
            case .top:
                if bodyRow >= 0 { top.selection = top.scroll + bodyRow }
            case .source:
                if bodyRow >= 0 { source.cursor = source.scroll + bodyRow }
            case .tree:
                if bodyRow >= 0 { tree.selection = tree.scroll + bodyRow }
            case .flame:
                if let b = FlameLayout.layout(self).first(where: { $0.row + 2 == y && x >= $0.x && x < $0.x + $0.width }) {
                    flame.selected = framePath(b.frame)
                }
            case .output: break
            }
            clampAll()
        }
        return []
    }

    // MARK: prompt

    mutating func handlePromptKey(_ k: Key) -> [Effect] {
        switch k {
        case .escape:
            prompt.active = false
        case .backspace:
            if prompt.buffer.isEmpty { prompt.active = false } else { prompt.buffer.removeLast() }
        case .enter:
            let line = prompt.buffer
            prompt.active = false
            prompt.buffer = ""
            prompt.historyIndex = nil
            if !line.trimmingLeadingSpaces.isEmpty, prompt.history.last != line { prompt.history.append(line) }
            if line.trimmingLeadingSpaces.isEmpty { return [] }
            status = "running: " + line
            return [.runCommand(line: line, session: session)]
        case .up:
            guard !prompt.history.isEmpty else { return [] }
            let i = max(0, (prompt.historyIndex ?? prompt.history.count) - 1)
            prompt.historyIndex = i
            prompt.buffer = prompt.history[i]
        case .down:
            guard let i = prompt.historyIndex else { return [] }
            if i + 1 < prompt.history.count {
                prompt.historyIndex = i + 1
                prompt.buffer = prompt.history[i + 1]
            } else {
                prompt.historyIndex = nil
                prompt.buffer = ""
            }
        case .tab:
            complete()
        case .char(let c):
            prompt.buffer.append(c)
        default: break
        }
        return []
    }

    /// Tab completion: the first word from the command table, later words from function names.
    mutating func complete() {
        let parts = prompt.buffer.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let word = parts.last ?? ""
        var candidates: [String]
        if parts.count <= 1 {
            candidates = CommandTable.completions(prefix: word, sampleTypes: session.profile.sampleTypes.map(\.type))
        } else {
            candidates = (view?.nodes.map(\.name) ?? []).filter { $0.hasPrefix(word) }.sorted()
        }
        guard !candidates.isEmpty else {
            status = "no completion"
            return
        }
        var common = candidates[0]
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        let head = parts.dropLast().joined(separator: " ")
        if common.count > word.count {
            prompt.buffer = (head.isEmpty ? "" : head + " ") + common
        }
        status = candidates.count == 1 ? "" : candidates.prefix(8).joined(separator: "  ") + (candidates.count > 8 ? "  …" : "")
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

/// Quotes regex metacharacters (Go's regexp.QuoteMeta) so a name matches literally.
package func goRegexEscape(_ s: String) -> String {
    var out = ""
    for c in s {
        if "\\.+*?()|[]{}^$".contains(c) { out.append("\\") }
        out.append(c)
    }
    return out
}
