import Foundation
import PprofModel
import PprofReports

/// No format flag: the terminal UI when both ends are terminals, else pprof's line shell.
enum Interactive {
    static func run(_ loaded: ProfileLoader.Loaded, inv: Invocation, io: DriverIO) -> Int32 {
        var session = loaded.session(inv, io: io)
        if io.stdinIsTerminal && io.stdoutIsTerminal {
            return TerminalUI.run(session: session, title: loaded.title, firstFetch: loaded.fetched, sides: loaded.sides, series: loaded.series, inv: inv, io: io)
        }
        return LineShell.run(&session, io: io)
    }
}

/// pprof's interactive mode over standard input: `(pprof) ` prompts, reports on stdout,
/// notes and errors on stderr, until `quit` or end of input.
enum LineShell {
    static func run(_ session: inout Session, io: DriverIO) -> Int32 {
        io.writeErr(greeting(session))
        while true {
            // Output that could not be written ends the shell (the driver reports it, exit 1).
            if io.outputError() != nil { return 0 }
            io.writeOut(Array("(pprof) ".utf8))
            guard let line = io.readLine() else {
                return 0
            }
            let outcome = session.execute(line)
            for w in session.warnings { io.writeErr(Driver.oneLine(w) + "\n") }
            switch outcome {
            case .output(let text):
                if session.lastOutputIsInfo { io.writeErr(text) } else { io.writeOut(Array(text.utf8)) }
            case .message(let m): io.writeErr(Driver.oneLine(m) + "\n")
            case .error(let e): io.writeErr(Driver.oneLine(e) + "\n")
            case .quit: return 0
            case .none: break
            }
        }
    }

    /// pprof's `greetings`: the profile's labels, a hint when the default type is empty.
    static func greeting(_ session: Session) -> String {
        // pprof's greeting identifies the numeric label units first, with its warnings.
        var out = session.profile.identifyNumLabelUnits().warnings.map { Driver.oneLine($0) + "\n" }.joined()
        if let report = try? session.prepareReport(command: "top") {
            let labels = report.profileLabels()
            if !labels.isEmpty { out += labels.joined(separator: "\n") + "\n" }
            if report.total == 0 && session.profile.sampleTypes.count > 1 {
                out += "No samples were found with the default sample value type.\n"
                // pprof prints this with a trailing "\n" argument, which only ends the line.
                out += "Try \"sample_index\" command to analyze different sample values.\n"
            }
        }
        return out + "Entering interactive mode (type \"help\" for commands, \"o\" for options)\n"
    }
}
