package struct FlameState: Sendable, Equatable {
    /// Zoom root as the path of names from the profile root ([] = whole profile).
    package var root: [String] = []
    /// Selected frame as a path of names.
    package var selected: [String] = []
}
