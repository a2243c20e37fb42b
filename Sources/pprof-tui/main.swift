import Foundation
import PprofCLI

// A closed pipe (`pprof-tui -raw x | head`) must end output quietly, not kill the process.
signal(SIGPIPE, SIG_IGN)
exit(Driver.run(Array(CommandLine.arguments.dropFirst()), io: .process()))
