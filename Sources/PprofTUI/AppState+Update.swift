import GoRegex
import PprofModel
import PprofReports

/// What changed in the aggregate, for the panes that show it.
enum AggregateChange {
    /// A rebuild replaced `previous` (its Tree half may follow).
    case replaced(previous: ProfileView?)
    /// The Tree's half of the current aggregate came in.
    case treeAdded
}

extension AppState {
    /// The pure state transition: the runner feeds events in and performs the returned effects.
    package static func update(_ state: AppState, _ event: AppEvent) -> (AppState, [Effect]) {
        var s = state
        let effects = s.handle(event)
        return (s, effects)
    }

    /// Effects to run when the app starts: the first aggregation.
    package mutating func start() -> [Effect] {
        detectMyCode()
        return loadPhase == nil ? [requestRebuild()] : []
    }

    /// Rebuild after an option change: from the live snapshot in live mode.
    mutating func rebuildForOptions() -> Effect {
        live?.ring.selected == nil ? requestRebuild() : requestLiveRebuild()
    }

    /// Handles one event, then lets the current pane ask for what it needs to show anything
    /// (the Flame's frames when it is on screen without them).
    package mutating func handle(_ event: AppEvent) -> [Effect] {
        var fx = handleEvent(event)
        fx += pane.model.whileShown(&self)
        // Keys typed while the pane was being built, in order, as soon as it can take them.
        while !pendingKeys.isEmpty, pane.model.ready(self) {
            fx += handleKey(pendingKeys.removeFirst(), queued: true)
            fx += pane.model.whileShown(&self)
        }
        return fx
    }

    /// Keys kept while a pane builds (a bound, so a pane that never gets ready cannot hoard).
    static let maxPendingKeys = 64

    mutating func handleEvent(_ event: AppEvent) -> [Effect] {
        switch event {
        case .resize(let w, let h):
            layout = ScreenLayout(width: w, height: h)
            clampAll()
            return []
        case .live(let e):
            return handleLive(e)
        case .loadProgress(let phase, let fraction):
            loadPhase = (phase, max(0, min(1, fraction)))
            return []
        case .diffSidesLoaded(let p):
            diffSides = p
            return []
        case .sourceSidesLoaded(let node, let sides):
            if node == source.node { source.sides = sides }
            return []
        case .seriesLoaded(let points):
            series = points
            return []
        case .growthReady(let gen, let result):
            GrowthPane.take(&self, generation: gen, result)
            return []
        case .fullLoadDeferred(let full):
            session.fullLoad = full
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
            let previous = aggregate
            aggregate = v
            aggregateGeneration = gen
            loading = false
            return aggregateChanged(.replaced(previous: previous))
        case .topLabelsReady(let gen, let labels):
            guard gen == aggregateGeneration, var v = aggregate else { return [] }
            aggregate = nil  // one owner of the rows while they are edited
            v.setInlineLabels(labels)
            aggregate = v
            return []
        case .treeReady(let gen, let t):
            guard gen == aggregateGeneration, var v = aggregate, !v.treeReady else { return [] }
            aggregate = nil  // one owner of the aggregate's arrays while they are replaced
            ViewBuilder.apply(t, to: &v)
            aggregate = v
            return aggregateChanged(.treeAdded)
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
                OutputPane.show(&self, title: line, text: text)
                status = ""
            case .message(let m): status = m
            case .error(let m): status = "error: " + m
            case .quit:
                quitting = true
                return [.quit]
            case .none:
                // An option set: the rebuild's progress shows instead of "running: …".
                status = ""
            }
            if configChanged { fx.append(rebuildForOptions()) }
            return fx
        case .sourceLoaded(let node, let rows, let error):
            return SourcePane.loaded(&self, node: node, rows: rows, error: error)
        case .assemblyLoaded(let node, let rows, let error):
            return SourcePane.assemblyLoaded(&self, node: node, rows: rows, error: error)
        case .flameReady(let gen, let built):
            FlamePane.take(&self, generation: gen, built)
            return []
        case .sandwichReady(let count):
            SandwichPane.take(&self, count)
            return []
        case .tagsReady(let gen, let rows):
            TagsPane.take(&self, generation: gen, rows)
            return []
        case .externalDone(let message):
            status = message
            return []
        case .mouse(let m):
            return handleMouse(m)
        case .key(.alt(let c)) where !(mode == .prompt && PromptKeys.action(for: .alt(c)) != nil):
            // An Alt key nothing binds is the Esc and the key typed quickly after it.
            return handleEvent(.key(.escape)) + handleEvent(.key(.char(c)))
        case .key(let k):
            return handleKey(k)
        }
    }

    /// Every pane takes in the new aggregate, then selections are kept on their rows.
    mutating func aggregateChanged(_ change: AggregateChange) -> [Effect] {
        var fx: [Effect] = []
        for p in Pane.allCases {
            let m = p.model
            fx += m.aggregateChanged(&self, change)
        }
        clampAll()
        return fx
    }

    /// `queued`: a key taken from `pendingKeys`, applied now that the pane is ready.
    mutating func handleKey(_ k: Key, queued: Bool = false) -> [Effect] {
        switch mode {
        case .prompt: return handlePromptKey(k)
        case .search: return handleSearchKey(k)
        case .help:
            let at = HelpOverlay.scroll(KeyMap.action(for: k), top: helpScroll, left: helpLeft, layout: layout)
            if let at { (helpScroll, helpLeft) = at } else { mode = .normal }
            return []
        case .normal:
            guard let action = KeyMap.action(for: k) else { return [] }
            if !queued, !pendingKeys.isEmpty || !pane.model.ready(self) {
                // Leaving the pane (or quitting) never waits, and drops the keys meant for it;
                // other keys wait for the pane still being built, in order.
                guard action.skipsQueue else {
                    if pendingKeys.count < Self.maxPendingKeys { pendingKeys.append(k) }
                    return []
                }
                pendingKeys.removeAll()
            }
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
        let m = pane.model
        let page = layout.visibleRows
        if let fx = m.perform(&self, action) { return fx }
        switch action {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: move(-page)
        case .pageDown: move(page)
        case .halfUp: move(-max(1, page / 2))
        case .halfDown: move(max(1, page / 2))
        case .first: move(Int.min / 2)
        case .last: move(Int.max / 2)
        case .left: m.sideways(&self, by: -1)
        case .right: m.sideways(&self, by: 1)
        case .nextPane, .prevPane:
            let cycle = Pane.tabs + extraTabs
            let i = cycle.firstIndex(of: pane) ?? 0
            let next = cycle[(i + (action == .nextPane ? 1 : cycle.count - 1)) % cycle.count]
            return switchPane(next)
        case .show(let p): return switchPane(p)
        case .enter: return m.enter(&self)
        case .back: goBack()
        case .cancel:
            // Esc never navigates: it drops what is pending or shown, most recent first.
            if !pendingKeys.isEmpty {
                pendingKeys.removeAll()
                status = "waiting keys dropped"
            } else if searchRegex != nil {
                search = ""
                searchRegex = nil
                status = "search cleared"
            } else {
                status = "Esc cancels; Backspace goes back"
            }
        case .forward:
            if let e = forward.popLast() {
                back.append(navEntry)
                return restore(e)
            }
        case .search:
            mode = .search
            searchInput = ""
        case .searchNext: searchStep(1)
        case .searchPrev: searchStep(-1)
        case .focus, .ignore, .hide:
            guard let name = selectedNodeName else {
                status = "nothing selected"
                return []
            }
            guard let target = filterTarget(of: name) else {
                status = "no function or file name to filter by in \(name)"
                return []
            }
            let re = "^" + GoRegex.quoteMeta(target) + "$"
            let option: String
            switch action {
            case .focus:
                session.config.focus = re
                option = "focus"
            case .ignore:
                session.config.ignore = re
                option = "ignore"
            default:
                session.config.hide = re
                option = "hide"
            }
            status = option + "=" + re
            return [rebuildForOptions()]
        case .reset:
            session.config.focus = ""
            session.config.ignore = ""
            session.config.hide = ""
            session.config.show = ""
            session.config.tagFocus = ""
            session.config.tagIgnore = ""
            session.config.mine = ""
            session.config.mineHidesOwn = false
            status = "filters reset"
            return [rebuildForOptions()]
        case .sampleType:
            let types = session.profile.sampleTypes.map(\.type)
            guard !types.isEmpty else { return [] }
            let cur = aggregate?.sampleType ?? ""
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
        case .editor: return SourcePane.edit(&self)
        case .assembly: return SourcePane.toggleAssembly(&self)
        case .diffSizing: FlamePane.toggleSizing(&self)
        case .help:
            mode = .help
            helpScroll = 0
            helpLeft = 0
        case .prompt:
            mode = .prompt
            prompt.open()
        case .quit:
            quitting = true
            return [.quit]
        case .liveRefresh, .livePause, .snapshotBack, .snapshotForward, .liveDelta, .liveCompare:
            return performLive(action)
        case .mark: move(page)
        case .tagRoot, .tagLeaf: status = "pick tagroot and tagleaf keys in the Tags pane (7)"
        case .mineOnly: return toggleMine(hideOwn: false)
        case .mineHidden: return toggleMine(hideOwn: true)
        }
        return []
    }

    /// What a filter on the node named `name` matches: its function name (pprof's filters
    /// match function and file names, never the row text of the lines, filefunctions or
    /// addresses granularity), or at files granularity its file.
    func filterTarget(of name: String) -> String? {
        guard let v = aggregate else { return nil }
        let info = v.peekIndex[name].map { v.peek.nodes[$0].info }
        if let fn = info?.name ?? v.functionNames[name], !fn.isEmpty { return fn }
        if let file = info?.file, !file.isEmpty { return file }
        return session.config.granularity == "files" ? name : nil
    }

    /// The node the selection points at, whatever the pane.
    package var selectedNodeName: String? { pane.model.selectedNode(self) }

    // MARK: navigation

    mutating func switchPane(_ p: Pane) -> [Effect] {
        guard p != pane else { return [] }
        let target = selectedNodeName
        navigate(to: p)
        let m = p.model
        return m.show(&self, target: target)
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
        let m = e.pane.model
        let fx = m.restore(&self, e)
        clampAll()
        return fx
    }

    // MARK: movement

    mutating func move(_ delta: Int) {
        let m = pane.model
        m.move(&self, by: delta)
        clampAll()
    }

    /// Keeps every pane's selection inside its rows and visible in the pane body.
    mutating func clampAll() {
        for p in Pane.allCases {
            let m = p.model
            m.clamp(&self)
        }
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

