/// One column of a table as the widget sees it: a title, a width in columns, alignment.
public struct TableColumnLayout: Hashable, Sendable {
  public var title: String
  public var width: Int
  public var alignRight: Bool
  public init(title: String, width: Int, alignRight: Bool = false) {
    self.title = title
    self.width = width
    self.alignRight = alignRight
  }
}

/// A table: a header row and rows of cells, each cut to its column with `…`. Only the rows
/// that fit are asked for (`cell(row, column)`), so the table costs the same for ten
/// rows or a million.
public enum TableWidget {
  /// Splits `available` columns among widths: fixed columns keep theirs, the flexible one
  /// (if any) takes what is left, never less than `minFlex`.
  public static func fit(widths: [Int], flexible: Int?, available: Int, minFlex: Int = 8) -> [Int] {
    var w = widths
    guard let f = flexible, f < w.count else { return w }
    let gaps = max(0, w.count - 1)
    let others = w.enumerated().reduce(0) { $0 + ($1.offset == f ? 0 : $1.element) }
    w[f] = max(minFlex, available - others - gaps)
    return w
  }

  /// Draws the header and the rows `first..<first+rect.height-1`.
  public static func render(
    columns: [TableColumnLayout], in rect: Rect, into buf: inout Buffer, headerStyle: (Int) -> Style,
    rowCount: Int, first: Int, rowStyle: (Int) -> Style,
    cell: (_ row: Int, _ column: Int) -> (text: String, style: Style?)
  ) {
    guard rect.height > 0, rect.width > 0 else { return }
    buf.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: Style(.header))
    var x = rect.x
    for (i, c) in columns.enumerated() {
      if x >= rect.maxX { break }
      let w = min(c.width, rect.maxX - x)
      buf.putPadded(c.title, x: x, y: rect.y, width: w, style: headerStyle(i), alignRight: c.alignRight)
      x += c.width + 1
    }
    for r in 0..<(rect.height - 1) {
      let row = first + r
      let y = rect.y + 1 + r
      guard row < rowCount else {
        buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1))
        continue
      }
      let base = rowStyle(row)
      buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
      var cx = rect.x
      for (i, c) in columns.enumerated() {
        if cx >= rect.maxX { break }
        let w = min(c.width, rect.maxX - cx)
        let (text, style) = cell(row, i)
        buf.putPadded(text, x: cx, y: y, width: w, style: style ?? base, alignRight: c.alignRight)
        cx += c.width + 1
      }
    }
  }
}
