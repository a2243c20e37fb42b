import Foundation
import PprofModel
import PprofReports

/// A key press, decoded by the backend into terminal-independent values.
package enum Key: Sendable, Hashable {
    case char(Character)
    /// Ctrl plus a letter, lower case (Ctrl-D = `.ctrl("d")`).
    case ctrl(Character)
    /// Alt (Meta) plus a character, as terminals send it: Esc then the character.
    case alt(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, backspace, escape, tab, backTab, delete
    case function(Int)

    /// Short name used by the hint bar, help and docs/KEYS.md.
    package var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .alt(let c): return "M-" + String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .backspace: return "Bksp"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }
}

package enum MouseEvent: Sendable, Equatable {
    case click(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

/// Everything the main loop reacts to. Background work reports back through these.
package enum AppEvent: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// Aggregation finished; stale generations are ignored.
    case viewReady(generation: Int, ProfileView)
    /// The inline labels of the Top rows of the same generation, row by row (posted after
    /// its `viewReady`, whose rows have none).
    case topLabelsReady(generation: Int, [String])
    /// The Tree half of the view of the same generation (posted after its `viewReady`).
    case treeReady(generation: Int, TreeGraph)
    case viewFailed(generation: Int, message: String)
    /// A prompt command finished; `session` carries option changes it made.
    case commandFinished(line: String, outcome: SessionOutcome, session: Session)
    /// The `list` rows of `node` (nil with a message when the listing failed).
    case sourceLoaded(node: String, rows: [SourceRow]?, error: String?)
    /// The annotated assembly of `node` (nil with a message when there is none).
    case assemblyLoaded(node: String, rows: [AssemblyViewRow]?, error: String?)
    /// Live mode: the poller's progress, fetched profiles and failures.
    case live(LiveUpdate)
    /// A live rebuild finished: the profile shown (snapshot or delta) and its view.
    case liveViewReady(generation: Int, profile: Profile, ProfileView)
    /// Loading a large profile off the main loop: phase and fraction done (0...1).
    case loadProgress(phase: String, fraction: Double)
    /// The profile finished loading (replaces the empty placeholder session profile).
    case profileLoaded(Profile)
    /// The profile about to load skipped its merge: the load with it (`Session.fullLoad`).
    case fullLoadDeferred(@Sendable () throws -> Profile)
    /// The side profile of a `-base` diff, loaded with the profile (`AppState.diffSides`).
    case diffSidesLoaded(Profile)
    case growthReady(generation: Int, Result<GrowthTable, PprofError>)
    /// The profiles of the command line one by one (more than one), for the Growth pane.
    case seriesLoaded([SeriesPoint])
    case sourceSidesLoaded(node: String, [String: LineSides])
    case loadFailed(String)
    /// The clock, for the live countdown and the data's age.
    case tick(Date)
    /// The Flame's frames for the view of `generation` were built (stale ones are dropped).
    case flameReady(generation: Int, FlameFrames)
    /// The editor or another external action finished.
    case externalDone(message: String)
    /// A Sandwich count finished (dropped unless it is still the one wanted).
    case sandwichReady(SandwichCount)
    /// The Tags pane's rows of the aggregate of `generation` (dropped when older).
    case tagsReady(generation: Int, [TagsRow])
}

/// Work `update` asks the runner to do; results come back as `AppEvent`s.
package enum Effect: Sendable {
    /// Re-aggregate the profile under the session's options, off the main loop.
    case rebuild(generation: Int, session: Session)
    case runCommand(line: String, session: Session)
    /// Append a prompt line to the history store (it was added to the state's history).
    case saveHistory(line: String)
    /// Run `list` for the node's function under the session's options, off the main loop.
    case loadSource(node: String, function: String, session: Session)
    /// Run `disasm` for the node's function and interleave its source lines, off the main loop.
    case loadAssembly(node: String, function: String, session: Session)
    /// Build the Flame's frames of `view` (the view of `generation`) for the zoom root
    /// `zoom`, off the main loop: on a large profile it takes seconds.
    case buildFlame(generation: Int, zoom: [String], view: ProfileView)
    /// Count the Sandwich's rows of `request` on `view`, off the main loop: a pass over every
    /// sample (`index`: the view's frame names, when a count of it already built them).
    case buildSandwich(SandwichRequest, view: ProfileView, index: FlameIndex?)
    /// The Tags pane's rows of `report` (the aggregate of `generation`), off the main loop.
    case buildTags(generation: Int, report: Report)
    /// The Growth table of the series under the session's options, off the main loop.
    case buildGrowth(generation: Int, points: [SeriesPoint], session: Session)
    /// A diff listing's two sides (`SourcePane.sides`), off the main loop.
    case loadSourceSides(node: String, function: String, sides: Session)
    case openEditor(file: String, line: Int)
    /// Live mode: rebuild from the snapshot/mode in `live` (delta merges off the main loop).
    case rebuildLive(generation: Int, session: Session, live: LiveState)
    case live(LiveCommand)
    case quit
}
