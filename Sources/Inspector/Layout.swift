import TerminalKit

/// Where each pane goes for a state's size. `render` draws into it and `update` uses the
/// same layout to scroll and to hit-test mouse clicks, so the two always agree.
struct Layout {
  var domains: Rect?
  /// The table including its header row.
  var table: Rect
  var detail: Rect?
  var statusY: Int
  var footerY: Int
  /// Table columns as placed: id, x, width.
  var columns: [(id: ColumnID, x: Int, width: Int)] = []

  /// Columns left of the cells: selection arrow, mark, issue or change.
  static let gutter = 3

  /// Rows of cookies that fit under the header.
  var tableRows: Int { max(0, table.height - 1) }

  init(_ s: AppState) {
    let w = max(1, s.width)
    let h = max(1, s.height)
    statusY = max(0, h - 2)
    footerY = h - 1
    var main = Rect(x: 0, y: 0, width: w, height: max(0, h - 2))
    // The domain pane only when the table keeps room for its main columns (devtools' left pane).
    if Layout.showsDomains(s) {
      let dw = min(24, max(18, w / 6))
      let (left, rest) = main.splitLeft(dw)
      domains = left
      main = Rect(x: rest.x + 1, y: rest.y, width: rest.width - 1, height: rest.height)
    }
    if s.showDetail {
      if main.height >= 14 {
        // The pane is as tall as its content (title included), at most three fifths of the
        // main area: a small cookie leaves the table its rows.
        let most = main.height - max(5, main.height * 2 / 5)
        let content = max(2, s.detailContent(width: main.width - 1).count + 1)
        let th = main.height - min(most, content)
        let (t, d) = main.splitTop(th)
        table = t
        detail = d
      } else {
        // Small screens: the detail pane takes the whole main area.
        table = Rect(x: main.x, y: main.y, width: main.width, height: 0)
        detail = main
      }
    } else {
      table = main
    }
    columns = Layout.placeColumns(s, width: table.width)
  }

  /// The domain list shows from 100 columns on, and on narrower screens (down to 72) while
  /// it has focus (Tab): below 100 the table needs the room for its six main columns.
  static func showsDomains(_ s: AppState) -> Bool {
    s.width >= 100 || (s.width >= domainsMinimumWidth && s.focus == .domains)
  }

  /// The narrowest screen that can show the domain list at all.
  static let domainsMinimumWidth = 72

  /// The columns that must fit side by side (shrunk when the screen is narrow): what a row
  /// is read for. The others keep their width and scroll into view.
  static let mainColumns: Set<ColumnID> = [.name, .value, .domain, .path, .expires, .flags]

  /// Name stays at the left while the columns after it scroll sideways to keep the selected
  /// one in view. A column is drawn cut only when its header still fits whole.
  static func placeColumns(_ s: AppState, width: Int) -> [(id: ColumnID, x: Int, width: Int)] {
    let shown = s.shownColumns
    guard !shown.isEmpty, width > 0 else { return [] }
    let available = width - Layout.gutter
    let widths = columnWidths(s, shown: shown, available: available)
    let pinned = shown[0] == .name ? 1 : 0
    let sel = shown.firstIndex(of: s.column) ?? 0
    func span(_ a: Int, _ b: Int) -> Int {
      guard a <= b else { return 0 }
      var t = 0
      for i in a...b { t += widths[i] + 1 }
      return t - 1
    }
    let pinnedSpan = pinned == 1 ? widths[0] + 1 : 0
    var first = pinned
    while first < sel && pinnedSpan + span(first, sel) > available { first += 1 }
    var out: [(ColumnID, Int, Int)] = []
    var x = Layout.gutter
    for i in Array(0..<pinned) + Array(first..<shown.count) {
      let room = width - x
      guard room > 0 else { break }
      if widths[i] > room {
        if room >= headerMinimum(shown[i], s) { out.append((shown[i], x, room)) }
        break
      }
      out.append((shown[i], x, widths[i]))
      x += widths[i] + 1
    }
    return out
  }

  /// The narrowest a column's header allows: its short title, and the sort arrow.
  static func headerMinimum(_ c: ColumnID, _ s: AppState) -> Int {
    DisplayWidth.of(c.shortTitle) + (s.sort?.column == c ? 2 : 0)
  }

  /// Each shown column's width: the user's (`<`/`>`), else its content's up to a preferred
  /// width, never under its header. When the main columns do not fit side by side, the
  /// widest of them give up a column at a time down to their minimum; Value takes what is
  /// left once every column that fits is placed.
  static func columnWidths(_ s: AppState, shown: [ColumnID], available: Int) -> [Int] {
    let valueShare = max(12, min(32, available / 5))
    var w = shown.map { c -> Int in
      let head = headerMinimum(c, s)
      if let fixed = s.columnWidths[c] { return max(head, fixed) }
      if c == .value { return valueShare }
      let preferred = c.preferredWidth(s.timeDisplay)
      guard let content = s.derived.contentWidths[c] else { return max(head, preferred) }
      return max(head, min(preferred, content))
    }
    let main = shown.indices.filter { mainColumns.contains(shown[$0]) }
    var total = main.reduce(0) { $0 + w[$1] } + max(0, main.count - 1)
    let shrinkable = main.filter { s.columnWidths[shown[$0]] == nil }
    while total > available {
      var pick: Int? = nil
      for i in shrinkable where w[i] > max(shown[i].minimumWidth, headerMinimum(shown[i], s)) {
        if pick == nil || w[i] >= w[pick!] { pick = i }
      }
      guard let i = pick else { break }
      w[i] -= 1
      total -= 1
    }
    // A narrowed Expires takes the width of the shorter form it then shows.
    if let ei = shown.firstIndex(of: .expires), s.columnWidths[.expires] == nil {
      let natural = s.derived.expiryWidths[.full] ?? w[ei]
      if w[ei] < natural {
        let form = CookieText.form(fitting: w[ei], display: s.timeDisplay, widths: s.derived.expiryWidths)
        let fw = s.derived.expiryWidths[form] ?? CookieText.formWidth(form)
        w[ei] = max(headerMinimum(.expires, s), min(w[ei], fw))
      }
    }
    // Value takes the room left after the columns that fit whole.
    if let vi = shown.firstIndex(of: .value), s.columnWidths[.value] == nil {
      var used = 0
      for i in shown.indices {
        let next = used + (used == 0 ? 0 : 1) + w[i]
        if next > available { break }
        used = next
      }
      if used < available { w[vi] += available - used }
    }
    return w
  }
}
