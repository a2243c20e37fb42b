import PprofModel

package struct SourceState: Sendable, Equatable {
    /// The Top/Tree name of the node shown.
    package var node: String?
    /// Its function name (what `list` matches).
    package var function: String = ""
    /// `list`'s rows; nil until loaded (or when the listing failed, then `missing` says why).
    package var rows: [SourceRow]?
    package var missing: String?
    /// Row index of the cursor.
    package var cursor = 0
    package var scroll = 0
}
