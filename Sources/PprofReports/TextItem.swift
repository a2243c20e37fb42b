/// One row of the `top` report (pprof `report.TextItem`), shared by the text output and
/// the TUI. `name` is raw: pass it through `sanitizeForTerminal` before drawing it.
package struct TextItem: Sendable, Equatable {
    package var name: String
    /// "(inline)", "(partial-inline)" or "".
    package var inlineLabel: String
    package var flat: Int64
    package var cum: Int64
    package var flatFormat: String
    package var cumFormat: String
    /// The node's function name (`NodeInfo.name`), which `list` needs to open its source.
    package var functionName: String = ""

    package init(name: String, inlineLabel: String, flat: Int64, cum: Int64, flatFormat: String, cumFormat: String) {
        self.name = name
        self.inlineLabel = inlineLabel
        self.flat = flat
        self.cum = cum
        self.flatFormat = flatFormat
        self.cumFormat = cumFormat
    }
}
