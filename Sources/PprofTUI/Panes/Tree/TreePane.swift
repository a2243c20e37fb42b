package struct TreeState: Sendable, Equatable {
    package var center: String?
    package var rows: [AppState.TreeRow] = []
    /// Row index over callers, centre, callees.
    package var selection = 0
    package var scroll = 0
}
