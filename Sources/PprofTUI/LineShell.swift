import PprofReports

/// The non-terminal shell: `(pprof) ` prompts over input lines, output exactly as the batch
/// commands print it (so `echo top10 | pprof-tui p.pb.gz` behaves like `go tool pprof`).
package func runLineShell(session: Session, input: () -> String?, output: (String) -> Void) -> Int32 {
    var s = session
    while true {
        output("(pprof) ")
        guard let line = input() else { break }
        switch s.execute(line) {
        case .output(let text): output(text)
        case .message(let m): output(m.hasSuffix("\n") ? m : m + "\n")
        case .error(let m): output(m.hasSuffix("\n") ? m : m + "\n")
        case .quit: return 0
        case .none: break
        }
    }
    return 0
}
