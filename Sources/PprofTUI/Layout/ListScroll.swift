/// A selected row in a list and the first row shown, for every pane that lists rows.
package struct ListScroll: Sendable, Equatable {
    package var selection = 0
    package var scroll = 0

    package init(selection: Int = 0, scroll: Int = 0) {
        self.selection = selection
        self.scroll = scroll
    }

    /// Moves the selection by `delta` rows (saturating, so Home/End may pass huge deltas).
    package mutating func move(by delta: Int, count: Int) {
        let (sum, overflow) = selection.addingReportingOverflow(delta)
        selection = max(0, min(overflow ? (delta > 0 ? count - 1 : 0) : sum, count - 1))
    }

    /// Keeps the selection inside `count` rows and the scroll such that it is among the
    /// `visible` rows shown.
    package mutating func clamp(count: Int, visible: Int) {
        let h = max(1, visible)
        selection = max(0, min(selection, count - 1))
        if selection < scroll {
            scroll = selection
        } else if selection >= scroll + h {
            scroll = selection - h + 1
        } else {
            scroll = max(0, scroll)
        }
    }

    /// Selects row `i`, optionally scrolling so it sits mid-screen.
    package mutating func select(_ i: Int, count: Int, visible: Int, center: Bool) {
        selection = max(0, min(i, count - 1))
        if center { scroll = max(0, selection - max(1, visible) / 2) }
        clamp(count: count, visible: visible)
    }

    /// The row drawn at body row `row`.
    package func row(at bodyRow: Int) -> Int { scroll + bodyRow }
}
