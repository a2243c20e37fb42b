/// One row of the command table: the prompt, `help`, completion and the TUI hint bar all read it.
package struct CommandSpec: Sendable, Equatable {
    package var name: String
    /// e.g. "top [n] [-cum] [regex]".
    package var usage: String
    /// One line, shown in `help` listings and the hint bar.
    package var summary: String
    /// Longer text for `help <command>`.
    package var detail: String
    /// The output format the command produces (nil for shell commands such as help/quit).
    package var format: OutputFormat?
    /// Whether the first non-flag argument is a regex selecting symbols (list, peek, top re).
    package var takesSymbol: Bool
}

/// One `name=value` option of the shell (pprof's configurable variables).
package struct OptionSpec: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case bool, int, float, string, choice([String]) }
    package var name: String
    package var kind: Kind
    package var summary: String
}

/// The single command table (pprof's `internal/driver/commands.go` plays this role).
package enum CommandTable {
    package static var commands: [CommandSpec] { [] }
    package static var options: [OptionSpec] { [] }
    /// Commands, options (`name=`) and sample type names starting with `prefix`, sorted.
    package static func completions(prefix: String, sampleTypes: [String]) -> [String] { [] }
}
