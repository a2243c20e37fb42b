package struct TopState: Sendable, Equatable {
    package var selection = 0
    package var scroll = 0
}
