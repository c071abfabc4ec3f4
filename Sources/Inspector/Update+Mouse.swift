import TerminalKit

/// What the mouse does in the table (listed for the help screen in `Bindings.mouseHelp`).
extension AppState {
  mutating func handleMouse(_ m: MouseEvent) {
    guard case .table = mode else { return }
    let layout = Layout(self)
    switch m.kind {
    case .wheelUp, .wheelDown:
      let d = m.kind == .wheelUp ? -3 : 3
      if let r = layout.domains, r.contains(x: m.x, y: m.y) {
        focus = .domains
      } else {
        focus = .table
      }
      move(d)
    case .press:
      if let r = layout.domains, r.contains(x: m.x, y: m.y) {
        let i = m.y - r.y - 1 + domainTop(layout)
        if m.y > r.y, i >= 0, i < derived.domainRows.count {
          focus = .domains
          // A second click on the chosen site shows or hides its hosts.
          if i == domainCursor, case .site(let si) = derived.domainRows[i], site == derived.sites[si].site {
            if expandedSites.contains(site ?? "") { collapseSite() } else { expandSite() }
          } else {
            chooseDomain(i)
          }
        }
        return
      }
      let t = layout.table
      guard t.contains(x: m.x, y: m.y) else { return }
      focus = .table
      if m.y == t.y {
        for c in layout.columns where m.x >= c.x + t.x && m.x < c.x + t.x + c.width {
          let desc = sort?.column == c.id && sort?.descending == false
          column = c.id
          requestSort(SortOrder(column: c.id, descending: desc))
        }
        return
      }
      let row = top + (m.y - t.y - 1)
      if row < visible.count {
        cursor = row
        for c in layout.columns where m.x >= c.x + t.x && m.x < c.x + t.x + c.width { column = c.id }
        scrollToCursor()
      }
    }
  }

  /// The first domain entry on screen (the list scrolls to keep the cursor visible).
  func domainTop(_ layout: Layout) -> Int {
    guard let r = layout.domains else { return 0 }
    let rows = max(1, r.height - 1)
    return max(0, domainCursor - rows + 1)
  }
}
