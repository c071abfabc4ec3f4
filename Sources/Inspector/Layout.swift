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
    if w >= 72 {
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

  /// Fixed widths for every column but Value, which takes the rest; when they do not all
  /// fit, the table scrolls sideways to keep the selected column in view.
  static func placeColumns(_ s: AppState, width: Int) -> [(id: ColumnID, x: Int, width: Int)] {
    let shown = s.shownColumns
    guard !shown.isEmpty, width > 0 else { return [] }
    var widths = shown.map { c -> Int in
      let preferred = c.preferredWidth(s.timeDisplay)
      guard let content = s.derived.contentWidths[c] else { return preferred }
      // Narrow text columns to their content, keeping room for a cut title (`Pa…`).
      return min(preferred, max(content, min(DisplayWidth.of(c.title), 4)))
    }
    if let vi = shown.firstIndex(of: .value) {
      // Value is what people come for: it keeps a good share even when the columns to
      // its right must scroll out of view.
      widths = TableWidget.fit(
        widths: widths, flexible: vi, available: width - Layout.gutter, minFlex: max(12, min(32, width / 5)))
    }
    // First column index so that the selected one fits.
    let sel = shown.firstIndex(of: s.column) ?? 0
    var first = 0
    func span(_ a: Int, _ b: Int) -> Int {
      var t = 0
      for i in a...b { t += widths[i] + 1 }
      return t - 1
    }
    while first < sel && span(first, sel) > width - Layout.gutter { first += 1 }
    var out: [(ColumnID, Int, Int)] = []
    var x = Layout.gutter
    for i in first..<shown.count {
      if x >= width { break }
      out.append((shown[i], x, min(widths[i], width - x)))
      x += widths[i] + 1
    }
    return out
  }
}
