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

    // MARK: rows and movement

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
