/// docs/KEYS.md, generated from the key table (`PPROF_RECORD=1 swift test --filter
/// keysDoc` rewrites it; the test fails when the page and the table disagree).
extension KeyMap {
    /// The key's name as the docs spell it.
    static func docLabel(_ k: Key) -> String {
        switch k {
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .alt(let c): return "Alt-" + String(c).uppercased()
        case .backspace: return "Backspace"
        case .backTab: return "Shift-Tab"
        default: return k.label
        }
    }

    package static func markdown() -> String {
        var out = """
            # pprof-tui keys

            The key map lives in one table (`Sources/PprofTUI/KeyMap.swift`); the hint bar, the `?`/F1 help
            overlay and this page come from it.

            | Keys | Action | Shell equivalent |
            |---|---|---|

            """
        for b in bindings {
            let keys = b.keys.map { "`" + docLabel($0) + "`" }.joined(separator: ", ")
            out += "| " + keys + " | " + b.help + " | " + (b.command ?? "") + " |\n"
        }
        out += "\n" + sections + "## Prompt keys\n\n| Keys | Action |\n|---|---|\n"
        for b in PromptKeys.bindings {
            out += "| " + b.keys.map { "`" + docLabel($0) + "`" }.joined(separator: ", ") + " | " + b.help + " |\n"
        }
        out += "\n## Columns\n\n"
        for (name, text) in columnHelp { out += "- **" + name + "**: " + text + ".\n" }
        return out
    }

    static let sections = """
        ## Prompt (`:`)

        Accepts what `go tool pprof`'s interactive mode accepts (`top10`, `top -cum`, `list re`, `peek re`,
        `tree`, `traces`, `tags`, `name=value` options such as `focus=`, `sample_index=`, `granularity=`,
        `help [command]`). Output appears in the Output pane exactly as the batch report prints it.
        Readline keys edit the line (table below). The history is kept across runs in
        `$XDG_STATE_HOME/pprof-tui/history` (by default `~/.local/state/pprof-tui/history`; the last
        1000 commands, repeats in a row kept once): Up/Down browse it, Ctrl-R searches it. Tab completes
        command names, option names (`sample_index=`, `focus=`, ...), option values (sample types,
        granularities, `true`/`false`) and function names, which it inserts quoted as a regex
        (`main\\.\\(\\*T\\)\\.M`). Esc cancels the prompt.

        ## Search (`/`)

        Type a regex and Enter: the status bar shows how many names match and their share of the total;
        `n`/`N` move between matches (in the Source pane they move between lines with cost).

        ## Live mode

        With a debug URL as the source (`pprof-tui -refresh=10s http://host:6060/debug/pprof/allocs`),
        the profile is fetched again in the background every `-refresh` (or on `R`). The status bar shows
        the fetch in flight (a progress bar for timed profiles) or the countdown to the next one, which
        snapshot is shown and the data's age. A failed fetch is a status message; the last good view
        stays. The last 10 snapshots are kept: `<`/`>` step through them, `d` shows what changed since the
        previous snapshot (pprof's `-base`, for cumulative types: allocs, block, mutex, heap `alloc_*`),
        `c` shows the latest snapshot minus the one selected. Selection and scroll survive refreshes.

        ## Esc and Backspace

        Esc cancels and never moves you: the prompt or search being typed, the search highlight, keys
        still waiting for a pane being built. Backspace goes back to where you were (in the Flame it zooms
        out); `]` goes forward again.

        ## Small terminals

        The hint bar shows what Enter, Backspace, Space and `/` do in the current pane, most useful first,
        and always keeps `? help` and `q quit`. Below about 70 columns the Top drops `sum%`, then `flat%`
        and `cum%`, so names stay readable; tabs shrink to their numbers. In the Source pane `h`/`l` (or
        the arrows) scroll long lines; when a file is not found it names the path tried and the options
        that fix it (`:source_path=DIR`, `:trim_path=PREFIX`).

        ## Mouse

        Click selects a row (or a flame frame), a click on a tab switches to it; the wheel scrolls.


        """
}
