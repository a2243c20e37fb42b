package struct OutputState: Sendable, Equatable {
    package var title = ""
    package var lines: [String] = []
    package var scroll = 0
}
