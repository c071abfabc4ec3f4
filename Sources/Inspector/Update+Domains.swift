import CookieCore
import TerminalKit

/// Typing in the domain list (`/` there): the cursor jumps to the first domain that starts
/// with the text, else the first that contains it (case-insensitive), so a host among
/// 78,000 is a few keys away.
public struct DomainJump: Sendable {
  public var query = TextField()
  /// The domain entry chosen before the jump (Esc goes back to it).
  public var startCursor: Int
  public init(startCursor: Int) { self.startCursor = startCursor }

  /// Entries of `domains` (1-based, as the list counts them after "All") that match
  /// `text`: those starting with it first, then those containing it, each in list order.
  static func matches(_ text: String, in domains: [(domain: String, count: Int)]) -> [Int] {
    let needle = text.lowercased()
    guard !needle.isEmpty else { return [] }
    var prefix: [Int] = []
    var inner: [Int] = []
    for (i, d) in domains.enumerated() {
      let name = d.domain.lowercased()
      if name.hasPrefix(needle) {
        prefix.append(i + 1)
      } else if name.contains(needle) {
        inner.append(i + 1)
      }
    }
    return prefix + inner
  }
}

extension AppState {
  // MARK: Domain list

  /// Whether `d` can act: in the domain list it needs a domain (not "All"); in the table
  /// a marked row that is shown, or a selected one.
  var deleteAvailability: Availability {
    if focus == .domains {
      return domainCursor == 0 ? .disabled("Select a domain first: d deletes all of its cookies") : .available
    }
    return deleteTargets.isEmpty ? .disabled("Nothing to delete") : .available
  }

  /// The marked rows that are shown, in display order.
  var shownMarks: [CookieHandle] {
    guard !marks.isEmpty else { return [] }
    return visible.filter { marks.contains($0) }
  }

  /// Every session cookie in the store (whatever the filter shows).
  var sessionCookies: [CookieHandle] {
    store.handles.filter { store[$0].isSession }
  }

  /// `d` in the domain list: all of the chosen host's cookies, or of every host of the
  /// chosen site (`example.com ▸`), as one undoable step.
  mutating func confirmDeleteDomain() {
    let name: String
    let handles: [CookieHandle]
    if let site {
      name = site
      handles = store.handles.filter { AppState.cookie(store[$0], isIn: site) }
    } else if let domain {
      name = domain
      handles = store.handles.filter { store[$0].domain == domain }
    } else {
      return
    }
    guard !handles.isEmpty else { return }
    mode = .confirm(.deleteDomain(name, handles))
  }

  mutating func deleteDomain(_ host: String, _ handles: [CookieHandle]) {
    let at = domainCursor
    let n = store.delete(handles, label: "delete \(handles.count) cookies of \(host)")
    marks.subtract(handles)
    domain = nil
    site = nil
    changed()
    // The next domain takes the deleted one's place (once the list is recounted).
    if derived.revision == store.revision, derived.domainRows.count > 1 {
      chooseDomain(min(at, derived.domainRows.count - 1))
    }
    message = StatusMessage(
      "Deleted \(n) cookie\(n == 1 ? "" : "s") of \(TerminalText.escaped(host)) (u undoes)", .ok)
  }

  /// Chooses `host` in the domain list, expanding its site when it has several hosts.
  mutating func jumpToHost(_ host: String) {
    domain = host
    site = nil
    if let row = domainRowIndex() { chooseDomain(row) }
  }

  mutating func deleteSessions(_ handles: [CookieHandle]) {
    let n = store.delete(handles, label: "delete \(handles.count) session cookies")
    marks.subtract(handles)
    changed()
    message = StatusMessage("Deleted \(n) session cookie\(n == 1 ? "" : "s") (u undoes)", .ok)
  }

  mutating func startDomainJump() {
    focus = .domains
    mode = .domainJump(DomainJump(startCursor: domainCursor))
  }

  mutating func domainJumpAction(_ action: Action, _ key: Key, _ jump: inout DomainJump) {
    // Matches are hosts (of every site, expanded or not): the list is grouped by site.
    switch action {
    case .accept:
      mode = .table
    case .cancel:
      mode = .table
      if domainCursor != jump.startCursor {
        chooseDomain(max(0, min(jump.startCursor, derived.domainRows.count - 1)))
      }
    case .typeText:
      jump.query.handle(key)
      let found = DomainJump.matches(jump.query.text, in: derived.domains)
      if let first = found.first {
        let host = derived.domains[first - 1].domain
        if host != domain { jumpToHost(host) }
        message = nil
      } else if !jump.query.text.isEmpty {
        message = StatusMessage("No domain matches \(TerminalText.escaped(jump.query.text))", .warning)
      }
    case .up, .down:
      let found = DomainJump.matches(jump.query.text, in: derived.domains)
      guard !found.isEmpty else { return }
      let i = found.firstIndex { derived.domains[$0 - 1].domain == domain } ?? -1
      let next = action == .down ? (i + 1) % found.count : (i <= 0 ? found.count - 1 : i - 1)
      jumpToHost(derived.domains[found[next] - 1].domain)
    default: break
    }
  }

  // MARK: Column widths

  /// `<` and `>`: the selected column two columns narrower or wider, never narrower than
  /// its header; remembered with the other view settings.
  mutating func resizeColumn(by delta: Int) {
    let layout = Layout(self)
    let shown = shownColumns
    guard let i = shown.firstIndex(of: column) else { return }
    let available = max(1, layout.table.width - Layout.gutter)
    let current = Layout.columnWidths(self, shown: shown, available: available)[i]
    let minimum = Layout.headerMinimum(column, self)
    let target = max(minimum, min(available, current + delta))
    columnWidths[column] = target
    message = StatusMessage("\(column.title): \(target) columns wide")
  }
}
